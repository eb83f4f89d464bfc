"""Write the site as a complete project any MkDocs-compatible engine can build without our hooks.

``export_project`` writes ``mkdocs.yml``, ``docs/`` (the generated pages, the
hand-written pages and assets, the contributing page, the JSON API and
Schemas) and ``overrides/``. The sanitizer runs as the Markdown extension
``stackguides.outputs.sanitizer``, so the exported site is as safe as the
real one wherever Python-Markdown extensions load.

Not exported: "Edit this page" links. MkDocs 1.x has no per-page edit link
without a plugin (only ``edit_uri`` patterns, which would send the index and
hand-written pages to files that do not exist), so the exported site has
none rather than wrong ones.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from stackguides.catalog import Catalog
from stackguides.outputs.api import api_files
from stackguides.pages import build_pages, contributing_page

SANITIZER_EXTENSION = "stackguides.outputs.sanitizer"
_HOOKS = re.compile(r"^hooks:\n(?:[ \t]+-.*\n)+", re.M)
_WATCH = re.compile(r"^watch:\n(?:[ \t]+-.*\n)+", re.M)
_EDIT_URI = re.compile(r"^edit_uri:.*\n", re.M)
_NO_PLUGINS = re.compile(r"^plugins: \[\]\n", re.M)


def export_markdown(catalog: Catalog, folder: Path) -> int:
    """Write every generated page (and the JSON API) under ``folder``; returns the page count.

    The folder may already exist; files the export writes are overwritten,
    nothing else is touched.
    """
    pages = build_pages(catalog)
    for page in pages:
        _write(folder / page.path, page.markdown)
    for name, content in api_files(catalog).items():
        _write(folder / name, content)
    return len(pages)


def exported_config(config_text: str) -> str:
    """``mkdocs.yml`` for the exported project: no hooks, no watched data, the sanitizer as an extension.

    The site's search index is written by the hooks (Pagefind), so the export gets Material's
    search plugin back: a complete project has search whichever engine builds it.
    """
    text = _HOOKS.sub("", config_text)
    text = _WATCH.sub("", text)
    text = _EDIT_URI.sub('edit_uri: ""\n', text)
    # Pagefind runs from the hooks; without them the exported site keeps Material's own search.
    text = _NO_PLUGINS.sub("plugins:\n  - search\n", text)
    if "\nmarkdown_extensions:\n" not in text:
        raise ValueError("mkdocs.yml has no markdown_extensions list to add the sanitizer to")
    text = text.replace("\nmarkdown_extensions:\n", f"\nmarkdown_extensions:\n  - {SANITIZER_EXTENSION}\n", 1)
    return "# Exported by `stackguides export`: builds with plain MkDocs, no hooks.\n" + text


def export_project(root: Path, catalog: Catalog, folder: Path) -> int:
    """Write a complete, buildable project for ``catalog`` into ``folder``; returns the generated page count."""
    docs = folder / "docs"
    if (root / "docs").is_dir():
        shutil.copytree(root / "docs", docs, dirs_exist_ok=True)
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", folder / "overrides", dirs_exist_ok=True)
    count = export_markdown(catalog, docs)
    contributing = root / "CONTRIBUTING.md"
    if contributing.is_file():
        page = contributing_page(contributing.read_text(encoding="utf-8"))
        _write(docs / page.path, page.markdown)
    _write(folder / "mkdocs.yml", exported_config((root / "mkdocs.yml").read_text(encoding="utf-8")))
    return count


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
