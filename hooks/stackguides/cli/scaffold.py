"""``stackguides new``: write a commented template for a new data file."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import jinja2

from stackguides.validate.models import ID_PATTERN

SCAFFOLD_DIR = Path(__file__).parent / "scaffolds"
FOLDERS = {
    "tool": "tools",
    "category": "categories",
    "comparison": "comparisons",
    "cost": "costs",
    "guide": "guides",
    "faq": "faqs",
}


class ScaffoldError(Exception):
    """The template could not be written; the message says why and what to do."""


def write_template(root: Path, kind: str, entry_id: str, *, category: str | None = None) -> Path:
    """Write ``data/<folder>/<id>.yml`` from the kind's template; never overwrite a file."""
    if not re.match(ID_PATTERN, entry_id):
        raise ScaffoldError(
            f"`{entry_id}` is not a valid id: use lowercase letters, digits and single hyphens"
        )
    if kind == "tool":
        if not category:
            raise ScaffoldError("a tool needs a category: add --category <id> (see data/categories/)")
        if not (root / "data" / "categories" / f"{category}.yml").is_file():
            known = sorted(p.stem for p in (root / "data" / "categories").glob("*.yml"))
            raise ScaffoldError(f"unknown category `{category}`; the categories are: {', '.join(known)}")
    target = root / "data" / FOLDERS[kind] / f"{entry_id}.yml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; edit it instead, or choose another id")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SCAFFOLD_DIR), keep_trailing_newline=True, autoescape=False
    )
    text = env.get_template(f"{kind}.yml").render(
        id=entry_id, category=category or "", today=datetime.date.today().isoformat()
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target
