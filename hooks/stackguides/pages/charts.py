"""Geometry for the build-time SVG pictures: the technology radar and cost charts.

Only numbers are computed here; the SVG markup lives in the templates
(``radar.jinja.md``, ``guide.jinja.md``). Positions are deterministic: the
same catalog always draws the same picture.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from stackguides.catalog import Catalog, Entry
from stackguides.validate.models import CostEstimate

RADAR_SIZE = 640
RINGS = ("recommended", "solid", "legacy", "avoid")
RING_RADII = (130, 205, 260, 305)  # outer radius of each ring, from the centre
QUADRANTS = {
    "frameworks": ("Frameworks and APIs", 180, 270),
    "data": ("Data", 270, 360),
    "tooling": ("Tooling", 90, 180),
    "platforms": ("Platforms and AI", 0, 90),
}


@dataclass(frozen=True)
class RadarDot:
    """A tool on the radar: where to draw it and what it links to."""

    id: str
    name: str
    verdict: str
    quadrant: str
    x: float
    y: float


def _unit(key: str) -> float:
    """A stable pseudo-random number in [0, 1) from a string."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0x100000000


def radar_cells(catalog: Catalog) -> dict[tuple[str, str], list[Entry]]:
    """Every tool by (quadrant, verdict), alphabetically within each cell."""
    cells: dict[tuple[str, str], list[Entry]] = {}
    for entry in sorted(catalog.tools.values(), key=lambda e: (e.data.name.lower(), e.id)):
        quadrant = catalog.categories[entry.data.category].data.quadrant
        cells.setdefault((quadrant, entry.data.verdict), []).append(entry)
    return dict(sorted(cells.items()))


def radar_dots(catalog: Catalog, per_cell: int) -> list[RadarDot]:
    """A dot per tool, at most ``per_cell`` per quadrant and ring: quadrant from the category, ring from the verdict.

    Where a cell holds more tools than that, the ones guides, comparisons and
    FAQs mention most are drawn (then alphabetical order), so the picture stays
    readable and the page stays the same size however large the catalog grows.
    """
    centre = RADAR_SIZE / 2
    mentions = catalog.mentions
    dots = []
    for (quadrant, verdict), cell in radar_cells(catalog).items():
        entries = cell
        if len(cell) > per_cell:
            ranked = sorted(cell, key=lambda e: (-len(mentions.get(e.id, [])), e.data.name.lower(), e.id))
            chosen = {entry.id for entry in ranked[:per_cell]}
            entries = [entry for entry in cell if entry.id in chosen]
        ring = RINGS.index(verdict)
        inner = RING_RADII[ring - 1] if ring else 0
        outer = RING_RADII[ring]
        _, start, end = QUADRANTS[quadrant]
        for index, entry in enumerate(entries):
            # Spread dots evenly across the quadrant, jitter the radius inside the ring band.
            angle = math.radians(start + 6 + (end - start - 12) * (index + 0.5) / len(entries))
            radius = inner + 14 + (outer - inner - 28) * _unit(entry.id)
            dots.append(
                RadarDot(
                    entry.id,
                    entry.data.name,
                    verdict,
                    quadrant,
                    round(centre + radius * math.cos(angle), 1),
                    round(centre + radius * math.sin(angle), 1),
                )
            )
    return dots


@dataclass(frozen=True)
class CostBar:
    """One tier of a cost chart, in chart coordinates (0 to 100)."""

    name: str
    start: float
    end: float
    open_ended: bool
    label: str


def cost_bars(cost: CostEstimate, money) -> list[CostBar]:
    """Bars from each tier's low to high figure on a shared scale; open tiers run to the edge."""
    highest = max(max(tier.low, tier.high or 0) for tier in cost.tiers) or 1
    scale = highest * (1.25 if any(tier.high is None for tier in cost.tiers) else 1.0)
    bars = []

    def label(amount: int) -> str:
        return money(amount, cost.currency)

    for tier in cost.tiers:
        end = 100.0 if tier.high is None else 100 * tier.high / scale
        text = f"{label(tier.low)}+" if tier.high is None else f"{label(tier.low)}–{label(tier.high)}"
        bars.append(
            CostBar(tier.name, round(100 * tier.low / scale, 2), round(end, 2), tier.high is None, text)
        )
    return bars
