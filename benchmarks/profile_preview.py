"""Profile one preview rebuild (what ``mkdocs serve`` runs after a save) and say where the time goes.

Usage::

    .venv/bin/python benchmarks/synthetic.py --tools 1000 --seed 1 /tmp/n1000
    .venv/bin/python benchmarks/profile_preview.py /tmp/n1000 [--file data/tools/x.yml]

In one process, as ``mkdocs serve`` does: a first build into a temporary
folder, then one line of a tool file is changed and the rebuild that
``mkdocs serve`` would run (its builder: config load, then the whole build)
runs under cProfile. The report gives the wall time of each phase of the
rebuild (cumulative time of the function that does it, under the profiler),
so shares can be compared between catalog sizes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# (label, file path suffix, function name): each phase is the cumulative time of that function.
PHASES = (
    ("config load (mkdocs.yml, plugins, theme)", "mkdocs/config/base.py", "load_config"),
    ("hooks on_config: load + validate the data", "stackguides/adapter/events.py", "on_config"),
    ("clean the site folder", "mkdocs/utils/__init__.py", "clean_directory"),
    ("find docs and theme files", "mkdocs/structure/files.py", "get_files"),
    ("theme files added", "mkdocs/structure/files.py", "add_files_from_theme"),
    ("hooks on_files: page Markdown + JSON API", "stackguides/adapter/events.py", "on_files"),
    ("  of which page generation (Jinja)", "stackguides/pages/builder.py", "pages_and_errors"),
    ("  of which JSON API", "stackguides/outputs/api.py", "api_files"),
    ("navigation", "mkdocs/structure/nav.py", "get_navigation"),
    ("Markdown of every page (read + render)", "mkdocs/commands/build.py", "_populate_page"),
    ("  of which Python-Markdown conversions", "mkdocs/structure/pages.py", "render"),
    ("copy static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("theme templates (404, sitemap)", "mkdocs/commands/build.py", "_build_theme_template"),
    ("theme per page (Jinja main.html + write)", "mkdocs/commands/build.py", "_build_page"),
    ("anchor validation", "mkdocs/structure/pages.py", "validate_anchor_links"),
    ("search index started (Pagefind runs on a thread)", "stackguides/adapter/background_search.py", "start"),
)
INCREMENTAL_PHASES = (
    ("scan the watched files", "stackguides/load/incremental.py", "stamps"),
    ("first save only: reloader and reference index", "stackguides/load/incremental.py", "__init__"),
    ("reload the changed files + cross-file checks", "stackguides/load/incremental.py", "reload"),
    ("  of which cross-file checks", "stackguides/validate/references.py", "check_references"),
    ("pages that may change: drawn again (Jinja)", "stackguides/pages/dependencies.py", "pages_for"),
    ("Markdown of the changed pages", "mkdocs/commands/build.py", "_populate_page"),
    ("theme of the changed pages + write", "mkdocs/commands/build.py", "_build_page"),
    ("JSON API files compared and written", "stackguides/adapter/incremental.py", "_write_api"),
    (
        "search step (post-build events: Pagefind started on a thread)",
        "stackguides/adapter/incremental.py",
        "write_search",
    ),
)


class _Server:
    """What ``on_serve`` is given in place of the live-reload server: the builder it may replace."""

    def __init__(self, builder):
        self.builder = builder


def report(title: str, stats: pstats.Stats, total: float, phases) -> None:
    """One table: each phase's cumulative time under the profiler and its share of ``total``."""
    print(f"{title}: {total:.2f} s under cProfile")
    print("| Phase | s | share |\n|---|---:|---:|")
    for label, suffix, name in phases:
        seconds = sum(
            value[3]
            for (file, _, func), value in stats.stats.items()
            if func == name and file.endswith(suffix)
        )
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a project folder (a synthetic one, or the repository)")
    parser.add_argument("--file", default=None, help="the data file to change (default: the first tool)")
    parser.add_argument("--stats", type=Path, default=None, help="also save the raw profile here")
    args = parser.parse_args()
    root = args.root.resolve()
    os.chdir(root)
    sys.path.insert(0, str(root / "hooks"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")  # the name mkdocs serve gives its folder
    serve_url = "http://127.0.0.1:8000/stack-guides/"

    def builder() -> None:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = serve_url
        build(config, serve_url=serve_url)

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = serve_url
    build(config, serve_url=serve_url)
    server = config.plugins.on_serve(_Server(builder), config=config, builder=builder)
    edited = root / args.file if args.file else sorted((root / "data" / "tools").glob("*.yml"))[0]
    original = edited.read_text()
    tools = len(list((root / "data" / "tools").glob("*.yml")))
    runs = (
        ("MkDocs' full rebuild", builder, PHASES),
        ("Incremental rebuild", server.builder, INCREMENTAL_PHASES),
    )
    try:
        for number, (title, rebuild, phases) in enumerate(runs):
            edited.write_text(original.replace("best_for: ", f"best_for: Profiled {number}. ", 1))
            if rebuild is server.builder:  # a first save seeds the reloader: profile the second one
                rebuild()
                edited.write_text(original.replace("best_for: ", "best_for: Profiled again. ", 1))
            profile = cProfile.Profile()
            started = time.perf_counter()
            profile.runcall(rebuild)
            total = time.perf_counter() - started
            stats = pstats.Stats(profile)
            if args.stats:
                stats.dump_stats(f"{args.stats}.{number}")
            report(f"{title} after one save of {edited.name}, {tools} tools", stats, total, phases)
    finally:
        edited.write_text(original)
    return 0


if __name__ == "__main__":
    sys.exit(main())
