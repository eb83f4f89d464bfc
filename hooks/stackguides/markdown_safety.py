"""Untrusted Markdown: find what validation rejects, escape what rendering must neutralise.

Text in data files comes from strangers' pull requests. Two layers keep it
inert:

* validation rejects raw HTML tags and links whose scheme is not http(s)
  (``find_unsafe_markup``), with a message that says how to fix the text;
* rendering escapes ``<`` and attribute-list braces outside code
  (``escape_markdown``), so that even text that slipped past validation
  cannot become live markup.
"""

from __future__ import annotations

import html
import re

# Fenced code blocks and inline code spans are shown literally: leave them alone.
_CODE = re.compile(r"(^|\n)(?P<fence>```+|~~~+)[^\n]*\n.*?(\n(?P=fence)[ \t]*(?=\n|$)|$)|(`+).+?\4", re.S)
_RAW_HTML = re.compile(r"</?[A-Za-z!?]")
_INLINE_LINK = re.compile(r"\]\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_LINK_TITLE = re.compile(r"\s+[\"'(].*$", re.S)
_REFERENCE_LINK = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _split_code(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_code, chunk) pieces, code spans and fences marked."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _CODE.finditer(text):
        start = match.start() + len(match.group(1) or "")
        if start > position:
            pieces.append((False, text[position:start]))
        pieces.append((True, text[start : match.end()]))
        position = match.end()
    if position < len(text):
        pieces.append((False, text[position:]))
    return pieces


def unsafe_url_reason(url: str) -> str | None:
    """Why a link target is refused, or ``None`` if it is safe.

    Entities and control characters are decoded first, because a browser
    decodes ``jav&#97;script:`` into ``javascript:``.
    """
    decoded = _CONTROL.sub("", html.unescape(url))
    match = _SCHEME.match(decoded)
    if match and match.group(1).lower() not in _SAFE_SCHEMES:
        return f"the link `{url}` uses the `{match.group(1)}:` scheme; only http(s) links are allowed"
    return None


def find_unsafe_markup(text: str) -> list[str]:
    """Problems that make Markdown text unsafe to publish, as fix-it messages."""
    problems: list[str] = []
    prose = "".join(chunk for is_code, chunk in _split_code(text) if not is_code)
    tag = _RAW_HTML.search(prose)
    if tag:
        end = prose.find(">", tag.start())
        snippet = prose[tag.start() : end + 1 if 0 < end - tag.start() < 30 else tag.start() + 12]
        problems.append(
            f"raw HTML (`{snippet}`) is not allowed; write Markdown instead, or put code between backticks"
        )
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(prose):
            target = _LINK_TITLE.sub("", match.group(1).strip()).strip("<>")
            reason = unsafe_url_reason(target)
            if reason:
                problems.append(reason)
    return problems


def escape_markdown(text: str) -> str:
    """Neutralise HTML and attribute lists outside code; keep Markdown formatting.

    ``<`` becomes ``&lt;`` (shown as text, never parsed as a tag) and ``{``/``}``
    are backslash-escaped so ``attr_list`` cannot attach attributes such as
    ``onclick`` to an element.
    """
    out = []
    for is_code, chunk in _split_code(text):
        if not is_code:
            chunk = chunk.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")
        out.append(chunk)
    return "".join(out)


def plain_text(text: str) -> str:
    """Text with Markdown punctuation stripped, for meta descriptions and JSON-LD."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*]+|(?<!\w)_+|_+(?!\w)", "", text)
    return " ".join(text.split())
