"""Cost chart geometry: every label inside the picture, clear of the others, on a round axis."""

from __future__ import annotations

import pytest

from stackguides.pages.charts import (
    CHART_LEFT,
    CHART_RIGHT,
    LABEL_SIZE,
    compact_money,
    cost_chart,
    text_width,
)
from stackguides.validate.models import CostEstimate

RATE = {
    "low": 30,
    "high": 90,
    "per": "hour",
    "covers": "x",
    "source": {"title": "x", "url": "https://example.com/"},
}
RUNNING = [
    {"name": "Hosting", "low": 7, "covers": "x", "source": {"title": "x", "url": "https://example.com/"}}
]


def estimate(*ranges: tuple[int, int | None]) -> CostEstimate:
    tiers = [
        {
            "name": f"Tier {index}",
            "low": low,
            **({"high": high} if high is not None else {}),
            "covers": "x",
            "team": [{"role": "Developer", "people": 1}],
            "duration": {"low": 1},
        }
        for index, (low, high) in enumerate(ranges)
    ]
    return CostEstimate.model_validate(
        {
            "title": "T",
            "summary": "S",
            "currency": "USD",
            "tiers": tiers,
            "assumptions": {"rate": RATE},
            "running_costs": RUNNING,
            "sources": [{"title": "x", "url": "https://example.com/"}],
            "reviewed": "2026-11-23",
        }
    )


def label_box(bar) -> tuple[float, float]:
    width = text_width(bar.label)
    return (
        (bar.label_x, bar.label_x + width)
        if bar.label_anchor == "start"
        else (bar.label_x - width, bar.label_x)
    )


@pytest.mark.parametrize(
    "ranges",
    [
        [(25_000, 65_000), (65_000, 200_000), (200_000, None)],  # the real estimate
        [(0, 1_000), (999_000, 1_000_000)],  # a sliver at each end
        [(5, 9)],  # one tiny range
        [(100_000, 100_000), (0, 2_000_000_000)],  # a zero-width bar and a huge one
        [(1_000, None), (1_200, None)],  # only open tiers
    ],
)
def test_every_label_fits_inside_the_chart(ranges):
    """Beside, inside or before its bar, or else on the name line: never past the edges."""
    chart = cost_chart(estimate(*ranges))
    for bar in chart.bars:
        left, right = label_box(bar)
        assert left >= CHART_LEFT and right <= CHART_RIGHT, bar
        if bar.label_inside:
            assert bar.x <= left and right <= bar.x + bar.width, bar
        elif bar.label_y != bar.name_y:  # beside or before the bar: not on top of it
            assert right <= bar.x or left >= bar.x + bar.width, bar
        if bar.label_y == bar.name_y:  # on the name line: after the name
            assert left >= CHART_LEFT + text_width(bar.name), bar
        else:  # on the bar's line, below the name
            assert bar.label_y >= bar.name_y + LABEL_SIZE, bar


def test_the_axis_has_round_ticks_that_reach_past_the_highest_figure():
    chart = cost_chart(estimate((25_000, 65_000), (65_000, 200_000), (200_000, None)))
    assert [tick.label for tick in chart.ticks] == ["$0", "$50k", "$100k", "$150k", "$200k", "$250k"]
    assert chart.ticks[0].anchor == "start" and chart.ticks[-1].anchor == "end"
    assert chart.axis_title == "Cost in USD"
    assert chart.bars[-1].open_ended and chart.bars[-1].x + chart.bars[-1].width == CHART_RIGHT


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (0, "USD", "$0"),
        (950, "EUR", "€950"),
        (25_000, "USD", "$25k"),
        (1_500_000, "GBP", "£1.5M"),
        (2_000, "CHF", "2k CHF"),
    ],
)
def test_compact_money(amount, currency, text):
    assert compact_money(amount, currency) == text
