"""Write the generated pages out as a plain Markdown tree any engine can build."""

from __future__ import annotations

from pathlib import Path

from .api import api_files
from .catalog import Catalog
from .pages import build_pages


def export_markdown(catalog: Catalog, folder: Path) -> int:
    """Write every generated page (and the JSON API) under ``folder``; returns the page count.

    The folder may already exist; files the export writes are overwritten,
    nothing else is touched.
    """
    pages = build_pages(catalog)
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for name, content in api_files(catalog).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return len(pages)
