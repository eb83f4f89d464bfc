"""The site's data for machines: one JSON file per kind, plus the JSON Schemas."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from stackguides.catalog import Catalog
from stackguides.kinds import KINDS, vocabulary
from stackguides.releases import tool_release

SCHEMA_BASE = "https://stack-guides.github.io/stack-guides/schemas/"


def schema_name(kind: str) -> str:
    """The file name of a kind's JSON Schema, e.g. ``tool.schema.json``."""
    return KINDS[kind].schema


def json_schemas() -> dict[str, dict]:
    """Each data kind's JSON Schema, generated from its Pydantic model, by file name."""
    schemas = {}
    for kind, entry_kind in KINDS.items():
        schema = entry_kind.model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = SCHEMA_BASE + schema_name(kind)
        schema["title"] = f"Stack Guides {schema.get('title', kind)} (data/{kind}/<id>.yml)"
        schemas[schema_name(kind)] = schema
    return schemas


def write_schemas(folder: Path) -> list[Path]:
    """Write every JSON Schema into ``folder`` (the committed copy editors use)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_text(dump(schema), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of committed schemas that differ from what the models generate."""
    return [
        name
        for name, schema in json_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != dump(schema)
    ]


def dump(value: object) -> str:
    """Stable, readable JSON (sorted keys, trailing newline)."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


TextCache = dict[tuple[str, str], tuple[object, object, str]]
"""(file name, entry id) to (the entry's data object, the release snapshot, its JSON text): reused while
both are the same objects."""


def mapping_text(pieces: dict[str, str]) -> str:
    """:func:`dump` of a mapping, given the :func:`dump` text of each value (without its newline).

    Equal to dumping the mapping whole (``tests/test_api.py``), without
    encoding every value again: JSON text holds no raw line break, so a
    value's text is indented by prefixing each of its lines.
    """
    if not pieces:
        return "{}\n"
    body = ",\n".join(
        f"  {json.dumps(key, ensure_ascii=False)}: {text.replace(chr(10), chr(10) + '  ')}"
        for key, text in sorted(pieces.items())
    )
    return "{\n" + body + "\n}\n"


def _entry_text(cache: TextCache, name: str, entry, make, releases) -> str:
    cached = cache.get((name, entry.id))
    if cached is not None and cached[0] is entry.data and cached[1] is releases:
        return cached[2]
    text = dump(make(entry, releases))[:-1]
    cache[(name, entry.id)] = (entry.data, releases, text)
    return text


def _record(entry, releases) -> dict:
    record = {"id": entry.id, **entry.data.model_dump(mode="json", exclude_none=True)}
    if entry.kind == "tools":  # the release facts of data/releases.yml, for tools that have a PyPI name
        release = tool_release(releases, entry.data.links.pypi)
        if release is not None:
            record["release"] = release.as_json()
    return record


def _index_record(entry, releases) -> dict:
    return {"name": entry.data.name, "category": entry.data.category, "verdict": entry.data.verdict}


@functools.cache
def _schema_texts() -> tuple[tuple[str, str], ...]:
    return tuple((name, dump(schema)) for name, schema in json_schemas().items())


def api_files(catalog: Catalog, cache: TextCache | None = None) -> dict[str, str]:
    """The published JSON: ``api/<kind>.json`` holding every entry of the kind by id,
    one file per tool (``api/tools/<id>.json``, used by the compare page) and the schemas.

    A tool with a PyPI name in the release snapshot also has ``release``: ``latest``,
    ``released`` (YYYY-MM), ``requires_python`` when known, ``stale`` and ``as_of``.

    ``cache`` (kept by the caller between calls, as the preview does) keeps each
    entry's JSON text, so that only entries whose data changed are encoded again.
    """
    cache = {} if cache is None else cache
    files = {}
    for kind in KINDS:
        texts = {
            entry.id: _entry_text(cache, kind, entry, _record, catalog.releases)
            for entry in catalog.of_kind(kind).values()
        }
        files[f"api/{kind}.json"] = mapping_text(texts)
        if kind == "tools":  # the compare page fetches tools one by one
            for tool_id, text in sorted(texts.items()):
                files[f"api/tools/{tool_id}.json"] = text + "\n"
    index = {
        entry.id: _entry_text(cache, "tool-index", entry, _index_record, catalog.releases)
        for entry in catalog.tools.values()
    }
    files["api/tool-index.json"] = mapping_text(index)
    files["api/vocabulary.json"] = dump(vocabulary())
    files["api/index.json"] = dump(
        {
            "kinds": {kind: f"{kind}.json" for kind in KINDS},
            "vocabulary": "vocabulary.json",
            "schemas": {kind: f"../schemas/{schema_name(kind)}" for kind in KINDS},
            "counts": {kind: len(catalog.of_kind(kind)) for kind in KINDS},
        }
    )
    for name, text in _schema_texts():
        files[f"schemas/{name}"] = text
    return files
