"""Preview latency: from saving a YAML file to the rebuilt page being served by `mkdocs serve`.

Usage:
    .venv/bin/python benchmarks/preview_latency.py [--runs 5]

Copies the project (real catalog) into a temporary folder, starts the real
`mkdocs serve` there, then repeatedly edits one line of data/tools/fastapi.yml
and polls the tool page every 20 ms until the new text is served. The time
printed is save -> new page available (the browser's live-reload request
returns at the same moment, so this is what a contributor waits for).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOUNT = "/stack-guides"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for name in ("mkdocs.yml", "hooks", "overrides", "docs", "CONTRIBUTING.md"):
            (project / name).symlink_to(ROOT / name)
        shutil.copytree(ROOT / "data", project / "data")
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}{MOUNT}/tools/fastapi/"
        try:
            deadline = time.monotonic() + 120
            while "FastAPI" not in fetch(url):
                if time.monotonic() > deadline:
                    raise SystemExit("mkdocs serve did not start")
                time.sleep(0.2)
            tool = project / "data" / "tools" / "fastapi.yml"
            original = tool.read_text()
            timings = []
            for run in range(args.runs):
                marker = f"Preview run {run} marker"
                time.sleep(1.0)  # let the watcher settle between runs
                started = time.monotonic()
                tool.write_text(original.replace("best_for: ", f"best_for: {marker}. ", 1))
                while marker not in fetch(url):
                    time.sleep(0.02)
                timings.append(time.monotonic() - started)
            tool.write_text(original)
        finally:
            server.terminate()
            server.wait(timeout=30)
    tools = len(list((ROOT / "data" / "tools").glob("*.yml")))
    print(f"Preview latency over {args.runs} saves ({tools} tools), save -> rebuilt page served:")
    print(f"  median {statistics.median(timings):.2f} s, min {min(timings):.2f} s, max {max(timings):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
