"""A large catalog keeps every page light: index pages are split or capped, never the size of the catalog.

Builds one synthetic catalog of 2,500 tools (``benchmarks/synthetic.py``, the
generator the benchmark uses) through the real hooks and reads the HTML.
Speed is measured by ``make bench``, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import synthetic  # the benchmark's generator (conftest puts benchmarks/ on the path)
from conftest import mkdocs_build
from html_tools import page, parse

pytestmark = pytest.mark.slow  # a 2,500-tool build

TOOLS = 2500
# The limits in hooks/stackguides/pages/builder.py, restated: a change there must be a deliberate one here.
PER_INDEX_PAGE, DOTS_PER_CELL, FAQ_SECTIONS, FAQ_QUESTIONS, HOME_CARDS = 200, 32, 12, 5, 24
MAX_PAGE_BYTES = 200_000


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2,500-tool synthetic catalog, built once with --strict; returns its site folder."""
    project = tmp_path_factory.mktemp("big") / "project"
    synthetic.generate(project, TOOLS, seed=7)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def _tool_ids(site: Path) -> set[str]:
    return {path.parent.name for path in (site / "tools").glob("*/index.html") if path.parent.name != "a-z"}


def test_no_page_grows_with_the_catalog(big_site: Path):
    sizes = {str(p.relative_to(big_site)): p.stat().st_size for p in big_site.rglob("*.html")}
    too_big = {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES}
    assert too_big == {}
    for name in ("index.html", "tools/index.html", "radar/index.html", "faqs/index.html"):
        assert sizes[name] < 150_000, name


def test_the_a_to_z_list_is_split_into_pages_that_hold_every_tool_once(big_site: Path):
    index = page(big_site, "tools/")
    part_links = [
        a.attrs["href"] for a in index.find_all("a") if re.fullmatch(r"a-z/\d+/", a.attrs.get("href", ""))
    ]
    assert part_links == [f"a-z/{n}/" for n in range(1, TOOLS // PER_INDEX_PAGE + 2)]

    listed: list[str] = []
    for number, link in enumerate(part_links, start=1):
        part = page(big_site, f"tools/{link}")
        rows = [row.attrs["data-sg-item"] for row in part.find_all("tr") if "data-sg-item" in row.attrs]
        assert 0 < len(rows) <= PER_INDEX_PAGE
        pager = part.find_all("nav", class_="sg-pager")
        assert pager and f"(page {number} of {len(part_links)})" in pager[0].all_text()
        listed += rows
    assert len(listed) == len(set(listed)) == TOOLS
    assert set(listed) == _tool_ids(big_site)


def test_the_radar_draws_a_bounded_number_of_dots_and_counts_the_rest(big_site: Path):
    radar = page(big_site, "radar/")
    dots = radar.find_all("a", class_="sg-radar__blip")
    assert 0 < len(dots) <= 16 * DOTS_PER_CELL
    assert f"The catalog holds {TOOLS:,} tools" in radar.all_text()
    listed = radar.find_all("ol", class_="sg-radar__list")
    assert sum(len(ol.find_all("li")) for ol in listed) == len(dots), "every blip is listed with its number"
    listed_more = sum(int(n) for n in re.findall(r"and (\d+) more", radar.all_text()))
    assert len(dots) + listed_more == TOOLS


def test_the_faq_index_shows_a_few_questions_per_topic_and_links_the_rest(big_site: Path):
    html = (big_site / "faqs" / "index.html").read_text(encoding="utf-8")
    document = parse(html)
    assert len(document.find_all("details")) <= FAQ_SECTIONS * FAQ_QUESTIONS
    more = document.find_all("h2", id="more-questions")
    assert more, "topics past the first few are listed as links"
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert jsonld and jsonld.group(1).count('"@type":"Question"') == len(document.find_all("details"))


def test_the_home_page_shows_a_fixed_number_of_cards_and_links_to_the_full_lists(big_site: Path):
    home = page(big_site, "")
    cards = home.find_all("div", class_="cards")
    assert [len(grid.find_all("li")) for grid in cards] == [HOME_CARDS, HOME_CARDS]
    links = {a.all_text().strip(): a.attrs.get("href") for a in home.find_all("a")}
    sizes = synthetic.Sizes.for_tools(TOOLS)
    assert links[f"All {sizes.guides} guides"] == "guides/"
    assert links[f"All {sizes.categories} categories"] == "categories/"
