"""Characters a data file's text may not hold, and how two names are compared.

Each check returns a fix-it message or ``None``. They guard against text that
looks different from what it is: direction overrides that reorder what a
reviewer reads (the "Trojan Source" trick), invisible characters that make
two names look equal, line separators that YAML or a browser treat as line
breaks where the field is one line, and runs of combining marks that draw
over the lines around them.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
LINE_SEPARATORS = "\r\x0b\x0c\x85\u2028\u2029"
MAX_COMBINING_RUN = 3

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_LINE_SEPARATOR = re.compile(f"[{LINE_SEPARATORS}]")
# ZWJ and ZWNJ join emoji sequences (👩‍💻) and shape Indic and Persian words in prose.
_JOINERS = "\u200c\u200d"
_PROSE_INVISIBLE = re.compile(f"[{INVISIBLE.replace(_JOINERS[0], '').replace(_JOINERS[1], '')}]")
_COMBINING_RUN = re.compile(
    rf"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]{{{MAX_COMBINING_RUN + 1},}}"
)
_HAS_SPECIAL = re.compile(
    f"[{BIDI_CONTROLS}{INVISIBLE}{LINE_SEPARATORS}\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def _codepoint(character: str) -> str:
    name = unicodedata.name(character, "a control character")
    return f"U+{ord(character):04X} ({name.lower()})"


def character_problem(text: str, *, one_line: bool) -> str | None:
    """Why ``text`` holds a character it may not, or ``None``.

    ``one_line`` fields (names, titles, summaries) also refuse the joiners that
    prose may use between emoji or in scripts that need them.
    """
    if text.isascii():  # the common case, known without a scan: only ASCII's own breaks to look for
        if "\r" not in text and "\x0b" not in text and "\x0c" not in text:
            return None
    elif not _HAS_SPECIAL.search(text):
        return None
    found = _BIDI.search(text)
    if found:
        return (
            f"the text holds the invisible direction control {_codepoint(found.group())} at character "
            f"{found.start() + 1}, which can make it read differently from what it is; delete it"
        )
    found = _LINE_SEPARATOR.search(text)
    if found:
        return (
            f"the text holds {_codepoint(found.group())} at character {found.start() + 1}, which some "
            "programs treat as a line break; replace it with a space or an ordinary line break"
        )
    found = (_INVISIBLE if one_line else _PROSE_INVISIBLE).search(text)
    if found:
        return (
            f"the text holds the invisible character {_codepoint(found.group())} at character "
            f"{found.start() + 1}; delete it (it makes equal-looking text differ)"
        )
    found = _COMBINING_RUN.search(text)
    if found:
        return (
            f"the text stacks {len(found.group())} combining marks on one letter at character "
            f"{found.start() + 1}; at most {MAX_COMBINING_RUN} are allowed (write the letter "
            "precomposed, e.g. `é`)"
        )
    return None


def comparable_name(name: str) -> str:
    """A name folded for comparison: NFKC, case-folded, invisible characters and spaces removed.

    Two tools whose names fold to the same text would look the same to a reader.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in INVISIBLE + BIDI_CONTROLS)


def strings_in(value, path: tuple = (), skip: frozenset[str] = frozenset()) -> list[tuple[tuple, str]]:
    """Every string inside ``value`` (a validated model, or the dicts and lists of a loaded file) with its
    field path, in the order of the file; keys in ``skip`` are left out.

    One list filled by plain recursion: nested generators cost a frame switch per level for
    every string, and this runs over every string of every entry (twice as slow at 10,000 tools).
    """
    found: list[tuple[tuple, str]] = []
    _collect_strings(value, path, skip, found)
    return found


def _collect_strings(value, path: tuple, skip: frozenset[str], found: list) -> None:
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_strings(item, path + (index,), skip, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                _collect_strings(item, path + (key,), skip, found)
    elif hasattr(type(value), "model_fields"):  # a Pydantic model
        for name in type(value).model_fields:
            if name not in skip:
                _collect_strings(getattr(value, name), path + (name,), skip, found)
