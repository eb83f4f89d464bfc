"""Preview latency: from saving a YAML file to the rebuilt page being served by `mkdocs serve`.

Usage:
    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/preview_latency.py [--sizes real,1000] [--runs 7]
        [--output benchmarks/PREVIEW.md]

For each size (``real``: a copy of this repository's catalog; a number: a
synthetic catalog of that many tools, ``synthetic.py --seed 1``), in one run:

* starts the real `mkdocs serve` in a temporary project, then ``--runs`` times
  changes one line of one tool file and polls that tool's page every 20 ms
  until the new text is served (the browser's live-reload request returns at
  the same moment, so this is what a contributor waits for): the incremental
  preview, as shipped;
* the same with ``STACKGUIDES_PREVIEW=full`` (``--full-runs`` saves): every
  save rebuilt by MkDocs in full, as before the incremental preview;
* ``mkdocs build`` of the same project (``--build-repeats``, median), the
  full build the targets compare with.

Then it prints the ratios the scale issue sets targets for (preview at the
largest size against ``real``, preview against a full build at the same
size), with the machine, and writes them as Markdown to ``--output``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import child_env, machine, other_load, wait_for_idle

import synthetic  # the generator next to this file

ROOT = Path(__file__).resolve().parents[1]
MOUNT = "/stack-guides"
LINKED = ("mkdocs.yml", "hooks", "overrides", "docs", "CONTRIBUTING.md")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except OSError:
        return ""


@dataclass
class SizeResult:
    """What one catalog size measured."""

    label: str
    tools: int
    pages: int
    edited: str
    preview: list[float]
    rebuild: list[float]  # the incremental rebuild alone, as the preview logs it
    full_preview: list[float]
    builds: list[float]
    load: float


def make_project(size: str, folder: Path) -> tuple[Path, str]:
    """A project folder for ``size`` and the tool file to edit in it (relative to the project)."""
    project = folder / f"project-{size}"
    if size == "real":
        project.mkdir()
        for name in LINKED:
            (project / name).symlink_to(ROOT / name)
        shutil.copytree(ROOT / "data", project / "data")
        return project, "data/tools/fastapi.yml"
    synthetic.main(["--tools", size, "--seed", "1", str(project)])
    first = sorted((project / "data" / "tools").glob("*.yml"))[0]
    return project, f"data/tools/{first.name}"


def serve_latencies(
    project: Path, edited: str, runs: int, env: dict[str, str], log_name: str
) -> tuple[list[float], list[float]]:
    """Start `mkdocs serve` in ``project``; time ``runs`` saves of ``edited`` to the rebuilt page.

    Also returns the rebuild times the preview logged itself (``Preview: incremental rebuild in
    X s``), without the file watcher's polling and the HTTP round trips.
    """
    port = free_port()
    log_path = project / log_name
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    tool = project / edited
    url = f"http://127.0.0.1:{port}{MOUNT}/tools/{tool.stem}/"
    original = tool.read_text()
    timings = []
    try:
        deadline = time.monotonic() + 600
        while "<h1" not in fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not start; see {project / 'serve.log'}")
            time.sleep(0.2)
        for run in range(runs):
            marker = f"Preview run {run} marker {time.monotonic_ns()}"
            time.sleep(1.5)  # let the watcher settle between runs
            started = time.monotonic()
            tool.write_text(original.replace("best_for: ", f"best_for: {marker}. ", 1))
            while marker not in fetch(url):
                time.sleep(0.02)
            timings.append(time.monotonic() - started)
    finally:
        tool.write_text(original)
        server.terminate()
        server.wait(timeout=60)
        log.close()
    logged = [
        float(m) for m in re.findall(r"Preview: incremental rebuild in ([0-9.]+) s", log_path.read_text())
    ]
    return timings, logged


def build_times(project: Path, repeats: int) -> list[float]:
    """Wall time of ``mkdocs build`` in ``project``, ``repeats`` times."""
    times = []
    for _ in range(repeats):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
            cwd=project,
            env=child_env(),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.monotonic() - started)
    return times


def measure(size: str, folder: Path, args: argparse.Namespace) -> SizeResult:
    """Every measurement of one size."""
    project, edited = make_project(size, folder)
    tools = len(list((project / "data" / "tools").glob("*.yml")))
    print(f"[{size}] {tools} tools, editing {edited}", file=sys.stderr)
    wait_for_idle(args.wait_idle)
    load = other_load(1.0)
    preview, rebuild = serve_latencies(project, edited, args.runs, child_env(), "serve-incremental.log")
    print(f"[{size}] preview: {preview}; incremental rebuilds logged: {rebuild}", file=sys.stderr)
    full = []
    if args.full_runs:
        wait_for_idle(args.wait_idle)
        full, _ = serve_latencies(
            project, edited, args.full_runs, {**child_env(), "STACKGUIDES_PREVIEW": "full"}, "serve-full.log"
        )
        print(f"[{size}] full-rebuild preview: {full}", file=sys.stderr)
    wait_for_idle(args.wait_idle)
    builds = build_times(project, args.build_repeats)
    print(f"[{size}] mkdocs build: {builds}", file=sys.stderr)
    pages = len(list((project / "site").rglob("*.html")))
    load = max(load, other_load(1.0))
    return SizeResult(size, tools, pages, edited, preview, rebuild, full, builds, load)


def _seconds(values: list[float]) -> str:
    if not values:
        return "not measured"
    return f"{statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f})"


def report(results: list[SizeResult], runs: int, command: str) -> str:
    """The Markdown report: machine, table, ratios against the targets."""
    info = machine()
    lines = [
        "# Preview latency",
        "",
        f"Measured {datetime.date.today().isoformat()} with `{command}`.",
        "",
        *(f"- {key}: {value}" for key, value in info.items()),
        "",
        f"Save of one tool file to its rebuilt page served by `mkdocs serve`, median of {runs} saves "
        "(seconds; min and max in brackets):",
        "",
        "| Catalog | Tools | HTML pages | Edited file | Preview (incremental) | of which the rebuild "
        "(logged) | Preview, full rebuild (`STACKGUIDES_PREVIEW=full`) | `mkdocs build` | Preview / build |",
        "|---|---:|---:|---|---|---|---|---|---:|",
    ]
    for result in results:
        preview, build = statistics.median(result.preview), statistics.median(result.builds)
        lines.append(
            f"| {result.label} | {result.tools:,} | {result.pages:,} | `{result.edited}` | {_seconds(result.preview)} "
            f"| {_seconds(result.rebuild)} | {_seconds(result.full_preview)} | {_seconds(result.builds)} | {preview / build:.3f} |"
        )
    lines.append("")
    base = results[0]
    for result in results[1:]:
        ratio = statistics.median(result.preview) / statistics.median(base.preview)
        ok = "met" if ratio <= 1.5 else "NOT met"
        lines.append(
            f"- Preview at {result.tools:,} tools / preview at {base.tools:,} tools: {ratio:.2f} "
            f"(target at most 1.5: {ok})"
        )
        if result.rebuild and base.rebuild:
            alone = statistics.median(result.rebuild) / statistics.median(base.rebuild)
            lines.append(f"- The same for the logged rebuild alone: {alone:.2f}")
    for result in results:
        ratio = statistics.median(result.preview) / statistics.median(result.builds)
        ok = "met" if ratio <= 0.2 else "NOT met"
        lines.append(
            f"- Preview / full build at {result.tools:,} tools: {ratio:.3f} (target at most 0.2: {ok})"
        )
        if result.full_preview:
            gain = statistics.median(result.full_preview) / statistics.median(result.preview)
            lines.append(
                f"- Full-rebuild preview / incremental preview at {result.tools:,} tools: {gain:.1f}"
            )
    cautions = [r for r in results if r.load > 0.25]
    if cautions:
        lines += [
            "",
            "Caution: other processes used up to "
            + ", ".join(f"{r.load:.2f} cores ({r.label})" for r in cautions)
            + " while measuring; the wall times are inflated, the ratios less so.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,1000", help="comma-separated: real and/or tool counts")
    parser.add_argument("--runs", type=int, default=7, help="saves timed with the incremental preview")
    parser.add_argument("--full-runs", type=int, default=3, help="saves timed with STACKGUIDES_PREVIEW=full")
    parser.add_argument("--build-repeats", type=int, default=2)
    parser.add_argument("--wait-idle", type=float, default=60.0, help="seconds to wait for an idle machine")
    parser.add_argument("--output", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)
    sizes = [size.strip() for size in args.sizes.split(",") if size.strip()]
    with tempfile.TemporaryDirectory(prefix="preview-latency-") as folder:
        results = [measure(size, Path(folder), args) for size in sizes]
    command = "benchmarks/preview_latency.py " + " ".join(argv if argv is not None else sys.argv[1:])
    text = report(results, args.runs, command.strip())
    print(text)
    if args.output:
        args.output.write_text(text)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
