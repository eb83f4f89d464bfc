"""Lighthouse scores and page weight for each page kind of the built site.

Usage:
    npm install --prefix .lighthouse lighthouse@13      # once; not committed
    .venv/bin/python benchmarks/lighthouse.py [--lighthouse .lighthouse/node_modules/.bin/lighthouse]

Builds the site (strict) into a temporary folder, serves it on 127.0.0.1, runs
Lighthouse against Debian's Chromium for each page kind, and prints a table of
the four category scores plus the bytes each page transfers. A benchmark, not
a test: the budget (performance >= 0.95; accessibility, best practices and SEO
= 1.0) is read from the table and recorded in benchmarks/LIGHTHOUSE.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_tools import serve  # noqa: E402

PAGES = {
    "home": "",
    "tool": "tools/fastapi/",
    "category": "categories/web-frameworks/",
    "comparison": "comparisons/django-fastapi-flask/",
    "guide": "guides/python-backend-2026/",
    "FAQ topic": "faqs/python-backend-faq/",
    "FAQ index": "faqs/",
    "tools A-Z": "tools/",
    "radar": "radar/",
    "compare": "compare/?tools=fastapi,django,flask",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build(site: Path) -> None:
    """Strict build of the real catalog into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def audit(lighthouse: str, url: str, preset: str) -> dict:
    """Run Lighthouse once and return its JSON report."""
    command = [
        lighthouse,
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=True)
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default=str(ROOT / ".lighthouse/node_modules/.bin/lighthouse"))
    parser.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(site)
        server = serve(site, compress=True)  # gzip, as GitHub Pages serves it
        base = next(server)
        print(f"Lighthouse ({args.preset}) on {platform.node()}, Python {platform.python_version()}")
        print()
        print("| Page | Performance | Accessibility | Best practices | SEO | Transferred |")
        print("|---|---|---|---|---|---|")
        try:
            for name, path in PAGES.items():
                report = audit(args.lighthouse, base + path, args.preset)
                scores = [report["categories"][c]["score"] for c in CATEGORIES]
                weight = report["audits"]["total-byte-weight"]["numericValue"]
                cells = " | ".join(f"{score:.2f}" for score in scores)
                print(f"| {name} | {cells} | {weight / 1024:.0f} KiB |", flush=True)
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
