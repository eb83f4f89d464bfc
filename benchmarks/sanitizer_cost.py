"""What the sanitizer stage costs: nh3 over every generated page's content, against Markdown itself.

Usage: .venv/bin/python benchmarks/sanitizer_cost.py [--tools N] [--seed S]

Generates a synthetic catalog of N tools (default 1,000), draws every page, converts each with the
site's Markdown setup without the sanitizer, then times ``sanitize_html`` over all of them and
Markdown's own conversion of the same pages. Prints both and their ratio, measured in one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from stackguides.load import load_catalog  # noqa: E402
from stackguides.outputs.sanitizer import sanitize_html  # noqa: E402
from stackguides.pages import build_pages  # noqa: E402

from page_tools import site_markdown  # noqa: E402 - after the path set-up above
from synthetic import generate  # noqa: E402


def main() -> None:
    """Print the sanitizer's time, Markdown's time and their ratio for one synthetic catalog."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.tools, args.seed)
        pages = build_pages(load_catalog(Path(folder)))
    bodies = [page.markdown.split("\n---\n", 1)[-1] for page in pages]
    start = time.perf_counter()
    htmls = [site_markdown(sanitize=False).convert(body) for body in bodies]
    markdown_seconds = time.perf_counter() - start
    start = time.perf_counter()
    for html in htmls:
        sanitize_html(html)
    sanitize_seconds = time.perf_counter() - start
    size = sum(map(len, htmls)) / 1e6
    print(f"{args.tools:,} tools, {len(pages):,} pages, {size:.1f} MB of content HTML")
    print(
        f"Markdown conversion: {markdown_seconds:.2f} s; sanitizer: {sanitize_seconds:.2f} s "
        f"({sanitize_seconds / len(pages) * 1000:.2f} ms a page); ratio {sanitize_seconds / markdown_seconds:.3f}"
    )


if __name__ == "__main__":
    main()
