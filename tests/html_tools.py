"""Small HTML readers for tests (standard library only)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    """An element with its attributes, its text and its children."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def iter(self, tag: str | None = None):
        """This element and every descendant (optionally only ``tag``)."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Descendants with ``tag`` whose attributes contain the given values."""
        found = []
        for element in self.iter(tag):
            if all(
                value in (element.attrs.get(name.rstrip("_")) or "").split()
                or element.attrs.get(name.rstrip("_")) == value
                for name, value in attrs.items()
            ):
                found.append(element)
        return found

    def all_text(self) -> str:
        """The text of this element and its descendants."""
        return self.text + "".join(child.all_text() for child in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self.stack[-1].children.append(Element("#text", {}, text=data))


def parse(html: str) -> Element:
    """Parse an HTML document into a tree of :class:`Element`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(site: Path, url_path: str) -> Element:
    """The parsed ``index.html`` of a page, by its URL path (``tools/fastapi/``)."""
    return parse((site / url_path / "index.html").read_text(encoding="utf-8"))


def meta_description(document: Element) -> str | None:
    """The content of ``<meta name="description">``."""
    for meta in document.iter("meta"):
        if meta.attrs.get("name") == "description":
            return meta.attrs.get("content")
    return None


# What "live markup" means in the safety tests, written independently of the sanitizer's allow-list.
LIVE_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "img", "image",
    "video", "audio", "source", "track", "picture", "link", "meta", "base", "template", "textarea",
    "math", "foreignobject", "use", "animate", "set", "animatetransform", "portal", "dialog",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "background",
    "srcset",
}
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)  # the WHATWG URL parser's scheme; else relative
SAFE_SCHEMES = {"http", "https", "mailto"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(url: str) -> str | None:
    match = URL_SCHEME.match(url)
    return match.group(1).lower() if match else None


def live_markup(html: str) -> list[str]:
    """Everything in ``html`` that could run script, load a resource or restyle the page.

    Elements that execute or fetch, ``on*`` handlers, ``srcdoc``/``style``/``formaction``
    attributes, and URL attributes whose scheme (after dropping the whitespace and control
    characters browsers ignore) is not http(s), mailto or relative.
    """
    found = []
    for element in parse(html).iter():
        if element.tag in LIVE_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            lowered = name.lower()
            cleaned = _INVISIBLE.sub(
                "", value or ""
            )  # the parser has decoded the entities once, as browsers do
            if lowered.startswith("on") or lowered in ("srcdoc", "formaction"):
                found.append(f"<{element.tag} {name}={value!r}>")
            elif lowered == "style" and not re.fullmatch(r"\s*text-align:\s*\w+;?\s*", value or ""):
                found.append(f"<{element.tag} style={value!r}>")
            elif lowered in URL_ATTRIBUTES and _scheme(cleaned) not in SAFE_SCHEMES | {None}:
                found.append(f"<{element.tag} {name}={value!r}>")
    return found
