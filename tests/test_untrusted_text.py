"""Untrusted text: payloads that pass validation still render inert on every page kind."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from stackguides.markdown_text import escape_markdown, find_unsafe_markup
from stackguides.outputs.sanitizer import SanitizeExtension

from conftest import make_project, mkdocs_build
from html_tools import parse
from poison import write_poisoned_data

# Text that validation lets through (no raw tags, no unsafe link schemes) but that tries to
# break out of attributes, attach attributes with attr_list, or decode into markup.
SHORT = "\"' onclick=x {: onclick=x } {onclick=x} &lt;b&gt;"
LONG = (
    SHORT
    + " `</script><script>alert(1)</script>` &#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;"
    + ' [ok](https://example.com "t\\" onclick=\\"x") [i](https://example.com/i.png){onerror=alert(1)}'
)
KNOWN_SCRIPT_TYPES = {"application/ld+json"}


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("poisoned-data") / "data"
    write_poisoned_data(
        data, LONG, short=SHORT, code_suffix="\n# </code></pre><script>alert(1)</script> ```\n"
    )
    project = make_project(tmp_path_factory.mktemp("poisoned") / "project", data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_payload_becomes_live_markup_on_any_page(poisoned_site: Path):
    """No injected script element, event attribute or script URL on any page."""
    problems = []
    for html_file in poisoned_site.rglob("*.html"):
        document = parse(html_file.read_text(encoding="utf-8"))
        name = html_file.relative_to(poisoned_site)
        for element in document.iter():
            for attribute, value in element.attrs.items():
                if attribute.startswith("on"):
                    problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
                if (
                    attribute in ("href", "src")
                    and value
                    and value.strip().lower().startswith(("javascript:", "data:"))
                ):
                    problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
            if element.tag == "script" and not element.attrs.get("src"):
                body = element.all_text()
                if element.attrs.get("type") not in KNOWN_SCRIPT_TYPES and "alert(1)" in body:
                    problems.append(f"{name}: inline script with the payload")
            if element.tag in ("b", "i") and element.all_text().strip() in ("", "i"):
                continue
    assert problems == []


def test_payload_text_is_shown_as_text(poisoned_site: Path):
    """The reader sees the payload as literal characters (nothing silently dropped)."""
    text = parse((poisoned_site / "tools" / "fastapi" / "index.html").read_text()).all_text()
    assert "{: onclick=x }" in text
    assert "</script><script>alert(1)</script>" in text  # inside <code>, escaped
    assert "&lt;b&gt;" in text or "<b>" in text


def test_json_ld_cannot_close_its_script_element(poisoned_site: Path):
    """`</script>` inside FAQ text is escaped in the JSON-LD block."""
    raw = (poisoned_site / "faqs" / "python-backend-faq" / "index.html").read_text()
    start = raw.index('<script type="application/ld+json">')
    block = raw[start : raw.index("</script>", start)]
    assert "<script>alert(1)" not in block and "\\u003c/script\\u003e" in block


def test_meta_description_and_title_are_escaped(poisoned_site: Path):
    """Material prints page.meta raw, so the values arrive HTML-escaped."""
    raw = (poisoned_site / "tools" / "fastapi" / "index.html").read_text()
    head = raw[: raw.index("</head>")]
    assert "onclick=x" in head  # the text is there...
    assert '" onclick=x' not in head and "' onclick=x" not in head  # ...but never as an attribute


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<script>alert(1)</script>", "raw HTML (`<script>`)"),
        ("<img src=x onerror=alert(1)>", "raw HTML (`<img src=x onerror=alert(1)>`)"),
        ("[x](javascript:alert(1))", "`javascript:` scheme"),
        ("[x](JaVaScRiPt:alert(1))", "`JaVaScRiPt:` scheme"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "`data:` scheme"),
        ("[x]: vbscript:msgbox", "`vbscript:` scheme"),
        ("[x](java\tscript:alert(1))", "scheme"),
        ("<svg onload=alert(1)>", "raw HTML"),
        ("<!-- hidden -->", "raw HTML"),
    ],
)
def test_validation_rejects_markup_and_script_urls(text: str, problem: str):
    """Each payload is refused with a message naming what was found."""
    assert any(problem in message for message in find_unsafe_markup(text))


@pytest.mark.parametrize(
    "text",
    [
        "Use `List<int>` in code",
        "a < b and b > c",
        "```html\n<div>ok</div>\n```",
        "[docs](https://example.com)",
    ],
)
def test_validation_accepts_ordinary_text(text: str):
    """Comparisons, code spans and fenced HTML examples are fine."""
    assert find_unsafe_markup(text) == []


def render(text: str) -> str:
    extensions = ["attr_list", "md_in_html", "admonition", "pymdownx.superfences", SanitizeExtension()]
    return markdown.markdown(text, extensions=extensions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**bold** and `code`", "<p><strong>bold</strong> and <code>code</code></p>"),
        ("<b>x</b>", "<p>&lt;b&gt;x&lt;/b&gt;</p>"),
        ("Fast {: onclick=alert(1) }", "<p>Fast {: onclick=alert(1) }</p>"),
        ("`a<b` stays", "<p><code>a&lt;b</code> stays</p>"),
    ],
)
def test_escaped_markdown_keeps_formatting_and_drops_markup(text: str, expected: str):
    """Markdown in, expected HTML out: formatting survives, markup does not."""
    assert render(escape_markdown(text)) == expected


def test_sanitizer_strips_event_attributes_and_script_urls_from_any_markdown():
    """Defence in depth for hand-written pages too."""
    html = render('[x](javascript:alert(1)){ onclick="alert(1)" }')
    assert "javascript:" not in html and "onclick" not in html and ">x</a>" in html
