"""``stackguides releases refresh``: rewrite ``data/releases.yml`` from PyPI's JSON API (or from a list).

The refresh asks ``<index>/pypi/<name>/json`` for each PyPI name the tools use
(eight at a time, each with a timeout), through the same guarded client as the
link checker: the index host is the one the operator named, and a redirect to
any other host is followed only to a public address. Every answer must be good
before anything is written: a server error, a timeout, malformed JSON or an
unknown project leaves the snapshot exactly as it was. The file is written
whole (a temporary file renamed over it), sorted, and only when a fact changed,
so an unchanged index gives no diff and no pull request. Data files are never
touched.

``--from-list FILE`` builds the snapshot offline from a tab-separated list of
the index's projects (name, latest version, month YYYY-MM, ...), as the first
snapshot was: nothing is asked of the registry.
"""

from __future__ import annotations

import csv
import datetime
import http.client
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from pydantic import ValidationError

from stackguides.catalog import Catalog
from stackguides.cli.network_checks import RefusedAddress, fetch_body
from stackguides.errors import DataErrors
from stackguides.load import load_catalog
from stackguides.load.releases import load_snapshot
from stackguides.releases import (
    MONTH_PATTERN,
    SNAPSHOT_FILE,
    Release,
    ReleaseSnapshot,
    changes,
    dump_snapshot,
)
from stackguides.releases import normalize as normalize_name

DEFAULT_INDEX = "https://pypi.org"
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # the largest projects' JSON is a few MB


class RefreshError(Exception):
    """One package whose facts could not be read; the message says what to do."""


def names_in_use(catalog: Catalog) -> dict[str, str]:
    """Each normalised PyPI name the tools use, mapped to the first spelling found (sorted by file)."""
    names: dict[str, str] = {}
    for entry in sorted(catalog.tools.values(), key=lambda e: e.file):
        if entry.data.links.pypi:
            names.setdefault(normalize_name(entry.data.links.pypi), entry.data.links.pypi)
    return dict(sorted(names.items()))


def _files_of(releases: dict, text: str) -> list[dict]:
    files = releases.get(text)
    return [item for item in files if isinstance(item, dict)] if isinstance(files, list) else []


def parse_project(name: str, body: bytes) -> Release:
    """The latest final, not yanked release in a PyPI JSON API answer, with its month and Requires-Python."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise RefreshError(f"`{name}`: the index answered with malformed JSON ({error})") from None
    releases = document.get("releases") if isinstance(document, dict) else None
    if not isinstance(releases, dict):
        raise RefreshError(
            f"`{name}`: the answer has no `releases` mapping; is --index-url a PyPI JSON API "
            "(it serves <index>/pypi/<name>/json)?"
        )
    candidates: list[tuple[Version, str]] = []
    for text in releases:
        try:
            version = Version(text)
        except (InvalidVersion, TypeError):
            continue
        files = _files_of(releases, text)
        if version.is_prerelease or not files or all(item.get("yanked") for item in files):
            continue
        candidates.append((version, text))
    if not candidates:
        raise RefreshError(
            f"`{name}`: the index lists no final release that is not yanked; check `links.pypi`"
        )
    _, text = max(candidates)
    files = [item for item in _files_of(releases, text) if not item.get("yanked")]
    uploaded = sorted(
        str(item.get("upload_time_iso_8601") or item.get("upload_time") or "")[:7] for item in files
    )
    months = [month for month in uploaded if _is_month(month)]
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
    declared = [item.get("requires_python") for item in files if item.get("requires_python")]
    if not declared and info.get("version") == text and info.get("requires_python"):
        declared = [info["requires_python"]]
    requires_python = _specifier(str(declared[0])) if declared else None
    return Release(
        latest=str(Version(text)), released=months[0] if months else None, requires_python=requires_python
    )


def _is_month(text: str) -> bool:
    return re.fullmatch(MONTH_PATTERN, text) is not None


def _specifier(text: str) -> str | None:
    try:
        return str(SpecifierSet(text.strip()))
    except InvalidSpecifier:
        return None  # a Requires-Python pip itself cannot read is not a fact worth showing


def fetch_project(name: str, index_url: str, timeout: float) -> Release:
    """The facts of one project from ``<index_url>/pypi/<name>/json``; raises :class:`RefreshError`."""
    url = f"{index_url.rstrip('/')}/pypi/{quote(name, safe='')}/json"
    trusted = frozenset({urlsplit(index_url).hostname or ""})  # the operator chose this host
    try:
        status, body = fetch_body(url, timeout, MAX_ANSWER_BYTES, trusted_hosts=trusted)
    except RefusedAddress as refusal:
        raise RefreshError(f"`{name}`: {url} was not requested: {refusal}") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise RefreshError(f"`{name}`: {url} did not answer ({getattr(error, 'reason', error)})") from None
    if status == 404:
        raise RefreshError(f"`{name}`: the index has no such project (HTTP 404); check `links.pypi`")
    if status != 200:
        raise RefreshError(f"`{name}`: {url} answered HTTP {status}; try again later")
    return parse_project(name, body)


def from_index(names: Iterable[str], index_url: str, timeout: float) -> tuple[dict[str, Release], list[str]]:
    """The facts of every name from the index, and one message per name that failed."""

    def one(name: str) -> tuple[str, Release | None, str | None]:
        try:
            return name, fetch_project(name, index_url, timeout), None
        except RefreshError as error:
            return name, None, str(error)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(one, sorted(names)))
    packages = {name: release for name, release, _ in results if release is not None}
    return packages, [problem for _, _, problem in results if problem]


def from_list(
    path: Path, names: Iterable[str], added: list[str]
) -> tuple[dict[str, Release], list[str], str]:
    """The facts of every name from a tab-separated list (name, version, month, ...), its newest month,
    and one message per name it cannot give. ``added`` holds ``NAME==VERSION`` for names the list lacks."""
    wanted = set(names)
    packages: dict[str, Release] = {}
    problems: list[str] = []
    newest = ""
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 3 or row[0] == "name":
                continue
            if _is_month(row[2]) and row[2] > newest:
                newest = row[2]
            key = normalize_name(row[0])
            if key in wanted and row[1] and key not in packages:
                try:
                    packages[key] = Release(latest=row[1], released=row[2] if _is_month(row[2]) else None)
                except ValidationError:
                    problems.append(f"`{key}`: the list gives `{row[1]}`, which is not a final version")
    for item in added:
        name, _, version = item.partition("==")
        key = normalize_name(name.strip())
        try:
            packages[key] = Release(latest=str(Version(version.strip())))
        except (InvalidVersion, ValidationError):
            problems.append(f"--add {item}: write NAME==VERSION with a final version, e.g. pip==26.3")
    for key in sorted(wanted - set(packages)):
        problems.append(
            f"`{key}`: the list has no version for it; give one with --add {key}==VERSION "
            f"(`pip index versions {key}` shows it), or refresh from the index"
        )
    if not newest:
        problems.append(f"{path.name} holds no month (YYYY-MM in its third column); is it the right list?")
    return packages, problems, newest


def write_snapshot(path: Path, snapshot: ReleaseSnapshot) -> None:
    """Write the snapshot whole: a temporary file beside it, renamed over it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".releases-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(dump_snapshot(snapshot))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refresh(
    root: Path,
    index_url: str = DEFAULT_INDEX,
    timeout: float = 10.0,
    from_list_file: Path | None = None,
    added: list[str] | None = None,
    today: datetime.date | None = None,
) -> int:
    """Rewrite ``data/releases.yml``; returns the exit code (0 written or unchanged, 1 nothing written)."""
    try:
        catalog = load_catalog(root, check_releases=False)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        print("The snapshot was not changed: fix the data errors above first.", file=sys.stderr)
        return 1
    names = names_in_use(catalog)
    if from_list_file is not None:
        packages, problems, date = from_list(from_list_file, names, added or [])
        source = f"{from_list_file.name}: the index's latest version and month of each project"
        if added:
            source += "; " + ", ".join(added) + " given with --add (month unknown)"
    else:
        packages, problems = from_index(names, index_url, timeout)
        date = (today or datetime.date.today()).isoformat()
        source = f"{index_url.rstrip('/')}/pypi/<name>/json"
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(
            f"The snapshot was not changed ({len(problems)} package(s) could not be read).", file=sys.stderr
        )
        return 1
    path = root / "data" / SNAPSHOT_FILE
    old, _ = load_snapshot(root / "data")
    if old is not None and old.packages == packages:
        print(f"data/{SNAPSHOT_FILE} is up to date ({len(packages)} packages); nothing written.")
        return 0
    new = ReleaseSnapshot(date=date, source=source, packages=packages)
    write_snapshot(path, new)
    for line in changes(old, new):
        print(line)
    print(f"Wrote data/{SNAPSHOT_FILE}: {len(packages)} packages, as of {date}.")
    try:
        load_catalog(root)
    except DataErrors as exc:
        print(
            "The new release facts need changes in the data (a pin or a version in the text):\n"
            + exc.report(),
            file=sys.stderr,
        )
    return 0
