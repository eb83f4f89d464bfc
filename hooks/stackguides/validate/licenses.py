"""A tool's ``license``: an SPDX license expression first, then any note in parentheses or after ``;``.

``MIT``, ``Apache-2.0 (core); commercial add-ons``, ``MIT OR Apache-2.0`` and
``GPL-2.0-only WITH Classpath-exception-2.0`` pass; ``Apache 2`` gets "did you
mean `Apache-2.0`?". Services with no public licence start with
``proprietary``; ``Public domain`` is accepted as written. The expression is
checked by ``packaging.licenses`` (PEP 639), the same code pip and PyPI use.
"""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

_NOTE = re.compile(r"\s*(?:\(|;|,(?=\s))")
_WORDS_OUTSIDE_SPDX = ("proprietary", "public domain")


@cache
def _spdx_ids() -> dict[str, tuple[str, bool]]:
    """Every SPDX license id, by lower case: (id, deprecated).

    ``packaging`` ships the SPDX list in a private module (``packaging.licenses._spdx``); it is
    read only for "did you mean" and for the deprecation flag, and without it both are skipped.
    """
    try:
        from packaging.licenses._spdx import LICENSES
    except ImportError:  # a packaging without the private list: the expression check still runs
        return {}
    return {key: (value["id"], bool(value["deprecated"])) for key, value in LICENSES.items()}


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _guess(text: str) -> str | None:
    ids = {_squashed(spdx): spdx for spdx, deprecated in _spdx_ids().values() if not deprecated}
    squashed = _squashed(text)
    for candidate in (squashed, squashed + "0", squashed + "00"):  # "Apache 2" -> apache20
        if candidate in ids:
            return ids[candidate]
    close = difflib.get_close_matches(squashed, list(ids), n=1, cutoff=0.75)
    return ids[close[0]] if close else None


@lru_cache(maxsize=4096)  # a few licences cover most tools; packaging compiles each expression it checks
def license_problem(text: str) -> str | None:
    """Why ``text`` does not start with an SPDX license expression, or ``None`` if it does."""
    expression = _NOTE.split(text, maxsplit=1)[0].strip()
    if expression.lower().startswith(_WORDS_OUTSIDE_SPDX):
        return None
    try:
        canonical = canonicalize_license_expression(expression)
    except InvalidLicenseExpression:
        guess = _guess(expression)
        hint = f": did you mean `{guess}`?" if guess else " (see https://spdx.org/licenses/)"
        return (
            f"`{expression}` is not an SPDX license expression{hint} Write the identifier first, then any "
            "note in parentheses, e.g. `Apache-2.0 (core); commercial add-ons`, or `proprietary` for a "
            "service with no public licence"
        )
    for token in re.findall(r"[A-Za-z0-9.+-]+", canonical):
        known = _spdx_ids().get(token.lower())
        if known and known[1]:
            return (
                f"`{known[0]}` is a deprecated SPDX identifier; write `{known[0]}-only` or "
                f"`{known[0]}-or-later`, whichever the project's licence says"
                if re.fullmatch(r"[AL]?GPL-[0-9.]+", known[0])
                else f"`{known[0]}` is a deprecated SPDX identifier; see https://spdx.org/licenses/ for its successor"
            )
    return None
