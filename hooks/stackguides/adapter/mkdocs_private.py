"""Every private MkDocs or Material name the adapter touches, in one place, checked against versions.

Rendering pages in worker processes (``rendering.py``) needs one thing
MkDocs does not offer publicly: what ``Page.render`` leaves on a page besides
``content`` and ``toc`` (``Page._title_from_render``,
``Page.present_anchor_ids`` and ``Page.links_to_anchors``, which MkDocs 1.6
reads later, for the title and for its anchor validation), so a render done
elsewhere can be handed over. (Material's search plugin, whose entries the
workers used to make too, is off: Pagefind indexes the built site.)

The preview's incremental rebuild (``incremental.py``) needs four more:

* ``LiveReloadServer.builder``, the function the serve loop calls after a
  change (MkDocs passes it to ``on_serve`` but offers no way to replace it),
  and ``LiveReloadServer._watched_paths``, what it watches so far (the theme
  folders too under ``--watch-theme``);
* ``mkdocs.commands.build._populate_page`` and ``_build_page``, the two
  steps MkDocs runs for each page (Markdown with its plugin events, then the
  theme and the write), so one page is rebuilt exactly as a full build does;
  ``mkdocs build`` also runs ``_build_page`` in the workers, for the generated
  pages, and replaces the module's ``_build_page`` with one that skips the
  pages the workers wrote (:func:`skip_page_builds`);
* Material's index entries by page (a wrapper of ``add_entry_from_context``
  that records them) and ``SearchIndex.entries``, set to the whole list again
  before Material writes ``search_index.json``: only when a project turns
  Material's search back on (this site's own search is Pagefind, which the
  post-build step runs after an incremental rebuild as after a full one).

:func:`unsupported_reason` says whether the installed versions are the ones
this was written and tested against (MkDocs 1.6.x, also as ProperDocs 1.6.x;
Material 9.8.x). Outside them the adapter renders serially, with MkDocs' own
code only, and says so once.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from packaging.version import Version

TESTED = {"mkdocs": ("1.6.0", "1.7"), "properdocs": ("1.6.0", "1.7"), "mkdocs-material": ("9.8.0", "9.9")}
"""For each distribution: the lowest version tested and the first version that is not."""

RENDER_ATTRIBUTES = ("_title_from_render", "present_anchor_ids", "links_to_anchors")


def _installed(distribution: str) -> Version | None:
    try:
        return Version(version(distribution))
    except PackageNotFoundError:
        return None


def unsupported_reason() -> str | None:
    """Why the private names cannot be trusted with the installed versions, or ``None`` if they can."""
    engine = _installed("mkdocs") or _installed("properdocs")
    if engine is None:
        return "neither MkDocs nor ProperDocs is installed as a distribution"
    low, high = TESTED["mkdocs"]
    if not Version(low) <= engine < Version(high):
        return f"MkDocs {engine} is outside the tested {low} to {high} (exclusive)"
    material = _installed("mkdocs-material")
    low, high = TESTED["mkdocs-material"]
    if material is None or not Version(low) <= material < Version(high):
        return f"Material {material} is outside the tested {low} to {high} (exclusive)"
    return None


def render_leftovers(page) -> dict[str, Any]:
    """What ``Page.render`` left on ``page`` besides content and toc (links keyed by file path)."""
    links = page.links_to_anchors
    return {
        "title": page._title_from_render,
        "anchor_ids": page.present_anchor_ids,
        "links_to_anchors": None if links is None else {file.src_uri: dict(v) for file, v in links.items()},
    }


def restore_leftovers(page, leftovers: dict[str, Any], files) -> None:
    """Put what :func:`render_leftovers` took back on a page of this process."""
    page._title_from_render = leftovers["title"]
    page.present_anchor_ids = leftovers["anchor_ids"]
    links = leftovers["links_to_anchors"]
    if links is not None:
        targets = ((files.get_file_from_path(uri), found) for uri, found in links.items())
        page.links_to_anchors = {file: found for file, found in targets if file is not None}


def search_index(config):
    """Material's search index object, or ``None`` if the search plugin is off or has changed shape."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "add_entry_from_context") and isinstance(index.entries, list):
            return index
    return None


def replace_builder(server, wrap) -> None:
    """Make the serve loop call ``wrap(original_builder)``'s result after each change."""
    server.builder = wrap(server.builder)


def watched_paths(server) -> list[str]:
    """The paths the serve loop watches so far (empty if the server has changed shape)."""
    watched = getattr(server, "_watched_paths", None)
    return list(watched) if isinstance(watched, dict) else []


def populate_page(page, config, files) -> None:
    """Read and render one page's Markdown with MkDocs' own step (plugin events included)."""
    from mkdocs.commands.build import _populate_page

    _populate_page(page, config, files)


def build_page(page, config, doc_files, nav, env) -> None:
    """Apply the theme to one page and write it, with MkDocs' own step (plugin events included)."""
    from mkdocs.commands import build

    original = getattr(build._build_page, "__wrapped__", build._build_page)
    original(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


def build_documentation_pages(files):
    """The pages MkDocs' build loop applies the theme to, as ``build()`` lists them for ``mkdocs build``."""
    from mkdocs.structure.files import InclusionLevel

    return files.documentation_pages(inclusion=InclusionLevel.is_included)


def skip_page_builds(already_written) -> None:
    """Make MkDocs' build loop skip each page for which ``already_written(page)`` is true.

    ``build()`` calls the module's ``_build_page`` for every page, one after
    the other; the workers of ``rendering.py`` have by then applied the theme
    to the generated pages and written them. Installed once per process (the
    predicate is asked each time, so a later build decides afresh).
    """
    from mkdocs.commands import build

    original = getattr(build._build_page, "__wrapped__", build._build_page)

    def _build_page(page, *args, **kwargs):
        if already_written(page):
            return None
        return original(page, *args, **kwargs)

    _build_page.__wrapped__ = original
    build._build_page = _build_page


def record_entries(index, recorded: dict[str, list[dict]]) -> None:
    """Keep the search entries Material makes for each page in ``recorded``, by page path."""
    add = index.add_entry_from_context

    def add_entry_from_context(page) -> None:
        before = len(index.entries)
        add(page)
        recorded[page.file.src_uri] = index.entries[before:]

    index.add_entry_from_context = add_entry_from_context


def set_entries(index, entries: list[dict]) -> None:
    """Give Material's index the whole list of entries it will write."""
    index.entries = entries
