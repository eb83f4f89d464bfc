"""The site's search index: Pagefind, run on the built HTML, writing a chunked index into ``pagefind/``.

Material's search plugin writes one ``search_index.json`` that every page
downloads whole when it opens (about 2 MB at 1,000 tools, 21 MB at 10,000).
Pagefind splits its index into chunks by word and loads only the chunks a
query needs, plus one small fragment per result shown, so the first query
downloads about the same amount whatever the catalog size
(``benchmarks/search_bytes.py``, ``benchmarks/SEARCH.md``).

What is indexed is marked by the templates: ``overrides/partials/content.html``
wraps each page's heading and content in ``data-pagefind-body`` with its
kind as metadata (pages with ``search: exclude: true`` are left out), and
:data:`EXCLUDED` lists what is never indexed: the table and filter controls,
column headers, buttons and every block marked ``data-search-exclude``, so
that snippets hold the page's text, never its controls.

The binary comes from the locked ``pagefind-bin`` wheel (``pagefind[bin]``);
``PAGEFIND_BINARY_PATH`` points at another one. The output depends only on
the HTML (two builds of the same tree give identical files:
``tests/test_search.py``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stackguides.catalog import Catalog
from stackguides.kinds import KINDS
from stackguides.outputs.site_swap import replace_folder

OUTPUT_SUBDIR = "pagefind"
STAGING_SUBDIR = ".pagefind-staging"  # written first, then renamed into place
PAGEFIND_VERSION = "1.5.2"
EXCLUDED = (
    "[data-search-exclude]",  # blocks the templates mark as not worth a search hit (Material's marker)
    ".sg-search-skip",  # the sections under such a heading (mark_excluded_sections)
    ".sg-controls",  # filter box and facets of a table
    ".sg-status",  # "Showing 2 of 9"
    ".sg-js-only",  # controls drawn only for JavaScript (compare bar, pickers)
    ".sg-js-only-cell",  # the "Compare" checkbox column
    ".sg-no-js-label",  # a header's text repeated for readers without JavaScript
    "thead",  # column headers ("Tool Verdict Best for"), the same on every table
    "button",
    "form",
    ".headerlink",  # the pilcrow after each heading
    ".md-source-file",
)
INSTALL_HINT = (
    "install the locked dependencies (`make install`; requirements.lock pins "
    f"pagefind[bin]=={PAGEFIND_VERSION}) or set PAGEFIND_BINARY_PATH to a Pagefind {PAGEFIND_VERSION} binary"
)


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do, in one line."""


class IndexingStopped(RuntimeError):
    """Pagefind was stopped before it finished (a newer preview rebuild needs the site)."""


@dataclass(frozen=True)
class IndexRun:
    """What one Pagefind run did."""

    seconds: float
    output: Path


def kind_labels() -> dict[str, str]:
    """The label a search result shows for each page folder (``tools``: ``Tool``), from the kinds registry."""
    labels = {}
    for folder, kind in KINDS.items():
        if kind.template is None:  # costs have no page of their own
            continue
        noun = kind.noun
        labels[folder] = noun[0].upper() + noun[1:]
    return labels


def page_kind(url: str, labels: dict[str, str]) -> str:
    """The kind a search result names for the page at ``url`` (``tools/fastapi/``: ``Tool``)."""
    parts = url.strip("/").split("/")
    if len(parts) == 2 and parts[0] in labels and parts[1] != "a-z":
        return labels[parts[0]]
    return "List" if parts[0] in labels else "Page"


def topic_meta(catalog: Catalog, url: str) -> dict[str, str]:
    """Search metadata that lets a topic query ("task queue") find the tools and comparisons of that topic.

    A tool page gets its category's name: as ``pick`` for a recommended tool,
    as ``topic`` otherwise (the ranking weighs ``pick`` more, see
    ``search.js``); a comparison, which answers the topic, gets the categories of the
    tools it compares as ``pick``.
    Commas are dropped: Pagefind separates metadata fields with them.
    """
    parts = url.strip("/").split("/")
    if len(parts) != 2:
        return {}
    folder, entry_id = parts
    if folder == "tools" and entry_id in catalog.tools:
        tool = catalog.tools[entry_id].data
        category = catalog.categories.get(tool.category)
        if category is None:
            return {}
        return {"pick" if tool.verdict == "recommended" else "topic": _meta_value(category.data.name)}
    if folder == "comparisons" and entry_id in catalog.comparisons:
        names = []
        for tool_id in catalog.comparisons[entry_id].data.tools:
            tool = catalog.tools.get(tool_id)
            category = catalog.categories.get(tool.data.category) if tool else None
            if category is not None and category.data.name not in names:
                names.append(category.data.name)
        return {"pick": _meta_value(" ".join(names))} if names else {}
    return {}


def _meta_value(text: str) -> str:
    return " ".join(text.replace(",", " ").split())


_SECTION = re.compile(r"(<h2\b[^>]*\bdata-search-exclude\b[^>]*>.*?</h2>)(.*?)(?=<h[12]\b|\Z)", re.S)


def mark_excluded_sections(html: str) -> str:
    """Wrap the body of each section whose heading says ``data-search-exclude`` so Pagefind skips it too.

    Material's search leaves out the whole section under such a heading;
    Pagefind's selectors cannot say "until the next heading", so the section's
    content goes into a ``<div class="sg-search-skip">`` (``display: contents``
    in search.css: no layout change), which :data:`EXCLUDED` names.
    """
    return _SECTION.sub(
        lambda match: (
            f'{match.group(1)}<div class="sg-search-skip">{match.group(2)}</div>'
            if match.group(2).strip()
            else match.group(0)
        ),
        html,
    )


def pagefind_executable() -> Path:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH`` if set, else the one in the ``pagefind-bin`` wheel."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        path = Path(override)
        if not path.is_file():
            raise SearchIndexError(f"PAGEFIND_BINARY_PATH={override} is not a file: {INSTALL_HINT}")
        return path
    try:
        import pagefind_bin  # the binary's wheel; imported here so a missing one is reported, not a traceback
    except ImportError:
        raise SearchIndexError(f"Pagefind (the search indexer) is not installed: {INSTALL_HINT}") from None
    try:
        return Path(pagefind_bin.get_executable())
    except FileNotFoundError:
        raise SearchIndexError(
            f"The pagefind-bin wheel has no binary for this platform: {INSTALL_HINT}"
        ) from None


def command(site: Path, executable: Path, output_subdir: str = OUTPUT_SUBDIR) -> list[str]:
    """The Pagefind command line that indexes ``site`` into ``site/<output_subdir>``."""
    return [
        str(executable),
        "--site",
        str(site),
        "--output-subdir",
        output_subdir,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--force-language",
        "en",
        "--silent",
    ]


def build_search_index(site: Path, started: Callable[[subprocess.Popen], None] | None = None) -> IndexRun:
    """Index the built ``site``; raises :class:`SearchIndexError` with Pagefind's own message if it fails.

    ``started`` receives the running Pagefind process (the preview's background
    indexing keeps it, to stop it when a newer save arrives: see
    ``adapter/background_search.py``). A stopped run raises
    :class:`IndexingStopped` and leaves the previous index in place.
    """
    executable = pagefind_executable()
    begun = time.perf_counter()
    staging, output = site / STAGING_SUBDIR, site / OUTPUT_SUBDIR
    shutil.rmtree(staging, ignore_errors=True)  # left by a run that was killed
    try:
        process = subprocess.Popen(
            command(site, executable, STAGING_SUBDIR),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=site,
        )
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not start ({exc}): {INSTALL_HINT}") from None
    if started is not None:
        started(process)
    try:
        stdout, stderr = process.communicate(timeout=1800)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        if process.returncode < 0:  # ended by a signal: stopped on purpose
            raise IndexingStopped()
        detail = " ".join((stderr or stdout).split())[:500]
        raise SearchIndexError(f"Pagefind failed (exit {process.returncode}) on {site}: {detail}")
    # A new index replaces the old one whole: Pagefind names its files by content and never removes
    # any, so writing over a previous index (the preview does, after each save) would leave stale ones.
    replace_folder(staging, output)
    return IndexRun(seconds=time.perf_counter() - begun, output=output)
