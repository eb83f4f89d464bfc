"""A Python-Markdown extension that strips script-capable attributes and URLs.

Defence in depth for every page (hand-written or generated): after Markdown
is parsed, any ``on*`` event attribute is removed and any ``href``/``src``
whose scheme is not http(s), mailto or relative is dropped. Validation
should already have refused such text; this catches what slips through.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .markdown_safety import unsafe_url_reason

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data")


class _SanitizeTree(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if (
                    lowered.startswith("on")
                    or lowered == "style"
                    or (lowered in _URL_ATTRIBUTES and unsafe_url_reason(element.attrib[name]))
                ):
                    del element.attrib[name]


class SanitizeExtension(Extension):
    """Register the sanitizer to run after every other tree processor."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_SanitizeTree(md), "stackguides_sanitize", 0)
