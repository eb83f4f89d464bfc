"""The load stage: read every data file, validate it, cross-check the lot, and return the catalog.

``load_catalog`` is the single entry point: it reads ``data/``, reports all
errors of all files in one :class:`DataErrors`, and otherwise returns a
:class:`Catalog` whose cross-references are known to resolve.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stackguides.catalog import Catalog, Entry
from stackguides.errors import DataError, DataErrors
from stackguides.kinds import KINDS
from stackguides.load.files import DataFile, find_data_files, read_data_file
from stackguides.load.releases import load_snapshot, snapshot_display
from stackguides.load.yaml_document import MAX_FILE_BYTES, SourceDocument, load_document
from stackguides.log_records import replay
from stackguides.parallel import map_in_order, workers_for
from stackguides.releases import SNAPSHOT_FILE
from stackguides.validate.messages import validate_model
from stackguides.validate.references import check_references
from stackguides.validate.releases import check_releases

# A Markdown link or reference whose target has no http(s)/mailto scheme; files without one skip
# the link check (most files: it would otherwise walk every string of every entry).
_PAGE_LINK_HINT = re.compile(rb"\]\((?![ \t]*<?(?:https?|mailto):)|\]:[ \t]*(?!<?(?:https?|mailto):)")
# Below this many files, forking workers to parse them costs more than it saves.
MIN_FILES_FOR_WORKERS = 500


@dataclass
class _ParsedFile:
    """One data file read and parsed (not yet validated against its model)."""

    document: SourceDocument | None
    errors: list[DataError] = field(default_factory=list)
    may_link: bool = False  # its text may hold a link to another page


def _parse(file: DataFile) -> _ParsedFile:
    """Read and parse one file: the part of loading that needs nothing but the file itself."""
    try:
        raw = read_data_file(file, MAX_FILE_BYTES)
    except OSError as error:
        return _ParsedFile(
            None,
            [DataError(file.display, 0, 0, "", f"the file could not be read ({error.strerror or error})")],
        )
    document, errors = load_document(file.display, raw)
    return _ParsedFile(document, errors, bool(_PAGE_LINK_HINT.search(raw)))


def _parsed(files: list[DataFile], parallel: bool) -> Iterator[_ParsedFile]:
    """Every file parsed, in order: in forked workers when there are many, while this process validates.

    Parsing YAML is most of loading and each file stands alone, so the workers
    parse and send back plain data and text; validation (whose models would
    cost more to send back than to build) stays here. A file a worker could not
    send back is parsed here.
    """
    try:
        workers = workers_for(len(files), worth_it_from=MIN_FILES_FOR_WORKERS) if parallel else 1
    except ValueError:
        workers = 1  # a bad STACKGUIDES_WORKERS: the build reports it when it renders
    if workers < 2:
        yield from map(_parse, files)
        return
    for file, outcome in zip(files, map_in_order(_parse, files, workers), strict=True):
        if outcome.error is not None:
            yield _parse(file)
        else:
            replay(outcome.records)
            yield outcome.value


def _with_sources(errors: list[DataError], files: dict) -> list[DataError]:
    """Attach each error's source line, reading again only the files that have errors."""
    lines: dict[str, list[str]] = {}
    attached = []
    for error in errors:
        file = files.get(error.file)
        if error.line and file is not None and error.file not in lines:
            try:
                raw = read_data_file(file, MAX_FILE_BYTES)
                lines[error.file] = raw.decode("utf-8-sig", errors="replace").split("\n")
            except OSError:
                lines[error.file] = []
        attached.append(error.with_source(lines[error.file]) if error.file in lines else error)
    return attached


def load_catalog(
    root: Path, data_dir: str = "data", check_releases: bool = True, parallel: bool = True
) -> Catalog:
    """Load and validate every file under ``root / data_dir``.

    Raises :class:`DataErrors` listing every problem in every file. With
    ``check_releases=False`` the pins and version mentions are not compared with
    the release snapshot (``stackguides releases refresh`` loads the data that way,
    to rewrite a snapshot those checks would refuse). ``parallel=False`` parses
    every file in this process (the preview's server, which has threads running,
    must not fork); the result is the same either way.
    """
    # Loading creates millions of small, acyclic objects that all stay alive; the cyclic
    # garbage collector would rescan them again and again (it tripled the time at 10,000
    # tools). Nothing here makes cycles, so collection waits until loading is done.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(root, data_dir, check_releases, parallel)
    finally:
        if was_enabled:
            gc.enable()


def _load_catalog(root: Path, data_dir: str, releases: bool, parallel: bool) -> Catalog:
    base = root / data_dir
    if base.is_symlink() or not base.is_dir():
        problem = "is a symbolic link; make it a real folder" if base.is_symlink() else "does not exist"
        raise DataErrors([DataError(data_dir, 0, 0, "", f"the data folder {problem}")])
    files, errors = find_data_files(base, data_dir)
    loaded: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    on_disk: dict[str, set[str]] = {kind: set() for kind in KINDS}
    may_link: set[tuple[str, str]] = set()  # entries whose text may hold a link between pages
    for file, parsed in zip(files, _parsed(files, parallel), strict=True):
        on_disk[file.kind].add(file.id)
        if parsed.may_link:
            may_link.add((file.kind, file.id))
        if parsed.document is None:
            errors.extend(parsed.errors)
            continue
        data, model_errors = validate_model(parsed.document, KINDS[file.kind].model)
        if data is None:
            errors.extend(model_errors)
            continue
        loaded[file.kind][file.id] = Entry(file.id, file.kind, file.display, data, parsed.document)
    snapshot, snapshot_errors = load_snapshot(base, data_dir)
    catalog = Catalog(**loaded, releases=snapshot)
    errors.extend(check_references(catalog, on_disk, may_link))
    if releases:
        errors.extend(snapshot_errors)
        if not snapshot_errors:
            errors.extend(check_releases(catalog, snapshot, root, snapshot_display(data_dir)))
    if errors:
        readable = {file.display: file for file in files}
        readable[snapshot_display(data_dir)] = DataFile("releases", "releases", base / SNAPSHOT_FILE, "")
        raise DataErrors(_with_sources(errors, readable))
    for entry in catalog.all_entries():
        entry.source.release()
    return catalog
