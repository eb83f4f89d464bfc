"""Determinism and internal links of the built site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import make_project, mkdocs_build
from html_tools import parse

# Files that carry the build date by design; everything else must be byte-identical.
DATE_STAMPED = {"sitemap.xml", "sitemap.xml.gz"}
MOUNT = "/stack-guides/"  # the path of site_url in mkdocs.yml


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path):
    """Pages, JSON API and the Pagefind search index do not depend on time, order of files or hash seeds."""
    sites = []
    for name in ("first", "second"):
        project = make_project(tmp_path / name)
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        sites.append(_files(project / "site"))
    first, second = sites
    assert set(first) == set(second)
    assert (
        sum(name.startswith("pagefind/fragment/") for name in first) > 10
    )  # the search index is compared too
    differing = sorted(name for name in first if first[name] != second[name] and name not in DATE_STAMPED)
    assert differing == []


def _targets(site: Path, html_file: Path):
    """Every internal (href, resolved file, fragment) of one page."""
    document = parse(html_file.read_text(encoding="utf-8"))
    for element in document.iter():
        for attribute in ("href", "src"):
            value = element.attrs.get(attribute)
            if not value or value.startswith(("http://", "https://", "mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue
            if parts.path.startswith(MOUNT):  # the 404 page links absolutely, from the site_url path
                path = (site / unquote(parts.path[len(MOUNT) :])).resolve()
            elif parts.path:
                path = (html_file.parent / unquote(parts.path)).resolve()
            else:
                path = html_file
            if path.is_dir():
                path = path / "index.html"
            yield value, path, parts.fragment


def _ids(html_file: Path, cache: dict[Path, set[str]]) -> set[str]:
    if html_file not in cache:
        document = parse(html_file.read_text(encoding="utf-8"))
        cache[html_file] = {e.attrs["id"] for e in document.iter() if e.attrs.get("id")} | {
            e.attrs["name"] for e in document.iter("a") if e.attrs.get("name")
        }
    return cache[html_file]


def test_every_internal_link_and_anchor_resolves(real_site: Path):
    """No broken href, src or #anchor anywhere in the real site (MkDocs' own check runs in --strict too)."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for html_file in sorted(real_site.rglob("*.html")):
        for value, target, fragment in _targets(real_site, html_file):
            page = html_file.relative_to(real_site)
            if not target.exists():
                broken.append(f"{page}: {value}")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target, ids):
                broken.append(f"{page}: {value} (no such anchor)")
    assert broken == []
