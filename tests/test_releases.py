"""Release facts: the snapshot (data/releases.yml), the checks against it, the refresh, the tool page."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from stackguides.cli import main
from stackguides.errors import DataErrors
from stackguides.load import load_catalog
from stackguides.outputs.api import api_files
from stackguides.pages import PageBuilder
from stackguides.releases import ReleaseSnapshot, dump_snapshot, normalize
from stackguides.validate.releases import MentionFinder, suggested_pin

from conftest import FIXTURE_DATA, ROOT, write

TOOL = (FIXTURE_DATA / "tools" / "fastapi.yml").read_text()
SNAPSHOT = (FIXTURE_DATA / "releases.yml").read_text()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def errors_of(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_catalog(root)
    return [str(error) for error in caught.value.errors]


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed console script, as a contributor runs it."""
    command = [str(Path(sys.executable).with_name("stackguides")), "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# --- pins against the snapshot ---------------------------------------------------------------


def test_a_pin_that_excludes_the_latest_release_is_an_error_with_a_pin_that_validates(root: Path):
    write(root / "data", "releases.yml", SNAPSHOT.replace('"0.165.0"', '"0.201.0"'))
    assert errors_of(root) == [
        "data/tools/fastapi.yml:18:10: version: `>=0.165,<0.200` excludes the latest release of `fastapi`, "
        "0.201.0 (November 2026), in data/releases.yml; check its changelog, then write e.g. "
        '">=0.165,<0.202" and update `reviewed`'
    ]
    write(root / "data", "tools/fastapi.yml", TOOL.replace(">=0.165,<0.200", ">=0.165,<0.202"))
    load_catalog(root)  # the suggestion validates


def test_a_lower_bound_above_the_latest_release_is_an_error(root: Path):
    write(root / "data", "tools/fastapi.yml", TOOL.replace(">=0.165,<0.200", ">=0.170,<0.200"))
    assert errors_of(root) == [
        "data/tools/fastapi.yml:18:10: version: the lower bound `>=0.170` lies above the latest release of "
        '`fastapi`, 0.165.0 (November 2026), in data/releases.yml; no release satisfies it. Write e.g. ">=0.165,<0.166"'
    ]


@pytest.mark.parametrize(
    ("pin", "latest"),
    [(">=0.165,<0.200", "0.201.0"), ("==1.2.3", "1.4.0"), (">=2,<3,!=2.5.0", "2.5.0"), (">=26.3", "25.1"),
     ("~=5.2.0", "5.3.1"), (">1.0", "1.0")],
)  # fmt: skip
def test_every_suggested_pin_admits_the_latest_release(pin: str, latest: str):
    assert Version(latest) in SpecifierSet(suggested_pin(SpecifierSet(pin), Version(latest)))


def test_a_package_missing_from_the_snapshot_says_to_run_the_refresh(root: Path):
    write(
        root / "data",
        "releases.yml",
        "\n".join(line for line in SNAPSHOT.splitlines() if "flask" not in line) + "\n",
    )
    assert errors_of(root) == [
        "data/tools/flask.yml:16:9: links.pypi: `flask` is not in data/releases.yml, so its latest release is "
        "unknown; run `stackguides releases refresh` and commit data/releases.yml (a new tool's package is "
        "added by the refresh)"
    ]


def test_without_a_snapshot_every_package_tool_says_to_run_the_refresh(root: Path):
    (root / "data/releases.yml").unlink()
    errors = errors_of(root)
    assert len(errors) == 3
    assert all("there is no data/releases.yml yet" in error for error in errors)


def test_a_broken_snapshot_is_reported_at_its_line(root: Path):
    write(root / "data", "releases.yml", SNAPSHOT.replace('"0.165.0"', '"banana"'))
    assert errors_of(root) == [
        "data/releases.yml:7:21: packages.fastapi.latest: `banana` is not a version number (PEP 440)"
    ]
    write(root / "data", "releases.yml", SNAPSHOT.replace('released: "2026-11"', 'released: "2027-01"'))
    assert errors_of(root) == [
        "data/releases.yml:7:42: packages.fastapi.released: 2027-01 is after the snapshot's date (2026-11-30); "
        "run `stackguides releases refresh` to rewrite it"
    ]


def test_the_snapshot_is_the_one_file_allowed_directly_in_data(root: Path):
    write(root / "data", "notes.yml", "x: 1\n")
    assert errors_of(root) == [
        "data/notes.yml: files directly in data/ are not read; move it into the folder of its kind: "
        "data/categories/, data/tools/, data/comparisons/, data/costs/, data/guides/, data/faqs/"
    ]


# --- version numbers in the text -------------------------------------------------------------


def test_an_invented_version_in_notes_is_an_error_at_its_line_and_column(root: Path):
    tool = TOOL.replace(
        "verdict: recommended\n", "verdict: recommended\nnotes: |\n  Fine.\n  Pin `fastapi==0.170.1` today.\n"
    )
    write(root / "data", "tools/fastapi.yml", tool)
    assert errors_of(root) == [
        "data/tools/fastapi.yml:24:8: notes: `fastapi==0.170.1` names fastapi 0.170.1, but its latest release in "
        "data/releases.yml is 0.165.0 (November 2026); write a version that exists "
        "(https://pypi.org/project/fastapi/#history lists them), or, if it came out since, run "
        "`stackguides releases refresh` and commit data/releases.yml"
    ]


def test_an_invented_version_in_an_example_is_an_error(root: Path):
    tool = TOOL.replace(
        "    from fastapi import FastAPI\n",
        '    # uv add "fastapi[standard]>=0.199"\n    from fastapi import FastAPI\n',
    )
    write(root / "data", "tools/fastapi.yml", tool)
    line = tool.splitlines().index('    # uv add "fastapi[standard]>=0.199"') + 1
    errors = errors_of(root)
    assert len(errors) == 1
    assert errors[0].startswith(
        f"data/tools/fastapi.yml:{line}:15: example.code: `fastapi[standard]>=0.199` names fastapi 0.199,"
    )


def test_an_invented_version_in_prose_of_another_kind_is_an_error(root: Path):
    path = FIXTURE_DATA / "faqs/python-backend-faq.yml"
    faq = path.read_text().replace("answer: Rarely", "answer: Since Django 6.2, rarely")
    write(root / "data", "faqs/python-backend-faq.yml", faq)
    assert errors_of(root) == [
        "data/faqs/python-backend-faq.yml:11:19: questions[1].answer: `Django 6.2` names django 6.2, but its "
        "latest release in data/releases.yml is 6.0.1 (October 2026); write a version that exists "
        "(https://pypi.org/project/django/#history lists them), or, if it came out since, run "
        "`stackguides releases refresh` and commit data/releases.yml"
    ]


@pytest.mark.parametrize(
    "notes",
    [
        "notes: >\n  Pin fastapi\n  0.170.1 today.\n",  # folded: the line break becomes the space
        "notes: Since FastAPI\n  0.170.1 it works.\n",  # a plain value over two lines
        "notes: 'Set fastapi = ''0.170.1'' in pyproject.toml.'\n",  # '' is one quote
        'notes: "Since fastapi\\x200.170.1 it works."\n',  # an escaped space
    ],
    ids=["folded", "plain-two-lines", "doubled-quote", "escape"],
)
def test_a_mention_is_found_however_the_yaml_writes_it(root: Path, notes: str):
    """The check reads the values YAML gives, not the file's text: folding and quoting hide nothing."""
    tool = TOOL.replace("Pydantic v2.", "Pydantic.")  # the one other version-like text of the file
    assert tool != TOOL
    write(
        root / "data",
        "tools/fastapi.yml",
        tool.replace("verdict: recommended\n", "verdict: recommended\n" + notes),
    )
    errors = errors_of(root)
    assert len(errors) == 1 and "notes: " in errors[0] and "names fastapi 0.170.1" in errors[0], errors


def test_real_versions_and_other_numbers_are_not_errors(root: Path):
    tool = TOOL.replace(
        "verdict: recommended\n",
        "verdict: recommended\nnotes: |\n  FastAPI 0.165 and `fastapi>=0.100,<0.300`, Django 6.0, Flask v3;\n"
        "  HTTP 404 if `status_code == 302`; Python 3.14; fastapi 2026 roadmap; fastapi<1.\n",
    )
    write(root / "data", "tools/fastapi.yml", tool)
    load_catalog(root)


def finder() -> MentionFinder:
    catalog = load_catalog(ROOT)
    assert catalog.releases is not None
    return MentionFinder.for_catalog(catalog, catalog.releases)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("pip install ruff==0.17.6", [("ruff", "0.17.6")]),
        ('dependencies = ["fastapi[standard]>=0.165", "uvicorn>=0.54"]', [("fastapi", "0.165"), ("uvicorn", "0.54")]),
        ("ruff = \"^0.17\"", [("ruff", "0.17")]),
        ("- repo: https://github.com/astral-sh/ruff-pre-commit\n  rev: v0.17.6\n  hooks: []", [("ruff", "0.17.6")]),
        ("- repo: https://github.com/pre-commit/mirrors-mypy\n  rev: v2.4.1", [("mypy", "2.4.1")]),
        ("Since uv 0.13.9 and Pydantic v2", [("uv", "0.13.9"), ("pydantic", "2")]),
        ("PyTorch 2.6 and Hugging Face Transformers 5.1", [("torch", "2.6"), ("transformers", "5.1")]),
        ("Redis 8.2 adds commands; redis-py 8.0 follows", [("redis", "8.0")]),  # Redis the server is not redis
        ("coverage 80 percent, 3 requests 2 times, Python 3.14, status_code == 302, ruff.toml 1.0", []),
        ("mcp<2 and `pip<27`", []),  # an upper bound names no release
    ],
)  # fmt: skip
def test_the_mentions_found_in_text(text: str, found: list[tuple[str, str]]):
    assert [(m.package, str(m.version)) for m in finder().mentions(text)] == found


def texts(value) -> list[str]:
    """Every text in a loaded file."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    return []


def test_the_real_catalog_names_no_version_above_the_latest_release():
    """Zero false positives, and the check is not vacuous: the real text mentions many versions."""
    catalog = load_catalog(ROOT)  # raises on any error, these checks included
    mentions = finder()
    found = [
        m
        for entry in catalog.all_entries()
        for text in texts(entry.source.data)
        for m in mentions.mentions(text)
    ]
    assert len(found) > 40
    assert all(m.version <= Version(catalog.releases.packages[m.package].latest) for m in found)


# --- the real snapshot -----------------------------------------------------------------------


def test_the_real_snapshot_covers_every_package_and_is_written_as_the_refresh_writes_it():
    catalog = load_catalog(ROOT)
    snapshot = catalog.releases
    assert snapshot is not None
    used = {normalize(t.data.links.pypi) for t in catalog.tools.values() if t.data.links.pypi}
    assert set(snapshot.packages) == used
    assert (ROOT / "data/releases.yml").read_text() == dump_snapshot(snapshot)


# --- the tool page and the API ---------------------------------------------------------------


def test_the_tool_page_shows_the_latest_release_linked_to_pypi():
    page = PageBuilder(load_catalog(FIXTURE_DATA.parent)).page_for("tools", "fastapi").markdown
    assert (
        '<th scope="row">Latest release</th><td markdown="span">[0.165.0 (November 2026)]'
        '(https://pypi.org/project/fastapi/0.165.0/) · Python <code class="sg-version">&gt;=3.10</code></td>'
    ) in page
    assert "May be unmaintained" not in page


def test_a_release_more_than_two_years_old_shows_the_unmaintained_note(root: Path):
    write(root / "data", "releases.yml", SNAPSHOT.replace('released: "2026-11"', 'released: "2024-10"'))
    catalog = load_catalog(root)
    page = PageBuilder(catalog).page_for("tools", "fastapi").markdown
    assert "[0.165.0 (October 2024)]" in page
    assert (
        '<span class="sg-badge sg-badge--avoid">May be unmaintained</span> No release for more than two years'
        in page
    )
    record = json.loads(api_files(catalog)["api/tools/fastapi.json"])["release"]
    assert record == {
        "latest": "0.165.0",
        "released": "2024-10",
        "requires_python": ">=3.10",
        "stale": True,
        "as_of": "2026-11-30",
    }
    write(root / "data", "releases.yml", SNAPSHOT.replace('released: "2026-11"', 'released: "2024-11"'))
    assert "May be unmaintained" not in PageBuilder(load_catalog(root)).page_for("tools", "fastapi").markdown


# --- the refresh -----------------------------------------------------------------------------


def project_json(versions: dict[str, str], requires_python: str | None = ">=3.10") -> dict:
    """A PyPI JSON API answer: each version with one file uploaded at the given date."""
    return {
        "info": {"version": max(versions, key=Version), "requires_python": requires_python},
        "releases": {
            version: [{"yanked": False, "upload_time_iso_8601": f"{day}T10:00:00.000000Z", "requires_python": requires_python}]
            for version, day in versions.items()
        },
    }  # fmt: skip


def serve_projects(httpserver, **answers) -> None:
    for name, answer in answers.items():
        httpserver.expect_request(f"/pypi/{name}/json").respond_with_json(answer)


def test_the_refresh_writes_a_sorted_snapshot_from_a_local_index_and_prints_what_changed(
    root: Path, httpserver
):
    serve_projects(
        httpserver,
        fastapi=project_json({"0.165.0": "2026-11-02", "0.166.1": "2026-11-28", "0.200.0rc1": "2026-11-29"}),
        django=project_json({"6.0.1": "2026-10-01"}, ">=3.12"),
        flask=project_json({"3.1.2": "2025-08-19"}, ">=3.9"),
    )
    result = run(root, "releases", "refresh", "--index-url", httpserver.url_for("/"))
    assert result.returncode == 0, result.stderr
    assert "fastapi: latest 0.165.0 -> 0.166.1" in result.stdout
    text = (root / "data/releases.yml").read_text()
    assert '  fastapi: {latest: "0.166.1", released: "2026-11", requires_python: ">=3.10"}\n' in text
    assert text.index("  django:") < text.index("  fastapi:") < text.index("  flask:")
    assert f'source: "{httpserver.url_for("/").rstrip("/")}/pypi/<name>/json"' in text
    again = run(root, "releases", "refresh", "--index-url", httpserver.url_for("/"))
    assert again.returncode == 0 and "is up to date (3 packages); nothing written" in again.stdout
    assert (root / "data/releases.yml").read_text() == text  # same answers, same bytes
    assert all(not p.name.startswith(".releases-") for p in (root / "data").iterdir())


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("server error", "`fastapi`: {url} answered HTTP 500; try again later"),
        (
            "malformed",
            "`fastapi`: the index answered with malformed JSON (Expecting value: line 1 column 1 (char 0))",
        ),
        ("no releases", "`fastapi`: the answer has no `releases` mapping; is --index-url a PyPI JSON API"),
        ("missing", "`fastapi`: the index has no such project (HTTP 404); check `links.pypi`"),
    ],
)
def test_a_failed_answer_leaves_the_snapshot_untouched(root: Path, httpserver, answer: str, message: str):
    serve_projects(
        httpserver, django=project_json({"6.0.2": "2026-11-01"}), flask=project_json({"3.1.3": "2026-02-01"})
    )
    path = "/pypi/fastapi/json"
    if answer == "server error":
        httpserver.expect_request(path).respond_with_data("oops", status=500)
    elif answer == "malformed":
        httpserver.expect_request(path).respond_with_data(
            "<html>not json</html>", content_type="application/json"
        )
    elif answer == "no releases":
        httpserver.expect_request(path).respond_with_json({"info": {}})
    else:
        httpserver.expect_request(path).respond_with_data("Not Found", status=404)
    before = (root / "data/releases.yml").read_bytes()
    result = run(root, "releases", "refresh", "--index-url", httpserver.url_for("/"), "--timeout", "5")
    assert result.returncode == 1
    assert message.format(url=httpserver.url_for(path)) in result.stderr
    assert "The snapshot was not changed (1 package(s) could not be read)." in result.stderr
    assert (root / "data/releases.yml").read_bytes() == before


def test_the_refresh_follows_no_redirect_to_another_private_host(root: Path, httpserver):
    serve_projects(
        httpserver, django=project_json({"6.0.1": "2026-10-01"}), flask=project_json({"3.1.2": "2025-08-19"})
    )
    httpserver.expect_request("/pypi/fastapi/json").respond_with_data(
        "", status=302, headers={"Location": f"http://127.0.0.2:{httpserver.port}/elsewhere"}
    )
    before = (root / "data/releases.yml").read_bytes()
    result = run(root, "releases", "refresh", "--index-url", httpserver.url_for("/"))
    assert result.returncode == 1
    assert "127.0.0.2 resolves to 127.0.0.2, which is not a public address" in result.stderr
    assert (root / "data/releases.yml").read_bytes() == before


def test_the_refresh_reports_pins_the_new_facts_break_without_touching_data(root: Path, httpserver):
    serve_projects(
        httpserver,
        fastapi=project_json({"0.201.0": "2026-11-20"}),
        django=project_json({"6.0.1": "2026-10-01"}),
        flask=project_json({"3.1.2": "2025-08-19"}),
    )
    tool_before = (root / "data/tools/fastapi.yml").read_bytes()
    result = run(root, "releases", "refresh", "--index-url", httpserver.url_for("/"))
    assert result.returncode == 0
    assert (
        "`>=0.165,<0.200` excludes the latest release of `fastapi`, 0.201.0 (November 2026)" in result.stderr
    )
    assert (root / "data/tools/fastapi.yml").read_bytes() == tool_before


def test_the_refresh_from_a_list_needs_no_network(root: Path, tmp_path: Path):
    listing = tmp_path / "list.tsv"
    listing.write_text(
        "name\tversion\tmonth\trank\tsummary\nFastAPI\t0.165.0\t2026-11\t67\tx\nflask\t3.1.2\t2025-08\t181\ty\n"
        "Django\t\t\t\t\nother\t1.0\t2026-12\t\t\n"
    )
    result = run(root, "releases", "refresh", "--from-list", str(listing))
    assert result.returncode == 1
    assert "`django`: the list has no version for it; give one with --add django==VERSION" in result.stderr
    result = run(root, "releases", "refresh", "--from-list", str(listing), "--add", "Django==6.0.1")
    assert result.returncode == 0, result.stderr
    snapshot = ReleaseSnapshot.model_validate(
        __import__("yaml").safe_load((root / "data/releases.yml").read_text())
    )
    assert snapshot.date == "2026-12"  # the newest month in the list
    assert snapshot.packages["django"].latest == "6.0.1" and snapshot.packages["django"].released is None
    assert snapshot.packages["fastapi"].released == "2026-11"
    assert "Django==6.0.1 given with --add" in snapshot.source


def test_refresh_usage_errors_exit_2(root: Path):
    assert main(["--root", str(root), "releases", "refresh", "--add", "pip==26.3"]) == 2
    assert main(["--root", str(root), "releases", "refresh", "--from-list", str(root / "nope.tsv")]) == 2
    assert main(["--root", str(root), "releases"]) == 2


def test_the_scheduled_workflow_refreshes_and_opens_a_pull_request_with_minimal_permissions():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/scheduled-checks.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["refresh-releases"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    script = "\n".join(step.get("run", "") for step in job["steps"])
    assert ".venv/bin/stackguides releases refresh" in script
    assert "git diff --quiet -- data/releases.yml" in script  # no change, no pull request
    assert "git add data/releases.yml" in script and "gh pr create" in script


def test_the_texts_gathered_while_loading_are_every_text_with_a_digit():
    """The version check reads the texts the loader gathered instead of walking each file again."""
    from stackguides.load.yaml_document import load_document
    from stackguides.validate.text import strings_in

    checked = 0
    for path in sorted((ROOT / "data").rglob("*.yml")):
        document, errors = load_document(str(path), path.read_bytes())
        assert document is not None, errors
        expected = [
            (where, text) for where, text in strings_in(document.data) if any(c.isdecimal() for c in text)
        ]
        assert document.numbered_texts == expected, path
        checked += len(expected)
    assert checked > 500
