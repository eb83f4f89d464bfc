"""A real Chromium (Debian's, driven by Playwright) against the built site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
PAGE_KINDS = {
    "home": "",
    "tool": "tools/fastapi/",
    "category": "categories/web-frameworks/",
    "comparison": "comparisons/django-fastapi-flask/",
    "guide": "guides/python-backend/",
    "faq topic": "faqs/python-backend-faq/",
    "faq index": "faqs/",
    "tools index": "tools/",
    "compare": "compare/?tools=fastapi,django",
    "radar": "radar/",
    "contributing": "contributing/",
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="session")
def site_url(fixture_site: Path) -> Iterator[str]:
    """The built fixture site, served over HTTP on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(fixture_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Watched:
    """A page plus every console error and every request that left 127.0.0.1."""

    def __init__(self, page: Page):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "request",
            lambda request: (
                request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                or self.foreign.append(request.url)
            ),
        )


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()


def rows(page: Page) -> list[str]:
    return page.locator("table[data-sg-table] tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.getAttribute('data-sg-item'))"
    )


def test_search_finds_a_tool_page_first(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url)
    page.wait_for_load_state("networkidle")  # the search worker has loaded its index
    page.locator("input.md-search__input").click()
    page.keyboard.type("Flask", delay=50)
    first = page.locator(".md-search-result__item a").first
    expect(first).to_have_attribute("href", re.compile(r"/tools/flask/(\?h=flask)?$"), timeout=15_000)


def test_clicking_a_column_header_sorts_the_rows(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "categories/web-frameworks/")
    assert rows(page) == ["django", "fastapi", "flask"]
    header = page.get_by_role("button", name="Verdict")
    header.click()
    assert rows(page)[-1] == "flask"
    header.click()
    assert rows(page)[0] == "flask"
    expect(page.locator("th[aria-sort='descending']")).to_have_count(1)
    page.get_by_role("button", name="Tool").focus()
    page.keyboard.press("Enter")
    assert rows(page) == ["django", "fastapi", "flask"]


def test_typing_in_the_filter_hides_rows_that_do_not_match(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "categories/web-frameworks/")
    page.get_by_label("Filter").fill("microframework")
    assert rows(page) == []
    page.get_by_label("Filter").fill("prototypes")
    assert rows(page) == ["flask"]
    expect(page.get_by_role("status").first).to_have_text("Showing 1 of 3")


def test_a_facet_narrows_the_table_and_the_cards(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "categories/web-frameworks/")
    page.get_by_role("checkbox", name="solid (1)").check()
    assert rows(page) == ["flask"]
    visible_cards = page.locator(".grid.cards > ul > li:not([hidden]) strong a").all_inner_texts()
    assert visible_cards == ["Flask"]


def test_compare_picker_shows_the_chosen_tools_and_reopens_from_its_url(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "categories/web-frameworks/")
    page.get_by_role("checkbox", name="Compare FastAPI").check()
    page.get_by_role("checkbox", name="Compare Flask").check()
    page.get_by_role("link", name="Compare 2 selected").click()
    page.wait_for_url("**/compare/?tools=fastapi%2Cflask")
    headers = page.locator(".sg-compare-table thead th a")
    expect(headers).to_have_text(["FastAPI", "Flask"])
    expect(page.locator(".sg-compare-table")).to_contain_text("Tiny core that is quick to learn.")
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    expect(page.locator(".sg-compare-table thead th a")).to_have_text(["FastAPI", "Flask"])


def test_an_faq_answer_opens(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "faqs/python-backend-faq/")
    question = page.locator("details.question").first
    expect(question).not_to_have_attribute("open", "")
    question.locator("summary").click()
    expect(question).to_have_attribute("open", "")
    expect(question).to_contain_text("they wait on databases and networks")


def test_the_palette_toggle_switches_to_dark_mode(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url)
    page.locator("label[title='Switch to dark mode']").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_is_clean_local_and_accessible(watched: Watched, site_url: str, kind: str):
    """No console error, no request off 127.0.0.1, and zero axe-core violations."""
    page = watched.page
    page.goto(site_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results["violations"]
    ]
    assert not violations, "\n".join(violations)
    assert watched.errors == []
    assert watched.foreign == []
