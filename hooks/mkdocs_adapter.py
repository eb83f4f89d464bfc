"""MkDocs adapter: the only module that knows MkDocs exists.

It maps MkDocs events onto the engine-agnostic core in ``stackguides``:

* ``on_config``: load and validate all data before the site folder is touched.
  ``mkdocs build`` stops with every error and no traceback; ``mkdocs serve``
  keeps the last good data and shows the errors in the browser instead of
  hanging.
* ``on_files``: add the generated pages, JSON API and schemas as in-memory
  files; "Edit this page" opens the YAML a page came from.
* ``on_nav``: render the generated pages' Markdown in parallel (one forked
  worker per core, ``mkdocs build`` only), each through MkDocs' own
  ``Page.render``; during ``mkdocs serve``, reuse the HTML of every page whose
  Markdown did not change since the previous rebuild.
* ``on_env``: expose the current data errors to the theme templates; in a
  build with workers, have them put the generated pages through the theme too
  (``on_page_context`` then hands each result to ``main.html`` unchanged).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
from pathlib import Path

# Hook files are imported by path; make the core package importable even
# when the project is not pip-installed. (Must run at import time: see GUIDE.md.)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from stackguides.api import api_files
from stackguides.catalog import Catalog, load_catalog
from stackguides.errors import DataError, DataErrors
from stackguides.freshness import stale_entries
from stackguides.log_records import recorded_logs, replay
from stackguides.markdown_sanitizer import SanitizeExtension
from stackguides.models import KINDS
from stackguides.pages import build_pages
from stackguides.parallel import map_in_order, workers_for
from stackguides.render_cache import RenderCache, RenderedPage, source_digest

log = logging.getLogger("mkdocs.plugins.stackguides")
# Outside the "mkdocs" logger tree on purpose: `mkdocs build --strict` fails on any warning
# logged there, and an entry overdue for review must warn without failing the build.
freshness_log = logging.getLogger("stackguides.freshness")

# Pages reached from index pages rather than the navigation (keeps the nav O(1)).
_IN_NAV = {
    "index.md",
    "guides/index.md",
    "categories/index.md",
    "comparisons/index.md",
    "tools/index.md",
    "faqs/index.md",
}
# Below this many generated pages, forking workers costs more than it saves.
MIN_PAGES_FOR_WORKERS = 64


class _State:
    """What survives between rebuilds of one ``mkdocs serve`` session."""

    def __init__(self) -> None:
        self.command = "build"
        self.catalog: Catalog | None = None
        self.last_good: Catalog | None = None
        self.errors: list[DataError] = []
        self.renders = RenderCache()
        self.reused_pages = 0
        self.workers = 1  # worker processes of the current build (1: everything in this process)
        self.nav: Navigation | None = None
        self.prebuilt: set[str] = set()  # pages whose theme HTML a worker wrote to site/


state = _State()


def _empty_catalog() -> Catalog:
    return Catalog(**{kind: {} for kind in KINDS})


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a one-off build or a live preview."""
    state.command = command


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
    nav_titles = _nav_titles(config.nav or [])
    for page in build_pages(state.catalog):
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            files.remove(existing)
        inclusion = InclusionLevel.UNDEFINED if page.path in _IN_NAV else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.markdown, inclusion=inclusion)
        file.edit_uri = f"../{page.source}" if page.source else None
        files.append(file)
        _GeneratedPage(nav_titles.get(page.path), file, config)  # MkDocs keeps a page set here
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


def _nav_titles(nav: list) -> dict[str, str]:
    """Page path -> title given to it in the ``nav`` of ``mkdocs.yml``."""
    titles: dict[str, str] = {}
    for item in nav:
        if not isinstance(item, dict):
            continue
        for title, value in item.items():
            if isinstance(value, str):
                titles[value] = title
            elif isinstance(value, list):
                titles.update(_nav_titles(value))
    return titles


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Render the generated pages ahead of MkDocs, in parallel where that pays."""
    state.renders.start_build(_build_fingerprint(config, files))
    state.reused_pages = 0
    pages = [file.page for file in files.documentation_pages() if isinstance(file.page, _GeneratedPage)]
    try:
        workers = workers_for(len(pages), worth_it_from=MIN_PAGES_FOR_WORKERS)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    state.nav, state.prebuilt = nav, set()
    state.workers = 1 if state.command == "serve" else workers  # serve runs live-reload threads: no fork
    if state.workers < 2:
        return nav
    started = time.perf_counter()
    render = functools.partial(_render_in_worker, config=config, files=files)
    failed: list[str] = []
    for page, outcome in zip(pages, map_in_order(render, pages, workers), strict=True):
        if outcome.error is None:
            rendered = outcome.value
            rendered.records = outcome.records
            state.renders.put(page.file.src_uri, rendered.source_digest, rendered)
        else:  # MkDocs renders the page itself later, and reports any error as usual
            failed.append(f"{page.file.src_uri} ({outcome.error})")
    if failed:
        log.info(
            f"{len(failed):,} pages were not rendered in a worker and will be rendered serially: {failed[0]}"
        )
    _take_search_entries_from_workers(config)
    log.info(
        f"Rendered {len(pages):,} generated pages in {workers} worker processes "
        f"in {time.perf_counter() - started:.1f} s (set STACKGUIDES_WORKERS=1 to render them serially)"
    )
    return nav


def on_env(env, config: MkDocsConfig, files: Files):
    """Give the theme the data errors; with workers, have them apply the theme to the generated pages."""
    env.globals["data_errors"] = [str(error) for error in state.errors]
    if state.reused_pages:
        log.info(f"Preview: reused {state.reused_pages:,} generated pages whose Markdown did not change")
    if state.workers > 1 and state.nav is not None:
        _prebuild_theme_pages(env, config, files, state.nav)
    return env


def on_page_context(context, page: Page, config: MkDocsConfig, nav: Navigation):
    """For a page a worker already put through the theme: hand its HTML to ``main.html``."""
    if page.file.src_uri in state.prebuilt:
        state.prebuilt.discard(page.file.src_uri)
        context["prebuilt_html"] = Path(page.file.abs_dest_path).read_bytes().decode("utf-8")
    return context


def _snapshot(page: Page) -> RenderedPage:
    """What MkDocs' ``Page.render`` has just produced for ``page``."""
    links = page.links_to_anchors
    return RenderedPage(
        source_digest=source_digest(page.markdown or ""),
        content=page.content or "",
        toc=page.toc,
        title=page._title_from_render,
        anchor_ids=page.present_anchor_ids,
        links_to_anchors=None if links is None else {file.src_uri: dict(v) for file, v in links.items()},
    )


def _apply(rendered: RenderedPage, page: Page, files: Files) -> None:
    """Give ``page`` an earlier render's output, and replay what that render logged."""
    page.content = rendered.content
    page.toc = rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = rendered.anchor_ids
    if rendered.links_to_anchors is not None:
        targets = ((files.get_file_from_path(uri), links) for uri, links in rendered.links_to_anchors.items())
        page.links_to_anchors = {file: links for file, links in targets if file is not None}
    page.prepared_search_entries = (rendered.content, rendered.search_entries)
    replay(rendered.records)


def _search_index(config: MkDocsConfig):
    """Material's search index object, or None if the search plugin is off or has changed shape."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context") and isinstance(index.entries, list):
            return index
    return None


def _search_entries(page: Page, config: MkDocsConfig) -> list[dict] | None:
    """In a worker: the entries Material's search makes from ``page`` (its own code, on a copy)."""
    index = _search_index(config)
    if index is None:
        return None
    before = len(index.entries)
    index.add_entry_from_context(page)
    entries = index.entries[before:]
    del index.entries[before:]
    return entries


def _take_search_entries_from_workers(config: MkDocsConfig) -> None:
    """Let the search plugin use the entries the workers made, for pages whose HTML is unchanged.

    Material's search parses every page's HTML in the parent process, about a
    fifth of a large build; the workers have already done it. A page whose
    content another plugin replaced after rendering is parsed again as usual.
    """
    index = _search_index(config)
    if index is None:
        return
    parse = index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        content, entries = getattr(page, "prepared_search_entries", (None, None))
        page.prepared_search_entries = (None, None)
        if entries is not None and content is page.content:
            index.entries.extend(entries)
        else:
            parse(page)

    index.add_entry_from_context = add_entry_from_context


class _GeneratedPage(Page):
    """A generated page that takes its HTML from the render cache when it is there."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Reuse the HTML rendered for exactly this Markdown, else render it as MkDocs does."""
        if state.command != "serve":  # rendered in a worker, or not at all yet
            rendered = state.renders.take(self.file.src_uri, self.markdown or "")
            if rendered is None:
                super().render(config, files)
            else:
                _apply(rendered, self, files)
            return
        rendered = state.renders.get(self.file.src_uri, self.markdown or "")
        if rendered is not None:  # unchanged since the previous preview build
            _apply(rendered, self, files)
            state.reused_pages += 1
            return
        with recorded_logs() as records:
            super().render(config, files)
        rendered = _snapshot(self)
        rendered.records = records
        state.renders.put(self.file.src_uri, rendered.source_digest, rendered)


def _render_in_worker(page: Page, config: MkDocsConfig, files: Files) -> RenderedPage:
    """In a forked worker: read and render one page with MkDocs' own code."""
    page.read_source(config)
    Page.render(page, config, files)
    rendered = _snapshot(page)
    rendered.search_entries = _search_entries(page, config)
    page.markdown = page.content = None  # this copy of the page is not used again: free it
    return rendered


def _prebuild_theme_pages(env, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    """Apply the theme to the generated pages in workers, each writing its page to ``site/``.

    The worker does what MkDocs' ``_build_page`` does up to the template (the
    same context, the same ``on_page_context`` events, the same template) and
    writes the result where the page goes. MkDocs then builds the page as
    usual, but ``main.html`` passes that HTML through unchanged (see
    :func:`on_page_context`), and ``on_post_page`` runs once, in this process.
    """
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [file.page for file in doc_files if isinstance(file.page, _GeneratedPage)]
    started = time.perf_counter()
    apply_theme = functools.partial(_theme_in_worker, env=env, config=config, nav=nav, doc_files=doc_files)
    for page, outcome in zip(pages, map_in_order(apply_theme, pages, state.workers), strict=True):
        if outcome.error is None:
            state.prebuilt.add(page.file.src_uri)
            replay(outcome.records)
    log.info(
        f"Applied the theme to {len(state.prebuilt):,} generated pages in {state.workers} worker processes "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _theme_in_worker(page: Page, env, config: MkDocsConfig, nav: Navigation, doc_files: list[File]) -> None:
    """In a forked worker: MkDocs' ``_build_page`` up to the template, written to the page's place."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
    finally:
        page.active = False
        config._current_page = None
    write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
    page.content = None  # this copy of the page is not used again: free it


def _build_fingerprint(config: MkDocsConfig, files: Files) -> str:
    """What rendering depends on besides a page's own Markdown: the config and the file list."""
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    for file in files:
        digest.update(b"\0" + file.src_uri.encode())
    return digest.hexdigest()
