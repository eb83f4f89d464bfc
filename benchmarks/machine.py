"""What every benchmark shares: the machine it ran on, the child environment, and how busy it is."""

from __future__ import annotations

import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

BUSY_THRESHOLD = 0.25  # cores of other work above which a measurement is flagged


def child_env() -> dict[str, str]:
    """The environment for child builds: no MkDocs 2 banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def machine() -> dict[str, str]:
    """CPU model, cores, RAM (from /proc), Python and the engine versions."""
    cpu, memory = platform.processor() or "unknown", "unknown"
    try:
        info = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
        kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    names = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pydantic", "pagefind")
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": memory,
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "OS": platform.platform(),
        "Packages": ", ".join(f"{name} {metadata.version(name)}" for name in names),
    }


def machine_line() -> str:
    """The machine on one line, for a report's first sentence."""
    info = machine()
    return f"{info['CPU']}, {info['Cores']} cores, {info['RAM']} RAM, {info['Python']}, {info['Packages']}"


def _busy_seconds() -> float | None:
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:9]]
    except OSError:
        return None
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def other_load(seconds: float = 2.0) -> float:
    """Cores kept busy by other processes, sampled over ``seconds`` (0 if unknown)."""
    before = _busy_seconds()
    if before is None:
        return 0.0
    time.sleep(seconds)
    after = _busy_seconds() or before
    return max(0.0, (after - before) / seconds)


def wait_for_idle(max_wait: float) -> None:
    """Wait until other processes use less than ``BUSY_THRESHOLD`` cores, at most ``max_wait`` seconds."""
    deadline = time.monotonic() + max_wait
    while max_wait > 0:
        load = other_load()
        if load < BUSY_THRESHOLD:
            return
        if time.monotonic() >= deadline:
            print(f"machine still busy ({load:.1f} cores of other work); measuring anyway", file=sys.stderr)
            return
        print(f"waiting for an idle machine ({load:.1f} cores of other work)", file=sys.stderr)
        time.sleep(8)
