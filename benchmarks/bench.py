"""Benchmark the Stack Guides build on synthetic catalogs of growing size.

Usage (from the repository root, with the project's virtualenv)::

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/bench.py [--sizes 100,1000,10000]

For each size N it generates a catalog with ``synthetic.py`` into a temporary
folder, then measures, each in its own child process:

* the full ``mkdocs build`` through the hooks (wall and CPU time, peak RSS);
* ``load_catalog`` alone (timed inside the child, after the imports);
* ``mkdocs build`` of the same site's ``stackguides export`` tree with a copy
  of ``mkdocs.yml`` that has no ``hooks:`` entry (the hook overhead baseline);

and reads the built site (tool and category page sizes, search index, total
size). Before each measurement it waits (up to ``--wait-idle`` seconds) for
the machine to be idle, and it records how much CPU other processes used
while the child ran, because wall times on a shared machine are only as good
as the machine is quiet. The results are printed as Markdown and written to
``benchmarks/RESULTS.md``. This is a benchmark, not a test: it never fails on
a missed target, it reports it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # the generator next to this file

REPO_ROOT = synthetic.REPO_ROOT
RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_SIZES = (100, 1000, 10000)
MIB = 1024 * 1024
BUSY_THRESHOLD = 0.25  # cores of other work above which a measurement is flagged
PLAIN_CONFIG = "mkdocs-plain.yml"
EXPORT_DIR = "export-docs"
CONTRIBUTING_STUB = (
    "---\ndescription: How to contribute (stub for the benchmark's plain build).\n---\n\n"
    "# Contributing\n\nSee `CONTRIBUTING.md` in the repository.\n"
)
# Runs inside a fresh interpreter: only load_catalog is timed, not the imports.
VALIDATE_SNIPPET = """
import json, sys, time
from pathlib import Path
from stackguides.load import load_catalog
start, cpu = time.perf_counter(), time.process_time()
catalog = load_catalog(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""
# The hooks' own work, step by step, outside MkDocs (a noise-free view of the overhead).
HOOK_WORK_SNIPPET = """
import json, sys, time
from pathlib import Path
from stackguides.outputs.api import api_files
from stackguides.load import load_catalog
from stackguides.pages import build_pages
steps, start = {}, time.perf_counter()
catalog = load_catalog(Path(sys.argv[1]))
steps["load_catalog"], start = time.perf_counter() - start, time.perf_counter()
build_pages(catalog)
steps["build_pages"], start = time.perf_counter() - start, time.perf_counter()
api_files(catalog)
steps["api_files"] = time.perf_counter() - start
print(json.dumps(steps))
"""


class BenchmarkError(RuntimeError):
    """A child process failed; the message carries the end of its output."""


@dataclass(frozen=True)
class ChildRun:
    """One child process as the parent saw it.

    ``background`` is the average number of cores other processes kept busy
    while the child ran (0 on an idle machine).
    """

    seconds: float
    cpu_seconds: float
    max_rss: int
    background: float
    tree_memory: int  # peak of the summed PSS of the child and its descendants (workers), 0 if unknown
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)


@dataclass(frozen=True)
class SiteStats:
    """What the built site weighs."""

    tool_page: tuple[str, int]
    category_page: tuple[str, int, int]
    search_index: int
    total: int
    html_pages: int
    largest_page: tuple[str, int]


@dataclass(frozen=True)
class SizeResult:
    """Everything measured for one catalog size."""

    tools: int
    build: ChildRun
    plain_build: ChildRun
    validate_seconds: float
    validate_background: float
    hook_work: dict[str, float]
    site: SiteStats
    warnings: list[str]

    @property
    def overhead(self) -> float:
        """Hook build wall time over the plain build's."""
        return self.build.seconds / self.plain_build.seconds

    @property
    def cpu_overhead(self) -> float:
        """The same ratio on CPU time, which other load disturbs less."""
        return self.build.cpu_seconds / self.plain_build.cpu_seconds

    @property
    def ms_per_tool(self) -> float:
        """Full build wall time divided by the number of tool pages."""
        return 1000 * self.build.seconds / self.tools

    @property
    def background(self) -> float:
        """The most other work seen during this size's builds, in cores."""
        return max(self.build.background, self.plain_build.background)

    @property
    def hook_seconds(self) -> float:
        """Seconds of the hooks' own work (validation, page generation, JSON API) measured alone."""
        return sum(self.hook_work.values())


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    """The environment of every child: this checkout's core package first, no MkDocs 2 banner."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT / "hooks"), env.get("PYTHONPATH")]))
    return env


def busy_seconds() -> float | None:
    """CPU seconds spent busy by all cores since boot (``/proc/stat``), or ``None`` off Linux."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:9]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def other_load(seconds: float = 2.0) -> float:
    """Cores kept busy by other processes, sampled over ``seconds`` (0 if unknown)."""
    before = busy_seconds()
    if before is None:
        return 0.0
    time.sleep(seconds)
    return max(0.0, (busy_seconds() - before) / seconds)  # type: ignore[operator]


def wait_for_idle(max_wait: float) -> None:
    """Wait until other processes use less than ``BUSY_THRESHOLD`` cores, at most ``max_wait`` s."""
    deadline = time.monotonic() + max_wait
    while max_wait > 0:
        load = other_load()
        if load < BUSY_THRESHOLD:
            return
        if time.monotonic() >= deadline:
            log(f"machine still busy ({load:.1f} cores of other work); measuring anyway")
            return
        log(f"waiting for an idle machine ({load:.1f} cores of other work)")
        time.sleep(8)


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def proportional_memory(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes: shared pages (fork's copy-on-write) counted once overall."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMemorySampler(threading.Thread):
    """Samples the summed PSS of a process tree every ``interval`` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.25):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, sum(proportional_memory(pid) for pid in process_tree(self.pid)))


def run_child(command: list[str], cwd: Path) -> ChildRun:
    """Run ``command`` and measure it.

    ``os.wait4`` gives this child's CPU time (its reaped workers included)
    and the peak RSS of its largest process (``getrusage(RUSAGE_CHILDREN)``
    reports the maximum over all children reaped so far, so its deltas hide
    a child smaller than an earlier one). A sampler adds the peak memory of
    the whole process tree, workers included.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy_before, start = busy_seconds(), time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=child_env(), stdout=out, stderr=err)
        sampler = TreeMemorySampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds, busy_after = time.perf_counter() - start, busy_seconds()
        sampler.done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    background = 0.0
    if busy_before is not None and busy_after is not None:
        background = max(0.0, (busy_after - busy_before - cpu) / seconds)
    return ChildRun(seconds, cpu, usage.ru_maxrss * 1024, background, sampler.peak, stdout, stderr)


def mkdocs_build(root: Path, config: str, max_wait: float) -> ChildRun:
    """``mkdocs build`` of ``root/config`` in a child process."""
    wait_for_idle(max_wait)
    return run_child([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config], root)


def validate(root: Path, repeats: int, max_wait: float) -> tuple[float, float]:
    """Median ``load_catalog`` seconds over ``repeats`` fresh children, and the most other load seen."""
    times, background = [], 0.0
    for _ in range(repeats):
        wait_for_idle(max_wait)
        run = run_child([sys.executable, "-c", VALIDATE_SNIPPET, str(root)], root)
        times.append(json.loads(run.stdout)["seconds"])
        background = max(background, run.background)
    return statistics.median(times), background


def hook_work(root: Path, max_wait: float) -> dict[str, float]:
    """Seconds of each step the hooks run (load, pages, API), timed inside one fresh child."""
    wait_for_idle(max_wait)
    return json.loads(run_child([sys.executable, "-c", HOOK_WORK_SNIPPET, str(root)], root).stdout)


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
    run_child([sys.executable, "-m", "stackguides.cli", "--root", str(root), "export", str(export)], root)
    shutil.copytree(REPO_ROOT / "docs", export, dirs_exist_ok=True)
    (export / "contributing.md").write_text(CONTRIBUTING_STUB, encoding="utf-8")
    config = plain_config((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / PLAIN_CONFIG).write_text(config, encoding="utf-8")


def combine(runs: list[ChildRun]) -> ChildRun:
    """Several runs of one build as one: median times, highest peak RSS and load, last output."""
    return ChildRun(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu_seconds for run in runs),
        max(run.max_rss for run in runs),
        max(run.background for run in runs),
        max(run.tree_memory for run in runs),
        runs[-1].stdout,
        runs[-1].stderr,
    )


def timed_builds(root: Path, repeats: int, max_wait: float, label: str) -> tuple[ChildRun, ChildRun]:
    """The hook build and the plain build, alternating, ``repeats`` times each."""
    hook_runs, plain_runs = [], []
    for attempt in range(1, repeats + 1):
        hook_runs.append(mkdocs_build(root, "mkdocs.yml", max_wait))
        plain_runs.append(mkdocs_build(root, PLAIN_CONFIG, max_wait))
        hooks, plain = hook_runs[-1], plain_runs[-1]
        log(
            f"{label}: build {attempt}/{repeats}: hooks {hooks.seconds:.1f} s "
            f"(other load {hooks.background:.2f} cores), plain {plain.seconds:.1f} s "
            f"(other load {plain.background:.2f} cores)"
        )
    return combine(hook_runs), combine(plain_runs)


def folder_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(
        os.lstat(os.path.join(directory, name)).st_size
        for directory, _, names in os.walk(folder)
        for name in names
    )


def _search_bytes(site: Path) -> int:
    """All search files on disk: Pagefind's chunked index, or Material's one search_index.json."""
    if (site / "pagefind").is_dir():
        return folder_bytes(site / "pagefind")
    return (site / "search" / "search_index.json").stat().st_size


def site_stats(site: Path) -> SiteStats:
    """Sizes read from a built site: the median tool page, the median category, the largest page, search, total."""
    tool_pages = sorted((p.stat().st_size, p.parent.name) for p in (site / "tools").glob("*/index.html"))
    tool_bytes, tool_id = tool_pages[len(tool_pages) // 2]
    categories = sorted(
        (page.read_text(encoding="utf-8").count("data-sg-item="), page.parent.name, page.stat().st_size)
        for page in (site / "categories").glob("*/index.html")
    )
    count, category_id, category_bytes = categories[len(categories) // 2]
    largest_bytes, largest = max(
        (p.stat().st_size, str(p.parent.relative_to(site))) for p in site.rglob("*.html")
    )
    return SiteStats(
        tool_page=(tool_id, tool_bytes),
        category_page=(category_id, count, category_bytes),
        search_index=_search_bytes(site),
        total=folder_bytes(site),
        html_pages=sum(1 for _ in site.rglob("*.html")),
        largest_page=(f"{largest}/", largest_bytes),
    )


def bench_size(tools: int, args: argparse.Namespace, workdir: Path) -> SizeResult:
    """Generate a catalog of ``tools`` tools and measure everything for it."""
    root, label = workdir / f"n{tools}", f"N={tools}"
    log(f"{label}: generating into {root}")
    synthetic.generate(root, tools, args.seed)
    log(f"{label}: validating ({args.validate_repeats}x)")
    validate_seconds, validate_background = validate(root, args.validate_repeats, args.wait_idle)
    log(f"{label}: timing the hooks' own work")
    work = hook_work(root, args.wait_idle)
    log(f"{label}: exporting the plain Markdown tree")
    prepare_plain_tree(root)
    build, plain = timed_builds(root, args.build_repeats, args.wait_idle, label)
    return SizeResult(
        tools=tools,
        build=build,
        plain_build=plain,
        validate_seconds=validate_seconds,
        validate_background=validate_background,
        hook_work=work,
        site=site_stats(root / "site"),
        warnings=[line for line in build.stderr.splitlines() if "WARNING" in line],
    )


def machine() -> dict[str, str]:
    """CPU model, cores, RAM (from /proc), Python and package versions."""
    cpu, memory = platform.processor() or "unknown", "unknown"
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pydantic")
    )
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": memory,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
        "Packages": versions,
    }


def results_table(results: list[SizeResult]) -> str:
    """The main Markdown table, one row per size."""
    header = (
        "| Tools | HTML pages | Build (s) | Build CPU (s) | ms / tool | Peak RSS (MiB) | Peak memory, all processes (MiB) | Validate (s) "
        "| Tool page (KB) | Category page (KB) | Largest page (KB) | Search index (MB) | Site (MB) | Plain build (s) "
        "| Hook overhead | Hook overhead (CPU) | Hook work (s) | Other load (cores) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [
        f"| {r.tools:,} | {r.site.html_pages:,} | {r.build.seconds:.1f} | {r.build.cpu_seconds:.1f} "
        f"| {r.ms_per_tool:.1f} | {r.build.max_rss / MIB:,.0f} | {peak_memory(r.build) / MIB:,.0f} "
        f"| {r.validate_seconds:.2f} "
        f"| {r.site.tool_page[1] / 1000:.1f} | {r.site.category_page[2] / 1000:.1f} "
        f"({r.site.category_page[1]} tools) | {r.site.largest_page[1] / 1000:.1f} "
        f"| {r.site.search_index / 1e6:.1f} | {r.site.total / 1e6:.0f} "
        f"| {r.plain_build.seconds:.1f} | {r.overhead:.2f}x | {r.cpu_overhead:.2f}x | {r.hook_seconds:.1f} "
        f"| {r.background:.2f} |"
        for r in results
    ]
    return "\n".join([header, *rows])


def by_size(results: list[SizeResult]) -> dict[int, SizeResult]:
    """Results keyed by the number of tools."""
    return {r.tools: r for r in results}


def derived_lines(results: list[SizeResult]) -> list[str]:
    """Ratios between N=10,000 and N=1,000, when both were measured."""
    sizes = by_size(results)
    if 1000 not in sizes or 10000 not in sizes:
        return ["- Ratios need both N=1,000 and N=10,000; run with the default sizes."]
    small, large = sizes[1000], sizes[10000]
    cpu_small, cpu_large = (1000 * r.build.cpu_seconds / r.tools for r in (small, large))
    lines = [
        f"- Time per tool page, N=10,000 vs N=1,000: {large.ms_per_tool:.1f} / {small.ms_per_tool:.1f} ms "
        f"= **{large.ms_per_tool / small.ms_per_tool:.2f}x** (CPU time: {cpu_large:.1f} / {cpu_small:.1f} ms "
        f"= {cpu_large / cpu_small:.2f}x)",
        f"- Tool page HTML (median page), N=10,000 vs N=1,000: {large.site.tool_page[1]:,} / "
        f"{small.site.tool_page[1]:,} bytes = **{large.site.tool_page[1] / small.site.tool_page[1]:.2f}x**",
    ]
    if 100 in sizes:
        fixed = sizes[100].build.seconds
        marginal = [(r.build.seconds - fixed) / (r.tools - 100) for r in (small, large)]
        lines.append(
            "- Time per tool page without the fixed start-up cost ((build - build at N=100) / (N - 100)): "
            f"{1000 * marginal[1]:.1f} / {1000 * marginal[0]:.1f} ms = {marginal[1] / marginal[0]:.2f}x"
        )
    return lines


def peak_memory(run: ChildRun) -> int:
    """Peak memory of a build with its workers (summed PSS), or its own peak RSS where /proc cannot tell."""
    return run.tree_memory or run.max_rss


def verdict(ok: bool) -> str:
    """A target's status word."""
    return "**met**" if ok else "**missed**"


def ratio_targets(small: SizeResult, large: SizeResult) -> list[str]:
    """The two N=10,000 vs N=1,000 targets."""
    time_ratio = large.ms_per_tool / small.ms_per_tool
    html_ratio = large.site.tool_page[1] / small.site.tool_page[1]
    return [
        f"- Time per tool page at 10,000 within 1.25x of 1,000: {time_ratio:.2f}x, {verdict(time_ratio <= 1.25)}",
        f"- Tool page HTML at 10,000 within 1.1x of 1,000: {html_ratio:.2f}x, {verdict(html_ratio <= 1.1)}",
    ]


def large_targets(large: SizeResult) -> list[str]:
    """The absolute targets at N=10,000."""
    seconds, memory, validation = large.build.seconds, peak_memory(large.build) / MIB, large.validate_seconds
    return [
        f"- N=10,000 full build under 90 s: {seconds:.1f} s wall ({large.build.cpu_seconds:.1f} s CPU), "
        f"{verdict(seconds < 90)}",
        f"- N=10,000 peak memory under 1.5 GiB: {memory:,.0f} MiB for all processes together "
        f"(largest single process {large.build.max_rss / MIB:,.0f} MiB), {verdict(memory < 1536)}",
        f"- Validation of 10,000 tools under 3 s: {validation:.2f} s, {verdict(validation < 3)}",
    ]


def target_lines(results: list[SizeResult]) -> list[str]:
    """Each target the project set, with the measured value and whether it is met."""
    sizes = by_size(results)
    small, large = sizes.get(1000), sizes.get(10000)
    lines = (
        ratio_targets(small, large)
        if small and large
        else ["- Ratio targets: not measured (need N=1,000 and N=10,000)"]
    )
    lines += large_targets(large) if large else ["- N=10,000 targets: not measured"]
    for r in results:
        estimate = 1 + r.hook_seconds / r.plain_build.seconds
        lines.append(
            f"- Hook overhead at most 1.10x at N={r.tools:,}: {r.overhead:.2f}x wall "
            f"({r.cpu_overhead:.2f}x CPU; plain build + hook work measured alone: {estimate:.2f}x), "
            f"{verdict(r.overhead <= 1.10)}"
        )
    return lines + caution_lines(results)


def caution_lines(results: list[SizeResult]) -> list[str]:
    """Warnings about measurements taken while other processes were busy."""
    lines = []
    for load_of, during, consequence in (
        (lambda r: r.background, "the builds", "wall times are inflated, compare the CPU columns"),
        (lambda r: r.validate_background, "validation", "those times may be inflated"),
    ):
        busy = [r for r in results if load_of(r) >= BUSY_THRESHOLD]
        if busy:
            loads = ", ".join(f"{load_of(r):.1f} cores at N={r.tools:,}" for r in busy)
            lines.append(f"- Caution: other processes used up to {loads} during {during}; {consequence}.")
    return lines


def warning_count(run: ChildRun) -> int:
    """How many WARNING lines a build printed (``--quiet`` keeps only warnings and errors)."""
    return sum(1 for line in run.stderr.splitlines() if "WARNING" in line)


def detail_lines(results: list[SizeResult]) -> list[str]:
    """Which pages were measured, peak RSS of the plain builds, and any build warnings."""
    lines = []
    for r in results:
        tool_id, tool_bytes = r.site.tool_page
        category_id, count, category_bytes = r.site.category_page
        lines.append(
            f"- N={r.tools:,}: tool page `tools/{tool_id}/` ({tool_bytes:,} bytes, the median of "
            f"{r.tools:,}); category `categories/{category_id}/` ({count} tools, {category_bytes:,} bytes); "
            f"largest page `{r.site.largest_page[0]}` ({r.site.largest_page[1]:,} bytes); plain build {r.plain_build.cpu_seconds:.1f} s CPU, peak RSS {r.plain_build.max_rss / MIB:,.0f} MiB; "
            f"build warnings: {len(r.warnings)} with hooks, {warning_count(r.plain_build)} plain; hook work: "
            + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in r.hook_work.items())
        )
    return lines


def report(results: list[SizeResult], info: dict[str, str], command: str) -> str:
    """The whole Markdown report."""
    return "\n".join(
        [
            "# Build benchmark results",
            "",
            f"Run on {datetime.date.today().isoformat()} with `{command}`.",
            "",
            "## Machine",
            "",
            *(f"- {key}: {value}" for key, value in info.items()),
            "",
            "## Results",
            "",
            results_table(results),
            "",
            *derived_lines(results),
            "",
            "## Targets",
            "",
            *target_lines(results),
            "",
            "## Details",
            "",
            *detail_lines(results),
            "",
            "See `benchmarks/README.md` for what each column means.",
            "",
        ]
    )


def parse_sizes(text: str) -> list[int]:
    """``"100,1000"`` -> ``[100, 1000]``."""
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 10:
        raise argparse.ArgumentTypeError("sizes are comma-separated numbers of tools, each at least 10")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="e.g. 100,1000,10000")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic catalogs (default: 1)")
    parser.add_argument("--validate-repeats", type=int, default=3, help="validation runs per size (median)")
    parser.add_argument("--build-repeats", type=int, default=1, help="builds of each kind per size (median)")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=120,
        help="before each measurement, wait up to this many seconds for other work to stop (default: 120)",
    )
    parser.add_argument("--workdir", type=Path, help="keep the generated trees here (default: a temp folder)")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="where to write the report")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run every size, print the report and write it to ``--output``."""
    args = build_parser().parse_args(argv)
    command = "python benchmarks/bench.py " + " ".join(sys.argv[1:] if argv is None else argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stackguides-bench-"))
    try:
        results = [bench_size(n, args, workdir) for n in args.sizes]
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    text = report(results, machine(), command.strip())
    print(text)
    args.output.write_text(text, encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
