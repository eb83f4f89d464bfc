"""Geometry for the build-time SVG pictures: the technology radar and cost charts.

Only numbers are computed here; the SVG markup lives in the templates
(``radar.jinja.md``, ``guide.jinja.md``). Positions are deterministic: the
same catalog always draws the same picture. Radar blips sit on a hexagonal
grid, so they never overlap, and are big enough to tap on a phone.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass
from functools import cache

from stackguides.catalog import Catalog, Entry
from stackguides.validate.models import CostEstimate

RINGS = ("recommended", "solid", "legacy", "avoid")
QUADRANTS = {
    # key: (name, where the radar's centre is in the quadrant's own picture)
    "frameworks": ("Frameworks and libraries", "bottom-right"),
    "data": ("Data and messaging", "bottom-left"),
    "tooling": ("Developer tooling", "top-right"),
    "platforms": ("Platforms, languages and AI", "top-left"),
}

QUADRANT_SIZE = 440  # each quadrant is its own square picture, this many units wide
OUTER_RADIUS = 430.0
BLIP_RADIUS = 15.0  # 24.4 px across on a 390 px phone, where the picture is 358 px wide
BLIP_GAP = 4.0
EDGE = BLIP_RADIUS + 5  # blips keep clear of the axes by this much
RING_MARGIN = BLIP_RADIUS + 2  # and of the ring lines by this much
LABEL_STRIP = BLIP_RADIUS + 22  # and of the edge that carries the ring labels by this much


@dataclass(frozen=True)
class RadarBlip:
    """A numbered tool on the radar: where to draw it and what it links to."""

    number: int
    id: str
    name: str
    verdict: str
    quadrant: str
    x: float
    y: float


@dataclass(frozen=True)
class RadarQuadrant:
    """One quadrant's picture: its rings, its blips, and the tools it could not draw."""

    key: str
    name: str
    categories: list[Entry]  # the categories whose tools it holds, in home page order
    centre: tuple[float, float]
    blips: list[RadarBlip]
    more: dict[str, int]  # verdict: tools of that ring not drawn


@dataclass(frozen=True)
class Radar:
    """Every quadrant, the shared ring radii, and how many tools there are in all."""

    quadrants: list[RadarQuadrant]
    radii: tuple[float, ...]
    ring_labels: list[tuple[str, float, float]]  # verdict, x and y along the picture's edge (canonical)
    total: int

    @property
    def drawn(self) -> int:
        """How many tools have a blip."""
        return sum(len(quadrant.blips) for quadrant in self.quadrants)


def radar_cells(catalog: Catalog) -> dict[tuple[str, str], list[Entry]]:
    """Every tool by (quadrant, verdict), alphabetically within each cell."""
    cells: dict[tuple[str, str], list[Entry]] = {}
    for entry in sorted(catalog.tools.values(), key=lambda e: (e.data.name.lower(), e.id)):
        quadrant = catalog.categories[entry.data.category].data.quadrant
        cells.setdefault((quadrant, entry.data.verdict), []).append(entry)
    return dict(sorted(cells.items()))


def _grid_points() -> list[tuple[float, float]]:
    """Candidate blip centres: a hexagonal grid over one quadrant, centre at (0, 0), x and y >= 0."""
    step = 2 * BLIP_RADIUS + BLIP_GAP
    points = []
    row = 0
    y = LABEL_STRIP
    while y <= OUTER_RADIUS:
        x = EDGE + (step / 2 if row % 2 else 0)
        while x <= OUTER_RADIUS:
            points.append((x, y))
            x += step
        y += step * math.sqrt(3) / 2
        row += 1
    return points


def _ring_slots(radii: tuple[float, ...]) -> list[list[tuple[float, float]]]:
    """For each ring, the grid points whose blip lies wholly inside it, ordered by angle then distance."""
    slots: list[list[tuple[float, float]]] = [[] for _ in radii]
    for x, y in _grid_points():
        distance = math.hypot(x, y)
        for ring, outer in enumerate(radii):
            inner = radii[ring - 1] if ring else 0.0
            if inner + RING_MARGIN <= distance <= outer - RING_MARGIN:
                slots[ring].append((x, y))
                break
    for points in slots:
        points.sort(key=lambda p: (round(math.atan2(p[1], p[0]), 6), math.hypot(*p)))
    return slots


@cache
def _grid_distances() -> list[float]:
    return sorted(math.hypot(x, y) for x, y in _grid_points())


def _ring_capacity(inner: float, outer: float) -> int:
    """How many grid points lie wholly inside the band between two ring lines."""
    distances = _grid_distances()
    return bisect.bisect_right(distances, outer - RING_MARGIN) - bisect.bisect_left(
        distances, inner + RING_MARGIN
    )


def _score(need: tuple[int, ...], radii: tuple[float, ...]) -> tuple[float, int, float]:
    room = [_ring_capacity(radii[k - 1] if k else 0.0, radii[k]) for k in range(len(need))]
    pairs = list(zip(need, room, strict=True))
    fair = min((min(n, r) / n for n, r in pairs if n), default=1.0)
    return (round(fair, 3), sum(min(n, r) for n, r in pairs), min((r - n) / (n + 1) for n, r in pairs))


@cache
def ring_radii(need: tuple[int, ...]) -> tuple[tuple[float, ...], list[list[tuple[float, float]]]]:
    """Ring radii that give each ring room for ``need[ring]`` blips (the most any quadrant has there).

    A search over the radii, coarse then fine: first no ring loses a larger
    share of its blips than it must, then the most blips, then the most room
    in the tightest ring. A busy ring gets a wide band, an empty one a thin
    band, and no blip ever overlaps another.
    """
    inner_rings = len(need) - 1
    coarse = [float(r) for r in range(40, int(OUTER_RADIUS), 10)]
    best = max(
        ((*radii, OUTER_RADIUS) for radii in itertools.combinations(coarse, inner_rings)),
        key=lambda radii: _score(need, radii),
    )
    around = [[best[k] + step for step in range(-10, 11, 2)] for k in range(inner_rings)]
    fine = (
        (*radii, OUTER_RADIUS)
        for radii in itertools.product(*around)
        if all(a < b for a, b in itertools.pairwise((0.0, *radii, OUTER_RADIUS)))
    )
    best = max(fine, key=lambda radii: _score(need, radii))
    return best, _ring_slots(best)


def _spread(slots: list[tuple[float, float]], count: int) -> list[tuple[float, float]]:
    """``count`` of the slots, evenly spaced across the quadrant's sweep."""
    if count >= len(slots):
        return slots[:count]
    return [slots[int((index + 0.5) * len(slots) / count)] for index in range(count)]


def _place(point: tuple[float, float], corner: str) -> tuple[float, float]:
    """A canonical point (centre at 0, 0) in the coordinates of a quadrant whose centre is ``corner``."""
    x, y = point
    size = QUADRANT_SIZE
    vertical, horizontal = corner.split("-")
    return (
        round(size - x if horizontal == "right" else x, 1),
        round(size - y if vertical == "bottom" else y, 1),
    )


def radar(catalog: Catalog, per_cell: int) -> Radar:
    """The radar: quadrant from the category, ring from the verdict, at most ``per_cell`` blips per ring and quadrant.

    Where a cell holds more tools than that, the ones guides, comparisons and
    FAQs mention most are drawn (then alphabetical order), so the picture stays
    readable and the page the same size however large the catalog grows.
    Blips are numbered quadrant by quadrant, ring by ring, alphabetically;
    their place inside a ring carries no meaning. A ring that cannot hold its
    share at the size a phone can tap (only in catalogs of thousands) draws
    what fits and counts the rest with the others.
    """
    mentions = catalog.mentions
    cells = radar_cells(catalog)
    chosen: dict[tuple[str, str], list[Entry]] = {}
    for key, cell in cells.items():
        if len(cell) > per_cell:
            ranked = sorted(cell, key=lambda e: (-len(mentions.get(e.id, [])), e.data.name.lower(), e.id))
            keep = {entry.id for entry in ranked[:per_cell]}
            cell = [entry for entry in cell if entry.id in keep]
        chosen[key] = cell
    need = [max((len(chosen.get((q, ring), [])) for q in QUADRANTS), default=0) for ring in RINGS]
    radii, slots = ring_radii(tuple(need))
    quadrants = []
    number = 0
    for key, (name, corner) in QUADRANTS.items():
        categories = sorted(
            (entry for entry in catalog.categories.values() if entry.data.quadrant == key),
            key=lambda entry: (entry.data.order, entry.data.name),
        )
        blips = []
        more = {}
        for ring, verdict in enumerate(RINGS):
            entries = chosen.get((key, verdict), [])
            points = _spread(slots[ring], len(entries))
            more[verdict] = len(cells.get((key, verdict), [])) - len(points)
            for entry, point in zip(entries, points, strict=False):
                number += 1
                x, y = _place(point, corner)
                blips.append(RadarBlip(number, entry.id, entry.data.name, verdict, key, x, y))
        quadrants.append(RadarQuadrant(key, name, categories, _place((0, 0), corner), blips, more))
    labels = []
    for ring, verdict in enumerate(RINGS):
        inner = radii[ring - 1] if ring else 0.0
        labels.append((verdict, round((inner + radii[ring]) / 2, 1), round(radii[ring] - inner, 1)))
    return Radar(quadrants, radii, labels, len(catalog.tools))


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
