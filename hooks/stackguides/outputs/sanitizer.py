"""The last stage of every page: an allow-list sanitizer over the HTML Markdown produced.

Text in data files comes from strangers' pull requests, and it reaches a page
through Python-Markdown and its extensions. Guessing in advance what that
parser will make of a text is not a safety boundary (a fence the guess reads
as closed may stay open for SuperFences, and raw HTML after it is live).
So safety does not rest on the guess: once Markdown has produced a page's
HTML, :func:`sanitize_html` re-parses it the way a browser does (html5ever,
through nh3, the binding to the Rust crate ammonia) and keeps only

* the tags and attributes that the site's own templates, Material and the
  Markdown extensions in ``mkdocs.yml`` produce (:data:`TAGS`,
  :data:`ATTRIBUTES`); ``<script>`` and ``<style>`` go with their content;
* links whose scheme is http, https or mailto, or that are relative.

There is no ``<img>``, ``<video>`` or anything else that loads a resource:
no page of the site has images in its content, and an image from a data
file would be a request to a host the reader did not choose.

No ``on*`` handler, ``style`` (other than a table cell's ``text-align``),
``srcdoc``, ``formaction``, frame, object, form action or script URL can
survive, whatever the text was. Validation still refuses raw HTML with a
precise message; this stage is what makes the refusal unnecessary for safety.

:class:`SanitizeExtension` runs the sanitizer as the last postprocessor of a
Markdown instance, so MkDocs, the build workers, the preview and any engine
that loads Python-Markdown extensions apply it to every page.
"""

from __future__ import annotations

from functools import cache

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

_SVG = "svg g circle ellipse line path polygon polyline rect text tspan title desc"
_TEXT = "a abbr b blockquote br cite code del dfn em hr i ins kbd mark p pre q s samp small span strong sub sup time u var wbr"
_STRUCTURE = (
    "article aside caption col colgroup dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header li nav ol section summary table tbody td tfoot th thead tr ul"
)
_CONTROLS = (
    "button datalist fieldset form input label legend noscript option select"  # sort, filter, facets, compare
)
TAGS = frozenset(f"{_SVG} {_TEXT} {_STRUCTURE} {_CONTROLS}".split())
"""Every tag a page may contain."""

CLEAN_CONTENT_TAGS = frozenset({"script", "style"})
"""Tags removed together with everything inside them."""

_GLOBAL = {"class", "id", "title", "role", "lang", "hidden", "data-search-exclude", "data-sg-field"}
_SVG_PRESENTATION = {
    "class",
    "fill",
    "fill-rule",
    "clip-rule",
    "stroke",
    "stroke-width",
    "transform",
    "opacity",
}
ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: frozenset(names)
    for tag, names in {
        "*": _GLOBAL,
        "a": {"href", "name"},
        "abbr": {"title"},
        "button": {"type", "disabled"},
        "col": {"span"},
        "colgroup": {"span"},
        "details": {"open"},
        "div": {"data-api", "data-site", "data-sg-table-block", "data-tabs"},
        "input": {
            "id",
            "name",
            "value",
            "checked",
            "placeholder",
            "autocomplete",
            "disabled",
            "data-facet",
            "list",
        },
        "label": {"for"},
        "li": {"value"},
        "ol": {"start", "reversed"},
        "option": {"value", "selected"},
        "p": {"data-sg-item"},
        "select": {"name"},
        "span": {"data-value"},
        "table": {"data-sg-table"},
        "td": {"colspan", "rowspan", "data-sort", "style"},
        "th": {"colspan", "rowspan", "scope", "data-sort", "style"},
        "time": {"datetime"},
        "tr": {"data-sg-item", "data-verdict", "data-license", "data-async"},
        "svg": {"viewBox", "xmlns", "width", "height", "focusable", "preserveAspectRatio"}
        | _SVG_PRESENTATION,
        "g": _SVG_PRESENTATION,
        "circle": {"cx", "cy", "r"} | _SVG_PRESENTATION,
        "ellipse": {"cx", "cy", "rx", "ry"} | _SVG_PRESENTATION,
        "line": {"x1", "y1", "x2", "y2"} | _SVG_PRESENTATION,
        "path": {"d"} | _SVG_PRESENTATION,
        "polygon": {"points"} | _SVG_PRESENTATION,
        "polyline": {"points"} | _SVG_PRESENTATION,
        "rect": {"x", "y", "width", "height", "rx", "ry"} | _SVG_PRESENTATION,
        "text": {"x", "y", "dx", "dy", "text-anchor", "dominant-baseline"} | _SVG_PRESENTATION,
        "tspan": {"x", "y", "dx", "dy"} | _SVG_PRESENTATION,
    }.items()
}
"""The attributes each tag may keep (``*``: every tag), besides ``aria-*``."""

ATTRIBUTE_VALUES: dict[str, dict[str, frozenset[str]]] = {
    "input": {"type": frozenset({"checkbox", "radio", "search", "text"})},
}
"""Attributes allowed only with one of a few values."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link may use; relative links are kept too."""

STYLE_PROPERTIES = frozenset({"text-align"})
"""The only CSS a page's content may carry (Markdown tables align their cells with it)."""


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        strip_comments=True,
        link_rel=None,
        generic_attribute_prefixes={"aria-"},
        tag_attribute_values={
            tag: {name: set(values) for name, values in allowed.items()}
            for tag, allowed in ATTRIBUTE_VALUES.items()
        },
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


def sanitize_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed (see the module docstring)."""
    return _cleaner().clean(html)


class _SanitizePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize_html(text)


POSTPROCESSOR_PRIORITY = -1000
"""Below every postprocessor Python-Markdown and pymdown-extensions register (the lowest is 1)."""


class SanitizeExtension(Extension):
    """Run :func:`sanitize_html` on the finished HTML of every page, after every other step."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the sanitizer as the last postprocessor."""
        md.postprocessors.register(_SanitizePostprocessor(md), "stackguides_sanitize", POSTPROCESSOR_PRIORITY)


def makeExtension(**kwargs) -> SanitizeExtension:
    """Entry point for ``markdown_extensions: [stackguides.outputs.sanitizer]`` in a plain MkDocs project."""
    return SanitizeExtension(**kwargs)
