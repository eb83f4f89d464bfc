"""Which generated pages may change when some entries change: for a preview that redraws only those.

A page shows its own entry and the entries it names by id (a tool page:
its category, its alternatives, the guides that mention it; a guide page:
its tools, its cost, its related guides; a category page: its tools).
Rather than list those fields (and miss one when a template grows), every
string of an entry that could be an id counts as a reference. So the pages
that may change with an entry E are E's own page, the pages of the entries
E names before and after the change, the pages of the entries that name E,
and every index page (they list whole kinds). A string that only looks
like an id adds a page that is then drawn again for nothing: never wrong.

``tests/test_page_dependencies.py`` checks the rule against the templates:
for every entry of the fixture catalog, a change to its text changes no
page outside the set computed here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from stackguides.catalog import Catalog, Entry
from stackguides.kinds import KINDS
from stackguides.pages.builder import PageBuilder, PageSource
from stackguides.validate.models import ID_PATTERN

_ID = re.compile(ID_PATTERN)
Key = tuple[str, str]  # (kind, id)


def named_ids(value: object) -> set[str]:
    """Every string inside ``value`` (a model, list, dict or text) that has the shape of an id."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if len(item) <= 64 and _ID.match(item):
                found.add(item)
        elif isinstance(item, BaseModel):
            stack.extend(item.__dict__.values())
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return found


class ReferenceIndex:
    """For each id, the entries that name it; kept up to date one changed entry at a time."""

    def __init__(self, catalog: Catalog):
        self._names: dict[Key, set[str]] = {}
        self._named_by: dict[str, set[Key]] = defaultdict(set)
        for entry in catalog.all_entries():
            self._add(entry)

    def _add(self, entry: Entry) -> None:
        key = (entry.kind, entry.id)
        names = named_ids(entry.data)
        self._names[key] = names
        for name in names:
            self._named_by[name].add(key)

    def _remove(self, key: Key) -> None:
        for name in self._names.pop(key, set()):
            self._named_by[name].discard(key)

    def update(self, entries: Iterable[Entry]) -> None:
        """Record the new data of changed entries."""
        for entry in entries:
            self._remove((entry.kind, entry.id))
            self._add(entry)

    def named_by(self, entry_id: str) -> set[Key]:
        """The entries (of any kind) that name ``entry_id``."""
        return set(self._named_by.get(entry_id, ()))

    def names(self, key: Key) -> set[str]:
        """The ids an entry names."""
        return set(self._names.get(key, ()))


def affected_entries(index: ReferenceIndex, changed: dict[Key, tuple[Entry, Entry]]) -> set[Key]:
    """The entries whose page may show something of a changed entry (``changed``: key to (old, new)).

    Call it before :meth:`ReferenceIndex.update` for the same change, so that
    the ids the entries named before the change count too.
    """
    affected: set[Key] = set()
    for key, (_old, new) in changed.items():
        affected.add(key)
        affected |= index.named_by(key[1])
        named = index.names(key) | named_ids(new.data)
        affected |= {(kind, entry_id) for entry_id in named for kind in KINDS}
    return affected


def pages_for(catalog: Catalog, keys: set[Key]) -> Iterator[PageSource]:
    """Every index page, then the pages of the entries ``keys`` names that exist and have a page."""
    builder = PageBuilder(catalog)
    yield from builder.index_pages()
    for kind, entry_id in sorted(keys):
        if KINDS[kind].template is not None and entry_id in catalog.of_kind(kind):
            yield builder.page_for(kind, entry_id)
