"""Which icon names the theme ships, read from its icon folder (nothing of the theme is imported).

Material resolves ``:material-web:`` and ``icon: material/web`` to the file
``material/templates/.icons/material/web.svg``; a name without a file
renders as nothing, so validation checks the name against the folder.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def icon_folder() -> Path | None:
    """Material's ``.icons`` folder, or ``None`` when the theme is not installed."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
    return folder if folder.is_dir() else None


def icon_exists(name: str) -> bool:
    """Whether ``material/web``-style ``name`` has an SVG in the theme (true when it cannot be known)."""
    folder = icon_folder()
    return folder is None or (folder / f"{name}.svg").is_file()
