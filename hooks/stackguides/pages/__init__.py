"""Stage 3, pages: the catalog in, the Markdown of every generated page out (Jinja templates)."""

from stackguides.pages.builder import PageBuilder, PageSource, build_pages, contributing_page

__all__ = ["PageBuilder", "PageSource", "build_pages", "contributing_page"]
