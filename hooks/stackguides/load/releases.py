"""Read the release snapshot, ``data/releases.yml``, with every mistake located in the file.

It is read like a data file (no link followed, no FIFO blocked on, safe YAML
with positions) and validated against :class:`stackguides.releases.ReleaseSnapshot`.
A missing file is not an error here: the release checks report each tool that
needs it, with the command that writes it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from stackguides.errors import DataError
from stackguides.load.files import DataFile, read_data_file
from stackguides.load.yaml_document import load_document
from stackguides.releases import SNAPSHOT_FILE, SNAPSHOT_MAX_BYTES, ReleaseSnapshot, month_number
from stackguides.validate.messages import validate_model

REFRESH_HINT = "run `stackguides releases refresh` to rewrite it"


def snapshot_display(data_dir: str = "data") -> str:
    """The snapshot's path as messages show it, ``data/releases.yml``."""
    return f"{data_dir}/{SNAPSHOT_FILE}"


def load_snapshot(base: Path, data_dir: str = "data") -> tuple[ReleaseSnapshot | None, list[DataError]]:
    """The snapshot under ``base`` (the data folder), or ``None`` if there is none, and its errors."""
    path = base / SNAPSHOT_FILE
    display = snapshot_display(data_dir)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None, []
    if not stat.S_ISREG(mode):
        return None, []  # find_data_files reports a link, FIFO or folder in its place
    try:
        raw = read_data_file(DataFile("releases", "releases", path, display), SNAPSHOT_MAX_BYTES)
    except OSError as error:
        reason = error.strerror or error
        return None, [DataError(display, 0, 0, "", f"the file could not be read ({reason}); {REFRESH_HINT}")]
    document, errors = load_document(display, raw, SNAPSHOT_MAX_BYTES)
    if document is None:
        return None, errors
    snapshot, errors = validate_model(document, ReleaseSnapshot)
    if snapshot is None:
        return None, errors
    assert isinstance(snapshot, ReleaseSnapshot)
    late = [
        document.error(
            ("packages", name, "released"),
            f"{release.released} is after the snapshot's date ({snapshot.date}); {REFRESH_HINT}",
        )
        for name, release in snapshot.packages.items()
        if release.released and month_number(release.released) > month_number(snapshot.date)
    ]
    if late:
        return None, late
    return snapshot, []
