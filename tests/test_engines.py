"""The same project on the other engines: ProperDocs (the maintained MkDocs 1.x) builds the same site."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ENV, make_project, mkdocs_build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, the generator tag (which names the engine) blanked out."""
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"<meta name=generator>", path.read_bytes())
        for path in site.rglob("*")
        if path.is_file()
    }


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path):
    """Hooks, templates and workers run unchanged under ProperDocs; only the generator tag differs."""
    project = make_project(tmp_path / "project")
    assert mkdocs_build(project, "--site-dir", str(tmp_path / "mkdocs-site")).returncode == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--site-dir",
            str(tmp_path / "properdocs-site"),
        ],
        cwd=project,
        env={**ENV, "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    with_mkdocs = site_files(tmp_path / "mkdocs-site")
    with_properdocs = site_files(tmp_path / "properdocs-site")
    assert len(with_mkdocs) > 30
    assert sorted(with_properdocs) == sorted(with_mkdocs)
    assert [name for name in with_mkdocs if with_mkdocs[name] != with_properdocs[name]] == []
    assert b"ProperDocs" in (tmp_path / "properdocs-site" / "index.html").read_bytes()
