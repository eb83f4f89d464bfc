"""Which entries are overdue for a review."""

from __future__ import annotations

import datetime

from stackguides.catalog import Catalog, Entry


def stale_entries(
    catalog: Catalog, max_age_days: int, today: datetime.date | None = None
) -> list[tuple[Entry, int]]:
    """Entries whose ``reviewed`` date is older than ``max_age_days``, oldest first."""
    today = today or datetime.date.today()
    stale = []
    for entry in catalog.all_entries():
        age = (today - entry.data.reviewed).days
        if age > max_age_days:
            stale.append((entry, age))
    return sorted(stale, key=lambda pair: (-pair[1], pair[0].file))
