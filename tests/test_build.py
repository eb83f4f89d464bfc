"""End to end: build the fixture project with the real mkdocs and read the HTML of each page kind."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import mkdocs_build, write
from html_tools import meta_description, page, parse


def article(site: Path, url_path: str):
    return page(site, url_path).find_all("article")[0]


def test_tool_page_shows_verdict_facts_pros_cons_example_and_backlinks(fixture_site: Path):
    """A tool page has its name, verdict, facts, pros/cons, example and where it is mentioned."""
    content = article(fixture_site, "tools/flask")
    text = content.all_text()
    assert content.find_all("h1")[0].all_text().startswith("Flask")
    assert "Verdict: Solid choice" in text
    assert "FastAPI or Django fit most new projects better" in text
    assert ">=3.1,<4" in text and "BSD-3-Clause" in text
    assert "Tiny core that is quick to learn." in text
    assert "You choose and wire the ORM" in text
    links = {a.attrs.get("href") for a in content.iter("a")}
    assert "../../guides/python-backend/" in links
    assert "../../comparisons/django-fastapi-flask/" in links
    assert "Last reviewed 23 November 2026" in " ".join(text.split())
    example = article(fixture_site, "tools/fastapi").find_all("code")
    assert any('"status"' in code.all_text() for code in example), "code is shown as written"


def test_edit_this_page_opens_the_yaml_file(fixture_site: Path):
    """The edit button of a generated page points at its data file."""
    edit = [a for a in article(fixture_site, "tools/fastapi").iter("a") if a.attrs.get("rel") == "edit"]
    assert (
        edit[0].attrs["href"]
        == "https://github.com/stack-guides/stack-guides/edit/main/data/tools/fastapi.yml"
    )


def test_category_page_has_a_table_and_pros_cons_cards(fixture_site: Path):
    """Its tools appear in a table (one row each) and as cards with pros and cons."""
    content = article(fixture_site, "categories/web-frameworks")
    rows = [tr for tr in content.iter("tr") if tr.attrs.get("data-sg-item")]
    assert [tr.attrs["data-sg-item"] for tr in rows] == ["django", "fastapi", "flask"]
    assert rows[2].attrs["data-verdict"] == "solid"
    cards = content.find_all("div", class_="cards")
    assert cards and "The admin interface is generated from your models." in cards[0].all_text()


def test_comparison_page_has_one_column_per_tool_and_accessible_ratings(fixture_site: Path):
    """Header cells link to the tools; ratings carry a text alternative."""
    content = article(fixture_site, "comparisons/django-fastapi-flask")
    headers = [
        (th.find_all("span", class_="sg-no-js-label") or [th])[0].all_text().strip()
        for th in content.find_all("th", scope="col")
    ]
    assert headers == ["Criterion", "Django", "FastAPI", "Flask"]
    ratings = [span.attrs["aria-label"] for span in content.find_all("span", class_="sg-rating")]
    assert ratings == ["3 out of 5", "4 out of 5", "5 out of 5"]
    assert "Pick Django for a full product" in content.all_text()


def test_guide_page_has_layers_costs_dependencies_cards_and_faq(fixture_site: Path):
    """Layers link to chosen tools and alternatives; costs, pyproject block, FAQ details."""
    content = article(fixture_site, "guides/python-backend")
    text = content.all_text()
    layers = content.find_all("div", class_="sg-layers")[0]
    hrefs = [a.attrs.get("href") for a in layers.iter("a")]
    assert "../../tools/fastapi/" in hrefs and "../../tools/django/" in hrefs
    assert "when you need the admin" in layers.all_text()
    assert "$25,000–$65,000" in text and "$200,000+" in text
    assert '"fastapi[standard]>=0.165,<0.200",' in text
    assert content.find_all("details", class_="question")
    assert "FastAPI or Django REST Framework?" in text
    tabs = content.find_all("div", class_="tabbed-set")
    assert tabs and "URL shortener" in tabs[0].all_text()


def test_faq_pages_carry_faqpage_json_ld(fixture_site: Path):
    """The FAQ topic and the FAQ index embed schema.org FAQPage data naming each question."""
    for url in ("faqs/python-backend-faq", "faqs", "guides/python-backend"):
        scripts = [
            s for s in page(fixture_site, url).iter("script") if s.attrs.get("type") == "application/ld+json"
        ]
        assert scripts, url
        data = json.loads(scripts[0].all_text())
        assert data["@type"] == "FAQPage"
        names = [q["name"] for q in data["mainEntity"]]
        assert names and all(name.endswith("?") for name in names)


def test_every_page_has_a_meta_description(fixture_site: Path):
    """Search engines get a description on every HTML page."""
    missing = []
    for html_file in fixture_site.rglob("*.html"):
        description = meta_description(parse(html_file.read_text(encoding="utf-8")))
        if not description or len(description) < 20:
            missing.append(str(html_file.relative_to(fixture_site)))
    assert missing == []


def test_home_page_has_cards_for_guides_and_categories(fixture_site: Path):
    """The home page links every guide and category from grid cards."""
    content = article(fixture_site, "")
    hrefs = {a.attrs.get("href") for card in content.find_all("div", class_="cards") for a in card.iter("a")}
    assert {"guides/python-backend/", "categories/web-frameworks/", "categories/databases/"} <= hrefs


def test_navigation_does_not_list_entity_pages(fixture_site: Path):
    """Tool pages are reached from indexes, so the nav is the same size for 4 or 10,000 tools."""
    document = page(fixture_site, "tools/fastapi")
    nav = document.find_all("nav", class_="md-nav--primary")[0]
    nav_links = {a.attrs.get("href") for a in nav.iter("a")}
    assert len(nav_links) < 15
    assert not any(href and "/tools/django" in href for href in nav_links)
    assert "Tools A–Z" in nav.all_text()


def test_data_for_machines_is_published(fixture_site: Path):
    """api/*.json holds every entry, schemas/*.schema.json describe the files."""
    tools = json.loads((fixture_site / "api" / "tools.json").read_text())
    assert sorted(tools) == ["django", "fastapi", "flask", "postgresql"]
    assert tools["fastapi"]["pros"][0].startswith("Validation")
    schema = json.loads((fixture_site / "schemas" / "tool.schema.json").read_text())
    assert "pros" in schema["required"]


def test_contributing_page_comes_from_contributing_md(fixture_site: Path):
    """The site's contributing page is CONTRIBUTING.md itself, so the two never disagree."""
    text = article(fixture_site, "contributing").all_text()
    assert "Contributing to Stack Guides" in text and "YAML traps the checks catch for you" in text


def test_a_failed_build_reports_every_error_and_leaves_the_site_untouched(project: Path):
    """Bad data: exit 1, the errors without a traceback, and the previous site/ as it was."""
    assert mkdocs_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    tool = (project / "data" / "tools" / "fastapi.yml").read_text()
    write(project / "data", "tools/fastapi.yml", tool.replace("pros:", "prso:"))
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "data/tools/fastapi.yml:5:1: prso: unknown key `prso`: did you mean `pros`?" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
