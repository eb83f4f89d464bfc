"""Put payloads into every free-text field of the fixture data (shared by the XSS tests)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import FIXTURE_DATA

SHORT_KEYS = {"name", "title", "question", "license", "role"}  # one line, at most 100 characters
LONG_KEYS = {
    "summary", "best_for", "verdict_reason", "notes", "text", "covers", "intro", "why", "note",
    "description", "answer", "verdict",
}  # fmt: skip
MARKDOWN_KEYS = {"notes", "why", "intro", "answer", "verdict"}  # may hold several lines
LIST_KEYS = {"pros", "cons", "when_to_use", "advantages", "tradeoffs"}
URL_KEYS = {"home", "docs", "repository", "url"}
ENUMS = {"recommended", "solid", "legacy", "avoid"}
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # payloads that are URLs also go into URL fields


ONE_LINE_PARENTS = {"picks", "runner_up"}  # their `why` is one line, unlike a guide layer's


def poisoned(value, payload: str, short: str, key: str | None = None, tag: str = "", one_line: bool = False):
    """``value`` with a payload in every free-text field (and in URL fields when it has a scheme).

    ``short`` goes into names and titles (followed by ``tag``, so that two files' names
    still differ), ``payload`` everywhere else; multi-line payloads go whole into
    Markdown fields and flattened into one-line fields.
    """
    if isinstance(value, dict):
        inner = one_line or key in ONE_LINE_PARENTS
        return {k: poisoned(v, payload, short, k, tag, inner) for k, v in value.items()}
    line = payload if key in MARKDOWN_KEYS and not one_line else payload.replace("\n", " ")
    if isinstance(value, list):
        return (
            [line for _ in value]
            if key in LIST_KEYS
            else [poisoned(v, payload, short, key, f"{tag} {i}", one_line) for i, v in enumerate(value)]
        )
    if not isinstance(value, str) or value in ENUMS:
        return value
    if key == "license":  # an SPDX expression first; the payload rides in the free-text note
        return f"MIT ({short.replace(chr(10), ' ')} {tag})"[:100]
    if key in SHORT_KEYS:
        return (short.replace("\n", " ") + f" {tag}").strip()[:100]
    if key in LONG_KEYS or (key in URL_KEYS and SCHEME.match(payload)):
        return line
    return value


def write_poisoned_data(
    target: Path, payload: str, *, short: str | None = None, code_suffix: str = ""
) -> None:
    """Write the fixture data under ``target`` with payloads in every text field."""
    short = payload if short is None else short
    for source in FIXTURE_DATA.rglob("*.yml"):
        out = target / source.relative_to(FIXTURE_DATA)
        out.parent.mkdir(parents=True, exist_ok=True)
        content = poisoned(yaml.safe_load(source.read_text()), payload, short, tag=source.stem)
        if "example" in content:
            content["example"]["title"] = short.replace("\n", " ")
            content["example"]["code"] += code_suffix or f"\n# {payload}\n"
        out.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False))
