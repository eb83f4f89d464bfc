"""The hook file ``mkdocs.yml`` names: MkDocs imports it by path and calls its ``on_*`` functions.

The events live in ``stackguides/adapter/events.py``, the only package that
imports MkDocs or Material; this file only makes the core importable when the
project is not pip-installed (the hook's folder is on ``sys.path`` only while
this file first runs, so it must happen at import time: see GUIDE.md).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stackguides.adapter.events import (
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_context,
    on_post_build,
    on_post_page,
    on_pre_build,
    on_serve,
    on_shutdown,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_context",
    "on_post_build",
    "on_post_page",
    "on_pre_build",
    "on_serve",
    "on_shutdown",
    "on_startup",
]
