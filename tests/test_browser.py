"""A real Chromium (Debian's, driven by Playwright) against the built site served on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page, expect

from browser_tools import WORDS_BROKEN_ACROSS_LINES, serve

pytestmark = pytest.mark.browser

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


@pytest.fixture(scope="session")
def site_url(fixture_site: Path) -> Iterator[str]:
    """The built fixture site (known content, for interaction tests)."""
    yield from serve(fixture_site)


@pytest.fixture(scope="session")
def real_site_url(real_site: Path) -> Iterator[str]:
    """The built real catalog (for scans of the pages readers actually see)."""
    yield from serve(real_site)


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


def test_a_comparison_offers_sorting_by_criterion_only(watched: Watched, site_url: str):
    """Sorting criteria by one tool's cells means nothing: the tool columns have no sort button."""
    page = watched.page
    page.goto(site_url + "comparisons/django-fastapi-flask/")
    headers = page.locator("table[data-sg-table] thead th")
    expect(headers).to_have_count(4)
    buttons = page.locator("table[data-sg-table] thead button")
    expect(buttons).to_have_count(1)
    expect(buttons).to_have_text("Criterion")
    expect(buttons).to_be_visible()
    for index in (1, 2, 3):
        header = headers.nth(index)
        assert header.locator("button, [role=button]").count() == 0
        assert header.inner_text().strip() in {"Django", "FastAPI", "Flask"}
    page.get_by_role("button", name="Criterion").click()
    expect(headers.first).to_have_attribute("aria-sort", "ascending")


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
    cards = page.locator(".grid.cards > ul > li")
    assert shown_cards(page) == ["Django", "FastAPI", "Flask"]
    page.get_by_role("checkbox", name="Solid choice (1)").check()
    assert rows(page) == ["flask"]
    assert shown_cards(page) == ["Flask"]  # the others are not drawn at all, not merely marked hidden
    hidden = cards.filter(has_text="Django").first
    assert hidden.evaluate("card => getComputedStyle(card).display") == "none"
    assert hidden.bounding_box() is None
    page.get_by_role("checkbox", name="Solid choice (1)").uncheck()
    assert rows(page) == ["django", "fastapi", "flask"]
    assert shown_cards(page) == ["Django", "FastAPI", "Flask"]


def shown_cards(page: Page) -> list[str]:
    """Names on the pros/cons cards a reader can see: displayed and with a non-zero size."""
    return page.locator(".grid.cards > ul > li").evaluate_all(
        """cards => cards.filter(card => {
            const box = card.getBoundingClientRect();
            return getComputedStyle(card).display !== "none" && box.width > 0 && box.height > 0;
        }).map(card => card.querySelector("strong a").textContent.trim())"""
    )


def test_compare_picker_shows_the_chosen_tools_and_reopens_from_its_url(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "categories/web-frameworks/")
    page.get_by_role("checkbox", name="Compare FastAPI").check()
    page.get_by_role("checkbox", name="Compare Flask").check()
    page.get_by_role("link", name="Compare 2 selected").click()
    page.wait_for_url("**/compare/?tools=fastapi,flask")  # readable and shareable: no %2C
    headers = page.locator(".sg-compare-table thead th a")
    expect(headers).to_have_text(["FastAPI", "Flask"])
    expect(page.locator(".sg-compare-table")).to_contain_text("Tiny core that is quick to learn.")
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    expect(page.locator(".sg-compare-table thead th a")).to_have_text(["FastAPI", "Flask"])


def test_compare_view_renders_markdown_and_keeps_row_labels_in_view_on_a_phone(
    browser: Browser, real_site_url: str
):
    """Catalog Markdown is rendered (code as code, never backticks), categories by name, verdicts as
    badges; on a 390 px phone two tools fit beside the labels, and with three the row labels stay put,
    drawn over the cells, while the compared tools scroll sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(real_site_url + "compare/?tools=fastapi,django")
        table = page.locator(".sg-compare-table")
        expect(table).to_contain_text("Dependency injection (Depends) keeps auth")
        expect(table.locator("td code", has_text=re.compile("^Depends$"))).to_be_visible()
        text = table.inner_text()
        assert "`" not in text and "**" not in text
        category = table.locator("tbody tr", has=page.locator("th", has_text="Category"))
        expect(category.locator("td")).to_have_text(["Web frameworks", "Web frameworks"])
        assert "web-frameworks" not in text
        expect(table.locator("td .sg-badge--recommended")).to_have_count(2)
        wrap = page.locator(".sg-compare-result .sg-table-wrap")
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1"), "two tools fit a phone"

        page.goto(real_site_url + "compare/?tools=fastapi,django,flask")
        table = page.locator(".sg-compare-table")
        expect(table.locator("thead th a")).to_have_text(["FastAPI", "Django", "Flask"])
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # three tools scroll sideways
        left = wrap.evaluate("w => w.getBoundingClientRect().left")
        for label in ("Tool", "Verdict", "Pros"):
            cell = table.locator("tr > th:first-child", has_text=re.compile(f"^{label}$"))
            cell.evaluate("th => window.scrollTo(0, th.getBoundingClientRect().top + window.scrollY - 150)")
            assert wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; return w.scrollLeft; }") > 0
            box = cell.bounding_box()
            assert box is not None and abs(box["x"] - left) < 1, label
            on_top = cell.evaluate(
                """th => { const r = th.getBoundingClientRect();
                    const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
                    return th.contains(hit); }"""
            )
            assert on_top, f"the {label} label is covered by the scrolled cells"
    finally:
        context.close()


def test_compare_picker_finds_a_tool_by_name_and_hides_rows_that_do_not_differ(
    watched: Watched, real_site_url: str
):
    page = watched.page
    page.goto(real_site_url + "compare/?tools=fastapi,django")
    expect(page.locator("#sg-add-names option[value='Flask (Web frameworks)']")).to_have_count(1)
    page.locator("#sg-add").fill("flask")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url("**/compare/?tools=fastapi,django,flask")
    table = page.locator(".sg-compare-table")
    expect(table.locator("thead th a")).to_have_text(["FastAPI", "Django", "Flask"])
    category = table.locator("tbody tr", has=page.locator("th", has_text="Category"))
    verdict = table.locator("tbody tr", has=page.locator("th", has_text="Verdict"))
    expect(category).to_be_visible()
    page.get_by_label("Show only differences").check()
    expect(category).to_be_hidden()  # all three are web frameworks
    expect(verdict).to_be_visible()
    page.get_by_label("Show only differences").uncheck()
    expect(category).to_be_visible()
    page.locator("#sg-add").fill("No such tool")
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".sg-compare-status")).to_contain_text("No tool is called")


def test_a_tool_page_links_to_a_comparison_with_its_alternatives(watched: Watched, real_site_url: str):
    page = watched.page
    page.goto(real_site_url + "tools/fastapi/")
    link = page.get_by_role("link", name=re.compile("^Compare FastAPI with "))
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/compare/\?tools=fastapi(,[a-z0-9-]+){1,3}$"))
    expect(page.locator(".sg-compare-table thead th a").first).to_have_text("FastAPI")
    assert page.locator(".sg-compare-table thead th a").count() >= 2


@pytest.mark.parametrize(
    "path, trail, tab",
    [
        ("tools/fastapi/", ["Home", "Categories", "Web frameworks", "FastAPI"], "Categories"),
        ("categories/web-frameworks/", ["Home", "Categories", "Web frameworks"], "Categories"),
        (
            "comparisons/django-fastapi-flask/",
            ["Home", "Comparisons", "Django vs FastAPI vs Flask"],
            "Comparisons",
        ),
        ("guides/python-backend-2026/", ["Home", "Guides"], "Guides"),
    ],
)
def test_generated_pages_show_a_breadcrumb_their_tab_and_no_empty_sidebar(
    watched: Watched, real_site_url: str, path: str, trail: list[str], tab: str
):
    page = watched.page
    page.goto(real_site_url + path)
    crumbs = page.locator("nav.sg-breadcrumb li")
    expect(crumbs.first).to_be_visible()
    texts = [text.strip() for text in crumbs.all_inner_texts()]
    assert texts[: len(trail)] == trail
    title = page.locator("article h1").bounding_box()
    nav = page.locator("nav.sg-breadcrumb").bounding_box()
    assert nav["y"] + nav["height"] <= title["y"], "the breadcrumb sits above the title"
    active = page.locator(".md-tabs__item--active .md-tabs__link")
    expect(active).to_have_count(1)
    expect(active).to_have_text(tab)
    assert active.evaluate("a => getComputedStyle(a).fontWeight") == "700"
    assert active.evaluate("a => getComputedStyle(a).opacity") == "1"
    sidebar = page.locator(".md-sidebar--primary")
    assert sidebar.evaluate(
        "s => s.getBoundingClientRect().width === 0 || getComputedStyle(s).display === 'none'"
    )
    content = page.locator("article.md-content__inner").bounding_box()
    assert content["x"] < 100, "the content starts where the empty sidebar used to be"


def test_a_comparison_opens_with_its_verdict_and_marks_row_winners(watched: Watched, real_site_url: str):
    page = watched.page
    page.goto(real_site_url + "comparisons/django-fastapi-flask/")
    verdict = page.locator("h2#verdict").bounding_box()
    table = page.locator("table[data-sg-table]").bounding_box()
    assert verdict["y"] < table["y"], "the verdict comes before the table"
    marks = page.locator("table[data-sg-table] td.sg-winner .sg-winner-mark")
    assert marks.count() >= 1
    expect(marks.first).to_be_visible()
    expect(marks.first).to_have_text("Best")
    for row in page.locator("table[data-sg-table] tbody tr").all():
        assert row.locator(".sg-winner-mark").count() <= 1, "at most one winner per row"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_radar_blips_are_numbered_tappable_and_never_overlap_on_a_phone(
    browser: Browser, real_site_url: str, scheme: str
):
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(real_site_url + "radar/")
        boxes = page.locator("a.sg-radar__blip circle").evaluate_all(
            "cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"
        )
        assert len(boxes) > 100
        for _, _, width, height in boxes:
            assert width >= 24 and height >= 24, "a blip is a 24 px touch target"
        centres = [(x + w / 2, y + h / 2, w / 2) for x, y, w, h in boxes]
        for i, (x1, y1, r1) in enumerate(centres):
            for x2, y2, r2 in centres[i + 1 :]:
                assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2, "two blips overlap"
        numbers = page.locator("a.sg-radar__blip text").evaluate_all("ts => ts.map(t => t.textContent)")
        listed = page.locator("ol.sg-radar__list li").evaluate_all("lis => lis.map(li => li.value)")
        assert sorted(int(n) for n in numbers) == sorted(listed) == list(range(1, len(boxes) + 1))
        fill = page.locator("a.sg-radar__blip circle").first.evaluate("c => getComputedStyle(c).fill")
        text = page.locator("a.sg-radar__blip text").first.evaluate("t => getComputedStyle(t).fill")
        assert fill != text
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


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


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path", ["tools/", "categories/web-frameworks/", "comparisons/django-fastapi-flask/"]
)
def test_tool_names_in_tables_wrap_only_between_words(
    browser: Browser, real_site_url: str, path: str, width: int
):
    """No "Djang|o" or "Am|azo|n": each word of a linked name sits on one line, and the table fits the
    page or scrolls inside its wrapper (the page itself never scrolls sideways)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(real_site_url + path)
        assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == []
        django = page.locator("table.sg-table a", has_text=re.compile(r"^Django( \(.*\))?$")).first
        box = django.bounding_box()
        line_height = float(django.evaluate("a => parseFloat(getComputedStyle(a).lineHeight)"))
        assert box is not None and box["height"] < 1.5 * line_height  # "Django" takes one line
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        wrap = page.locator(".sg-table-wrap").first
        assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["categories/web-frameworks/", "tools/"])
def test_versions_in_tables_do_not_break_inside(browser: Browser, real_site_url: str, path: str):
    """On a phone, a version such as `>=3.14,<4` stays on one line in its cell, and the page does not widen."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(real_site_url + path)
        broken = page.evaluate(
            """() => [...document.querySelectorAll("table.sg-table td code")]
                .filter(code => !/\\s/.test(code.textContent.trim()))
                .filter(code => code.getBoundingClientRect().height >
                                1.5 * parseFloat(getComputedStyle(code).lineHeight))
                .map(code => code.textContent)"""
        )
        codes = page.locator("table.sg-table td code").count()
        page_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    assert codes > 5
    assert broken == []
    assert page_width <= 390


def test_versions_written_in_words_wrap_so_the_a_to_z_table_fits_a_desktop(
    browser: Browser, real_site_url: str
):
    """ "managed service (PostgreSQL- and MySQL-compatible)" wraps; the table needs no sideways scroll."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(real_site_url + "tools/")
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('.sg-table-wrap')].map(w => w.scrollWidth - w.clientWidth)"
        )
    finally:
        context.close()
    assert overflow and max(overflow) <= 1


REAL_PAGES = {
    "home": "",
    "tool with notes": "tools/httpx/",
    "tool, avoid": "tools/passlib/",
    "category": "categories/databases/",
    "comparison": "comparisons/backend-languages/",
    "guide": "guides/python-backend-2026/",
    "roadmap guide": "guides/learning-roadmap/",
    "faq topic": "faqs/whats-changed-since-2025/",
    "faq index": "faqs/",
    "tools index": "tools/",
    "radar": "radar/",
    "compare": "compare/?tools=celery,rq,dramatiq",
    "api page": "api/",
}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_is_clean_local_and_accessible(watched: Watched, site_url: str, kind: str):
    """No console error, no request off 127.0.0.1, and zero axe-core violations."""
    assert_clean(watched, site_url + PAGE_KINDS[kind])


@pytest.mark.parametrize("kind", REAL_PAGES)
def test_real_catalog_pages_are_clean_local_and_accessible(watched: Watched, real_site_url: str, kind: str):
    """The same checks on the real catalog, whose text is richer than the fixture's."""
    assert_clean(watched, real_site_url + REAL_PAGES[kind])


def assert_clean(watched: Watched, url: str) -> None:
    page = watched.page
    page.goto(url)
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


@pytest.mark.parametrize(
    "path", ["radar/", "guides/python-backend-2026/", "tools/httpx/", "categories/orms/"]
)
def test_dark_palette_pages_are_accessible(browser: Browser, real_site_url: str, path: str):
    """Readers who prefer dark get Material's slate scheme, and it passes the same scan."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    try:
        assert_clean(watched, real_site_url + path)
        expect(watched.page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    finally:
        context.close()


# Every text of the cost chart with its box, the chart's box, and the colours a reader sees.
COST_CHART_GEOMETRY = """
() => {
  const svg = document.querySelector("figure.sg-cost-chart svg");
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, right: r.right, bottom: r.bottom}; };
  const texts = (cls) => [...svg.querySelectorAll(cls)].map((el) => ({text: el.textContent, ...box(el)}));
  let node = svg, background = "rgba(0, 0, 0, 0)";
  while (node && /rgba\\(0, 0, 0, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const bar = svg.querySelector(".sg-cost-chart__bar");
  const inside = svg.querySelector(".sg-cost-chart__label--inside");
  const outside = svg.querySelector(".sg-cost-chart__label:not(.sg-cost-chart__label--inside)");
  return {
    chart: box(svg), labels: texts(".sg-cost-chart__label"), names: texts(".sg-cost-chart__name"),
    ticks: texts(".sg-cost-chart__tick-label"), title: texts(".sg-cost-chart__axis-title"),
    background, bar: getComputedStyle(bar).fill,
    inside: inside && getComputedStyle(inside).fill, outside: outside && getComputedStyle(outside).fill,
  };
}
"""


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", css_colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two computed CSS colours (``rgb(...)``)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["right"] and b["x"] < a["right"] and a["y"] < b["bottom"] and b["y"] < a["bottom"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_cost_chart_has_an_axis_labels_that_fit_and_bars_that_show(
    browser: Browser, real_site_url: str, width: int, scheme: str
):
    """Bar labels lie inside the chart and cover no other text; the axis has ticks; bars contrast (3:1)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(real_site_url + "guides/python-backend-2026/")
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    chart = page.evaluate(COST_CHART_GEOMETRY)
    context.close()
    box = chart["chart"]
    assert len(chart["labels"]) == 3, chart["labels"]
    for label in chart["labels"]:
        assert box["x"] <= label["x"] and label["right"] <= box["right"], (label, box)
        assert box["y"] <= label["y"] and label["bottom"] <= box["bottom"], (label, box)
    texts = chart["labels"] + chart["names"] + chart["ticks"] + chart["title"]
    for index, first in enumerate(texts):
        for second in texts[index + 1 :]:
            assert not _overlap(first, second), (first["text"], second["text"])
    assert [tick["text"] for tick in chart["ticks"]][:2] == ["$0", "$50k"], chart["ticks"]
    assert len(chart["ticks"]) >= 3 and chart["title"][0]["text"] == "Cost in USD"
    assert contrast(chart["bar"], chart["background"]) >= 3, (chart["bar"], chart["background"])
    if chart["inside"]:
        assert contrast(chart["inside"], chart["bar"]) >= 4.5, (chart["inside"], chart["bar"])
    if chart["outside"]:
        assert contrast(chart["outside"], chart["background"]) >= 4.5, (chart["outside"], chart["background"])
