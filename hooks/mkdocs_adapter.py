"""MkDocs adapter: with its helper ``mkdocs_rendering.py``, the only code that knows MkDocs exists.

It maps MkDocs events onto the engine-agnostic core in ``stackguides``:

* ``on_config``: load and validate all data before the site folder is touched.
  ``mkdocs build`` stops with every error and no traceback; ``mkdocs serve``
  keeps the last good data and shows the errors in the browser instead of
  hanging.
* ``on_files``: add the generated pages, JSON API and schemas as in-memory
  files; "Edit this page" opens the YAML a page came from.
* ``on_nav``, ``on_env``, ``on_page_context``: render the generated pages
  ahead of MkDocs, in forked workers during ``mkdocs build`` and reusing
  unchanged pages during ``mkdocs serve`` (see ``mkdocs_rendering.py``); and
  expose the current data errors to the theme templates.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# Hook files are imported by path; make the core package importable even
# when the project is not pip-installed. (Must run at import time: see GUIDE.md.)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs_rendering import GeneratedPage
from mkdocs_rendering import session as rendering

from stackguides.api import api_files
from stackguides.catalog import Catalog, load_catalog
from stackguides.errors import DataError, DataErrors
from stackguides.freshness import stale_entries
from stackguides.markdown_sanitizer import SanitizeExtension
from stackguides.models import KINDS
from stackguides.pages import build_pages

log = logging.getLogger("mkdocs.plugins.stackguides")
# Outside the "mkdocs" logger tree on purpose: `mkdocs build --strict` fails on any warning
# logged there, and an entry overdue for review must warn without failing the build.
freshness_log = logging.getLogger("stackguides.freshness")


class _State:
    """What survives between rebuilds of one ``mkdocs serve`` session."""

    def __init__(self) -> None:
        self.command = "build"
        self.catalog: Catalog | None = None
        self.last_good: Catalog | None = None
        self.errors: list[DataError] = []


state = _State()


def _empty_catalog() -> Catalog:
    return Catalog(**{kind: {} for kind in KINDS})


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a one-off build or a live preview."""
    state.command = rendering.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before anything is built or cleaned."""
    root = Path(config.config_file_path).absolute().parent
    config.markdown_extensions.append(SanitizeExtension())
    try:
        catalog = load_catalog(root)
    except DataErrors as exc:
        if state.command != "serve":
            raise PluginError(
                "The data files have errors; the site was not built and site/ was left as it was.\n"
                + exc.report()
            ) from None
        for error in exc.errors:
            log.error(str(error))
        log.warning("Data errors: serving the last good data with the errors shown on every page.")
        state.errors = exc.errors
        state.catalog = state.last_good or _empty_catalog()
        return config
    state.errors = []
    state.catalog = state.last_good = catalog
    max_age = int(config.extra.get("review_max_age_days", 365))
    for entry, age in stale_entries(catalog, max_age):
        freshness_log.warning(
            f"WARNING (not fatal) -  {entry.file}: last reviewed {entry.data.reviewed.isoformat()}, "
            f"{age} days ago (limit {max_age}); check it and update `reviewed`"
        )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page and data file to the build, in memory."""
    assert state.catalog is not None
    in_nav = _nav_entries(config.nav or [])  # the rest is reached from index pages, so the nav stays small
    for page in build_pages(state.catalog):
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.UNDEFINED if page.path in in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.edit_uri = f"../{page.source}" if page.source else None
        files.append(file)
        GeneratedPage(in_nav.get(page.path), file, config)  # MkDocs keeps a page set here
    contributing = Path(config.config_file_path).absolute().parent / "CONTRIBUTING.md"
    if contributing.is_file() and files.get_file_from_path("contributing.md") is None:
        text = contributing.read_text(encoding="utf-8")
        front_matter = "---\ndescription: How to add or change a tool, guide, comparison or FAQ with a pull request.\n---\n\n"
        page = File.generated(config, "contributing.md", content=front_matter + text)
        page.edit_uri = "../CONTRIBUTING.md"
        files.append(page)
    for path, content in api_files(state.catalog).items():
        files.append(File.generated(config, path, content=content))
    return files


def _nav_entries(nav: list) -> dict[str, str | None]:
    """Every page path in the ``nav`` of ``mkdocs.yml``, with the title given to it there (if any)."""
    entries: dict[str, str | None] = {}
    for item in nav:
        if isinstance(item, str):
            entries[item] = None
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    entries[value] = title
                elif isinstance(value, list):
                    entries.update(_nav_entries(value))
    return entries


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Render the generated pages ahead of MkDocs, in parallel where that pays."""
    try:
        rendering.render_ahead(nav, config, files)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    """Give the theme the data errors; with workers, have them apply the theme to the generated pages."""
    env.globals["data_errors"] = [str(error) for error in state.errors]
    rendering.log_reused_pages()
    rendering.theme_ahead(env, config, files)
    return env


def on_page_context(context, page: Page, config: MkDocsConfig, nav: Navigation):
    """For a page a worker already put through the theme: hand its HTML to ``main.html``."""
    return rendering.page_context(context, page)
