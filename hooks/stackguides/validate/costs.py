"""The arithmetic behind a cost estimate's assumptions: team x rate x duration.

A tier's figures must be reachable from what it assumes, so the build checks
that ``people x rate x weeks`` overlaps the tier's range, and the guide page
can show the same sum.
"""

from __future__ import annotations

from stackguides.validate.models import CostEstimate, Rate, Tier

UNITS_PER_WEEK = {"hour": 40, "day": 5}  # a full-time week: 40 hours, or 5 days


def people(tier: Tier) -> float:
    """How many full-time people a tier assumes, all roles together."""
    return sum(member.people for member in tier.team)


def implied_range(tier: Tier, rate: Rate) -> tuple[int, int | None]:
    """What the tier's team costs for its duration: lowest rate and weeks, highest rate and weeks.

    The upper end is ``None`` when the duration has no upper end.
    """
    week = people(tier) * UNITS_PER_WEEK[rate.per]
    low = round(week * rate.low * tier.duration.low)
    high = None if tier.duration.high is None else round(week * rate.high * tier.duration.high)
    return low, high


def ranges_overlap(low: int, high: int | None, other_low: int, other_high: int | None) -> bool:
    """Whether two ranges share a value; ``None`` is an open upper end."""
    return (other_high is None or low <= other_high) and (high is None or other_low <= high)


def running_total(cost: CostEstimate) -> tuple[int, int | None]:
    """All running costs together per month: every low figure, then every high one (``None`` if one is open)."""
    low = sum(item.low for item in cost.running_costs)
    highs = [item.high for item in cost.running_costs]
    return low, None if None in highs else sum(highs)
