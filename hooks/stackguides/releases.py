"""Release facts: the latest PyPI release of each tool's package, from a committed snapshot.

The snapshot is ``data/releases.yml``, written only by ``stackguides releases
refresh`` (from PyPI's JSON API, or once from a list of the index's latest
versions). It is committed, so builds and validation never touch the network:
pins and version numbers in the text are checked against it, and tool pages
show its facts. This module owns the model, the reading of names and months,
what counts as stale, and the file's exact text (sorted, one package a line,
so a refresh gives a small, stable diff).
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Annotated

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version
from pydantic import AfterValidator, Field, StringConstraints

from stackguides.validate.models import DataModel

SNAPSHOT_FILE = "releases.yml"  # directly in data/
SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024  # machine-written; 10,000 packages take about 1 MB
STALE_AFTER_MONTHS = 24  # a latest release older than this (before the snapshot's date) may be unmaintained
MONTH_PATTERN = r"^(19|20)\d\d-(0[1-9]|1[0-2])$"
NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
HEADER = (
    "# Release facts of the tools' PyPI packages: the latest release, its month and the Python versions\n"
    "# it supports. Written by `stackguides releases refresh`; do not edit by hand (see CONTRIBUTING.md).\n"
)


def normalize(name: str) -> str:
    """A PyPI project name as PEP 503 normalises it: ``Django_REST.framework`` → ``django-rest-framework``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def month_number(month: str) -> int:
    """``"2026-11"`` (or a date ``"2026-11-30"``) as a count of months, for differences."""
    year, number = month.split("-")[:2]
    return int(year) * 12 + int(number) - 1


def month_label(month: str) -> str:
    """``"2026-11"`` → ``"November 2026"``."""
    year, number = month.split("-")[:2]
    return datetime.date(int(year), int(number), 1).strftime("%B %Y")


def _release_version(text: str) -> str:
    try:
        version = Version(text)
    except InvalidVersion:
        raise ValueError(f"`{text}` is not a version number (PEP 440)") from None
    if version.is_prerelease:
        raise ValueError(f"`{text}` is a pre-release; the snapshot holds the latest final release")
    return text


def _specifier(text: str) -> str:
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        raise ValueError(f"`{text}` is not a version constraint such as `>=3.10`") from None
    return text


def _snapshot_date(text: str) -> str:
    try:
        day = (
            datetime.date.fromisoformat(text)
            if len(text) == 10
            else datetime.date.fromisoformat(text + "-01")
        )
    except ValueError:
        raise ValueError(f"`{text}` is not a month (YYYY-MM) or a date (YYYY-MM-DD)") from None
    if day > datetime.date.today():
        raise ValueError(f"`{text}` is in the future; run `stackguides releases refresh` to rewrite the file")
    return text


class Release(DataModel):
    """What the index says about one package's latest release."""

    latest: Annotated[str, StringConstraints(max_length=60), AfterValidator(_release_version)] = Field(
        description="The newest final (not pre-release, not yanked) version."
    )
    released: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)] | None = Field(
        None, description="The month of that release, YYYY-MM, when known."
    )
    requires_python: Annotated[str, StringConstraints(max_length=100), AfterValidator(_specifier)] | None = (
        Field(None, description="Its `Requires-Python`, when it declares one.")
    )


class ReleaseSnapshot(DataModel):
    """The committed release facts: when and where they were taken, and one entry per package."""

    date: Annotated[
        str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$"), AfterValidator(_snapshot_date)
    ] = Field(description="When the facts were taken: YYYY-MM-DD, or YYYY-MM for a monthly list.")
    source: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=r"^[^\n]+$")] = Field(
        description="Where the facts come from."
    )
    packages: dict[Annotated[str, StringConstraints(pattern=NAME_PATTERN, max_length=100)], Release] = Field(
        description="Per PyPI name, normalised as PEP 503 does (lowercase, runs of `-_.` as one `-`)."
    )

    def release_of(self, pypi_name: str) -> Release | None:
        """The facts for a tool's ``links.pypi`` (any spelling PEP 503 treats as the same name)."""
        return self.packages.get(normalize(pypi_name))

    def is_stale(self, release: Release) -> bool:
        """Whether the latest release is more than two years older than the snapshot."""
        if not release.released:
            return False
        return month_number(self.date) - month_number(release.released) > STALE_AFTER_MONTHS


@dataclass(frozen=True)
class ToolRelease:
    """The release facts a tool page and the JSON API show for one tool."""

    name: str  # links.pypi as the tool writes it
    latest: str
    released: str | None  # YYYY-MM
    requires_python: str | None
    stale: bool
    as_of: str  # the snapshot's date

    @property
    def released_label(self) -> str | None:
        """``"November 2026"``, or ``None`` when the month is unknown."""
        return month_label(self.released) if self.released else None

    @property
    def as_of_label(self) -> str:
        """The snapshot's month, ``"November 2026"``."""
        return month_label(self.as_of)

    @property
    def url(self) -> str:
        """The PyPI page of the latest release."""
        return f"https://pypi.org/project/{self.name}/{self.latest}/"

    def as_json(self) -> dict:
        """The facts as the JSON API publishes them (unknown ones left out)."""
        record = {"latest": self.latest, "released": self.released, "requires_python": self.requires_python}
        return {
            **{key: value for key, value in record.items() if value},
            "stale": self.stale,
            "as_of": self.as_of,
        }


def tool_release(snapshot: ReleaseSnapshot | None, pypi_name: str | None) -> ToolRelease | None:
    """The release facts for a tool's PyPI name, or ``None`` (no name, or no snapshot entry)."""
    if snapshot is None or not pypi_name:
        return None
    release = snapshot.release_of(pypi_name)
    if release is None:
        return None
    return ToolRelease(
        pypi_name,
        release.latest,
        release.released,
        release.requires_python,
        snapshot.is_stale(release),
        snapshot.date,
    )


def dump_snapshot(snapshot: ReleaseSnapshot) -> str:
    """The snapshot file's text: a header, then one package a line, sorted; the same facts give the same bytes."""
    lines = [HEADER, f"date: {json.dumps(snapshot.date)}\n", f"source: {json.dumps(snapshot.source)}\n"]
    lines.append("packages:\n" if snapshot.packages else "packages: {}\n")
    for name in sorted(snapshot.packages):
        release = snapshot.packages[name]
        fields = [f"latest: {json.dumps(release.latest)}"]
        if release.released:
            fields.append(f"released: {json.dumps(release.released)}")
        if release.requires_python:
            fields.append(f"requires_python: {json.dumps(release.requires_python)}")
        lines.append(f"  {name}: {{{', '.join(fields)}}}\n")
    return "".join(lines)


def changes(old: ReleaseSnapshot | None, new: ReleaseSnapshot) -> list[str]:
    """What a refresh changes, one line per package: added, removed, or which facts moved."""
    before = old.packages if old else {}
    lines = []
    for name in sorted(set(before) | set(new.packages)):
        if name not in new.packages:
            lines.append(f"removed {name} (no tool names it in links.pypi)")
        elif name not in before:
            lines.append(f"added {name} {new.packages[name].latest}")
        elif before[name] != new.packages[name]:
            moved = [
                f"{field} {getattr(before[name], field) or '(unknown)'} -> {getattr(new.packages[name], field) or '(unknown)'}"
                for field in ("latest", "released", "requires_python")
                if getattr(before[name], field) != getattr(new.packages[name], field)
            ]
            lines.append(f"{name}: " + ", ".join(moved))
    return lines
