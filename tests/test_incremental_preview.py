"""The real `mkdocs serve` rebuilds only what a save changed, and serves what a full rebuild would.

The site folder of the preview is found through ``TMPDIR`` (MkDocs makes it
with ``tempfile.mkdtemp``), so the tests read the files the server serves.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import make_project_with_own_code, write
from serve_tools import Server

pytestmark = pytest.mark.server


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Server, Path, Path]]:
    """A running preview of a project with its own hooks and templates, its project and its site folder."""
    project = make_project_with_own_code(tmp_path / "project")
    temp = tmp_path / "temp"
    temp.mkdir()
    running = Server(project, env={"TMPDIR": str(temp)})
    running.wait_until_up()
    (site,) = temp.glob("mkdocs_*")
    yield running, project, site
    running.stop()


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def _mtimes(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def _epoch(server: Server) -> int:
    """The build the server now serves (the live-reload script carries its number)."""
    return int(re.search(r"livereload\((\d+),", server.get("/tools/postgresql/"))[1])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_a_save_redraws_only_the_pages_that_show_the_change(preview):
    """The saved tool's page and the pages listing it are rewritten; an unrelated page is not touched."""
    server, project, site = preview
    before = _mtimes(site)
    time.sleep(0.05)  # distinct modification times
    _edit(project / "data" / "tools" / "flask.yml", "Tiny core", "Tiny, well-kept core")
    server.wait_for(lambda page: "Tiny, well-kept core" in page, "/tools/flask/")
    assert "Tiny, well-kept core" in server.get("/categories/web-frameworks/")
    after = _mtimes(site)
    rewritten = {path for path in after if after[path] != before.get(path)}
    assert "tools/flask/index.html" in rewritten
    assert "tools/postgresql/index.html" not in rewritten, "a page that does not show flask"
    assert "about/index.html" not in rewritten, "a hand-written page"
    assert len(rewritten) < len(after) / 2, sorted(rewritten)
    log = server.stop()
    assert "Preview: incremental rebuild" in log, log


def test_the_incremental_site_equals_a_full_rebuild_through_errors_new_and_deleted_files(preview):
    """Saves, a broken file and its fix, a new file and its deletion: then a full rebuild changes no file."""
    server, project, site = preview
    tools = project / "data" / "tools"
    flask = tools / "flask.yml"
    good = flask.read_text()

    _edit(flask, "Tiny core", "Small core")  # incremental
    server.wait_for(lambda page: "Small core" in page, "/tools/flask/")

    _edit(flask, "license: BSD-3-Clause", "license: no")  # errors: a full rebuild shows them
    html = server.wait_for(lambda page: "sg-data-errors" in page, "/tools/flask/")
    assert "Small core" in html, "the last good content stays"
    flask.write_text(good.replace("Tiny core", "Smaller core"))  # recovery
    server.wait_for(lambda page: "Smaller core" in page and "sg-data-errors" not in page, "/tools/flask/")

    write(project / "data", "tools/quart.yml", good.replace("name: Flask", "name: Quart"))  # a new file
    server.wait_for(lambda page: "<h1" in page and "Quart" in page, "/tools/quart/")
    _edit(tools / "quart.yml", "Tiny core", "Async core")  # incremental, on the new page
    server.wait_for(lambda page: "Async core" in page, "/tools/quart/")
    _edit(project / "data" / "guides" / "python-backend.yml", "summary: ", "summary: Guide marker. ")
    server.wait_for(lambda page: "Guide marker. " in page, "/guides/python-backend/")
    (tools / "quart.yml").unlink()  # a deleted file
    server.wait_for(lambda page: "Quart" not in page, "/tools/")
    _edit(
        project / "data" / "categories" / "databases.yml",
        "Where the data lives",
        "Stores. Where the data lives",
    )
    server.wait_for(
        lambda page: "Stores. " in page and "sg-data-errors" not in page, "/categories/databases/"
    )

    server.wait_for_search_index()  # Pagefind runs after each rebuild, in the background
    incremental = _files(site)
    epoch = _epoch(server)
    main_html = project / "overrides" / "main.html"
    main_html.write_text(main_html.read_text())  # a change outside data/: MkDocs rebuilds everything
    deadline = time.monotonic() + 120
    while _epoch(server) == epoch:
        assert time.monotonic() < deadline, "no full rebuild"
        time.sleep(0.3)
    server.wait_for_search_index()
    full = _files(site)
    assert sorted(full) == sorted(incremental)
    differing = [path for path in full if full[path] != incremental[path]]
    assert differing == []
    log = server.stop()
    assert log.count("Preview: incremental rebuild") >= 4, log
    for reason in ("data has errors", "previous build showed data errors", "added, deleted or renamed"):
        assert reason in log, reason
