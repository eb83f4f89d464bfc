"""Builds and the preview under stress: killed, concurrent, aborted and hammered, the site stays whole."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from stackguides.outputs.site_swap import publish, remove_stale_staging, staging_dir

from conftest import ENV, MKDOCS, make_project, make_project_with_own_code, mkdocs_build, write
from serve_tools import MOUNT, Server

TOOL_PAGES = ("tools/fastapi/index.html", "tools/flask/index.html", "tools/django/index.html")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by relative path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_whole(site: Path, expected_names: set[str]) -> None:
    """The site holds every file of a complete build, and every page is a complete document."""
    files = site_files(site)
    assert set(files) == expected_names
    for name in TOOL_PAGES:
        assert files[name].rstrip().endswith(b"</html>"), name


def staging_folders(project: Path) -> list[Path]:
    return sorted(project.glob(".site.staging-*"))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A project with one good build in site/ (and a marker file that only the old site has)."""
    project = make_project(tmp_path / "project")
    assert mkdocs_build(project).returncode == 0
    (project / "site" / "OLD-SITE").write_text("the last good build")
    return project


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one_whole(built: Path):
    old = site_files(built / "site")
    new_names = set(old) - {"OLD-SITE"}
    outcomes = set()
    for delay in (0.1, 0.4, 0.8, 1.2, 1.6, 2.5, 4.0):
        process = subprocess.Popen(
            [*MKDOCS, "build", "--strict"],
            cwd=built,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        site = built / "site"
        if (site / "OLD-SITE").exists():
            assert site_files(site) == old, f"killed after {delay} s: the old site changed"
            outcomes.add("old")
        else:
            assert_whole(site, new_names)
            outcomes.add("new")
            (site / "OLD-SITE").write_text("the last good build")
            old = site_files(site)
    assert "old" in outcomes  # the kills did land during builds
    assert mkdocs_build(built).returncode == 0  # the next build cleans up what the killed ones left
    assert staging_folders(built) == []


@pytest.mark.slow
def test_two_builds_at_once_on_one_checkout_both_succeed_and_leave_one_whole_site(built: Path):
    expected = set(site_files(built / "site")) - {"OLD-SITE"}
    processes = [
        subprocess.Popen(
            [*MKDOCS, "build", "--strict"],
            cwd=built,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [process.communicate(timeout=300)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], errors
    assert_whole(built / "site", expected)
    assert staging_folders(built) == []


@pytest.mark.slow
def test_a_build_aborted_by_a_strict_warning_publishes_nothing(built: Path):
    """The strict check runs after every file is written; the staging folder is thrown away."""
    old = site_files(built / "site")
    (built / "docs").unlink()
    (built / "docs").mkdir()
    for page in (Path(__file__).parents[1] / "docs").glob("*.md"):
        (built / "docs" / page.name).write_text(page.read_text())
    (built / "docs" / "assets").symlink_to(Path(__file__).parents[1] / "docs" / "assets")
    (built / "docs" / "about.md").write_text("# About\n\n[broken](nowhere.md)\n")
    result = mkdocs_build(built)
    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert site_files(built / "site") == old
    assert staging_folders(built) == []


def test_stale_staging_folders_of_dead_builds_are_removed(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    dead = tmp_path / ".site.staging-999999-0123abcd"  # no such process
    dead.mkdir()
    mine = staging_dir(site)  # this process is alive: its folder stays
    assert remove_stale_staging(site) == []
    assert not dead.exists() and mine.exists()
    (mine / "index.html").write_text("new")
    publish(mine, site)
    assert (site / "index.html").read_text() == "new" and not mine.exists()


# -- The preview, hammered --------------------------------------------------------------------


@pytest.mark.server
def test_the_preview_answers_200_clients_during_repeated_saves_without_half_built_pages(project: Path):
    """200 clients on loopback, for a bounded time, while a data file is saved again and again."""
    server = Server(project)
    try:
        server.wait_until_up()
        server.wait_for(lambda html: "FastAPI" in html, "/tools/fastapi/", timeout=90)
        stop = threading.Event()
        failures: list[str] = []
        answered = [0]
        lock = threading.Lock()

        def client(number: int) -> None:
            paths = ("/tools/fastapi/", "/", "/categories/web-frameworks/", "/tools/flask/")
            while not stop.is_set():
                path = paths[number % len(paths)]
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{server.port}{MOUNT}{path}", timeout=30
                    ) as response:
                        body = response.read().decode()
                        complete = response.status == 200 and body.rstrip().endswith("</html>")
                except (urllib.error.URLError, OSError) as error:
                    complete, body = False, repr(error)
                with lock:
                    answered[0] += 1
                    if not complete:
                        failures.append(f"{path}: {body[:200]}")

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(200)]
        for thread in threads:
            thread.start()
        tool = (project / "data" / "tools" / "fastapi.yml").read_text()
        for save in range(5):
            write(
                project / "data",
                "tools/fastapi.yml",
                tool.replace("An async-first", f"Save {save}, an async-first"),
            )
            server.wait_for(
                lambda html, s=save: f"Save {s}, an async-first" in html, "/tools/fastapi/", timeout=120
            )
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        assert failures == []
        assert answered[0] >= 400
    finally:
        log = server.stop()
    assert "Traceback" not in log


@pytest.mark.server
def test_a_page_that_cannot_be_drawn_shows_as_an_error_in_the_preview_and_recovers(tmp_path: Path):
    """A template edit that breaks drawing (here an unknown field) is shown like a data error."""
    project = make_project_with_own_code(tmp_path / "project")
    template = project / "overrides" / "stackguides" / "tool.jinja.md"
    good = template.read_text()
    server = Server(project)
    try:
        server.wait_until_up()
        assert "Tiny core that is quick to learn." in server.get("/tools/flask/")
        template.write_text(good.replace("{{ m.reviewed(data.reviewed) }}", "{{ data.no_such_field }}"))
        html = server.wait_for(lambda page: "sg-data-errors" in page, "/tools/flask/")
        assert "data/tools/flask.yml: its page could not be drawn (UndefinedError:" in html
        assert "Tiny core that is quick to learn." in html  # the page as last drawn
        template.write_text(good)
        server.wait_for(
            lambda page: "sg-data-errors" not in page and "Last reviewed" in page, "/tools/flask/"
        )
        assert set(server.answers) == {200}
    finally:
        log = server.stop()
    assert "Traceback" not in log
