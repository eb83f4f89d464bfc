"""Find the data files under ``data/``, refusing anything that is not a plain file where one belongs.

A pull request can add more than YAML: symbolic links (to files outside the
repository, to each other in a loop, to nothing), FIFOs that would block a
reader forever, folders nested where files belong, names Windows cannot
check out, names with a line break in them. Each is reported once with a
message naming the path and the fix; none is opened or followed. Only
regular files with a valid id and a ``.yml`` extension, directly in their
kind's folder, are read.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from stackguides.errors import DataError
from stackguides.kinds import KINDS
from stackguides.releases import SNAPSHOT_FILE
from stackguides.validate.models import ID_PATTERN

ID_MAX_LENGTH = 64
_FILE_NAME = re.compile(ID_PATTERN.strip("^$") + r"\.yml")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
_IGNORED = {".gitkeep"}


@dataclass(frozen=True)
class DataFile:
    """A data file that may be read: its kind, id, path on disk and the path shown in messages."""

    kind: str
    id: str
    path: Path
    display: str


def shown(name: str) -> str:
    """A file or folder name as messages show it: characters that are not printable are escaped."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)


def _suggested_id(name: str) -> str:
    stem = name[: -len(".yml")] if name.endswith(".yml") else name.rsplit(".", 1)[0]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:ID_MAX_LENGTH] or "my-entry"


def _not_a_plain_file(mode: int) -> str | None:
    if stat.S_ISLNK(mode):
        return (
            "is a symbolic link; data files must be real files in the repository (links are never "
            "followed). Replace the link with the file itself"
        )
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        what = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device"
        )
        return f"is {what}, not a file; remove it"
    return None


def _name_problem(kind: str, name: str, reserved: dict[str, str]) -> str | None:
    """Why a file in ``data/<kind>/`` is not a readable data file, or ``None``."""
    if name.endswith(".yaml"):
        return f"data files end in `.yml`; rename the file to `{_suggested_id(name[: -len('.yaml')] + '.yml')}.yml`"
    if not name.endswith(".yml"):
        return f"only `.yml` files are read in data/{kind}/; remove this file or move it out of data/"
    entry_id = name[: -len(".yml")]
    if len(entry_id) > ID_MAX_LENGTH:
        return (
            f"the id is {len(entry_id)} characters long; ids are at most {ID_MAX_LENGTH} "
            f"(for example `{_suggested_id(name)}.yml`)"
        )
    if not _FILE_NAME.fullmatch(name):
        return (
            "the file name is not a valid id: use lowercase letters, digits and single "
            f"hyphens, ending in .yml (for example `{_suggested_id(name)}.yml`)"
        )
    if entry_id in _WINDOWS_RESERVED:
        return (
            f"`{entry_id}` is a reserved device name on Windows, where the file could not be checked "
            f"out; rename it (for example `{entry_id}-{kind[:3]}.yml`)"
        )
    if entry_id in reserved:
        return (
            f"the id `{entry_id}` is reserved for {reserved[entry_id]}; rename the file "
            f"(for example `{entry_id}-{KINDS[kind].singular}.yml`)"
        )
    return None


def find_data_files(base: Path, data_dir: str) -> tuple[list[DataFile], list[DataError]]:
    """Every readable data file under ``base`` (sorted), and an error for everything else found there."""
    kinds = list(KINDS)
    files: list[DataFile] = []
    errors: list[DataError] = []

    def refuse(relative: str, message: str) -> None:
        errors.append(DataError(f"{data_dir}/{shown(relative)}", 0, 0, "", message))

    for child in sorted(os.scandir(base), key=lambda e: e.name):
        mode = child.stat(follow_symlinks=False).st_mode
        problem = _not_a_plain_file(mode)
        if problem:
            refuse(child.name, problem)
        elif stat.S_ISDIR(mode):
            if child.name not in kinds and not child.name.startswith("."):
                refuse(child.name, "unknown data folder; the folders are: " + ", ".join(kinds))
        elif child.name == SNAPSHOT_FILE:
            continue  # the release snapshot, read by load/releases.py (the one file allowed here)
        elif child.name not in _IGNORED:
            refuse(
                child.name,
                "files directly in data/ are not read; move it into the folder of its kind: "
                + ", ".join(f"data/{kind}/" for kind in kinds),
            )
    for kind in kinds:
        folder = base / kind
        if not folder.is_dir() or folder.is_symlink():
            continue
        for child in sorted(os.scandir(folder), key=lambda e: e.name):
            relative = f"{kind}/{child.name}"
            mode = child.stat(follow_symlinks=False).st_mode
            problem = _not_a_plain_file(mode)
            if problem:
                refuse(relative, problem)
            elif stat.S_ISDIR(mode):
                refuse(
                    relative,
                    f"folders inside data/{kind}/ are not read; move its files up into data/{kind}/",
                )
            elif child.name in _IGNORED:
                continue
            elif child.name.startswith("."):
                refuse(relative, "hidden files are not read; remove it, or rename it without the leading dot")
            else:
                name_problem = _name_problem(kind, child.name, KINDS[kind].reserved_ids)
                if name_problem:
                    refuse(relative, name_problem)
                else:
                    files.append(
                        DataFile(kind, child.name[: -len(".yml")], Path(child.path), f"{data_dir}/{relative}")
                    )
    return files, errors


def read_data_file(file: DataFile, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a data file, opened without following a link or blocking on a FIFO.

    The file was a regular file when it was found; ``O_NOFOLLOW | O_NONBLOCK``
    keeps a swap for a link or a pipe since then from being followed or hung on,
    and the limit keeps a huge file from being read whole (the loader reports it).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(file.path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{file.display} is no longer a regular file")
        return handle.read(limit + 1)
