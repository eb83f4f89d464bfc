"""Editor schemas, GitHub workflows and forms, pre-commit, and freshness warnings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from stackguides.kinds import KINDS
from stackguides.outputs.api import json_schemas, stale_schemas

from conftest import ROOT, mkdocs_build, write

CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
SCHEMA_FOR = {
    "categories": "category",
    "tools": "tool",
    "comparisons": "comparison",
    "costs": "cost",
    "guides": "guide",
    "faqs": "faq",
}


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK_JSONSCHEMA, *args], capture_output=True, text=True, timeout=300)


def test_committed_schemas_match_the_models():
    """schemas/ is generated from the Pydantic models; a stale copy fails here."""
    assert stale_schemas(ROOT / "schemas") == []
    assert sorted(path.name for path in (ROOT / "schemas").glob("*.json")) == sorted(json_schemas())


def test_a_stale_schema_is_detected(tmp_path: Path):
    for name, schema in json_schemas().items():
        (tmp_path / name).write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    schema = json.loads((tmp_path / "tool.schema.json").read_text())
    del schema["properties"]["pros"]
    (tmp_path / "tool.schema.json").write_text(json.dumps(schema))
    assert stale_schemas(tmp_path) == ["tool.schema.json"]


def test_every_data_file_passes_check_jsonschema():
    """An independent validator agrees with ours on the whole catalog."""
    for kind, name in SCHEMA_FOR.items():
        files = sorted(str(p) for p in (ROOT / "data" / kind).glob("*.yml"))
        result = check_jsonschema("--schemafile", str(ROOT / "schemas" / f"{name}.schema.json"), *files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_flags_a_typo_as_an_editor_would(tmp_path: Path):
    text = (ROOT / "data/tools/fastapi.yml").read_text().replace("pros:", "prso:")
    bad = write(tmp_path, "fastapi.yml", text)
    result = check_jsonschema("--schemafile", str(ROOT / "schemas/tool.schema.json"), str(bad))
    assert result.returncode == 1
    assert "prso" in result.stdout


def test_vscode_maps_every_schema_onto_its_data_folder():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())["yaml.schemas"]
    expected = {f"./schemas/{SCHEMA_FOR[kind]}.schema.json": f"data/{kind}/*.yml" for kind in KINDS}
    assert settings == expected


def test_github_workflows_and_forms_are_valid():
    """Checked offline against the schemas bundled with check-jsonschema."""
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 3
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout
    forms = [str(ROOT / ".github/ISSUE_TEMPLATE" / name) for name in ("add-a-tool.yml", "data-problem.yml")]
    assert check_jsonschema("--builtin-schema", "vendor.github-issue-forms", *forms).returncode == 0
    config = str(ROOT / ".github/ISSUE_TEMPLATE/config.yml")
    assert check_jsonschema("--builtin-schema", "vendor.github-issue-config", config).returncode == 0


def test_the_pull_request_workflow_runs_make_test_and_annotated_validation():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test" in commands
    assert ".venv/bin/stackguides validate --format github" in commands
    scheduled = yaml.safe_load((ROOT / ".github/workflows/scheduled-checks.yml").read_text())
    assert scheduled["jobs"]["check"]["strategy"]["matrix"]["check"] == ["check-versions", "check-links"]


def test_pre_commit_runs_ruff_and_validate():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook_ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert {"ruff-check", "ruff-format", "stackguides-validate"} <= set(hook_ids)


def test_stale_entries_warn_without_failing_the_strict_build(project: Path):
    tool = (project / "data/tools/flask.yml").read_text()
    write(project / "data", "tools/flask.yml", tool.replace("reviewed: 2026-11-23", "reviewed: 2024-01-01"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "data/tools/flask.yml: last reviewed" in result.stderr
    assert "(limit 365)" in result.stderr


def test_tool_pages_show_when_they_were_last_reviewed(fixture_site: Path):
    html = (fixture_site / "tools/flask/index.html").read_text()
    assert '<time datetime="2026-11-23">23 November 2026</time>' in html
