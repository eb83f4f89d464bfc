"""Bytes the first search downloads, on a tool page, as the catalog grows: Pagefind against Material's search.

Usage (from the repository root, with the project's virtualenv and Debian's Chromium)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/search_bytes.py [--sizes 100,1000,10000]
        [--engines pagefind,material] [--output benchmarks/SEARCH.md]

For each size N it generates a synthetic catalog (``synthetic.py``, seed 1)
and builds it with ``mkdocs build`` through the hooks: once as the site is
built (Pagefind) and, with ``material`` in ``--engines``, once more with a
``mkdocs.yml`` that turns Material's search plugin back on (the hooks then
skip Pagefind). It serves the site on 127.0.0.1 with gzip (as GitHub Pages
does), opens a tool page in Chromium, opens search with ``/``, types that
tool's name, waits for the results and for the network to go quiet, and
sums the bytes on the wire (compressed body plus headers, from Playwright's
request sizes) of every search request since the page opened: for Pagefind
``assets/javascripts/search.js`` and everything under ``pagefind/``; for
Material its search worker and ``search/search_index.json``. It also records
the build time and, for Pagefind, the indexing time the hooks log. The
results are printed as Markdown (with the machine) and written to
``--output``. A benchmark, not a test: a missed target is reported, never
raised.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from machine import machine_line  # noqa: E402  (shared by the benchmarks next to this file)

import synthetic  # noqa: E402  (the generator next to this file)
from browser_tools import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

REPO_ROOT = synthetic.REPO_ROOT
OUTPUT = HERE / "SEARCH.md"
KB = 1024
TARGET_BYTES = 300 * KB
TARGET_RATIO = 1.2
_INDEXED = re.compile(r"Search index written by Pagefind in ([0-9.]+) s")


@dataclass
class Measurement:
    """One engine at one catalog size."""

    engine: str
    tools: int
    build_seconds: float
    index_seconds: float | None
    requests: int
    bytes: int
    query: str
    top: str
    parts: dict[str, int]  # bytes by kind of search file (part_of)


PARTS = (
    ("script", "scripts: search.js, pagefind.js, its worker"),
    ("wasm", "WebAssembly search engine"),
    ("entry", "pagefind-entry.json"),
    ("meta", "page list and chunk map (*.pf_meta)"),
    ("index", "word index chunks (*.pf_index)"),
    ("fragment", "result fragments (*.pf_fragment)"),
    ("other", "anything else (Material: its worker and search_index.json)"),
)


def part_of(url: str) -> str:
    """Which kind of search file a request fetched (a key of :data:`PARTS`)."""
    name = url.split("?", 1)[0].rsplit("/", 1)[-1]
    if name.endswith(".js"):
        return "script"
    for suffix, part in ((".pf_meta", "meta"), (".pf_index", "index"), (".pf_fragment", "fragment")):
        if name.endswith(suffix):
            return part
    if name.startswith("wasm."):
        return "wasm"
    return "entry" if name == "pagefind-entry.json" else "other"


def is_search_request(engine: str, url: str) -> bool:
    """Whether a request belongs to search (and so counts)."""
    if engine == "pagefind":
        return "/pagefind/" in url or url.endswith("/assets/javascripts/search.js")
    return "/search/search_index" in url or "/workers/search" in url


def material_config(root: Path) -> None:
    """Replace the project's ``mkdocs.yml`` link by a copy with Material's search plugin on."""
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nplugins: []\n" not in text:
        raise SystemExit("mkdocs.yml has no `plugins: []` line to turn Material's search back on")
    config = root / "mkdocs.yml"
    config.unlink()
    config.write_text(text.replace("\nplugins: []\n", "\nplugins:\n  - search\n"), encoding="utf-8")


def build(root: Path, site: Path) -> tuple[float, float | None]:
    """``mkdocs build`` of ``root`` into ``site``; returns wall seconds and Pagefind's seconds (if it ran)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"the build of {root} failed:\n{result.stderr[-3000:]}")
    match = _INDEXED.search(result.stderr)
    return seconds, float(match.group(1)) if match else None


def first_tool_page(site: Path) -> str:
    """The path of the first tool page in the site (sorted, so every run picks the same)."""
    pages = sorted(p.parent.name for p in (site / "tools").glob("*/index.html") if p.parent.name != "a-z")
    return f"tools/{pages[0]}/"


def first_query(engine: str, site: Path) -> tuple[int, int, str, str, dict[str, int]]:
    """Open a tool page, search for its name; returns (requests, bytes, query, top result, bytes by part)."""
    from playwright.sync_api import sync_playwright

    path = first_tool_page(site)
    counted: list[int] = []
    parts: dict[str, int] = {}
    server = serve(site, compress=True)
    base = next(server)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})

            def finished(request) -> None:
                if is_search_request(engine, request.url):
                    sizes = request.sizes()
                    size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    counted.append(size)
                    part = part_of(request.url)
                    parts[part] = parts.get(part, 0) + size

            page.on("requestfinished", finished)
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            query = page.locator("article h1").first.inner_text().replace("¶", "").strip()
            page.keyboard.press("/")
            page.keyboard.type(query, delay=30)
            if engine == "pagefind":
                page.wait_for_function(
                    "q => document.querySelector('[data-sg-search]').dataset.sgSearchQuery === q",
                    arg=query,
                    timeout=120_000,
                )
                top = page.locator("[role=option]").first.get_attribute("href") or ""
            else:
                page.locator(".md-search-result__item a").first.wait_for(timeout=300_000)
                top = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            browser.close()
    finally:
        server.close()
    return len(counted), sum(counted), query, top, parts


def measure(tools: int, engines: list[str], workdir: Path) -> list[Measurement]:
    """Build and measure one catalog size with each engine."""
    results = []
    for engine in engines:
        root = workdir / f"{engine}-{tools}"
        synthetic.generate(root, tools, 1)
        if engine == "material":
            material_config(root)
        site = workdir / f"{engine}-{tools}-site"
        print(f"[{tools} tools, {engine}] building...", file=sys.stderr, flush=True)
        seconds, indexed = build(root, site)
        print(
            f"[{tools} tools, {engine}] built in {seconds:.1f} s; searching...", file=sys.stderr, flush=True
        )
        requests, size, query, top, parts = first_query(engine, site)
        results.append(Measurement(engine, tools, seconds, indexed, requests, size, query, top, parts))
        print(
            f"[{tools} tools, {engine}] {size / KB:,.1f} KB in {requests} requests",
            file=sys.stderr,
            flush=True,
        )
    return results


def report(results: list[Measurement], command: str) -> str:
    """The Markdown table, ratios against the 1,000-tool figure and the targets."""
    lines = [
        "# Search: bytes the first query downloads",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine_line()}, by `{command}`.",
        "",
        "A tool page of a synthetic catalog (`synthetic.py`, seed 1) served with gzip; search opened "
        "with `/`, the tool's name typed; every search request summed (compressed body and headers) "
        "from page open to the results.",
        "",
        "| Engine | Tools | Search requests | Search KB | × 1,000 tools | Build s | Indexing s | Top result |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    reference = {m.engine: m.bytes for m in results if m.tools == 1000}
    for m in results:
        ratio = f"{m.bytes / reference[m.engine]:.2f}" if m.engine in reference else "–"
        indexed = f"{m.index_seconds:.1f}" if m.index_seconds is not None else "–"
        lines.append(
            f"| {m.engine} | {m.tools:,} | {m.requests} | {m.bytes / KB:,.1f} | {ratio} | "
            f"{m.build_seconds:.1f} | {indexed} | `{m.top}` |"
        )
    lines += ["", "Where the bytes go (KB on the wire, by kind of file):", ""]
    shown = [(key, label) for key, label in PARTS if any(m.parts.get(key) for m in results)]
    lines.append("| Engine | Tools | " + " | ".join(label for _key, label in shown) + " |")
    lines.append("|---|---:|" + "---:|" * len(shown))
    for m in results:
        cells = " | ".join(f"{m.parts.get(key, 0) / KB:,.1f}" for key, _label in shown)
        lines.append(f"| {m.engine} | {m.tools:,} | {cells} |")
    lines += [
        "",
        "Targets (issue 15): at 10,000 tools at most 300 KB, and at most 1.2× the 1,000-tool figure.",
    ]
    large = {m.engine: m for m in results if m.tools == 10000}
    for engine, m in large.items():
        ok_size = m.bytes <= TARGET_BYTES
        line = f"- {engine}: {m.bytes / KB:,.1f} KB at 10,000 tools ({'met' if ok_size else 'missed'})"
        if engine in reference:
            ratio = m.bytes / reference[engine]
            line += f"; {ratio:.2f}× the 1,000-tool figure ({'met' if ratio <= TARGET_RATIO else 'missed'})"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="tool counts, comma-separated")
    parser.add_argument("--engines", default="pagefind,material", help="pagefind, material or both")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the Markdown report")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    engines = [engine.strip() for engine in args.engines.split(",")]
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="search-bytes-") as workdir:
        for tools in sizes:
            results += measure(tools, engines, Path(workdir))
    text = report(results, "python benchmarks/search_bytes.py " + " ".join(argv or sys.argv[1:]))
    print(text)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
