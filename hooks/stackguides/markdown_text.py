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

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_RAW_HTML = re.compile(r"</?[A-Za-z!?]")
_INLINE_LINK = re.compile(r"\]\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_LINK_TITLE = re.compile(r"\s+[\"'(].*$", re.S)
_REFERENCE_LINK = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.M)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans in ``text``, found line by line."""
    spans, offset = [], 0
    for line in text.split("\n"):
        spans.extend((offset + start, offset + end) for start, end in _line_code_spans(line))
        offset += len(line) + 1
    return spans


def _line_code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the code spans Python-Markdown will see on one line, in linear time.

    A span opens at a run of backticks not escaped by a backslash and closes at the
    next run of exactly the same length on the same line (Python-Markdown's code
    spans never cross a line break). Anything uncertain stays prose, which is the
    safe side: prose is escaped, code is not.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursors = dict.fromkeys(by_length, 0)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        backslashes = len(line[:start]) - len(line[:start].rstrip("\\"))
        if backslashes % 2:  # the first backtick is escaped; the rest of the run may open
            start += 1
        length = end - start
        closing = None
        if length:
            candidates = by_length.get(length, [])
            cursor = cursors.get(length, 0)
            while cursor < len(candidates) and candidates[cursor] <= index:
                cursor += 1
            cursors[length] = cursor
            closing = candidates[cursor] if cursor < len(candidates) else None
        if closing is None:
            index += 1
            continue
        spans.append((start, runs[closing][1]))
        index = closing + 1
    return spans


def _split_code(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_code, chunk) pieces: closed fenced blocks and code spans are code.

    Linear in the length of the text. A fence only counts when it is closed, and a
    code span only within one line, so that nothing Python-Markdown would read as
    prose is ever left unescaped.
    """
    lines = text.split("\n")
    pieces: list[tuple[bool, str]] = []
    prose: list[str] = []

    def flush_prose() -> None:
        if prose:
            chunk = "\n".join(prose)
            prose.clear()
            position = 0
            for start, end in _code_spans(chunk):
                pieces.append((False, chunk[position:start]))
                pieces.append((True, chunk[start:end]))
                position = end
            pieces.append((False, chunk[position:]))

    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        closing_index = None
        if opening:
            fence = opening.group(1)
            for later in range(index + 1, len(lines)):
                match = _FENCE.match(lines[later])
                if (
                    match
                    and match.group(1)[0] == fence[0]
                    and match.group(1) == fence  # SuperFences closes only on the same run
                    and (lines[later].strip() == match.group(1))
                ):
                    closing_index = later
                    break
        if closing_index is None:
            prose.append(lines[index])
            index += 1
            continue
        flush_prose()
        if pieces:
            pieces.append((False, "\n"))
        pieces.append((True, "\n".join(lines[index : closing_index + 1])))
        index = closing_index + 1
        if index < len(lines):
            prose.append("")  # the line break after the fence belongs to the prose that follows
    flush_prose()
    return [(is_code, chunk) for is_code, chunk in pieces if chunk]


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


MAX_BRACKETS = 100  # Python-Markdown's link scan is quadratic in unmatched `[`: 5,000 of them take seconds


def find_unsafe_markup(text: str) -> list[str]:
    """Problems that make Markdown text unsafe to publish, as fix-it messages."""
    if "<" not in text and "]" not in text and "[" not in text:  # no tag, no link: nothing to check
        return []
    problems: list[str] = []
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        problems.append(
            f"the text holds {brackets} `[`; Markdown reads each as the start of a link, which makes the page "
            f"slow to build. Use at most {MAX_BRACKETS} (write `&#91;` for a literal bracket)"
        )
    prose = "".join(chunk for is_code, chunk in _split_code(text) if not is_code)
    tag = _RAW_HTML.search(prose)
    if tag:
        end = prose.find(">", tag.start())
        snippet = prose[tag.start() : end + 1 if 0 < end - tag.start() < 30 else tag.start() + 12]
        problems.append(
            f"raw HTML (`{snippet}`) is not allowed; write Markdown instead, or put code between backticks"
        )
    image = _IMAGE.search(prose)
    if image:
        problems.append(
            f"images (`{image.group(0)}...`) are not shown from data files (a page loads nothing from "
            "other hosts); link to the image instead: `[diagram](https://...)`"
        )
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(prose):
            target = _LINK_TITLE.sub("", match.group(1).strip()).strip("<>")
            reason = unsafe_url_reason(target)
            if reason:
                problems.append(reason)
    return problems


def link_targets(text: str) -> list[str]:
    """The target of every inline and reference link outside code, in order."""
    if "](" not in text and "]:" not in text:
        return []
    prose = "".join(chunk for is_code, chunk in _split_code(text) if not is_code)
    targets = []
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(prose):
            targets.append(_LINK_TITLE.sub("", match.group(1).strip()).strip("<>"))
    return targets


def relative_link(text: str) -> str | None:
    """The first link target in ``text`` that has no scheme (a path or an ``#anchor``), if any."""
    return next((target for target in link_targets(text) if not _SCHEME.match(target)), None)


def escape_markdown(text: str) -> str:
    """Neutralise HTML and attribute lists outside code; keep Markdown formatting.

    ``<`` becomes ``&lt;`` (shown as text, never parsed as a tag) and ``{``/``}``
    are backslash-escaped so ``attr_list`` cannot attach attributes such as
    ``onclick`` to an element.
    """
    if "<" not in text and "{" not in text and "}" not in text:  # nothing to neutralise (most text)
        return text
    out = []
    for is_code, chunk in _split_code(text):
        if not is_code:
            chunk = chunk.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")
        out.append(chunk)
    return "".join(out)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")
_LITERAL_ENTITIES = {"&": "&amp;", "<": "&lt;", ":": "&#58;", "|": "&#124;", "~": "&#126;", "=": "&#61;"}
_LITERAL = re.compile("[&<:|~=]")


def literal_markdown(text: str) -> str:
    """Text that Markdown shows exactly as written: every character that could mean something is escaped.

    Backslash escapes for the punctuation Python-Markdown understands, character
    references for ``&``, ``<`` and the characters extensions give a meaning
    (``:`` emoji, ``|`` tables, ``~``, ``=``). Line breaks become spaces.
    """
    text = " ".join(text.split())
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return _LITERAL.sub(lambda match: _LITERAL_ENTITIES[match.group()], text)


_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_TRAILING_ATTRIBUTES = re.compile(r"\s*\{[^{}]*\}\s*$")
_BACKSLASH_ESCAPE = re.compile(r"\\(.)")


def heading_anchors(page_markdown: str) -> set[str]:
    """The ids Python-Markdown's ``toc`` gives the headings of a page (``when-to-use-it``).

    Headings inside fenced code do not count; a repeated slug gets ``_1``, ``_2``
    as ``toc`` numbers them.
    """
    from markdown.extensions.toc import slugify  # Python-Markdown's own, so the ids agree

    anchors: set[str] = set()
    prose = "".join(chunk for is_code, chunk in _split_code(page_markdown) if not is_code)
    for line in prose.split("\n"):
        match = _HEADING.match(line)
        if not match:
            continue
        text = _TRAILING_ATTRIBUTES.sub("", match.group(2))
        text = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", plain_text(text)))
        slug = base = slugify(text, "-")
        number = 0
        while slug in anchors:
            number += 1
            slug = f"{base}_{number}"
        anchors.add(slug)
    return anchors


def plain_text(text: str) -> str:
    """Text with Markdown punctuation stripped, for meta descriptions and JSON-LD."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*]+|(?<!\w)_+|_+(?!\w)", "", text)
    return " ".join(text.split())
