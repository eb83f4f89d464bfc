"""Profile one ``mkdocs build`` with cProfile and say where the time goes.

Usage::

    .venv/bin/python benchmarks/synthetic.py --tools 10000 --seed 1 /tmp/n10000
    .venv/bin/python benchmarks/profile_build.py /tmp/n10000 [--top 30]

The build runs in a child process under ``cProfile`` (2.5 to 3.5 times
slower; compare shares, not seconds, with ``bench.py``). The report
separates the hooks' time (the adapter's ``on_*`` events, which include
validation and page generation, plus the sanitizer tree processor that runs
inside Markdown) from MkDocs/Material's own time, then lists self time by
package and the top functions by cumulative and by self time.
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import child_env  # shared by the benchmarks next to this file

# (substring of the file path, package label), first match wins.
PACKAGES = (
    ("hooks/stackguides/adapter/", "hooks: MkDocs adapter"),
    ("hooks/stackguides/", "hooks: stackguides core"),
    ("/material/", "mkdocs-material"),
    ("/mkdocs/", "mkdocs"),
    ("/pymdownx/", "pymdown-extensions"),
    ("/markdown/", "Python-Markdown"),
    ("/jinja2/", "Jinja2"),
    ("/markupsafe/", "MarkupSafe"),
    ("/pygments/", "Pygments"),
    ("/pydantic", "pydantic"),
    ("/yaml/", "PyYAML"),
    ("/babel/", "Babel"),
    ("/lib/python3", "standard library"),
)
Key = tuple[str, int, str]


def run_profile(root: Path, output: Path) -> None:
    """``mkdocs build`` in ``root`` under cProfile, statistics written to ``output``."""
    command = [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--quiet"]
    subprocess.run(command, cwd=root, env=child_env(), check=True)


def package(key: Key) -> str:
    """Which package a profiled function belongs to."""
    file = key[0]
    if file == "~":
        return "built-ins (C functions)"
    return next((label for needle, label in PACKAGES if needle in file), "other")


def is_hook_entry(key: Key) -> bool:
    """A function whose cumulative time counts as the hooks' time."""
    file, _, name = key
    return (file.endswith("adapter/events.py") and name.startswith("on_")) or (
        file.endswith("outputs/sanitizer.py") and name == "run"
    )


def hook_split(stats: pstats.Stats) -> tuple[float, dict[str, float]]:
    """Total profiled seconds, and cumulative seconds per hook entry point."""
    raw = stats.stats  # type: ignore[attr-defined]
    hooks = {f"{Path(k[0]).name}:{k[2]}": v[3] for k, v in raw.items() if is_hook_entry(k)}
    return stats.total_tt, hooks  # type: ignore[attr-defined]


def self_time_by_package(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Self (exclusive) seconds grouped by package, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for key, value in stats.stats.items():  # type: ignore[attr-defined]
        totals[package(key)] += value[2]
    return sorted(totals.items(), key=lambda item: -item[1])


def top(stats: pstats.Stats, column: int, count: int) -> list[tuple[float, int, str]]:
    """The ``count`` functions with the largest ``column`` (2 = self, 3 = cumulative)."""
    rows = [
        (value[column], value[1], f"{short(key[0])}:{key[1]}({key[2]})")
        for key, value in stats.stats.items()  # type: ignore[attr-defined]
    ]
    return sorted(rows, reverse=True)[:count]


def short(file: str) -> str:
    """A path shortened to what follows site-packages or the repository."""
    for marker in ("site-packages/", "/hooks/", "/lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def report(stats: pstats.Stats, count: int) -> str:
    """The profile summary as Markdown."""
    total, hooks = hook_split(stats)
    hook_total = sum(hooks.values())
    lines = [
        f"Profiled total: {total:.1f} s",
        f"Hooks (cumulative, incl. validation and page generation): {hook_total:.1f} s "
        f"({100 * hook_total / total:.0f} %); MkDocs, Material, Markdown and search: "
        f"{total - hook_total:.1f} s ({100 * (total - hook_total) / total:.0f} %)",
        "",
        *(f"- {name}: {seconds:.2f} s" for name, seconds in sorted(hooks.items(), key=lambda i: -i[1])),
        "",
        "Self time by package:",
        "",
        *(f"- {name}: {seconds:.1f} s" for name, seconds in self_time_by_package(stats) if seconds >= 0.05),
        "",
        "| Cumulative (s) | Calls | Function |",
        "|---:|---:|---|",
        *(f"| {s:.2f} | {calls:,} | `{name}` |" for s, calls, name in top(stats, 3, count)),
        "",
        "| Self (s) | Calls | Function |",
        "|---:|---:|---|",
        *(f"| {s:.2f} | {calls:,} | `{name}` |" for s, calls, name in top(stats, 2, count)),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Profile the build of one generated (or real) project folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder with mkdocs.yml and data/ (e.g. from synthetic.py)")
    parser.add_argument("--top", type=int, default=25, help="functions to list (default: 25)")
    parser.add_argument("--stats", type=Path, help="reuse this .prof file instead of profiling again")
    args = parser.parse_args(argv)
    output = args.stats or args.root / "build.prof"
    if args.stats is None:
        run_profile(args.root, output)
    print(report(pstats.Stats(str(output)), args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
