"""The real `mkdocs serve`: breaking a data file shows the errors and the server keeps answering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import write
from serve_tools import Server

pytestmark = pytest.mark.server


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    running = Server(project)
    running.wait_until_up()
    yield running
    running.stop()


def test_a_broken_data_file_shows_its_errors_and_the_server_keeps_answering(server: Server, project: Path):
    """Break, see the error in the page, fix, see the page come back: every request answered."""
    tool_file = project / "data" / "tools" / "flask.yml"
    good = tool_file.read_text()
    assert "Tiny core that is quick to learn." in server.get("/tools/flask/")

    write(project / "data", "tools/flask.yml", good.replace("license: BSD-3-Clause", "license: no"))
    html = server.wait_for(lambda page: "sg-data-errors" in page, "/tools/flask/")
    line = good.splitlines().index("license: BSD-3-Clause") + 1
    assert f"data/tools/flask.yml:{line}:10: license: expected text, got the boolean false" in html
    assert f'<pre class="sg-data-errors__line">{line:>5} | license: no\n      |          ^</pre>' in html
    assert "Tiny core that is quick to learn." in html, "the last good content stays visible"
    assert "sg-data-errors" in server.get("/"), "every page shows the errors"

    tool_file.write_text(good.replace("Tiny core", "Small core"))
    html = server.wait_for(lambda page: "Small core" in page, "/tools/flask/")
    assert "sg-data-errors" not in html
    assert set(server.answers) == {200}


def test_new_data_appears_without_a_restart(server: Server, project: Path):
    """Saving a new tool file adds its page to the running preview."""
    text = (project / "data" / "tools" / "flask.yml").read_text()
    write(project / "data", "tools/quart.yml", text.replace("name: Flask", "name: Quart"))
    html = server.wait_for(lambda page: "<h1" in page and "Quart" in page, "/tools/quart/")
    assert "sg-data-errors" not in html


def test_the_server_survives_deleted_half_written_and_renamed_files(server: Server, project: Path):
    """Each fault shows its error in the browser and the server recovers when the data is good again."""
    data = project / "data"
    flask = data / "tools" / "flask.yml"
    flask_text = flask.read_text()

    def broken(expected: str) -> None:
        html = server.wait_for(lambda page: "sg-data-errors" in page and expected in page, "/tools/fastapi/")
        assert "FastAPI" in html

    def healthy() -> None:
        server.wait_for(lambda page: "sg-data-errors" not in page and "<h1" in page, "/tools/fastapi/")

    flask.unlink()  # deleted: every reference to it fails
    broken("unknown tool `flask`")
    flask.write_text(flask_text)
    healthy()

    flask.write_text(flask_text[: len(flask_text) // 2] + "pros: [unfinished")  # half a file
    broken("data/tools/flask.yml")
    flask.write_text(flask_text)
    healthy()

    category = data / "categories" / "web-frameworks.yml"
    category.rename(data / "categories" / "web.yml")  # a renamed category
    broken("unknown category `web-frameworks`")
    (data / "categories" / "web.yml").rename(category)
    healthy()
    assert set(server.answers) <= {200, 404}


def test_a_rebuild_reuses_unchanged_pages_and_redraws_every_page_that_shows_the_edit(
    server: Server, project: Path
):
    """The preview's incremental rebuild: an edit reaches each page that shows it, the rest is reused."""
    flask = project / "data" / "tools" / "flask.yml"
    old, new = "Small services, internal tools and prototypes.", "Tiny services and quick prototypes."
    assert old in server.get("/categories/web-frameworks/")

    flask.write_text(flask.read_text().replace(old, new))

    server.wait_for(lambda page: new in page, "/tools/flask/")
    for path in ("/categories/web-frameworks/", "/tools/fastapi/", "/tools/django/"):
        html = server.get(path)
        assert new in html and old not in html, path
    log = server.stop()
    # The save is rebuilt incrementally (adapter/incremental.py): only some pages are drawn again.
    drawn = [line.split(": ", 2)[2] for line in log.splitlines() if "Preview: incremental rebuild in" in line]
    assert drawn, log
    again, total = (int(n.replace(",", "")) for n in drawn[-1].split(" pages drawn again")[0].split(" of "))
    assert 0 < again < total, log


def test_a_new_file_is_previewable_from_its_first_save(server: Server, project: Path):
    """While a brand-new file is invalid its page is a placeholder naming the file and its errors, not a 404."""
    flask = (project / "data" / "tools" / "flask.yml").read_text()
    write(
        project / "data",
        "tools/sanic.yml",
        flask.replace("name: Flask", "name: Sanic").replace("pros:", "prso:"),
    )
    html = server.wait_for(lambda page: "Preview: data/tools/sanic.yml" in page, "/tools/sanic/")
    assert "This tool page appears once its file is valid" in html
    assert "unknown key `prso`: did you mean `pros`?" in html
    placeholder_served = len(server.answers)  # before the first rebuild the page may not exist yet (404)
    write(project / "data", "tools/sanic.yml", flask.replace("name: Flask", "name: Sanic"))
    html = server.wait_for(
        lambda page: "Preview:" not in page and "<h1" in page and "Sanic" in page, "/tools/sanic/"
    )
    assert "sg-data-errors" not in html
    assert set(server.answers[placeholder_served:]) == {200}, server.answers  # from the placeholder on
