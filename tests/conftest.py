"""Shared fixtures: temporary projects built from the real config, hooks and templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from browser_tools import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))  # tests use the benchmarks' synthetic catalog generator
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "good" / "data"
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def make_project(target: Path, data: Path = FIXTURE_DATA) -> Path:
    """A project folder using the real mkdocs.yml, hooks, overrides and docs with ``data``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides", "docs", "CONTRIBUTING.md"):
        (target / name).symlink_to(ROOT / name)
    shutil.copytree(data, target / "data")
    return target


def make_project_with_own_code(target: Path, data: Path = FIXTURE_DATA) -> Path:
    """Like :func:`make_project`, with copies of ``hooks/`` and ``overrides/`` that a test may edit.

    The page templates are found next to the hooks that load them, so both are copied.
    """
    project = make_project(target, data)
    for name in ("hooks", "overrides"):
        (project / name).unlink()
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def mkdocs_build(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` in ``project``."""
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *args],
        cwd=project,
        env=env or ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the small fixture project."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once per test session; returns its site folder."""
    project = make_project(tmp_path_factory.mktemp("fixture") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real catalog, built once per test session with --strict; returns its site folder."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return site


def write(folder: Path, relative: str, text: str | bytes) -> Path:
    """Write a data file (text or raw bytes) and return its path."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (it cannot download its own here)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
