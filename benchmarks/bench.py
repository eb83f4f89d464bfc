"""Benchmark the Stack Guides build on synthetic catalogs of growing size.

Usage (from the repository root; ``make bench`` installs hyperfine first)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench.py [--sizes 100,1000,10000] [--runs 3]

For each size N it generates a catalog with ``synthetic.py``, exports the
hook-free project of the same site (``stackguides export``), and measures with
standard tools:

* `hyperfine <https://github.com/sharkdp/hyperfine>`_ times the build through
  the hooks and the plain MkDocs build of the exported tree, one of each per
  call, alternating, and gives their ratio (the hook overhead) with its spread;
* GNU ``/usr/bin/time`` gives the peak RSS of the largest process of one build;
* validation (``load_catalog``) is timed inside a fresh interpreter, after the
  imports, as the median of three;

then reads the built site (page sizes, search files, total). The results are
printed as Markdown and written to ``benchmarks/RESULTS.md``. A benchmark
reports its targets; it never fails on one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import child_env, machine_line

import synthetic  # the generator next to this file

REPO_ROOT = synthetic.REPO_ROOT
RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_SIZES = (100, 1000, 10000)
PLAIN_CONFIG = "mkdocs-plain.yml"
EXPORT_DIR = "export-docs"
CONTRIBUTING_STUB = "# Contributing\n\nSee `CONTRIBUTING.md` in the repository.\n"
VALIDATE_SNIPPET = """
import sys, time
from pathlib import Path
from stackguides.load import load_catalog
start = time.perf_counter()
load_catalog(Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


@dataclass(frozen=True)
class Timing:
    """A command's runs as hyperfine reports them, in seconds."""

    median: float
    low: float
    high: float
    cpu: float  # mean user + system time


@dataclass(frozen=True)
class SizeResult:
    """Everything measured for one catalog size."""

    tools: int
    hooks: Timing
    plain: Timing
    peak_rss_mib: float
    validate_seconds: float
    site: dict[str, float]

    @property
    def overhead(self) -> float:
        """The hook build's median wall time over the plain build's, from the same hyperfine run."""
        return self.hooks.median / self.plain.median

    @property
    def ms_per_tool(self) -> float:
        """Build wall time per tool page."""
        return 1000 * self.hooks.median / self.tools

    @property
    def validation_share(self) -> float:
        """Validation as a share of the build."""
        return self.validate_seconds / self.hooks.median


def log(message: str) -> None:
    """Progress on stderr, so the report on stdout stays clean."""
    print(message, file=sys.stderr, flush=True)


def run(command: list[str], cwd: Path) -> str:
    """Run ``command``; its stdout, or an error with the end of its output."""
    done = subprocess.run(command, cwd=cwd, env=child_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def plain_config(text: str) -> str:
    """``mkdocs.yml`` without its ``hooks:`` block, building the exported tree instead.

    Like ``stackguides export``, it turns Material's search plugin back on (the hooks index with
    Pagefind instead), so the baseline is plain MkDocs with its own search, as before.
    """
    lines, skipping = [], False
    text = text.replace("\nplugins: []\n", "\nplugins:\n  - search\n")
    for line in text.splitlines():
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and line.startswith("  - "):
            continue
        skipping = False
        lines.append(line)
    return "\n".join(lines) + f"\n\ndocs_dir: {EXPORT_DIR}\nsite_dir: site-plain\n"


def prepare_plain_tree(root: Path) -> None:
    """Export the generated pages, add the hand-written docs and a contributing stub, write the config."""
    export = root / EXPORT_DIR
    shutil.rmtree(export, ignore_errors=True)
    run([sys.executable, "-m", "stackguides.cli", "--root", str(root), "export", str(export)], root)
    shutil.copytree(REPO_ROOT / "docs", export, dirs_exist_ok=True)
    (export / "contributing.md").write_text(CONTRIBUTING_STUB, encoding="utf-8")
    (root / PLAIN_CONFIG).write_text(plain_config((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")))


def hyperfine(root: Path, runs: int) -> tuple[Timing, Timing]:
    """The hook build and the plain build, timed by hyperfine, alternating.

    hyperfine runs all the runs of one command before the next, and this
    virtual machine's speed drifts over minutes (the plain 10,000-tool build
    took 148 s in one run and 190 s in another, an hour apart). So each call
    times one run of each build, the pair again ``runs`` times (one warm-up
    of each before the first): a drift then slows both builds alike, and
    their ratio stays honest.
    """
    build = f"{sys.executable} -m mkdocs build --quiet"
    times: list[list[float]] = [[], []]
    cpu: list[list[float]] = [[], []]
    for index in range(runs):
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            run(
                [
                    "hyperfine",
                    "--runs",
                    "1",
                    "--warmup",
                    "1" if index == 0 else "0",
                    "--export-json",
                    report.name,
                    "--style",
                    "none",
                    "--command-name",
                    "hooks",
                    build,
                    "--command-name",
                    "plain",
                    f"{build} --config-file {PLAIN_CONFIG}",
                ],
                root,
            )
            results = json.loads(Path(report.name).read_text())["results"]
        for number, result in enumerate(results):
            times[number].extend(result["times"])
            cpu[number].append(result["user"] + result["system"])
    timings = [
        Timing(statistics.median(t), min(t), max(t), statistics.mean(c))
        for t, c in zip(times, cpu, strict=True)
    ]
    return timings[0], timings[1]


def peak_rss_mib(root: Path) -> float:
    """Peak RSS of the largest process of one hook build, from GNU time (KiB)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".txt") as out:
        run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, sys.executable, "-m", "mkdocs", "build", "--quiet"],
            root,
        )
        return int(Path(out.name).read_text().split()[-1]) / 1024


def validate_seconds(root: Path) -> float:
    """Median of three ``load_catalog`` timings, each in a fresh interpreter (imports excluded)."""
    return statistics.median(
        float(run([sys.executable, "-c", VALIDATE_SNIPPET, str(root)], root)) for _ in range(3)
    )


def site_stats(site: Path) -> dict[str, float]:
    """KB of the median tool page and the largest page, MB of search files and of the whole site."""

    def size(paths) -> int:
        return sum(p.stat().st_size for p in paths if p.is_file())

    tools = sorted(p.stat().st_size for p in (site / "tools").glob("*/index.html"))
    pages = list(site.rglob("*.html"))
    search = [
        p for folder in ("search", "pagefind") if (site / folder).is_dir() for p in (site / folder).rglob("*")
    ]
    return {
        "pages": len(pages),
        "tool_kb": tools[len(tools) // 2] / 1000,
        "largest_kb": max(p.stat().st_size for p in pages) / 1000,
        "search_mb": size(search) / 1e6,
        "site_mb": size(site.rglob("*")) / 1e6,
    }


def bench_size(tools: int, args: argparse.Namespace, workdir: Path) -> SizeResult:
    """Generate a catalog of ``tools`` tools and measure everything for it."""
    root = workdir / f"n{tools}"
    log(f"N={tools}: generating into {root}")
    synthetic.generate(root, tools, args.seed)
    log(f"N={tools}: validating")
    validation = validate_seconds(root)
    prepare_plain_tree(root)
    log(f"N={tools}: hyperfine, {args.runs} runs of each build")
    hooks, plain = hyperfine(root, args.runs)
    log(f"N={tools}: peak memory")
    rss = peak_rss_mib(root)
    return SizeResult(tools, hooks, plain, rss, validation, site_stats(root / "site"))


def report(results: list[SizeResult], runs: int) -> str:
    """The Markdown report: one row per size, then the targets."""
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} with `benchmarks/bench.py` on: {machine_line()}.",
        f"Wall times are medians of {runs} hyperfine runs (after one warm-up) with the lowest and highest run; "
        "the hook build and the plain build of the same site's exported tree ran alternately, one of each per hyperfine call, "
        "so their ratio is measured under the same conditions.",
        "",
        "| Tools | HTML pages | Build (s) | Plain build (s) | Hooks ÷ plain | Build CPU (s) | ms / tool "
        "| Peak RSS (MiB) | Validate (s) | Validate ÷ build | Tool page (KB) | Largest page (KB) | Search files (MB) | Site (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.tools:,} | {r.site['pages']:,} | {r.hooks.median:.1f} ({r.hooks.low:.1f}–{r.hooks.high:.1f}) "
            f"| {r.plain.median:.1f} ({r.plain.low:.1f}–{r.plain.high:.1f}) | {r.overhead:.2f}× | {r.hooks.cpu:.1f} "
            f"| {r.ms_per_tool:.1f} | {r.peak_rss_mib:,.0f} | {r.validate_seconds:.2f} | {100 * r.validation_share:.1f} % "
            f"| {r.site['tool_kb']:.1f} | {r.site['largest_kb']:.1f} | {r.site['search_mb']:.1f} | {r.site['site_mb']:.0f} |"
        )
    lines += ["", "## Targets", ""]
    sizes = {r.tools: r for r in results}
    for n in (1000, 10000):
        if n in sizes:
            ratio = sizes[n].overhead
            lines.append(
                f"- Build at N={n:,} at most 0.7× the plain MkDocs build: {ratio:.2f}× ({'met' if ratio <= 0.7 else 'missed'})"
            )
    if 1000 in sizes and 10000 in sizes:
        growth = sizes[10000].ms_per_tool / sizes[1000].ms_per_tool
        lines.append(
            f"- Time per tool page at N=10,000 within 1.1× of N=1,000: {growth:.2f}× ({'met' if growth <= 1.1 else 'missed'})"
        )
    for r in results:
        share = r.validation_share
        lines.append(
            f"- Validation under 2 % of the build at N={r.tools:,}: {100 * share:.1f} % ({'met' if share < 0.02 else 'missed'})"
        )
    return "\n".join(lines) + "\n"


def parse_sizes(text: str) -> list[int]:
    """``100,1000`` -> ``[100, 1000]``."""
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=3, help="hyperfine runs of each build (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the generated trees here (default: a temp folder)")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE)
    args = parser.parse_args(argv)
    if shutil.which("hyperfine") is None or not Path("/usr/bin/time").exists():
        print(
            "bench needs hyperfine and GNU time: run 'sudo apt-get install hyperfine time' (Debian, Ubuntu)",
            file=sys.stderr,
        )
        return 1
    with tempfile.TemporaryDirectory(prefix="stackguides-bench-") as temp:
        workdir = args.workdir or Path(temp)
        results = [bench_size(n, args, workdir) for n in args.sizes]
    text = report(results, args.runs)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
