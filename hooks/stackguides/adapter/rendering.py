"""How the generated pages are rendered: by worker processes in a build, reused in a preview.

A helper of the MkDocs adapter (``mkdocs_adapter.py``), and like it allowed
to import MkDocs. Each step runs MkDocs' or Material's own code, so the site
is byte-identical to a serial build (``tests/test_parallel_render.py``); the
private MkDocs and Material names this needs are all in ``mkdocs_private.py``,
which turns the workers off outside the versions they were tested with:

* Markdown: every generated page is a :class:`GeneratedPage`. In
  ``mkdocs build`` forked workers run ``Page.render`` on all of them first;
  MkDocs then takes each result whose Markdown digest still matches (else it
  renders the page itself). In ``mkdocs serve`` (live-reload threads: no
  fork) the HTML of a page whose Markdown did not change since the previous
  rebuild is reused.
* Search is not made here: Material's search plugin is off and Pagefind
  indexes the written HTML after the build (``outputs/search_index.py``).

* Theme and write: in ``mkdocs build`` the same workers, forked again once
  every page is rendered (``on_env``), run MkDocs' own ``_build_page`` on the
  generated pages, and MkDocs' loop skips them (:meth:`RenderSession.write_ahead`).
  At 10,000 tools this step was about a fifth of the build, on one core.

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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from stackguides.adapter import mkdocs_private
from stackguides.adapter.render_cache import RenderCache, RenderedPage, source_digest
from stackguides.log_records import recorded_logs, replay
from stackguides.parallel import map_in_order, workers_for

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
        self.written_ahead: set[str] = set()  # pages the workers applied the theme to and wrote
        self.nav: Navigation | None = None  # the navigation of the build under way
        self.private_api_checked = False

    def render_ahead(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """Start a build: in ``mkdocs build``, render the generated pages' Markdown in workers.

        Raises ValueError for a bad ``STACKGUIDES_WORKERS``.
        """
        self.renders.start_build(_build_fingerprint(config, files))
        self.reused_pages = 0
        self.nav = nav  # for write_ahead, once every page is rendered
        pages = [file.page for file in files.documentation_pages() if isinstance(file.page, GeneratedPage)]
        workers = workers_for(len(pages), worth_it_from=MIN_PAGES_FOR_WORKERS)
        self.workers = 1 if self.command == "serve" or not self._private_api_usable() else workers
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
        log.info(
            f"Rendered {len(pages):,} generated pages in {self.workers} worker processes "
            f"in {time.perf_counter() - started:.1f} s (set STACKGUIDES_WORKERS=1 to render them serially)"
        )

    def write_ahead(self, config: MkDocsConfig, files: Files, env) -> None:
        """In ``mkdocs build`` with workers: apply the theme to the generated pages and write them, in workers.

        Runs once every page's Markdown is rendered (``on_env``), so each
        worker has the whole navigation and every page, as MkDocs' own loop
        would. That loop then skips the pages written here
        (``mkdocs_private.skip_page_builds``) and applies the theme to the
        hand-written pages, and to any page a worker failed on, itself.
        """
        self.written_ahead = set()
        nav, self.nav = self.nav, None
        if self.workers < 2 or nav is None:
            return
        others = [name for name in config.plugins if not name.startswith("hooks/")]
        if others:
            # Another plugin's page events would run in the workers, and whatever they keep (Material's
            # search collects its entries there) would be lost with them: MkDocs' loop does it all.
            log.info(f"Applying the theme serially: the plugins {', '.join(others)} see every page")
            return
        started = time.perf_counter()
        doc_files = mkdocs_private.build_documentation_pages(files)
        pages = [file.page for file in doc_files if isinstance(file.page, GeneratedPage)]
        write = functools.partial(_write_in_worker, config=config, doc_files=doc_files, nav=nav, env=env)
        failed: list[str] = []
        for page, outcome in zip(pages, map_in_order(write, pages, self.workers), strict=True):
            if outcome.error is None:
                replay(outcome.records)
                self.written_ahead.add(page.file.src_uri)
            else:  # MkDocs' loop builds it, and reports any error as usual
                failed.append(f"{page.file.src_uri} ({outcome.error})")
        if failed:
            log.info(
                f"{len(failed):,} pages were not written by a worker and will be written serially: {failed[0]}"
            )
        mkdocs_private.skip_page_builds(lambda page: page.file.src_uri in self.written_ahead)
        log.info(
            f"Applied the theme to {len(self.written_ahead):,} generated pages in {self.workers} worker "
            f"processes in {time.perf_counter() - started:.1f} s"
        )

    def _private_api_usable(self) -> bool:
        """Whether the installed MkDocs and Material are the versions the private names were tested on."""
        reason = mkdocs_private.unsupported_reason()
        if reason is None:
            return True
        if not self.private_api_checked:
            log.info(f"Rendering pages serially: {reason}")
        self.private_api_checked = True
        return False

    def log_reused_pages(self) -> None:
        """Once every page is rendered: say how many a preview rebuild could reuse."""
        if self.reused_pages:
            log.info(f"Preview: reused {self.reused_pages:,} generated pages whose Markdown did not change")


session = RenderSession()


def _snapshot(page: Page) -> RenderedPage:
    """What MkDocs' ``Page.render`` has just produced for ``page``."""
    return RenderedPage(
        source_digest=source_digest(page.markdown or ""),
        content=page.content or "",
        toc=page.toc,
        leftovers=mkdocs_private.render_leftovers(page),
    )


def _apply(rendered: RenderedPage, page: Page, files: Files) -> None:
    """Give ``page`` an earlier render's output, and replay what that render logged."""
    page.content = rendered.content
    page.toc = rendered.toc
    mkdocs_private.restore_leftovers(page, rendered.leftovers, files)
    replay(rendered.records)


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
    page.markdown = page.content = None  # this copy of the page is not used again: free it
    return rendered


def _write_in_worker(page: Page, config: MkDocsConfig, doc_files, nav: Navigation, env) -> None:
    """In a forked worker: apply the theme to one page and write it, with MkDocs' own step."""
    mkdocs_private.build_page(page, config, doc_files, nav, env)
    page.content = None  # this copy of the page is not used again: free it


def _build_fingerprint(config: MkDocsConfig, files: Files) -> str:
    """What rendering depends on besides a page's own Markdown: the config and the file list."""
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    for file in files:
        digest.update(b"\0" + file.src_uri.encode())
    return digest.hexdigest()
