"""How the generated pages are rendered: by worker processes in a build, reused in a preview.

A helper of the MkDocs adapter (``mkdocs_adapter.py``), and like it allowed
to import MkDocs. Each step runs MkDocs' or Material's own code, so the site
is byte-identical to a serial build (``tests/test_parallel_render.py``):

* Markdown: every generated page is a :class:`GeneratedPage`. In
  ``mkdocs build`` forked workers run ``Page.render`` on all of them first;
  MkDocs then takes each result whose Markdown digest still matches (else it
  renders the page itself). In ``mkdocs serve`` (live-reload threads: no
  fork) the HTML of a page whose Markdown did not change since the previous
  rebuild is reused.
* Search: the workers also run Material's search indexing on their copy of
  each page; the parent's index takes those entries while the page's content
  is the very string the worker returned.
* Theme: the workers do what MkDocs' ``_build_page`` does up to the
  template and write each page to ``site/``; ``main.html`` then passes that
  HTML through unchanged and ``on_post_page`` runs once, in the parent.

What a worker logs is replayed in the parent where a serial build would log
it, so warnings still fail ``--strict``. ``STACKGUIDES_WORKERS=1`` turns the
workers off.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from stackguides.log_records import recorded_logs, replay
from stackguides.parallel import map_in_order, workers_for
from stackguides.render_cache import RenderCache, RenderedPage, source_digest

log = logging.getLogger("mkdocs.plugins.stackguides")

# Below this many generated pages, forking workers costs more than it saves.
MIN_PAGES_FOR_WORKERS = 64


class RenderSession:
    """Rendering state of one build, and what a preview keeps from one rebuild to the next."""

    def __init__(self) -> None:
        self.command = "build"
        self.renders = RenderCache()
        self.reused_pages = 0
        self.workers = 1  # worker processes of the current build (1: everything in this process)
        self.nav: Navigation | None = None
        self.prebuilt: set[str] = set()  # pages whose theme HTML a worker wrote to site/

    def render_ahead(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """Start a build: in ``mkdocs build``, render the generated pages' Markdown in workers.

        Raises ValueError for a bad ``STACKGUIDES_WORKERS``.
        """
        self.renders.start_build(_build_fingerprint(config, files))
        self.reused_pages = 0
        self.nav, self.prebuilt = nav, set()
        pages = [file.page for file in files.documentation_pages() if isinstance(file.page, GeneratedPage)]
        workers = workers_for(len(pages), worth_it_from=MIN_PAGES_FOR_WORKERS)
        self.workers = 1 if self.command == "serve" else workers
        if self.workers < 2:
            return
        started = time.perf_counter()
        render = functools.partial(_render_in_worker, config=config, files=files)
        failed: list[str] = []
        for page, outcome in zip(pages, map_in_order(render, pages, self.workers), strict=True):
            if outcome.error is None:
                rendered = outcome.value
                rendered.records = outcome.records
                self.renders.put(page.file.src_uri, rendered.source_digest, rendered)
            else:  # MkDocs renders the page itself later, and reports any error as usual
                failed.append(f"{page.file.src_uri} ({outcome.error})")
        if failed:
            log.info(
                f"{len(failed):,} pages were not rendered in a worker and will be rendered serially: {failed[0]}"
            )
        _take_search_entries_from_workers(config)
        log.info(
            f"Rendered {len(pages):,} generated pages in {self.workers} worker processes "
            f"in {time.perf_counter() - started:.1f} s (set STACKGUIDES_WORKERS=1 to render them serially)"
        )

    def log_reused_pages(self) -> None:
        """Once every page is rendered: say how many a preview rebuild could reuse."""
        if self.reused_pages:
            log.info(f"Preview: reused {self.reused_pages:,} generated pages whose Markdown did not change")

    def theme_ahead(self, env, config: MkDocsConfig, files: Files) -> None:
        """In a build with workers, have them put the generated pages through the theme."""
        if self.workers < 2 or self.nav is None:
            return
        # Each worker does what MkDocs' _build_page does up to the template and writes the page to
        # site/; MkDocs then builds the page as usual, but page_context hands that HTML to main.html,
        # which passes it through unchanged, and on_post_page runs once, in this process.
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [file.page for file in doc_files if isinstance(file.page, GeneratedPage)]
        started = time.perf_counter()
        apply_theme = functools.partial(
            _theme_in_worker, env=env, config=config, nav=self.nav, doc_files=doc_files
        )
        for page, outcome in zip(pages, map_in_order(apply_theme, pages, self.workers), strict=True):
            if outcome.error is None:  # else MkDocs applies the theme itself, as usual
                self.prebuilt.add(page.file.src_uri)
                replay(outcome.records)
        log.info(
            f"Applied the theme to {len(self.prebuilt):,} generated pages in {self.workers} worker processes "
            f"in {time.perf_counter() - started:.1f} s"
        )

    def page_context(self, context, page: Page):
        """For a page a worker already put through the theme: hand its HTML to ``main.html``."""
        if page.file.src_uri in self.prebuilt:
            self.prebuilt.discard(page.file.src_uri)
            context["prebuilt_html"] = Path(page.file.abs_dest_path).read_bytes().decode("utf-8")
        return context


session = RenderSession()


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


class GeneratedPage(Page):
    """A generated page that takes its HTML from the render cache when it is there."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Reuse the HTML rendered for exactly this Markdown, else render it as MkDocs does."""
        if session.command != "serve":  # rendered in a worker, or not at all yet
            rendered = session.renders.take(self.file.src_uri, self.markdown or "")
            if rendered is None:
                super().render(config, files)
            else:
                _apply(rendered, self, files)
            return
        rendered = session.renders.get(self.file.src_uri, self.markdown or "")
        if rendered is not None:  # unchanged since the previous preview build
            _apply(rendered, self, files)
            session.reused_pages += 1
            return
        with recorded_logs() as records:
            super().render(config, files)
        rendered = _snapshot(self)
        rendered.records = records
        session.renders.put(self.file.src_uri, rendered.source_digest, rendered)


def _render_in_worker(page: Page, config: MkDocsConfig, files: Files) -> RenderedPage:
    """In a forked worker: read and render one page with MkDocs' own code."""
    page.read_source(config)
    Page.render(page, config, files)
    rendered = _snapshot(page)
    rendered.search_entries = _search_entries(page, config)
    page.markdown = page.content = None  # this copy of the page is not used again: free it
    return rendered


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
