"""The preview's search index, written in the background after the rebuilt pages are served.

``mkdocs serve`` holds every request until a rebuild returns (its live-reload
server waits for the build's epoch), so indexing inside the rebuild made a
contributor wait for Pagefind after each save: half a second on the real
catalog, about two seconds at 1,000 tools, growing with the catalog. In the
preview, Pagefind therefore runs on a thread once the rebuild is done:

* the saved page is served, and the browser reloads, as soon as its HTML is
  written; search answers from the previous index until the new one is
  swapped in whole (``outputs/search_index.py``), a moment later;
* a new save stops the indexing under way before anything is written
  (:meth:`BackgroundIndexer.stop`), so Pagefind never reads a half-written
  page and an older index never replaces a newer one;
* a full rebuild empties the site folder first; the previous index is moved
  aside before and put back after (:meth:`keep_previous` and
  :meth:`restore_previous`), so search keeps working meanwhile.

Each run logs ``Search index: Pagefind is indexing ...`` when it starts and
``Search index written by Pagefind in X s`` (or ``... stopped ...``) when it
ends. ``mkdocs build`` indexes in the foreground, as before: its output is
the same whatever the timing.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path

from stackguides.outputs import search_index

log = logging.getLogger("mkdocs.plugins.stackguides")
STARTED = "Search index: Pagefind is indexing the site in the background"
WRITTEN = "Search index written by Pagefind in {seconds:.1f} s"
STOPPED = "Search index: stopped for a newer rebuild (it will index again)"


class BackgroundIndexer:
    """At most one Pagefind run at a time, on a thread, that the next rebuild can stop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen | None = None
        self._stopping = False
        self._kept: Path | None = None  # the previous index, moved aside during a full rebuild

    def start(self, site: Path) -> None:
        """Index ``site`` on a thread (stopping any run still under way first)."""
        self.stop()
        log.info(STARTED)
        self._stopping = False
        self._thread = threading.Thread(
            target=self._run, args=(site,), name="stackguides-search", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop the run under way, if any, and wait until its thread has ended."""
        thread = self._thread
        if thread is None:
            return
        with self._lock:
            self._stopping = True
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()
        thread.join()
        self._thread = None

    def keep_previous(self, site: Path) -> None:
        """Before a full rebuild empties ``site``: move its index out of the way (same file system)."""
        self.stop()
        index = site / search_index.OUTPUT_SUBDIR
        if not index.is_dir():
            return
        kept = site.parent / f".{site.name}-previous-search-index"
        shutil.rmtree(kept, ignore_errors=True)
        index.rename(kept)
        self._kept = kept

    def restore_previous(self, site: Path) -> None:
        """After the rebuild wrote its pages: serve the previous index until the new one is ready."""
        kept, self._kept = self._kept, None
        if kept is None or not kept.is_dir():
            return
        index = site / search_index.OUTPUT_SUBDIR
        if index.exists():
            shutil.rmtree(kept, ignore_errors=True)
        else:
            kept.rename(index)

    def _started(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._process = process
            if self._stopping:  # stop() came between the start of the thread and the process
                process.terminate()

    def _run(self, site: Path) -> None:
        try:
            run = search_index.build_search_index(site, started=self._started)
        except search_index.IndexingStopped:
            log.info(STOPPED)
        except search_index.SearchIndexError as exc:  # the preview keeps working, without new search
            log.error(str(exc))
        except OSError as exc:  # the site folder changed under the run (the server is shutting down)
            log.error(f"Search index: Pagefind's output could not be moved into place ({exc})")
        else:
            log.info(WRITTEN.format(seconds=run.seconds))
        finally:
            with self._lock:
                self._process = None


indexer = BackgroundIndexer()
