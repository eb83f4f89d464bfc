"""The navigation tab of a generated page that is not in the navigation.

Tool, category, comparison, guide and FAQ pages stay out of ``nav`` (it would
grow with the catalog and be repeated on every page). Their front matter names
the index page of their section (``section: categories/index.md``); while the
theme draws such a page, that nav entry is marked active through MkDocs'
public ``active`` attribute, so Material highlights its tab, and the mark is
removed once the page is drawn.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def section_entry(page: Page, nav: Navigation) -> Page | None:
    """The nav page named by ``page``'s ``section`` front matter, if it exists and ``page`` is not in nav."""
    section = page.meta.get("section") if page.meta else None
    if not isinstance(section, str) or page in nav.pages:
        return None
    for candidate in nav.pages:
        if candidate.file.src_uri == section:
            return candidate
    return None


class ActiveSection:
    """Marks at most one section active at a time, and always unmarks it."""

    def __init__(self) -> None:
        self._marked: Page | None = None

    def mark(self, page: Page, nav: Navigation) -> None:
        """Mark the section of ``page`` active while it is drawn."""
        self.clear()
        entry = section_entry(page, nav)
        if entry is not None and not entry.active:
            entry.active = True
            self._marked = entry

    def clear(self) -> None:
        """Undo the last mark."""
        if self._marked is not None:
            self._marked.active = False
            self._marked = None


active_section = ActiveSection()
