"""The page seam: the fixture catalog in, each generated page's Markdown out, compared with golden files.

In the style of pymdown-extensions' tests: the expected output is a file in
``tests/golden/`` that a reviewer reads in the pull request. After a deliberate
template change, regenerate them with ``STACKGUIDES_UPDATE_GOLDEN=1 make test-fast``
and review the diff.
"""

from __future__ import annotations

import difflib
import os
from functools import cache
from pathlib import Path

import pytest

from stackguides.load import load_catalog
from stackguides.pages import PageSource, build_pages

from conftest import FIXTURE_DATA
from html_tools import live_markup
from page_tools import to_html

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "index.md",
    "tools/index.md",
    "tools/fastapi.md",
    "categories/web-frameworks.md",
    "comparisons/django-fastapi-flask.md",
    "guides/python-backend.md",
    "faqs/python-backend-faq.md",
    "radar/index.md",
]


@cache
def fixture_pages() -> dict[str, PageSource]:
    return {page.path: page for page in build_pages(load_catalog(FIXTURE_DATA.parent))}


@pytest.mark.parametrize("path", PAGES)
def test_generated_markdown_matches_its_golden_file(path: str):
    """Catalog in, Markdown out: the page is exactly the reviewed golden file."""
    golden = GOLDEN / (path.replace("/", "__"))
    actual = fixture_pages()[path].markdown
    if os.environ.get("STACKGUIDES_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now"))
    assert actual == expected, f"{path} differs from tests/golden/{golden.name}:\n{diff}"


@pytest.mark.parametrize("path", PAGES)
def test_each_golden_page_converts_to_inert_html(path: str):
    """The same pages through the site's Markdown setup: content arrives, nothing live."""
    html = to_html(fixture_pages()[path].markdown)
    assert "<h1" in html
    assert live_markup(html) == []


def test_every_page_names_the_data_file_it_came_from():
    """Entry pages carry their YAML file (for "Edit this page"); index pages carry none."""
    pages = fixture_pages()
    assert pages["tools/fastapi.md"].source == "data/tools/fastapi.yml"
    assert pages["guides/python-backend.md"].source == "data/guides/python-backend.yml"
    assert pages["index.md"].source is None
    assert len(pages) == 17


def test_a_tool_with_sources_lists_them_under_a_sources_heading():
    """Sources are rendered as links the reader can check, titles shown as written."""
    catalog = load_catalog(FIXTURE_DATA.parent)
    entry = catalog.tools["fastapi"]
    source = type(entry.data).model_fields["sources"].annotation.__args__[0]
    sources = [source(title="FastAPI *release* notes", url="https://fastapi.tiangolo.com/release-notes/")]
    catalog.tools["fastapi"] = type(entry)(
        entry.id, entry.kind, entry.file, entry.data.model_copy(update={"sources": sources}), entry.source
    )
    page = next(page for page in build_pages(catalog) if page.path == "tools/fastapi.md")
    html = to_html(page.markdown)
    assert "## Sources" in page.markdown
    assert '<a href="https://fastapi.tiangolo.com/release-notes/">FastAPI *release* notes</a>' in html
