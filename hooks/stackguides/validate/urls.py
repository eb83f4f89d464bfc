"""What a URL field may hold: one absolute http(s) address a reader can trust at a glance.

The rules make a URL safe to place in a Markdown link and in HTML without
any escaping trick mattering: no spaces or line breaks, nothing that can
close the link or add a title or attributes, no ``user@`` part that hides the
real host, and a host written in ASCII, so that look-alike letters from
another script (``paypal.com`` spelt with Cyrillic \u0440 and \u0430) cannot pass for a
familiar name. International names are welcome in their ``xn--`` form, as
long as each label decodes to letters of a single script.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\{}|^()\[\]]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_SCRIPT_NEUTRAL = {"DIGIT", "HYPHEN-MINUS", "COMBINING"}
_LOOKS_NUMERIC = re.compile(r"^[0-9.]+$|^0x", re.I)
# Addresses that pass every rule below, recognised in one match: ASCII host labels (no punycode,
# no port, no trailing dot) under a top-level name that starts with a letter and is not a local
# one, then a path, query or fragment of characters none of the rules refuse. Anything else, good
# or bad, goes through the full check (which takes ten times as long, on every URL of every file).
_PLAIN_ADDRESS = re.compile(
    r"https?://(?!(?:[^/?#]*\.)?(?i:xn--))(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"(?!(?i:localhost|local|internal)(?:[/?#]|$))[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:[/?#][A-Za-z0-9!#$%&*+,\-./:;=?@_~]*)?"
)


def _scripts(label: str) -> set[str]:
    """The scripts of the letters in a (decoded) host label, by the first word of each Unicode name."""
    scripts = set()
    for character in label:
        name = unicodedata.name(character, "")
        first = name.split(" ", 1)[0]
        if character.isalpha() and first not in _SCRIPT_NEUTRAL:
            scripts.add(first)
    return scripts


def _host_problem(host: str, url: str) -> str | None:
    if not host:
        return f"`{url}` has no host; write a full address such as `https://example.com/`"
    if not host.isascii():
        return (
            f"the host `{host}` is not plain ASCII; letters from other scripts can imitate familiar "
            "names, so write it in its `xn--` (punycode) form"
        )
    if _LOOKS_NUMERIC.match(host) or ":" in host:
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            pass
        else:
            return f"`{url}` points at an IP address; link to the site by its name"
    labels = host.lower().rstrip(".").split(".")
    if len(labels) < 2 or host.lower() in ("localhost",) or labels[-1] in ("localhost", "local", "internal"):
        return f"the host `{host}` is not a public web address; link to the site by its full name"
    for label in labels:
        if not _HOST_LABEL.match(label):
            return f"the host `{host}` is not a valid host name (letters, digits and hyphens between dots)"
        if label.startswith("xn--"):
            try:
                decoded = label.encode("ascii").decode("idna")
            except UnicodeError:
                return f"the host label `{label}` is not valid punycode"
            scripts = _scripts(decoded)
            if len(scripts) > 1:
                return (
                    f"the host label `{label}` (`{decoded}`) mixes letters of "
                    f"{' and '.join(sorted(s.title() for s in scripts))}, a common look-alike trick; "
                    "check the address"
                )
    return None


@lru_cache(maxsize=65536)  # the same addresses recur across thousands of files
def url_problem(url: str) -> str | None:
    """Why ``url`` is not one plain absolute http(s) address, or ``None`` if it is."""
    if _PLAIN_ADDRESS.fullmatch(url):
        return None
    return _full_check(url)


def _full_check(url: str) -> str | None:
    if not url.strip():
        return "is empty; write the full address, starting with https://"
    if not url.startswith(("https://", "http://")):
        return f"expected a web address starting with https:// (or http://), got `{url}`"
    forbidden = _FORBIDDEN.search(url)
    if forbidden:
        character = forbidden.group()
        shown = repr(character)[1:-1] if not character.isprintable() or character.isspace() else character
        return (
            f"the address holds `{shown}` at character {forbidden.start() + 1}; a URL field is one address "
            f"with no spaces, quotes, brackets or parentheses (write them percent-encoded, e.g. "
            f"`%{ord(character):02X}`)"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as error:
        return f"`{url}` is not a valid address ({error})"
    if "@" in parts.netloc:
        return (
            f"`{url}` has a `user@` part before the host, which hides where the link really goes; remove it"
        )
    host_problem = _host_problem(parts.hostname or "", url)
    if host_problem:
        return host_problem
    if not url.isascii():
        position = next(index for index, ch in enumerate(url) if not ch.isascii())
        return (
            f"the address holds the non-ASCII character `{url[position]}` at character {position + 1}; "
            "percent-encode it (a browser shows it decoded anyway)"
        )
    return None
