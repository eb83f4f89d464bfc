"""Small HTML readers for tests (standard library only)."""

from __future__ import annotations

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
