"""Read the Pagefind index of a built site, and drive the header search in Chromium."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from playwright.sync_api import Page

FRAGMENT_MAGIC = b"pagefind_dcd"


def indexed_pages(site: Path) -> dict[str, dict]:
    """Every page Pagefind indexed, by URL (``/tools/fastapi/``): its content, meta and word count.

    Pagefind stores one gzip-compressed fragment per page, a JSON record after a short marker.
    """
    pages = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(FRAGMENT_MAGIC), fragment
        record = json.loads(data[len(FRAGMENT_MAGIC) :])
        pages[record["url"]] = record
    return pages


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type ``query`` into the header search (opened with "/") and return the results shown.

    Each result: ``href``, ``kind``, ``title`` and ``snippet`` as the reader sees them.
    """
    if page.locator("#sg-search-input").evaluate("input => document.activeElement !== input"):
        page.keyboard.press("/")
    page.locator("#sg-search-input").fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-sg-search]').dataset.sgSearchQuery === q",
        arg=query,
        timeout=30_000,
    )
    return page.locator("#sg-search-results [role=option]").evaluate_all(
        """options => options.map(option => ({
            href: new URL(option.href).pathname,
            kind: option.querySelector('.sg-search-result__kind').innerText,
            title: option.querySelector('.sg-search-result__title').innerText,
            snippet: option.querySelector('p').innerText,
        }))"""
    )
