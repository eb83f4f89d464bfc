"""Parallel page rendering and the preview's render cache.

The core pieces run for real (forked processes, real logging); the MkDocs
side is checked by building the same project with and without workers and
comparing every byte of the two sites.
"""

from __future__ import annotations

import filecmp
import json
import logging
import os
import re
from pathlib import Path

import pytest

from stackguides.adapter.render_cache import RenderCache, source_digest
from stackguides.log_records import recorded_logs
from stackguides.parallel import map_in_order, workers_for

from conftest import ENV, make_project, make_project_with_own_code, mkdocs_build

pytestmark = pytest.mark.slow  # several builds with and without workers

log = logging.getLogger("stackguides.test_parallel")


def _square_in_worker(number: int) -> tuple[int, int]:
    if number == 99:
        os._exit(1)  # the worker dies, as under the out-of-memory killer
    if number == 13:
        raise ValueError("thirteen is refused")
    if number % 10 == 0:
        log.warning("round number %d", number)
    return number * number, os.getpid()


def test_results_come_back_in_order_from_other_processes():
    outcomes = list(map_in_order(_square_in_worker, list(range(40)), workers=2))

    assert [o.value[0] for o in outcomes if o.error is None] == [n * n for n in range(40) if n != 13]
    worker_pids = {o.value[1] for o in outcomes if o.error is None}
    assert os.getpid() not in worker_pids
    assert 1 <= len(worker_pids) <= 2


def test_an_error_belongs_to_its_item_only():
    outcomes = list(map_in_order(_square_in_worker, [12, 13, 14], workers=2))

    assert [o.error for o in outcomes] == [None, "ValueError: thirteen is refused", None]
    assert outcomes[2].value[0] == 196


def _unpicklable_at_five(number: int):
    return (lambda: number) if number == 5 else number


def test_a_value_that_does_not_pickle_fails_its_slice_only():
    outcomes = list(map_in_order(_unpicklable_at_five, list(range(40)), workers=2))

    failed = [n for n, outcome in enumerate(outcomes) if outcome.error]
    assert 5 in failed and len(failed) < 10, "only the slice holding item 5"
    assert all("pickle" in outcomes[n].error.lower() for n in failed)
    assert all(outcomes[n].value == n for n in range(40) if n not in failed)


def test_a_worker_that_dies_fails_the_items_not_done_and_nothing_hangs():
    outcomes = list(map_in_order(_square_in_worker, [1, 2, 99, 4], workers=2))

    assert len(outcomes) == 4
    assert outcomes[2].error == "a worker process died (killed, or out of memory)"


def test_what_a_worker_logs_comes_back_with_its_item_and_is_not_printed_there(capfd):
    outcomes = list(map_in_order(_square_in_worker, [9, 10, 11, 20], workers=2))

    assert [[r.getMessage() for r in o.records] for o in outcomes] == [
        [],
        ["round number 10"],
        [],
        ["round number 20"],
    ]
    assert all(r.levelno == logging.WARNING and r.process != os.getpid() for o in outcomes for r in o.records)
    assert "round number" not in capfd.readouterr().err


def _warn_on_a_logger_without_handlers(number: int) -> int:
    logging.getLogger("stackguides.test_parallel.bare").warning("bare %d", number)
    return number


def test_a_record_meant_for_the_last_resort_output_comes_back_too(monkeypatch):
    monkeypatch.setattr(
        logging.getLogger(), "handlers", []
    )  # as in `mkdocs build`: nothing on the root logger
    monkeypatch.setattr(logging.getLogger("stackguides"), "handlers", [])

    outcomes = list(map_in_order(_warn_on_a_logger_without_handlers, [1, 2], workers=2))

    assert [[r.getMessage() for r in o.records] for o in outcomes] == [["bare 1"], ["bare 2"]]


def test_a_record_seen_by_two_loggers_is_recorded_once():
    parent, child = logging.getLogger("sg_test_parent"), logging.getLogger("sg_test_parent.child")
    parent.addHandler(logging.NullHandler())
    child.addHandler(logging.NullHandler())
    try:
        with recorded_logs() as records:
            child.warning("once")
    finally:
        parent.handlers, child.handlers = [], []

    assert [record.getMessage() for record in records] == ["once"]


def test_the_workers_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("STACKGUIDES_WORKERS", "3")
    assert workers_for(1, worth_it_from=100) == 3
    monkeypatch.delenv("STACKGUIDES_WORKERS")
    assert workers_for(1, worth_it_from=100) == 1
    assert workers_for(100, worth_it_from=100) == len(os.sched_getaffinity(0))
    monkeypatch.setenv("STACKGUIDES_WORKERS", "two")
    with pytest.raises(ValueError, match="STACKGUIDES_WORKERS must be a whole number from 1, not 'two'"):
        workers_for(100, worth_it_from=100)


def test_the_cache_gives_back_only_what_was_rendered_from_the_same_source_and_build_inputs():
    cache = RenderCache()
    cache.start_build("config-1")
    cache.put("tools/flask.md", source_digest("# Flask"), "<h1>Flask</h1>")

    assert cache.get("tools/flask.md", "# Flask") == "<h1>Flask</h1>"
    assert cache.get("tools/flask.md", "# Flask 3") is None
    assert cache.get("tools/django.md", "# Flask") is None
    cache.start_build("config-1")
    assert cache.get("tools/flask.md", "# Flask") == "<h1>Flask</h1>"
    assert cache.take("tools/flask.md", "# Flask") == "<h1>Flask</h1>"
    assert cache.get("tools/flask.md", "# Flask") is None, "taken means gone"
    cache.put("tools/flask.md", source_digest("# Flask"), "<h1>Flask</h1>")
    cache.start_build("config-2")
    assert cache.get("tools/flask.md", "# Flask") is None
    assert len(cache) == 0


def _different_files(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [str(Path(left.name) / name) for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [str(left / name) for name in mismatch + errors]
    for name in comparison.common_dirs:
        found += _different_files(left / name, right / name)
    return found


def test_a_build_with_workers_is_byte_identical_to_a_serial_build(tmp_path: Path):
    project = make_project(tmp_path / "project")
    serial = mkdocs_build(
        project, "--site-dir", str(tmp_path / "serial"), env={**ENV, "STACKGUIDES_WORKERS": "1"}
    )
    parallel = mkdocs_build(
        project, "--site-dir", str(tmp_path / "parallel"), env={**ENV, "STACKGUIDES_WORKERS": "2"}
    )

    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert "worker processes" not in serial.stderr
    assert "generated pages in 2 worker processes" in parallel.stderr
    assert re.search(r"Applied the theme to [0-9,]+ generated pages in 2 worker processes", parallel.stderr)
    differences = _different_files(tmp_path / "serial", tmp_path / "parallel")
    assert [name for name in differences if "sitemap.xml" not in name] == []


def test_with_another_plugin_the_theme_is_applied_by_mkdocs_itself(tmp_path: Path):
    """Material's search collects its entries in page events: they must run where the index is written."""
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "\nplugins: []\n" in text
    config.unlink()  # the symbolic link to the repository's file
    config.write_text(text.replace("\nplugins: []\n", "\nplugins:\n  - search\n"))

    result = mkdocs_build(project, env={**ENV, "STACKGUIDES_WORKERS": "2"})

    assert result.returncode == 0, result.stderr
    assert "Applying the theme serially: the plugins material/search see every page" in result.stderr
    index = json.loads((project / "site" / "search" / "search_index.json").read_text())
    locations = {entry["location"] for entry in index["docs"]}
    assert "tools/flask/" in locations, sorted(locations)[:20]


def test_a_warning_raised_while_a_worker_renders_still_fails_the_strict_build(tmp_path: Path):
    """A broken link in a template (validation cannot see it) warns once, from a worker, and fails."""
    project = make_project_with_own_code(tmp_path / "project")
    template = project / "overrides" / "stackguides" / "tool.jinja.md"
    template.write_text(template.read_text() + "\n[nowhere](../tools/no-such-tool.md)\n")

    result = mkdocs_build(project, env={**ENV, "STACKGUIDES_WORKERS": "2"})

    assert result.returncode == 1
    assert result.stderr.count("contains a link '../tools/no-such-tool.md'") == 4  # one per tool page
    assert "Aborted with 4 warnings in strict mode!" in result.stdout + result.stderr


def test_a_bad_workers_setting_stops_the_build_with_a_message(tmp_path: Path):
    project = make_project(tmp_path / "project")

    result = mkdocs_build(project, env={**ENV, "STACKGUIDES_WORKERS": "0"})

    assert result.returncode == 1
    assert "STACKGUIDES_WORKERS must be a whole number from 1, not '0'" in result.stderr
    assert "Traceback" not in result.stderr
