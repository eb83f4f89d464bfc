"""Where a generated page sits: its navigation tab and its breadcrumb.

Tool, category, comparison, guide and FAQ pages stay out of ``nav`` (it would
grow with the catalog and be repeated on every page). Their front matter names
the index page of their section (``section: categories/index.md``); while the
theme draws such a page, that nav entry is marked active through MkDocs'
public ``active`` attribute, so Material highlights its tab, and the mark is
removed once the page is drawn.

The breadcrumb (``breadcrumb:`` front matter: titles and source paths, Home
implied) is resolved to URLs relative to the page with MkDocs' public file
lookup and drawn by ``main.html`` above the title, outside the content, so it
is never part of the page's search entry.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url


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


def breadcrumb_links(page: Page, files: Files) -> list[dict[str, str]] | None:
    """Home, then each ``breadcrumb`` entry of the front matter, as ``{"title", "url"}`` relative to ``page``.

    ``None`` when the page has no breadcrumb; entries whose page does not exist are left out.
    """
    trail = page.meta.get("breadcrumb") if page.meta else None
    if not isinstance(trail, list):
        return None
    links = []
    for title, src in [("Home", "index.md")] + [(item.get("title"), item.get("page")) for item in trail]:
        file = files.get_file_from_path(src) if isinstance(src, str) else None
        if file is not None and isinstance(title, str):
            links.append({"title": title, "url": get_relative_url(file.url, page.url)})
    return links
