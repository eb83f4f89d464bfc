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


CHART_WIDTH = 360  # viewBox units: about 1 CSS px on a 390 px phone, scaled up to 30rem on a desktop
CHART_LEFT = 8
CHART_RIGHT = CHART_WIDTH - 8
ROW_HEIGHT = 44  # tier name on one line, its bar below
BAR_HEIGHT = 18
LABEL_SIZE = 12  # font size of names, bar labels and ticks (px, in viewBox units)
CHAR_WIDTH = 0.62 * LABEL_SIZE  # a generous average glyph width for digits, $, k and the dash
GAP = 6


@dataclass(frozen=True)
class CostBar:
    """One tier of the cost chart, in viewBox units: where its bar and its label go."""

    name: str
    x: float
    y: float
    width: float
    open_ended: bool
    label: str
    label_x: float
    label_y: float
    label_anchor: str  # "start" or "end"
    label_inside: bool  # drawn on the bar (contrasting text) rather than beside it
    name_y: float


@dataclass(frozen=True)
class CostTick:
    """A tick on the cost axis and its label."""

    x: float
    label: str
    anchor: str


@dataclass(frozen=True)
class CostChart:
    """The whole cost chart: bars, an axis with ticks, and the size of the picture."""

    bars: list[CostBar]
    ticks: list[CostTick]
    axis_y: float
    axis_title: str
    width: int
    height: float


def compact_money(amount: float, currency: str) -> str:
    """``25000, "USD"`` -> ``$25k``; ``1500000`` -> ``$1.5M``: short enough to sit beside a bar."""
    number, suffix = f"{amount:g}", ""
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if amount >= size:
            number, suffix = f"{amount / size:.1f}".removesuffix(".0"), unit
            break
    symbols = {"USD": "$", "EUR": "€", "GBP": "£"}
    symbol = symbols.get(currency)
    return f"{symbol}{number}{suffix}" if symbol else f"{number}{suffix} {currency}"


def text_width(text: str) -> float:
    """An upper estimate of how wide ``text`` is drawn at the chart's label size."""
    return len(text) * CHAR_WIDTH


def _tick_step(top: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) that splits ``top`` into at most 5 parts."""
    magnitude = 10 ** math.floor(math.log10(top / 5)) if top > 5 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if top / (factor * magnitude) <= 5:
            return factor * magnitude
    return 10 * magnitude


def _label_place(start: float, end: float, width: float) -> tuple[float, str, bool] | None:
    """Where a bar's label fits: beside its end, inside it, or before its start; ``None`` if nowhere."""
    if end + GAP + width <= CHART_RIGHT:
        return end + GAP, "start", False
    if end - start >= width + 2 * GAP:
        return end - GAP, "end", True
    if start - GAP - width >= CHART_LEFT:
        return start - GAP, "end", False
    return None


def cost_chart(cost: CostEstimate) -> CostChart:
    """The cost chart's geometry: a bar from each tier's low to high figure on a shared axis.

    Open-ended tiers run to the end of the axis. Each label goes beside its bar, inside it
    or before it, wherever it fits; failing all three, at the end of the tier's name line,
    so no label leaves the picture or covers another.
    """
    highest = max(max(tier.low, tier.high or 0) for tier in cost.tiers) or 1
    top = highest * (1.25 if any(tier.high is None for tier in cost.tiers) else 1.0)
    step = _tick_step(top)
    axis_max = math.ceil(top / step - 1e-9) * step
    span = CHART_RIGHT - CHART_LEFT

    def x_of(amount: float) -> float:
        return round(CHART_LEFT + span * amount / axis_max, 2)

    bars = []
    for index, tier in enumerate(cost.tiers):
        name_y = index * ROW_HEIGHT + 14
        y = name_y + 6
        start = x_of(tier.low)
        end = CHART_RIGHT if tier.high is None else max(x_of(tier.high), start + 2)
        low = compact_money(tier.low, cost.currency)
        label = f"{low}+" if tier.high is None else f"{low}–{compact_money(tier.high, cost.currency)}"
        place = _label_place(start, end, text_width(label))
        if place is None:
            label_x, anchor, inside, label_y = CHART_RIGHT, "end", False, name_y
        else:
            (label_x, anchor, inside), label_y = place, y + BAR_HEIGHT / 2 + LABEL_SIZE * 0.35
        bars.append(
            CostBar(
                name=tier.name,
                x=start,
                y=y,
                width=round(end - start, 2),
                open_ended=tier.high is None,
                label=label,
                label_x=round(label_x, 2),
                label_y=round(label_y, 2),
                label_anchor=anchor,
                label_inside=inside,
                name_y=name_y,
            )
        )
    axis_y = len(cost.tiers) * ROW_HEIGHT + 6
    count = round(axis_max / step)
    ticks = [
        CostTick(
            x_of(step * n),
            compact_money(step * n, cost.currency),
            "start" if n == 0 else "end" if n == count else "middle",
        )
        for n in range(count + 1)
    ]
    return CostChart(bars, ticks, axis_y, f"Cost in {cost.currency}", CHART_WIDTH, axis_y + 40)
