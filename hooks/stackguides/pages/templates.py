"""The Jinja environment that turns catalog entries into Markdown pages.

Templates live in ``overrides/stackguides/*.jinja.md``. Autoescaping is on,
so any value placed in HTML is escaped; values placed in Markdown go through
the ``md``/``md_inline`` filters, which neutralise raw HTML and attribute
lists but keep Markdown formatting.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from stackguides.markdown_text import escape_markdown, literal_markdown, plain_text
from stackguides.validate.models import Criterion

TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "overrides" / "stackguides"


def md_block(text: str | None) -> Markup:
    """Contributor Markdown, safe to place in a Markdown page at column 0."""
    return Markup(escape_markdown(text or "").strip())


def md_inline(text: str | None) -> Markup:
    """A one-line Markdown field, safe to place inside a list item, table cell or heading."""
    return Markup(" ".join(escape_markdown(text or "").split()))


def md_literal(text: str | None) -> Markup:
    """A name or title, placed in Markdown so that it shows exactly as written (no formatting, no links)."""
    return Markup(literal_markdown(text or ""))


def indent_block(text: str, width: int = 4) -> Markup:
    """Indent every line after the first (for Markdown nested in admonitions and lists)."""
    return Markup(("\n" + " " * width).join(str(text).splitlines()))


def code_fence(code: str) -> Markup:
    """A backtick fence longer than any run of backticks in ``code``."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return Markup("`" * max(3, longest + 1))


def code_span(text: str) -> Markup:
    """Inline code that no backtick in ``text`` can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    return Markup(f"{ticks} {text} {ticks}" if longest else f"{ticks}{text}{ticks}")


def verbatim(code: str) -> Markup:
    """Code for a fenced block: literal in Markdown, so it is not HTML-escaped.

    Safe because the fence around it is longer than any backtick run inside
    (see :func:`code_fence`), so the code cannot end the block.
    """
    return Markup(code)


_YAML_BREAKS = str.maketrans({ch: f"\\u{ord(ch):04x}" for ch in "\x85\u2028\u2029\ufeff"})


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that decodes to exactly ``text``.

    JSON's escapes are YAML's, except that JSON writes an emoji as a surrogate
    pair (``\\ud83d\\ude80``), which YAML decodes to two broken characters and
    MkDocs then drops the whole front matter. So characters outside ASCII are
    written as themselves, and only those YAML reads as line breaks are escaped.
    """
    return json.dumps(text, ensure_ascii=False).translate(_YAML_BREAKS)


def front_matter_text(text: str) -> Markup:
    """A YAML front-matter value: plain text, HTML-escaped (Material prints it raw)."""
    return Markup(yaml_string(html.escape(plain_text(text), quote=True)))


def front_matter_literal(text: str) -> Markup:
    """A name or title as a YAML front-matter value: as written, HTML-escaped (Material prints it raw)."""
    return Markup(yaml_string(html.escape(" ".join(str(text).split()), quote=True)))


def front_matter_json(text: str) -> Markup:
    """A YAML front-matter value that survives YAML decoding byte for byte."""
    return Markup(yaml_string(str(text)))


def json_for_script(value: Any) -> Markup:
    """JSON safe to embed in a ``<script>`` element (no ``</script>`` break-out)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def money(amount: int, currency: str) -> str:
    """``25000, "USD"`` -> ``$25,000``; other currencies keep their code."""
    symbols = {"USD": "$", "EUR": "€", "GBP": "£"}
    symbol = symbols.get(currency)
    return f"{symbol}{amount:,}" if symbol else f"{amount:,} {currency}"


def row_winner(criterion: Criterion, tools: list[str]) -> str | None:
    """The tool that wins a comparison row: its explicit ``winner``, else the single best-rated tool."""
    if criterion.winner:
        return criterion.winner
    ratings = {tool: criterion.values[tool].rating for tool in tools if tool in criterion.values}
    rated = {tool: rating for tool, rating in ratings.items() if rating is not None}
    if len(rated) < 2:
        return None
    best = max(rated.values())
    leaders = [tool for tool, rating in rated.items() if rating == best]
    return leaders[0] if len(leaders) == 1 else None


@cache
def environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    """The shared environment; templates compile once and reload when edited (preview)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        auto_reload=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=md_block,
        md_inline=md_inline,
        text=md_literal,
        indent_block=indent_block,
        fence=code_fence,
        code_span=code_span,
        verbatim=verbatim,
        fm=front_matter_text,
        fm_literal=front_matter_literal,
        fm_json=front_matter_json,
        json_script=json_for_script,
        money=money,
        plain=plain_text,
        row_winner=row_winner,
    )
    return env


def template(name: str) -> jinja2.Template:
    """A compiled template by name, e.g. ``tool``."""
    return environment().get_template(f"{name}.jinja.md")
