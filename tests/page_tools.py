"""The page seam for tests: catalog in, page Markdown out, then HTML from the site's own Markdown setup.

``to_html`` converts with the extensions and settings of the real ``mkdocs.yml``
(read by MkDocs' own config loader) plus the sanitizer the adapter adds, so a
test sees what ``mkdocs build`` would put in a page's content, in milliseconds.
"""

from __future__ import annotations

from functools import cache

import markdown
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from stackguides.outputs.sanitizer import SanitizeExtension

from conftest import ROOT


@cache
def _markdown_settings() -> tuple[tuple, dict]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return tuple(config.markdown_extensions), dict(config.mdx_configs)


def site_markdown(*, sanitize: bool = True) -> markdown.Markdown:
    """A Markdown instance set up as the site's pages are (without the sanitizer if asked)."""
    extensions, configs = _markdown_settings()
    chosen = [*extensions, SanitizeExtension()] if sanitize else list(extensions)
    return markdown.Markdown(extensions=chosen, extension_configs=configs)


def to_html(page_markdown: str, *, sanitize: bool = True) -> str:
    """The content HTML of one generated page (front matter removed, as MkDocs does)."""
    body, _meta = get_data(page_markdown)
    return site_markdown(sanitize=sanitize).convert(body)
