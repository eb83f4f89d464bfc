"""Search: the Pagefind index built from the site, and the header search box that reads it.

The unit tests and index checks run in the fast lane; the tests marked ``browser`` type real
queries into the real header search in Chromium, and the ``server`` test edits a file under
``mkdocs serve`` and checks that search follows the rebuild.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from test_browser import AXE_SCRIPT, Watched

from stackguides.adapter import background_search
from stackguides.adapter.background_search import BackgroundIndexer
from stackguides.catalog import Catalog
from stackguides.load import load_catalog
from stackguides.outputs import search_index

from browser_tools import serve
from conftest import ROOT
from search_tools import indexed_pages, search
from serve_tools import Server

# Text that belongs to a page's controls, never to what a result should quote.
CONTROL_TEXT = re.compile(
    r"ToolTool|VerdictVerdict|Filter Verdict|Type to filter|Showing \d+ of|Compare \d+ selected|"
    r"Tick 2 to 4|Permanent link|Edit this page|¶"
)

# Real queries on the real catalog and the pages a reader expects at the top: each expected
# page must be within the first `within` results.
QUERIES = [
    ("FastAPI", 1, ["/tools/fastapi/"]),
    ("Flask", 1, ["/tools/flask/"]),
    ("SQLAlchemy", 1, ["/tools/sqlalchemy/"]),
    ("Celery", 1, ["/tools/celery/"]),
    ("httpx", 1, ["/tools/httpx/"]),
    ("pgvector", 1, ["/tools/pgvector/"]),
    ("task queue", 4, ["/categories/task-queues/", "/comparisons/task-queues/", "/tools/celery/"]),
    ("orm async", 5, ["/tools/sqlalchemy/", "/categories/orms/", "/comparisons/python-orms/"]),
    ("vector database", 4, ["/categories/vector-stores/", "/comparisons/vector-stores/", "/tools/pgvector/"]),
    (
        "type checker",
        5,
        ["/categories/type-checkers/", "/comparisons/type-checkers/", "/tools/mypy/", "/tools/pyright/"],
    ),
    ("celery redis", 4, ["/tools/celery/", "/comparisons/task-queues/"]),
    ("password hashing", 6, ["/comparisons/password-hashing/", "/categories/auth/"]),
]


def test_sections_under_an_excluded_heading_are_skipped_until_the_next_heading():
    html = (
        '<h2 id="a">Pros</h2><p>kept</p>'
        '<h2 data-search-exclude id="b">Example</h2><pre>code</pre><p>skipped</p>'
        '<h2 id="c">Sources</h2><p>kept too</p>'
        '<h2 data-search-exclude id="d">Mentioned in</h2>'
    )
    assert search_index.mark_excluded_sections(html) == (
        '<h2 id="a">Pros</h2><p>kept</p>'
        '<h2 data-search-exclude id="b">Example</h2><div class="sg-search-skip"><pre>code</pre><p>skipped</p></div>'
        '<h2 id="c">Sources</h2><p>kept too</p>'
        '<h2 data-search-exclude id="d">Mentioned in</h2>'
    )


def test_a_page_kind_comes_from_its_folder_in_the_kinds_registry():
    labels = search_index.kind_labels()
    assert labels == {
        "categories": "Category",
        "tools": "Tool",
        "comparisons": "Comparison",
        "guides": "Guide",
        "faqs": "FAQ topic",
    }
    assert search_index.page_kind("tools/fastapi/", labels) == "Tool"
    assert search_index.page_kind("faqs/python-backend-faq/", labels) == "FAQ topic"
    assert search_index.page_kind("tools/", labels) == "List"
    assert search_index.page_kind("tools/a-z/", labels) == "List"
    assert search_index.page_kind("radar/", labels) == "Page"
    assert search_index.page_kind("", labels) == "Page"


def test_a_missing_binary_is_one_line_that_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nowhere"))
    with pytest.raises(search_index.SearchIndexError) as error:
        search_index.pagefind_executable()
    message = str(error.value)
    assert "\n" not in message
    assert "pagefind[bin]==1.5.2" in message and "make install" in message


def test_a_newer_rebuild_stops_background_indexing_and_keeps_the_last_index(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    """The preview's Pagefind run ends at once when a newer save needs the site; the last index stays."""
    slow = tmp_path / "slow-pagefind"
    slow.write_text("#!/bin/sh\nmkdir -p .pagefind-staging\nexec sleep 60\n")
    slow.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(slow))
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind-entry.json").write_text("{}")
    indexer = BackgroundIndexer()
    with caplog.at_level("INFO", logger="mkdocs.plugins.stackguides"):
        indexer.start(site)
        deadline = time.monotonic() + 10
        while not (site / ".pagefind-staging").exists():  # the fake Pagefind is running
            assert time.monotonic() < deadline
            time.sleep(0.02)
        started = time.monotonic()
        indexer.stop()
        assert time.monotonic() - started < 5
    assert [r.getMessage() for r in caplog.records] == [background_search.STARTED, background_search.STOPPED]
    assert (site / "pagefind" / "pagefind-entry.json").read_text() == "{}"
    assert not (site / ".pagefind-staging").exists()


def test_the_site_has_a_pagefind_index_and_no_whole_site_index(fixture_site: Path):
    """No page downloads a whole-site index any more: Material's search_index.json is gone."""
    assert not (fixture_site / "search").exists()
    assert (fixture_site / "pagefind" / "pagefind.js").is_file()
    assert (fixture_site / "pagefind" / "pagefind-entry.json").is_file()
    html = (fixture_site / "tools" / "fastapi" / "index.html").read_text(encoding="utf-8")
    assert 'data-sg-search="../../pagefind/pagefind.js"' in html
    assert "search_index" not in html


def test_the_index_holds_tools_pros_and_faq_questions_with_their_kind(fixture_site: Path):
    pages = indexed_pages(fixture_site)
    assert pages["/tools/fastapi/"]["meta"]["title"] == "FastAPI"
    assert pages["/tools/fastapi/"]["meta"]["kind"] == "Tool"
    assert "quick to learn" in pages["/tools/flask/"]["content"]
    assert pages["/categories/web-frameworks/"]["meta"]["kind"] == "Category"
    assert pages["/comparisons/django-fastapi-flask/"]["meta"]["kind"] == "Comparison"
    assert pages["/guides/python-backend/"]["meta"]["kind"] == "Guide"
    assert pages["/faqs/python-backend-faq/"]["meta"]["kind"] == "FAQ topic"
    assert any("Is the GIL a problem?" in page["content"] for page in pages.values())
    assert "/faqs/" not in pages  # `search: exclude: true`, as with Material's search
    assert "/404.html" not in pages and "/404/" not in pages


def test_every_tool_is_indexed_under_its_name_with_its_category_as_topic(real_site: Path):
    """Every tool is found by its name, and by its category's name (the reachability Material's index gave)."""
    catalog: Catalog = load_catalog(ROOT)
    pages = indexed_pages(real_site)
    missing = []
    for tool in catalog.tools.values():
        record = pages.get(f"/tools/{tool.id}/")
        if record is None or record["meta"].get("title") != tool.data.name:
            missing.append(f"{tool.id}: not indexed under its name")
            continue
        topic = record["meta"].get("pick") or record["meta"].get("topic")
        if topic != catalog.categories[tool.data.category].data.name:
            missing.append(f"{tool.id}: category {topic!r} in the index")
    assert missing == []


def test_no_indexed_page_carries_control_text(real_site: Path):
    """Snippets quote the page, never its filters, sort buttons or column headers (every page checked)."""
    pages = indexed_pages(real_site)
    assert len(pages) > 150
    offenders = {url: CONTROL_TEXT.findall(page["content"]) for url, page in pages.items()}
    assert {url: found for url, found in offenders.items() if found} == {}


def test_sections_material_left_out_stay_out(real_site: Path):
    """A tool's example code and "Mentioned in" list are not indexed (they were not in Material's index)."""
    content = indexed_pages(real_site)["/tools/fastapi/"]["content"]
    assert "Mentioned in" not in content
    assert "(comparison)" not in content
    assert "Recommended version" not in content


@pytest.fixture(scope="module")
def real_url(real_site: Path) -> Iterator[str]:
    yield from serve(real_site)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.mark.browser
def test_real_queries_find_the_pages_a_reader_expects(watched: Watched, real_url: str):
    page = watched.page
    page.goto(real_url + "tools/fastapi/")
    wrong = []
    for query, within, expected in QUERIES:
        hrefs = [result["href"] for result in search(page, query)]
        missing = [href for href in expected if href not in hrefs[:within]]
        if missing:
            wrong.append(f"{query!r}: {missing} not in the top {within} of {hrefs[:6]}")
    assert wrong == []
    assert watched.errors == [] and watched.foreign == []


@pytest.mark.browser
def test_results_name_their_kind_and_quote_clean_text(watched: Watched, real_url: str):
    page = watched.page
    page.goto(real_url + "categories/task-queues/")
    results = search(page, "task queue")
    kinds = {result["href"]: result["kind"] for result in results}
    assert kinds["/categories/task-queues/"] == "Category"
    assert kinds["/comparisons/task-queues/"] == "Comparison"
    assert kinds["/tools/celery/"] == "Tool"
    assert all(result["snippet"] and not CONTROL_TEXT.search(result["snippet"]) for result in results)
    expect(page.get_by_role("status").filter(has_text="matching pages")).to_be_visible()


@pytest.mark.browser
def test_keyboard_opens_moves_opens_a_result_and_closes(watched: Watched, real_url: str):
    page = watched.page
    page.goto(real_url + "guides/")
    page.keyboard.press("/")
    box = page.get_by_role("combobox", name="Search")
    expect(box).to_be_focused()
    page.keyboard.type("Flask", delay=30)
    page.wait_for_function("document.querySelector('[data-sg-search]').dataset.sgSearchQuery === 'Flask'")
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    first = page.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tools/flask/$"))
    page.keyboard.press("s")
    expect(page.get_by_role("combobox", name="Search")).to_be_focused()
    expect(page.locator(".md-search__output")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".md-search__output")).to_be_hidden()
    assert watched.errors == [] and watched.foreign == []


@pytest.mark.browser
def test_nothing_is_downloaded_for_search_until_it_is_opened(watched: Watched, real_url: str):
    page = watched.page
    requests: list[str] = []
    page.on("request", lambda request: "/pagefind/" in request.url and requests.append(request.url))
    page.goto(real_url + "tools/fastapi/")
    page.wait_for_load_state("networkidle")
    assert requests == []
    search(page, "redis")
    assert any(url.endswith("pagefind.js") for url in requests)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_open_search_with_results_is_accessible(browser: Browser, real_url: str, scheme: str, width: int):
    """Zero axe-core violations with the search open and results listed, light and dark, desktop and phone."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    try:
        page.goto(real_url + "tools/celery/")
        if width < 600:
            page.locator("label.md-header__button[for=__search]").click()
        search(page, "task queue")
        page.keyboard.press("ArrowDown")
        page.evaluate(AXE_SCRIPT)
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        violations = [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in results["violations"]]
        assert violations == []
        assert watched.errors == [] and watched.foreign == []
        expect(page.get_by_role("option").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.server
def test_serve_rebuilds_the_search_index_after_each_save(project: Path):
    server = Server(project)
    try:
        server.wait_until_up()
        # The preview indexes in the background: the page is served first, the index follows.
        first = server.wait_for(lambda text: '"page_count"' in text, "/pagefind/pagefind-entry.json")
        tool = project / "data" / "tools" / "flask.yml"
        tool.write_text(tool.read_text().replace("summary: ", "summary: Zanzibarian ", 1))
        server.wait_for(lambda html: "Zanzibarian" in html, "/tools/flask/")
        entry = server.wait_for(
            lambda text: '"page_count"' in text and text != first, "/pagefind/pagefind-entry.json"
        )
        assert entry != first  # the index was written again, from the new page
        server.wait_for_search_index()

        # A full rebuild empties the site folder; search keeps the previous index until the new one.
        quart = tool.read_text().replace("name: Flask", "name: Quart")
        (tool.parent / "quart.yml").write_text(quart)  # a new file: the preview rebuilds everything
        server.wait_for(lambda html: "<h1" in html and "Quart" in html, "/tools/quart/")
        assert "Preview: full rebuild (a file was added" in server.log()
        during = server.get("/pagefind/pagefind-entry.json")
        assert '"page_count"' in during, "search is gone while the new index is written"
        server.wait_for_search_index()
    finally:
        server.stop()
