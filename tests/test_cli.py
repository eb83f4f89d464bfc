"""The stackguides command: validate, new, export and the network checks (against a local server)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stackguides.cli import main

import synthetic  # the benchmark's generator
from conftest import FIXTURE_DATA, make_project, write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed console script, as a contributor runs it."""
    command = [str(Path(sys.executable).with_name("stackguides")), "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_validate_clean_data_exits_0(root: Path):
    result = run(root, "validate")
    assert result.returncode == 0
    assert "The data is valid: 4 tools, 2 categories" in result.stdout


def test_validate_bad_data_exits_1_with_located_messages(root: Path):
    tool = (root / "data/tools/fastapi.yml").read_text()
    write(root / "data", "tools/fastapi.yml", tool.replace("pros:", "prso:"))
    result = run(root, "validate")
    assert result.returncode == 1
    assert "data/tools/fastapi.yml:5:1: prso: unknown key `prso`: did you mean `pros`?" in result.stderr


def test_validate_github_format_prints_annotations(root: Path):
    tool = (root / "data/tools/fastapi.yml").read_text()
    write(root / "data", "tools/fastapi.yml", tool.replace("pros:", "prso:"))
    result = run(root, "validate", "--format", "github")
    assert result.returncode == 1
    assert (
        "::error file=data/tools/fastapi.yml,line=5,col=1,title=prso::unknown key `prso`: did you mean `pros`?"
        in result.stdout
    )


def test_usage_errors_exit_2(root: Path, tmp_path: Path):
    assert run(root, "validate", "--format", "xml").returncode == 2
    assert run(root, "frobnicate").returncode == 2
    assert run(tmp_path / "nowhere", "validate").returncode == 2


def test_validate_warns_about_stale_entries_without_failing(root: Path):
    tool = (root / "data/tools/flask.yml").read_text()
    write(root / "data", "tools/flask.yml", tool.replace("reviewed: 2026-11-23", "reviewed: 2020-01-01"))
    result = run(root, "validate", "--max-age-days", "365")
    assert result.returncode == 0
    assert "warning: data/tools/flask.yml: last reviewed 2020-01-01" in result.stderr


def test_new_tool_writes_a_template_that_validates_once_filled(root: Path):
    assert main(["--root", str(root), "new", "tool", "quart", "--category", "web-frameworks"]) == 0
    path = root / "data/tools/quart.yml"
    template = path.read_text()
    assert template.startswith("# quart: a tool page.")
    result = run(root, "validate")
    assert result.returncode == 1 and "data/tools/quart.yml" in result.stderr  # empty fields flagged
    assert "remove the key" not in result.stderr.split("verdict_reason")[0]  # required keys: "write this"
    assert "data/tools/quart.yml:3:7: name: is empty; write this (it is required" in result.stderr
    filled = (
        template.replace('name: ""', "name: Quart")
        .replace('summary: ""', "summary: Flask's API on asyncio.")
        .replace('best_for: ""', "best_for: Moving a Flask app to async.")
        .replace(
            '  - ""\n  - ""\n  - ""\n',
            "  - Flask-compatible API.\n  - Native async views.\n  - WebSockets built in.\n",
        )
        .replace('  - ""\n  - ""\n', "  - Smaller ecosystem than Flask.\n  - Fewer tutorials.\n")
        .replace('  - ""\n', "  - Async Flask apps.\n")
        .replace('  home: ""', "  home: https://quart.palletsprojects.com/")
        .replace('version: ""', 'version: "0.20"')
        .replace('license: ""', "license: MIT")
        .replace('verdict: ""', "verdict: solid")
        .replace('verdict_reason: ""', "verdict_reason: Flask's API on asyncio, with a smaller ecosystem.")
        .replace('  - title: ""', "  - title: Quart documentation")
        .replace('    url: ""', "    url: https://quart.palletsprojects.com/en/latest/")
    )
    path.write_text(filled)
    assert run(root, "validate").returncode == 0


def test_new_category_asks_for_a_pick_and_validates_once_it_names_one(root: Path):
    assert main(["--root", str(root), "new", "category", "task-queues"]) == 0
    path = root / "data/categories/task-queues.yml"
    template = path.read_text()
    assert "picks:" in template and "# runner_up:" in template
    result = run(root, "validate")
    assert result.returncode == 1
    assert "data/categories/task-queues.yml:8:11: picks[0].tool: expected an id" in result.stderr
    assert "data/categories/task-queues.yml:9:10: picks[0].why: is empty; write this" in result.stderr
    filled = (
        template.replace('name: ""', "name: Task queues")
        .replace('summary: ""', "summary: Background jobs.")
        .replace('  - tool: ""', "  - tool: fastapi")
        .replace('    why: ""', "    why: For running work later.")
    )
    path.write_text(filled)
    result = run(root, "validate")  # fastapi belongs to web-frameworks: the pick is refused, with why
    assert "picks[0].tool: `fastapi` is in the category `web-frameworks`, not `task-queues`" in result.stderr
    tool = (root / "data/tools/flask.yml").read_text()
    (root / "data/tools/celery.yml").write_text(
        tool.replace("name: Flask", "name: Celery")
        .replace("category: web-frameworks", "category: task-queues")
        .replace("verdict: solid", "verdict: recommended")
        .replace("alternatives: [fastapi, django]", "alternatives: []")
    )
    path.write_text(filled.replace("tool: fastapi", "tool: celery"))
    result = run(root, "validate")
    assert result.returncode == 0, result.stderr


def test_new_refuses_to_overwrite_and_checks_its_arguments(root: Path, capsys):
    before = (root / "data/tools/fastapi.yml").read_bytes()
    assert main(["--root", str(root), "new", "tool", "fastapi", "--category", "web-frameworks"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (root / "data/tools/fastapi.yml").read_bytes() == before
    assert main(["--root", str(root), "new", "tool", "x", "--category", "nope"]) == 2
    assert "unknown category `nope`" in capsys.readouterr().err
    assert main(["--root", str(root), "new", "tool", "Bad_Id", "--category", "databases"]) == 2
    for kind in ("category", "comparison", "cost", "guide", "faq"):
        assert main(["--root", str(root), "new", kind, f"new-{kind}"]) == 0


def build_exported(project: Path) -> subprocess.CompletedProcess:
    """Plain ``mkdocs build --strict`` in an exported project: no hooks, nothing from this repository."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=900,
    )


def test_export_writes_a_project_that_plain_mkdocs_builds_strictly(tmp_path: Path):
    """The exported project builds with MkDocs and no hooks, sanitizer included: the content does not depend on them."""
    project = make_project(tmp_path / "project")
    out = tmp_path / "export"
    assert main(["--root", str(project), "export", str(out)]) == 0
    assert (out / "docs/tools/fastapi.md").read_text().startswith('---\ntitle: "FastAPI"')
    assert json.loads((out / "docs/api/tools.json").read_text())["fastapi"]["name"] == "FastAPI"
    config = (out / "mkdocs.yml").read_text()
    assert "hooks:" not in config and "  - stackguides.outputs.sanitizer\n" in config
    result = build_exported(out)
    assert result.returncode == 0, result.stderr
    assert "Tiny core that is quick to learn." in (out / "site/tools/flask/index.html").read_text()
    assert (out / "site/contributing/index.html").is_file()


@pytest.mark.slow
def test_the_export_of_1000_tools_builds_strictly_with_plain_mkdocs(tmp_path: Path):
    """At 1,000 tools the A to Z list is split into pages; plain MkDocs must accept those too."""
    synthetic.generate(tmp_path / "catalog", 1000, seed=1)
    out = tmp_path / "export"
    assert main(["--root", str(tmp_path / "catalog"), "export", str(out)]) == 0
    result = build_exported(out)
    assert result.returncode == 0, result.stderr
    assert (out / "site/tools/a-z/5/index.html").is_file()


def test_check_versions_reports_drift_from_a_local_index(root: Path, httpserver):
    """A release outside the recommended range is reported; one inside is not."""
    releases = {"fastapi": ["0.165.0", "0.201.0", "0.300.0rc1"], "django": ["6.0.1"], "flask": ["3.1.2"]}
    for name, versions in releases.items():
        body = {"releases": {version: [{"yanked": False}] for version in versions}}
        httpserver.expect_request(f"/pypi/{name}/json").respond_with_json(body)
    result = run(root, "check-versions", "--index-url", httpserver.url_for("/pypi"))
    assert result.returncode == 1
    assert (
        "data/tools/fastapi.yml: version `>=0.165,<0.200` excludes the latest release of `fastapi` (0.201.0)"
        in result.stdout
    )
    assert "django" not in result.stdout and "flask.yml" not in result.stdout


def test_check_links_reports_dead_links(root: Path, httpserver):
    """Every external link is checked; a 404 is reported with its file."""
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("missing", status=404)
    base = f"http://links.example.com:{httpserver.port}"
    for name in ("fastapi", "django", "postgresql", "flask"):
        lines = (root / f"data/tools/{name}.yml").read_text().splitlines(keepends=True)
        for index, line in enumerate(lines):
            key = line.strip().split(":", 1)[0]
            if key in ("home", "repository", "docs", "url"):
                target = "/gone" if (name, key) == ("flask", "home") else "/ok"
                lines[index] = line.split(": ", 1)[0] + f": {base}{target}\n"
        write(root / "data", f"tools/{name}.yml", "".join(lines))
    comparison = (root / "data/comparisons/django-fastapi-flask.yml").read_text()
    write(
        root / "data",
        "comparisons/django-fastapi-flask.yml",
        comparison.replace("https://docs.djangoproject.com/", f"{base}/ok"),
    )
    for relative in ("costs/python-backend-cost.yml", "guides/python-backend.yml"):
        text = (root / "data" / relative).read_text()
        write(root / "data", relative, re.sub(r"url: https://\S+", f"url: {base}/ok", text))
    resolve = f"links.example.com:{httpserver.port}:127.0.0.1"
    result = run(root, "check-links", "--timeout", "5", "--resolve", resolve)
    assert result.returncode == 1
    assert f"data/tools/flask.yml: {base}/gone answered HTTP 404" in result.stdout
    assert "1 broken link(s)." in result.stdout
