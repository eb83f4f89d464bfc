"""The MkDocs events, mapped onto the stages of the core (load, validate, pages, outputs).

* ``on_config``: load and validate all data before the site folder is touched.
  ``mkdocs build`` stops with every error and no traceback; ``mkdocs serve``
  keeps the last good data and shows the errors in the browser instead of
  hanging.
* ``on_files``: add the generated pages, JSON API and schemas as in-memory
  files; "Edit this page" opens the YAML a page came from.
* ``on_nav``, ``on_env``: render the generated pages ahead of MkDocs, in forked workers during ``mkdocs build`` and reusing
  unchanged pages during ``mkdocs serve`` (see ``rendering.py``); and
  expose the current data errors to the theme templates.
* ``on_serve``: later saves of data files rebuild only the pages that depend
  on them (``incremental.py``); anything else rebuilds the whole site.
* ``on_config`` to ``on_shutdown``: ``mkdocs build`` writes into a staging
  folder beside ``site/`` and swaps it in only once the build (strict checks
  included) has succeeded, so a killed or failed build leaves the last good
  site whole (``stackguides/outputs/site_swap.py``).
"""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from stackguides.adapter.background_search import indexer as background_index
from stackguides.adapter.incremental import preview
from stackguides.adapter.rendering import GeneratedPage
from stackguides.adapter.rendering import session as rendering
from stackguides.adapter.sections import active_section, breadcrumb_links
from stackguides.catalog import Catalog
from stackguides.errors import DataError, DataErrors
from stackguides.kinds import ID_PATTERN, KINDS
from stackguides.load import load_catalog
from stackguides.log_records import replay
from stackguides.outputs import search_index
from stackguides.outputs.api import api_files
from stackguides.outputs.sanitizer import SanitizeExtension
from stackguides.outputs.site_swap import discard, publish, staging_dir
from stackguides.pages import PageBuilder, PageSource, contributing_page
from stackguides.parallel import map_in_order, workers_for
from stackguides.validate.freshness import stale_entries

log = logging.getLogger("mkdocs.plugins.stackguides")
# Outside the "mkdocs" logger tree on purpose: `mkdocs build --strict` fails on any warning
# logged there, and an entry overdue for review must warn without failing the build.
freshness_log = logging.getLogger("stackguides.freshness")


class _State:
    """What survives between rebuilds of one ``mkdocs serve`` session."""

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.catalog: Catalog | None = None
        self.last_good: Catalog | None = None
        self.errors: list[DataError] = []
        self.last_pages: dict[str, PageSource] = {}  # preview: each page as last drawn
        self.site: Path | None = None  # where the finished build goes
        self.staging: Path | None = None  # where it is being written
        self.built = False
        self.config: MkDocsConfig | None = None  # restored to the real site folder after the swap
        self.files: Files | None = None  # this build's files, to resolve breadcrumb links


state = _State()
MIN_ENTRIES_FOR_WORKERS = (
    500  # below this many tools, drawing their pages in workers costs more than it saves
)


def _empty_catalog() -> Catalog:
    return Catalog(**{kind: {} for kind in KINDS})


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a one-off build or a live preview."""
    state.command = rendering.command = command
    state.dirty = dirty


def _is_preview_folder(site_dir: Path) -> bool:
    """``mkdocs serve --clean`` starts as a "build" into a temporary folder of its own."""
    return site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir())


def _stage(config: MkDocsConfig) -> None:
    """Point the build at a staging folder; ``on_shutdown`` swaps it in if the build succeeds."""
    site = Path(config.site_dir).absolute()
    if state.command not in ("build", "gh-deploy") or state.dirty or _is_preview_folder(site):
        return
    state.site, state.staging, state.built = site, staging_dir(site), False
    state.config = config
    config.site_dir = str(state.staging)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the data before anything is built or cleaned."""
    root = Path(config.config_file_path).absolute().parent
    config.markdown_extensions.append(SanitizeExtension())
    try:
        # The preview's server has threads running: its rebuilds parse in this process, never forking.
        catalog = load_catalog(root, parallel=state.command != "serve")
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
    _stage(config)
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
    for page in _pages():
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
        page = contributing_page(contributing.read_text(encoding="utf-8"))
        file = File.generated(config, page.path, content=page.markdown)
        file.edit_uri = f"../{page.source}"
        files.append(file)
    texts = preview.new_api_cache() if state.command == "serve" else None  # reused by incremental.py
    for path, content in api_files(state.catalog, texts).items():
        files.append(File.generated(config, path, content=content))
    state.files = files
    return files


def _pages():
    """The generated pages; a page that cannot be drawn stops a build, and is shown as an error in preview.

    In preview, every page that could not be drawn is served as it was last drawn.
    """
    pages, errors = PageBuilder(state.catalog).pages_and_errors(_entry_mapper())
    if state.command != "serve":
        if errors:
            raise PluginError(
                "Some pages could not be built; site/ was left as it was.\n" + DataErrors(errors).report()
            )
        return pages
    drawn = {page.path for page in pages}
    state.last_pages.update((page.path, page) for page in pages)
    if errors:
        for error in errors:
            log.error(str(error))
        state.errors = [*state.errors, *errors]
        pages += [page for path, page in state.last_pages.items() if path not in drawn]
    return pages + _placeholders({page.path for page in pages})


def _entry_mapper():
    """How the entry pages are drawn: in forked workers in ``mkdocs build`` when there are many, else ``map``."""
    if state.command == "serve":
        return map
    try:
        workers = workers_for(len(state.catalog.tools), worth_it_from=MIN_ENTRIES_FOR_WORKERS)
    except ValueError as exc:  # a bad STACKGUIDES_WORKERS
        raise PluginError(str(exc)) from None
    if workers < 2:
        return map

    def draw_in_workers(draw, keys):
        for key, outcome in zip(keys, map_in_order(draw, keys, workers), strict=True):
            if outcome.error is not None:  # the worker could not send it back: draw it here
                yield draw(key)
            else:
                replay(outcome.records)
                yield outcome.value

    return draw_in_workers


_DATA_FILE = re.compile(r"^data/(?P<kind>[a-z]+)/(?P<id>" + ID_PATTERN.strip("^$") + r")\.yml$")


def _placeholders(present: set[str]) -> list[PageSource]:
    """Preview only: a page for each entry whose file has errors and no page yet (a file being written)."""
    builder = PageBuilder(state.catalog)
    pages = []
    for file in sorted({error.file for error in state.errors}):
        match = _DATA_FILE.match(file)
        if not match or match.group("kind") not in KINDS or KINDS[match.group("kind")].template is None:
            continue
        path = f"{match.group('kind')}/{match.group('id')}.md"
        if path not in present:
            pages.append(builder.placeholder_page(match.group("kind"), match.group("id"), file, state.errors))
    return pages


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
    preview.seen_nav(nav)  # incremental preview (incremental.py)
    return nav


@event_priority(-100)  # the environment as every other plugin left it: the workers draw with it
def on_env(env, config: MkDocsConfig, files: Files):
    """Give the theme templates the current data errors (shown at the top of every page in preview).

    In ``mkdocs build``, the generated pages then get their theme and are
    written by worker processes (``rendering.py``).
    """
    env.globals["data_errors"] = [{"text": str(error), "excerpt": error.excerpt()} for error in state.errors]
    _search_globals(env)
    rendering.log_reused_pages()
    if state.command == "serve":
        preview.built(config, files, env)  # incremental preview (incremental.py)
    else:
        rendering.write_ahead(config, files, env)  # the theme too, in workers (rendering.py)
    return env


def on_page_context(context, page, config: MkDocsConfig, nav: Navigation):
    """Highlight the tab a generated page belongs to, and give the theme its breadcrumb."""
    active_section.mark(page, nav)
    if state.files is not None:
        context["sg_breadcrumb"] = breadcrumb_links(page, state.files)
    return context


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """The page is drawn: its section's tab is no longer active."""
    active_section.clear()
    return output


def _search_globals(env) -> None:
    """What ``partials/sg-search-body.html`` marks each page with for Pagefind: its kind and topic."""
    labels = search_index.kind_labels()
    env.globals["search_kind"] = lambda url: search_index.page_kind(url or "", labels)
    env.globals["search_topics"] = lambda url: search_index.topic_meta(state.catalog, url or "")
    env.globals["search_content"] = search_index.mark_excluded_sections


@event_priority(-100)  # after every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    """Index the written site for search; ``on_shutdown`` publishes it unless strict mode still aborts."""
    _index_for_search(config)
    state.built = True


def on_pre_build(config: MkDocsConfig) -> None:
    """In the preview, keep the search index of the previous build while MkDocs empties the site folder."""
    if state.command == "serve":
        background_index.keep_previous(Path(config.site_dir))


def _index_for_search(config: MkDocsConfig) -> None:
    """Run Pagefind on the written HTML (after every preview rebuild too), unless Material's search is on.

    ``mkdocs build`` waits for it; the preview serves the rebuilt pages at once
    and indexes in the background (``background_search.py``).
    """
    if "material/search" in config.plugins or "search" in config.plugins:
        return  # the project kept Material's own search (as the exported project does)
    if state.command == "serve":
        site = Path(config.site_dir)
        background_index.restore_previous(site)
        background_index.start(site)
        return
    try:
        run = search_index.build_search_index(Path(config.site_dir))
    except search_index.SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    log.info(f"Search index written by Pagefind in {run.seconds:.1f} s")


def on_build_error(error: Exception) -> None:
    """A failed or aborted build is never published."""
    state.built = False


def on_shutdown() -> None:
    """Swap the finished staging folder in as the site, or throw it away; stop the preview's indexing."""
    background_index.stop()
    if state.staging is None or state.site is None:
        return
    staging, site = state.staging, state.site
    state.staging = None
    if state.config is not None:
        state.config.site_dir = str(site)  # `mkdocs gh-deploy` reads it after the build
    if state.built:
        publish(staging, site)
        log.info(f"Published the build to {site}")
    else:
        discard(staging)


PREVIEW_BACKLOG = 256


def on_serve(server, config: MkDocsConfig, builder):
    """Let the preview queue many connections at once.

    Python's ``socketserver`` listens with a backlog of 5, so a burst of
    requests (a page with many assets, several tabs, a test's clients) gets
    connections dropped and retried for seconds while a rebuild runs.
    ``request_queue_size`` is ``socketserver``'s documented setting for it,
    read when the server starts listening (after this event).
    """
    server.request_queue_size = PREVIEW_BACKLOG
    preview.install(server, config, state)  # later saves rebuild what changed (incremental.py)
    return server
