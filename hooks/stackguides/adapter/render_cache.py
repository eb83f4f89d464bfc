"""Rendered pages kept for reuse, valid while the inputs of rendering stay the same.

A page is reused only when its own source text is unchanged and the build's
fingerprint (configuration and the list of files, which decide how links
resolve) is the one it was rendered under. Any other change starts afresh.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RenderedPage:
    """One page's render output, in a form that pickles (to cross from a worker process).

    ``toc`` is whatever the site engine uses for a table of contents;
    ``leftovers`` is what else its render left on the page (see
    ``mkdocs_private.render_leftovers``).
    """

    source_digest: bytes
    content: str
    toc: Any
    leftovers: dict[str, Any]
    records: list[logging.LogRecord] = field(default_factory=list)


def source_digest(source: str) -> bytes:
    """A short fingerprint of a page's source (16 bytes travel between processes, not the text)."""
    return hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class RenderCache:
    """Rendered output by page key, each stored with the exact source it came from."""

    def __init__(self) -> None:
        self._fingerprint: str | None = None
        self._entries: dict[str, tuple[bytes, Any]] = {}

    def start_build(self, fingerprint: str) -> None:
        """Begin a build; everything rendered under another fingerprint is dropped."""
        if fingerprint != self._fingerprint:
            self._entries = {}
            self._fingerprint = fingerprint

    def get(self, key: str, source: str) -> Any | None:
        """What was rendered for ``key`` from exactly ``source``, or None."""
        entry = self._entries.get(key)
        if entry is None or entry[0] != source_digest(source):
            return None
        return entry[1]

    def take(self, key: str, source: str) -> Any | None:
        """Like :meth:`get`, but the entry is removed (for output used once)."""
        rendered = self.get(key, source)
        if rendered is not None:
            del self._entries[key]
        return rendered

    def put(self, key: str, digest: bytes, rendered: Any) -> None:
        """Remember ``rendered`` as the output of ``key`` for the source whose :func:`source_digest` is ``digest``."""
        self._entries[key] = (digest, rendered)

    def __len__(self) -> int:
        return len(self._entries)
