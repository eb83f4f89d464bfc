"""Reload a catalog after a few data files changed, parsing only those files (for the preview).

``load_catalog`` reads, parses and validates every file: right for a build,
and linear in the catalog. After a save during a preview only one or two
files changed; :func:`reload_catalog` parses and validates those again,
keeps every other entry of the previous catalog (and its release snapshot) as
it was, and then runs the cross-file and release checks on the whole result,
as ``load_catalog`` does. A change of ``data/releases.yml`` is not an entry:
the preview rebuilds in full for it.

Anything it cannot vouch for raises :class:`DataErrors` (a file that has
errors, a check that fails, a file added or deleted); the caller then loads
the catalog the usual way, which reports every error with its position.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from stackguides.catalog import Catalog, Entry
from stackguides.errors import DataError, DataErrors
from stackguides.kinds import KINDS
from stackguides.load.files import DataFile, read_data_file
from stackguides.load.loader import _PAGE_LINK_HINT
from stackguides.load.releases import snapshot_display
from stackguides.load.yaml_document import MAX_FILE_BYTES, load_document
from stackguides.validate.messages import validate_model
from stackguides.validate.references import check_references
from stackguides.validate.releases import check_releases

Stamp = tuple[int, int, int]  # (mtime in ns, size, inode)


def stamps(folders: list[Path]) -> dict[str, Stamp]:
    """Every file under ``folders`` (and each folder that is a file) with its modification stamp.

    Symbolic links are listed with their own stamp, never followed into.
    """
    found: dict[str, Stamp] = {}
    for folder in folders:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir():
            found[str(folder)] = (info.st_mtime_ns, info.st_size, info.st_ino)
            continue
        for parent, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(parent, name)
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return found


def changed_paths(before: dict[str, Stamp], after: dict[str, Stamp]) -> tuple[set[str], set[str], set[str]]:
    """(modified, added, removed) paths between two :func:`stamps` results."""
    modified = {path for path, stamp in after.items() if path in before and before[path] != stamp}
    return modified, set(after) - set(before), set(before) - set(after)


@dataclass(frozen=True)
class Reloaded:
    """A reloaded catalog and the entries whose data changed (kind, id), each before and after."""

    catalog: Catalog
    changed: dict[tuple[str, str], tuple[Entry, Entry]]


class CatalogReloader:
    """The last catalog of a preview, with what the cross-file checks need to run again.

    ``may_link`` is recomputed from the files once, when the reloader is made
    from a catalog that ``load_catalog`` loaded.
    """

    def __init__(self, root: Path, catalog: Catalog, data_dir: str = "data"):
        self.root = root
        self.data_dir = data_dir
        self.catalog = catalog
        self.may_link: set[tuple[str, str]] = set()
        for entry in catalog.all_entries():
            try:
                raw = (root / entry.file).read_bytes()
            except OSError:
                continue
            if _PAGE_LINK_HINT.search(raw):
                self.may_link.add((entry.kind, entry.id))

    def entry_for(self, path: str) -> tuple[str, str] | None:
        """(kind, id) of the data file at ``path`` (absolute), or ``None`` if it is not one of the catalog."""
        relative = Path(path).relative_to(self.root).as_posix() if Path(path).is_absolute() else path
        parts = relative.split("/")
        if (
            len(parts) != 3
            or parts[0] != self.data_dir
            or parts[1] not in KINDS
            or not parts[2].endswith(".yml")
        ):
            return None
        key = (parts[1], parts[2][: -len(".yml")])
        return key if key[1] in self.catalog.of_kind(key[0]) else None

    def reload(self, keys: set[tuple[str, str]]) -> Reloaded:
        """The catalog with the files of ``keys`` (kind, id: existing entries) read again.

        Raises :class:`DataErrors` on any error (the caller then loads the catalog in full).
        """
        entries = {kind: dict(self.catalog.of_kind(kind)) for kind in KINDS}
        changed: dict[tuple[str, str], tuple[Entry, Entry]] = {}
        may_link = set(self.may_link)
        for kind, entry_id in sorted(keys):
            old = entries[kind][entry_id]
            file = DataFile(kind, entry_id, self.root / old.file, old.file)
            try:
                raw = read_data_file(file, MAX_FILE_BYTES)
            except OSError as error:
                raise DataErrors(
                    [DataError(old.file, 0, 0, "", f"the file could not be read ({error})")]
                ) from None
            document, errors = load_document(old.file, raw)
            if document is None:
                raise DataErrors(errors)
            data, errors = validate_model(document, KINDS[kind].model)
            if data is None:
                raise DataErrors(errors)
            may_link.discard((kind, entry_id))
            if _PAGE_LINK_HINT.search(raw):
                may_link.add((kind, entry_id))
            new = Entry(entry_id, kind, old.file, data, document)
            entries[kind][entry_id] = new
            if new.data != old.data:
                changed[(kind, entry_id)] = (old, new)
        catalog = Catalog(**entries, releases=self.catalog.releases)  # data/releases.yml: unchanged
        on_disk = {kind: set(entries[kind]) for kind in KINDS}
        errors = check_references(catalog, on_disk, may_link)
        errors += check_releases(catalog, catalog.releases, self.root, snapshot_display(self.data_dir))
        if errors:
            raise DataErrors(errors)
        for kind, entry_id in keys:
            entries[kind][entry_id].source.release()
        self.catalog, self.may_link = catalog, may_link
        return Reloaded(catalog, changed)
