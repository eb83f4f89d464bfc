"""The site's data for machines: one JSON file per kind, plus the JSON Schemas."""

from __future__ import annotations

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


def api_files(catalog: Catalog) -> dict[str, str]:
    """The published JSON: ``api/<kind>.json`` holding every entry of the kind by id,
    one file per tool (``api/tools/<id>.json``, used by the compare page) and the schemas.

    A tool with a PyPI name in the release snapshot also has ``release``: ``latest``,
    ``released`` (YYYY-MM), ``requires_python`` when known, ``stale`` and ``as_of``."""
    files = {}
    for kind in KINDS:
        entries = {
            entry.id: {"id": entry.id, **entry.data.model_dump(mode="json", exclude_none=True)}
            for entry in sorted(catalog.of_kind(kind).values(), key=lambda e: e.id)
        }
        if kind == "tools":  # the release facts of data/releases.yml, for tools that have a PyPI name
            for entry in catalog.tools.values():
                release = tool_release(catalog.releases, entry.data.links.pypi)
                if release is not None:
                    entries[entry.id]["release"] = release.as_json()
        files[f"api/{kind}.json"] = dump(entries)
        if kind == "tools":  # the compare page fetches tools one by one
            for tool_id, record in entries.items():
                files[f"api/tools/{tool_id}.json"] = dump(record)
    files["api/tool-index.json"] = dump(
        {
            entry.id: {
                "name": entry.data.name,
                "category": entry.data.category,
                "verdict": entry.data.verdict,
            }
            for entry in catalog.tools.values()
        }
    )
    files["api/vocabulary.json"] = dump(vocabulary())
    files["api/index.json"] = dump(
        {
            "kinds": {kind: f"{kind}.json" for kind in KINDS},
            "vocabulary": "vocabulary.json",
            "schemas": {kind: f"../schemas/{schema_name(kind)}" for kind in KINDS},
            "counts": {kind: len(catalog.of_kind(kind)) for kind in KINDS},
        }
    )
    for name, schema in json_schemas().items():
        files[f"schemas/{name}"] = dump(schema)
    return files
