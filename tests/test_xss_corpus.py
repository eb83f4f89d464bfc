"""A corpus of well-known XSS payloads in every text field of every data kind.

Each payload is either refused by validation (with a message saying why) or,
if it is harmless enough to be accepted, built into a site in which no page
holds live markup from it and, in Chromium, no injected script runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from stackguides.errors import DataErrors
from stackguides.load import load_catalog

from browser_tools import serve
from conftest import make_project, mkdocs_build
from html_tools import parse
from poison import write_poisoned_data

pytestmark = pytest.mark.slow  # one site build per payload

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<style>body{display:none}</style>",
    "<!--<script>alert(1)//-->",
    "<javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "[x](vbscript:msgbox(1))",
    "![x](https://example.com/x.png){onerror=alert(1)}",
    "[x](https://example.com){onclick=alert(1)}",
    ":material-alert:{ onclick=alert(1) }",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    '"><script>alert(1)</script>',
    "'\" onmouseover=alert(1) x='",
    '" onfocus=alert(1) autofocus x="',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "`</script><script>alert(1)</script>`",
    "{{ 7*7 }} {% raw %}x{% endraw %}",
    '--8<-- "/etc/passwd"',
    '!!! note "x" onclick=alert(1)',
    "data:text/html,alert(1)",
    "javascript:alert(1)",
    # Code regions: where the escaper's idea of "code" and Python-Markdown's could differ.
    "`a\n<script>alert(1)</script>\nb`",
    "\\`<script>alert(1)</script>\\`",
    "``a`<img src=x onerror=alert(1)>`b``",
    "```\n<script>alert(1)</script>",
    "text\n```\n<script>alert(1)</script>\n```",
    # Fences that open with one run and "close" with a longer one: SuperFences keeps them open.
    "~~~\n<img src=x onerror=alert(1)>\n~~~~~",
    "```\n<img src=x onerror=alert(1)>\n````",
    "~~~~\n<svg onload=alert(1)>\n~~~~~~~~",
    # Headings (the table of contents repeats them) and images (a request to another host).
    "## &lt;img src=x onerror=alert(1)&gt;",
    "![x](https://example.com/x.png)",
]
REFUSAL_WORDS = ("raw HTML", "scheme", "web address", "images")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, object]:
    """Each payload's outcome: the validation errors, or the built site folder."""
    results: dict[str, object] = {}
    for index, payload in enumerate(PAYLOADS):
        root = tmp_path_factory.mktemp(f"payload{index}")
        write_poisoned_data(root / "data", payload)
        try:
            load_catalog(root)
        except DataErrors as exc:
            results[payload] = exc.errors
            continue
        project = make_project(root / "project", root / "data")
        result = mkdocs_build(project)
        assert result.returncode == 0, f"{payload!r}: {result.stderr}"
        results[payload] = project / "site"
    return results


def test_every_payload_is_refused_or_built(outcomes: dict[str, object]):
    """The corpus is large and both outcomes occur; refusals name what was found."""
    refused = {p: e for p, e in outcomes.items() if isinstance(e, list)}
    built = [p for p, o in outcomes.items() if isinstance(o, Path)]
    assert len(PAYLOADS) >= 40
    assert refused and built
    for payload, errors in refused.items():
        assert all(error.file.startswith("data/") and error.line > 0 for error in errors), payload
        assert any(word in error.message for error in errors for word in REFUSAL_WORDS), payload


SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = ("href", "src", "action", "data", "formaction")


def _is_script_url(attribute: str, value: str | None) -> bool:
    cleaned = (value or "").replace("\t", "").strip().lower()
    return attribute in URL_ATTRIBUTES and cleaned.startswith(SCRIPT_SCHEMES)


def live_markup(site: Path) -> list[str]:
    """Script elements with the payload, event attributes and script URLs on any page."""
    found = []
    for html_file in site.rglob("*.html"):
        for element in parse(html_file.read_text(encoding="utf-8")).iter():
            for attribute, value in element.attrs.items():
                if attribute.startswith("on") or attribute == "srcdoc" or _is_script_url(attribute, value):
                    found.append(f"{html_file.name}: {attribute}={value}")
            is_json_ld = element.attrs.get("type") == "application/ld+json"
            if element.tag == "script" and not is_json_ld and "alert(1)" in element.all_text():
                found.append(f"{html_file.name}: <script> with the payload")
            if element.tag in ("iframe", "object", "embed", "form", "style", "svg") and "alert" in str(
                element.attrs
            ):
                found.append(f"{html_file.name}: <{element.tag}>")
    return found


def test_accepted_payloads_render_inert_in_the_html(outcomes: dict[str, object]):
    problems = {p: live_markup(site) for p, site in outcomes.items() if isinstance(site, Path)}
    assert {p: found for p, found in problems.items() if found} == {}


@pytest.fixture(scope="module")
def built_sites(outcomes) -> Iterator[list[tuple[str, str]]]:
    generators, urls = [], []
    for payload, site in outcomes.items():
        if isinstance(site, Path):
            generator = serve(site)
            urls.append((payload, next(generator)))
            generators.append(generator)
    yield urls
    for generator in generators:
        generator.close()


def test_no_injected_script_runs_in_chromium(browser: Browser, built_sites: list[tuple[str, str]]):
    """Open each page kind of each poisoned site; any alert() would be a script that ran."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    visited = 0
    for payload, url in built_sites:
        for path in (
            "tools/fastapi/",
            "guides/python-backend/",
            "comparisons/django-fastapi-flask/",
            "faqs/python-backend-faq/",
            "categories/web-frameworks/",
            "compare/?tools=fastapi,flask",
        ):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            page.mouse.move(10, 10)
            page.keyboard.press("Tab")
            visited += 1
            assert dialogs == [], f"{payload!r} ran a script on {path}"
    context.close()
    assert errors == []
    assert visited >= 6
