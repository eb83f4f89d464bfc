"""The radar's geometry, on the real catalog and on a crowded synthetic one: no overlaps, right rings."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from stackguides.catalog import Catalog
from stackguides.load import load_catalog
from stackguides.pages.builder import RADAR_DOTS_PER_CELL
from stackguides.pages.charts import (
    BLIP_GAP,
    BLIP_RADIUS,
    QUADRANT_SIZE,
    RINGS,
    Radar,
    radar,
    radar_cells,
)

import synthetic  # the benchmark's generator (conftest puts benchmarks/ on the path)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["real", pytest.param("synthetic-1500", marks=pytest.mark.slow)])
def drawn(request, tmp_path_factory) -> tuple[Catalog, Radar]:
    if request.param == "real":
        catalog = load_catalog(ROOT)
    else:
        project = tmp_path_factory.mktemp("radar") / "project"
        synthetic.generate(project, 1500, seed=3)
        catalog = load_catalog(project)
    return catalog, radar(catalog, RADAR_DOTS_PER_CELL)


def test_no_two_blips_overlap(drawn):
    """Blips sit at least a gap apart, so each can be told apart and tapped."""
    _, picture = drawn
    for quadrant in picture.quadrants:
        for a, b in itertools.combinations(quadrant.blips, 2):
            distance = math.hypot(a.x - b.x, a.y - b.y)
            assert distance >= 2 * BLIP_RADIUS + BLIP_GAP - 0.2, (a.name, b.name, distance)


def test_every_blip_lies_inside_its_ring_and_its_picture(drawn):
    _, picture = drawn
    for quadrant in picture.quadrants:
        cx, cy = quadrant.centre
        for blip in quadrant.blips:
            ring = RINGS.index(blip.verdict)
            inner = picture.radii[ring - 1] if ring else 0.0
            distance = math.hypot(blip.x - cx, blip.y - cy)
            assert inner + BLIP_RADIUS <= distance <= picture.radii[ring] - BLIP_RADIUS, blip
            assert BLIP_RADIUS <= blip.x <= QUADRANT_SIZE - BLIP_RADIUS
            assert BLIP_RADIUS <= blip.y <= QUADRANT_SIZE - BLIP_RADIUS


def test_every_tool_is_drawn_or_counted_and_numbers_run_in_order(drawn):
    """Up to the per-cell limit every tool has a blip; the rest are counted; numbers are 1, 2, 3..."""
    catalog, picture = drawn
    cells = radar_cells(catalog)
    numbers = [blip.number for quadrant in picture.quadrants for blip in quadrant.blips]
    assert numbers == list(range(1, len(numbers) + 1))
    for quadrant in picture.quadrants:
        for verdict in RINGS:
            in_cell = len(cells.get((quadrant.key, verdict), []))
            shown = sum(1 for blip in quadrant.blips if blip.verdict == verdict)
            assert shown + quadrant.more[verdict] == in_cell
            if catalog is not None and len(catalog.tools) < 500:
                assert shown == in_cell, "the real catalog draws every tool"
            else:
                # a crowded ring draws what fits at a tappable size, but never gives up most of its share
                assert 0.5 * min(in_cell, RADAR_DOTS_PER_CELL) <= shown <= RADAR_DOTS_PER_CELL
