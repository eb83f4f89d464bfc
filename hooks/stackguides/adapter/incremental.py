"""The preview's rebuild after a save: only the pages that depend on the changed data files.

``mkdocs serve`` rebuilds the whole site after every change: configuration,
every page's theme, the search index, every file written again. MkDocs has no
public way to rebuild part of a site (``on_serve`` receives the builder but
cannot change what it does), so :func:`install` replaces the function the
serve loop calls (``mkdocs_private.replace_builder``) with one that decides:

* **incremental**, when the only changes since the previous build are edits of
  existing data files, the previous build showed no data errors, and the data
  is still valid: the changed files are parsed again
  (``load/incremental.py``), the pages that may show them are drawn again
  (``pages/dependencies.py``: the entry's own page, the pages of entries it
  names or that name it, and the index pages), and of those, each page whose
  Markdown changed goes through MkDocs' own two page steps (Markdown, then
  theme and write, plugin events included). The JSON API files that changed
  are written again, then the search step runs (:func:`write_search`), which
  starts Pagefind in the background (``background_search.py``): the rebuild
  returns, and the page is served, without waiting for the index.
  Everything else on disk is the previous build's.
* **full** (MkDocs' own builder, as before) for anything else: a file added,
  deleted or renamed, a change outside ``data/``, data errors (then every page
  shows them, and the next good save rebuilds everything again), a page that
  cannot be drawn, a changed title of a page in the navigation, MkDocs or
  Material versions the private names were not tested with, or an
  unexpected error in the incremental path (logged, then MkDocs starts over).

``mkdocs serve --dirty`` keeps MkDocs' own behaviour, and
``STACKGUIDES_PREVIEW=full`` makes every rebuild a full one (to compare).

Each rebuild logs one ``Preview:`` line saying which it was, and why.
``tests/test_incremental_preview.py`` checks, against the real ``mkdocs
serve``, that the site after incremental rebuilds equals a full rebuild of the
same data, file for file.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

from stackguides.adapter import mkdocs_private
from stackguides.adapter.background_search import indexer as background_index
from stackguides.errors import DataErrors
from stackguides.load.incremental import CatalogReloader, changed_paths, stamps
from stackguides.outputs.api import api_files
from stackguides.pages.dependencies import ReferenceIndex, affected_entries, pages_for

log = logging.getLogger("mkdocs.plugins.stackguides")


class _Build:
    """What the last full build left in memory: what rebuilding one page needs."""

    def __init__(self, config, files, nav, env) -> None:
        self.config = config
        self.files = files
        self.nav = nav
        self.env = env
        self.doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        self.search_entries: dict[str, list[dict]] = {}


class Fallback(Exception):
    """An incremental rebuild cannot be trusted here: the reason, for the log."""


class Preview:
    """The incremental preview of one ``mkdocs serve`` session."""

    def __init__(self) -> None:
        self.state = None  # the adapter's _State (events.py): data, errors, pages as last drawn
        self.nav = None
        self.build: _Build | None = None
        self.stamps: dict | None = None  # the watched files as they were when the site was last built
        self.reloader: CatalogReloader | None = None
        self.references: ReferenceIndex | None = None
        self.root: Path | None = None
        self.watched: list[Path] = []
        self.api_cache: dict = {}  # each entry's JSON text (outputs/api.py), filled by the full build

    # -- hooks called from events.py ---------------------------------------------------------

    def install(self, server, config, state) -> None:
        """From ``on_serve``: take over the serve loop's rebuilds (unless the versions are untested)."""
        reason = mkdocs_private.unsupported_reason()
        if os.environ.get("STACKGUIDES_PREVIEW", "").strip() == "full":
            reason = "STACKGUIDES_PREVIEW=full"
        elif state.dirty:
            reason = "mkdocs serve --dirty keeps MkDocs' own partial rebuilds"
        if reason is not None:
            log.info(f"Preview: every save rebuilds the whole site ({reason})")
            return
        self.state = state
        self.root = Path(config.config_file_path).absolute().parent
        self.watched = _watched_paths(config, self.root, mkdocs_private.watched_paths(server))
        self.stamps = stamps(self.watched)  # the first build has just read these files
        mkdocs_private.replace_builder(server, self._wrap)

    def new_api_cache(self) -> dict:
        """From ``on_files`` (preview only): a fresh cache of JSON texts for the build under way."""
        self.api_cache = {}
        return self.api_cache

    def seen_nav(self, nav) -> None:
        """From ``on_nav``: the navigation of the build under way."""
        self.nav = nav

    def built(self, config, files, env) -> None:
        """From ``on_env`` (preview only): every page is rendered; keep what rebuilding one page needs."""
        self.build = _Build(config, files, self.nav, env)
        index = mkdocs_private.search_index(config)
        if index is not None:
            mkdocs_private.record_entries(index, self.build.search_entries)

    # -- the rebuild ---------------------------------------------------------------------------

    def _wrap(self, full_builder: Callable[[], None]) -> Callable[[], None]:
        def rebuild() -> None:
            background_index.stop()  # Pagefind must not read pages this rebuild is writing
            now = stamps(self.watched)
            started = time.perf_counter()
            if self.build is not None and now == self.stamps:
                # A second event for a save already rebuilt (a write seen half-way, then whole).
                log.info("Preview: no change since the last rebuild")
                return
            try:
                summary = self._incremental(now)
            except Fallback as reason:
                log.info(f"Preview: full rebuild ({reason})")
                self._full(full_builder, now)
                return
            except Exception as exc:  # a bug here must not leave the preview stuck: MkDocs starts over
                log.info(
                    f"Preview: full rebuild (the incremental rebuild failed: {type(exc).__name__}: {exc})"
                )
                self._full(full_builder, now)
                return
            self.stamps = now
            log.info(f"Preview: incremental rebuild in {time.perf_counter() - started:.2f} s: {summary}")

        return rebuild

    def _full(self, full_builder: Callable[[], None], now: dict) -> None:
        self.build = self.reloader = self.references = None
        self.stamps = None
        full_builder()
        self.stamps = now  # files changed during the build differ from these and are read again

    def _incremental(self, now: dict) -> str:
        state, build = self.state, self.build
        if build is None or self.stamps is None:
            raise Fallback("no complete previous build to start from")
        if state.errors:
            raise Fallback("the previous build showed data errors")
        modified, added, removed = changed_paths(self.stamps, now)
        if added or removed:
            raise Fallback("a file was added, deleted or renamed")
        if self.reloader is None:
            self.reloader = CatalogReloader(self.root, state.catalog)
            self.references = ReferenceIndex(state.catalog)
        keys = set()
        for path in modified:
            key = self.reloader.entry_for(path)
            if key is None:
                raise Fallback(f"{_shown(path, self.root)} is not a data file")
            keys.add(key)
        try:
            reloaded = self.reloader.reload(keys)
        except DataErrors:
            self.reloader = self.references = None
            raise Fallback("the data has errors") from None
        affected = affected_entries(self.references, reloaded.changed)
        self.references.update(new for _old, new in reloaded.changed.values())
        try:
            pages = list(pages_for(reloaded.catalog, affected))
        except Exception as exc:  # shown by the full rebuild, which draws the pages one by one
            self.reloader = self.references = None
            raise Fallback(f"a page could not be drawn ({type(exc).__name__})") from None
        state.catalog = state.last_good = reloaded.catalog
        state.last_pages.update((page.path, page) for page in pages)
        redrawn = self._redraw(build, pages)
        written = self._write_api(build, reloaded.catalog)
        write_search(build)
        names = ", ".join(redrawn[:4]) + (", ..." if len(redrawn) > 4 else "")
        return (
            f"{len(pages):,} of {len(build.doc_files):,} pages drawn again, {len(redrawn):,} changed "
            f"({names or 'none'}), {written:,} data files written"
        )

    def _redraw(self, build: _Build, pages) -> list[str]:
        """Render and write each page whose Markdown changed; return their paths."""
        changed = []
        for source in pages:
            file = build.files.get_file_from_path(source.path)
            if file is None or file.page is None:
                raise Fallback(f"{source.path} is a new page")
            if file.content_string != source.markdown:
                changed.append(file)
                file.content_string = source.markdown
        for file in changed:
            page = file.page
            title = page.title
            mkdocs_private.populate_page(page, build.config, build.files)
            if page.title != title and not file.inclusion.is_not_in_nav():
                raise Fallback(f"the navigation title of {file.src_uri} changed")
        for file in changed:
            mkdocs_private.build_page(file.page, build.config, build.doc_files, build.nav, build.env)
        log_level = build.config.validation.links.anchors
        for file in changed:
            file.page.validate_anchor_links(files=build.files, log_level=log_level)
        return [file.src_uri for file in changed]

    def _write_api(self, build: _Build, catalog) -> int:
        """Write the JSON API files whose content changed; return how many."""
        written = 0
        for path, content in api_files(catalog, self.api_cache).items():
            file = build.files.get_file_from_path(path)
            if file is None:
                raise Fallback(f"{path} is a new file")
            if file.content_string != content:
                file.content_string = content
                file.copy_file()
                written += 1
        return written


def write_search(build: _Build) -> None:
    """The search step of an incremental rebuild: the index of every page, then the post-build events.

    Material's search index gets every page's entries in page order (those
    of the redrawn pages are new), and ``on_post_build`` runs for every plugin,
    as at the end of a full build, so the search plugin writes its index (and
    any post-build step another plugin or hook has, runs too).
    """
    index = mkdocs_private.search_index(build.config)
    if index is not None:
        entries = [entry for file in build.doc_files for entry in build.search_entries.get(file.src_uri, ())]
        mkdocs_private.set_entries(index, entries)
    build.config.plugins.on_post_build(config=build.config)


def _watched_paths(config, root: Path, watched: list[str]) -> list[Path]:
    """What the serve loop watches: what it watched before ``on_serve``, then ``watch:``."""
    paths = [Path(path) for path in watched] or [Path(config.docs_dir), Path(config.config_file_path)]
    paths += [Path(path) for path in config.watch]
    paths = [path if path.is_absolute() else root / path for path in paths]
    return list(dict.fromkeys(paths))


def _shown(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return path


preview = Preview()
