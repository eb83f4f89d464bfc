"""The preview's dependency rule against the real templates, and the reloader that feeds it.

For every entry of the fixture catalog, a change of the texts other pages
show (name or title, summary, best-for line, verdict) must change no page
outside the set ``pages/dependencies.py`` computes for it: otherwise an
incremental preview would serve a stale page.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from stackguides.catalog import Catalog, Entry
from stackguides.errors import DataErrors
from stackguides.kinds import KINDS
from stackguides.load import load_catalog
from stackguides.load.incremental import CatalogReloader, changed_paths, stamps
from stackguides.outputs.api import api_files, dump, mapping_text
from stackguides.pages import build_pages
from stackguides.pages.dependencies import ReferenceIndex, affected_entries, named_ids, pages_for

from conftest import FIXTURE_DATA

CATALOG = load_catalog(FIXTURE_DATA.parent)
TEXT_FIELDS = ("name", "title", "summary", "best_for")


def _changed(entry: Entry) -> Entry:
    """``entry`` with every text other pages may show changed."""
    update = {
        name: f"{getattr(entry.data, name)} changed" for name in TEXT_FIELDS if hasattr(entry.data, name)
    }
    if hasattr(entry.data, "verdict") and isinstance(entry.data.verdict, str) and entry.kind == "tools":
        update["verdict"] = "solid" if entry.data.verdict != "solid" else "legacy"
    return dataclasses.replace(entry, data=entry.data.model_copy(update=update))


def _with(catalog: Catalog, entry: Entry) -> Catalog:
    kinds = {kind: dict(catalog.of_kind(kind)) for kind in KINDS}
    kinds[entry.kind][entry.id] = entry
    return Catalog(**kinds, releases=catalog.releases)


BEFORE = {page.path: page.markdown for page in build_pages(CATALOG)}


@pytest.mark.parametrize(
    "key", [(e.kind, e.id) for e in CATALOG.all_entries()], ids=lambda key: f"{key[0]}/{key[1]}"
)
def test_a_change_reaches_no_page_outside_its_dependencies(key):
    """Every page whose Markdown changes is among the pages drawn again, and drawn the same."""
    old = CATALOG.of_kind(key[0])[key[1]]
    new = _changed(old)
    catalog = _with(CATALOG, new)
    after = {page.path: page.markdown for page in build_pages(catalog)}
    changed = {path for path in after if after[path] != BEFORE[path]}
    affected = affected_entries(ReferenceIndex(CATALOG), {key: (old, new)})
    redrawn = {page.path: page.markdown for page in pages_for(catalog, affected)}
    assert changed - set(redrawn) == set(), f"pages changed by {key} but not drawn again"
    assert all(after[path] == markdown for path, markdown in redrawn.items())


def test_named_ids_finds_ids_inside_models_and_lists():
    """Ids nested in lists and sub-models count; longer texts and other shapes do not."""
    guide = next(iter(CATALOG.guides.values()))
    found = named_ids(guide.data)
    assert set(guide.data.layers[0].choice) <= found
    assert guide.data.summary not in found


def test_mapping_text_equals_dumping_the_mapping_whole():
    """The API's JSON assembled from each entry's text is byte-identical to dumping it at once."""
    values = {"b": {"x": [1, "two\nlines", {"é": None}]}, "a": {}, "c": "text"}
    assert mapping_text({key: dump(value)[:-1] for key, value in values.items()}) == dump(values)
    assert mapping_text({}) == dump({})


def test_the_api_with_a_cache_is_the_api_without():
    """Reusing each entry's JSON text gives the same files, also after one entry changed."""
    cache: dict = {}
    assert api_files(CATALOG, cache) == api_files(CATALOG)
    tool = next(iter(CATALOG.tools.values()))
    catalog = _with(CATALOG, _changed(tool))
    assert api_files(catalog, cache) == api_files(catalog)


def test_the_reloader_reads_only_the_changed_file_and_refuses_errors(tmp_path: Path):
    """A saved file is read again (the rest kept); a file with errors raises, for a full load."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_DATA, root / "data")
    catalog = load_catalog(root)
    before = stamps([root / "data"])
    reloader = CatalogReloader(root, catalog)
    flask = root / "data" / "tools" / "flask.yml"
    flask.write_text(flask.read_text().replace("Tiny core", "Small core"))
    modified, added, removed = changed_paths(before, stamps([root / "data"]))
    assert (modified, added, removed) == ({str(flask)}, set(), set())
    key = reloader.entry_for(str(flask))
    reloaded = reloader.reload({key})
    assert set(reloaded.changed) == {("tools", "flask")}
    assert reloaded.catalog.tools["django"] is catalog.tools["django"]
    assert reloaded.catalog.tools == load_catalog(root).tools

    flask.write_text(flask.read_text().replace("license: BSD-3-Clause", "license: no"))
    with pytest.raises(DataErrors):
        reloader.reload({key})
    assert reloader.catalog is reloaded.catalog, "a failed reload keeps the last good catalog"
