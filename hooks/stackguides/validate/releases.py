"""Checks against the release snapshot: pins that miss the latest release, and versions that do not exist yet.

* Every tool with ``links.pypi`` must be in ``data/releases.yml``, and its
  ``version`` constraint must admit the latest release there (with a suggested
  constraint that does).
* Version numbers in the text of every kind (notes, examples, pros and cons,
  answers, cells...) that are tied to a known package are compared with its
  latest release: a requirement (``ruff==0.17.6``, ``"fastapi[standard]>=0.165"``,
  ``ruff = "^0.17"``), a pre-commit ``rev:`` after the package's hook
  repository, or a name followed by a dotted version in prose (``uv 0.13.9``,
  ``Django 6.1``). A version above the latest release is an error.

Prose mentions only count a dotted (or ``v``-prefixed) version after a name
that means one package: a name that is also a tool without that package (the
Redis server next to the ``redis`` client) is not read as the package, so
numbers such as "Redis 8.2" or "coverage 80 percent" are never taken for a
package's version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from stackguides.catalog import Catalog, Entry
from stackguides.errors import DataError
from stackguides.load.yaml_document import DIGIT
from stackguides.releases import Release, ReleaseSnapshot, month_label, normalize
from stackguides.validate.text import strings_in

REFRESH = "run `stackguides releases refresh` and commit data/releases.yml"
_LOWER_OPERATORS = (">=", ">", "==", "~=", "===")
_VERSION = r"(?P<version>\d+(?:\.\d+)*+)(?![\w%])"
_REQUIREMENT = re.compile(
    r"(?<![\w.-])(?P<name>[A-Za-z0-9][\w.-]*+)(?<=[A-Za-z0-9])(?:\[[^\]\n]*\])?[ \t]*"
    r"(?P<op>===|==|>=|~=|\^|~|>)[ \t]*v?" + _VERSION
)
_TOML_PIN = re.compile(
    r"(?<![\w.-])[\"']?(?P<name>[A-Za-z0-9][\w.-]*+)(?<=[A-Za-z0-9])[\"']?[ \t]*=[ \t]*[\"']"
    r"(?P<op>===|==|>=|~=|\^|~)?[ \t]*v?" + _VERSION
)
_PROSE = re.compile(r"(?<![\w.-])(?P<name>[A-Za-z][\w.-]*+)(?<=\w)[ ]+(?P<v>v?)" + _VERSION)
_PRE_COMMIT_REPO = re.compile(r"\brepo:[ \t]*[\"']?(?P<url>[^\s\"']+)")
_PRE_COMMIT_REV = re.compile(r"\brev:[ \t]*[\"']?v?" + _VERSION)
_SKIPPED_FIELDS = frozenset({"url", "home", "docs", "repository", "pypi"})  # addresses, not text


def release_when(release: Release) -> str:
    """`` (November 2026)`` after a version, or nothing when the month is unknown."""
    return f" ({month_label(release.released)})" if release.released else ""


def suggested_pin(constraint: SpecifierSet, latest: Version) -> str:
    """A constraint that admits ``latest``: the lower bounds that do, and the next major (or 0.x minor) as the limit."""
    upper = f"<{latest.major + 1}" if latest.major else f"<0.{latest.minor + 1}"
    lowers = [
        str(spec)
        for spec in constraint
        if spec.operator in (">=", ">")
        and _version(spec) is not None
        and spec.contains(latest, prereleases=True)
    ]
    for lower in (lowers[0] if lowers else f">={latest.major}.{latest.minor}", f">={latest}"):
        candidate = f"{lower},{upper}"
        if SpecifierSet(candidate).contains(latest, prereleases=True):
            return candidate
    return f">={latest}"


def _version(spec: Specifier) -> Version | None:
    try:
        return Version(spec.version.removesuffix(".*"))
    except InvalidVersion:
        return None


def pin_problem(version: str, name: str, release: Release) -> str | None:
    """Why a tool's ``version`` constraint does not fit the latest release, or ``None``."""
    try:
        constraint = SpecifierSet(version)
        latest = Version(release.latest)
    except (InvalidSpecifier, InvalidVersion):
        return None  # validation of `version` reports it
    if constraint.contains(latest, prereleases=True):
        return None
    latest_text = f"{latest}{release_when(release)}"
    suggestion = suggested_pin(constraint, latest)
    for spec in constraint:
        bound = _version(spec) if spec.operator in _LOWER_OPERATORS else None
        if bound is not None and (bound > latest or (spec.operator == ">" and bound == latest)):
            return (
                f"the lower bound `{spec}` lies above the latest release of `{name}`, {latest_text}, in "
                f'data/releases.yml; no release satisfies it. Write e.g. "{suggestion}"'
            )
    return (
        f"`{version}` excludes the latest release of `{name}`, {latest_text}, in data/releases.yml; "
        f'check its changelog, then write e.g. "{suggestion}" and update `reviewed`'
    )


@dataclass(frozen=True)
class Mention:
    """A version number tied to a package in a text: where it starts, what it says, which package."""

    offset: int
    text: str
    package: str  # normalised PyPI name
    version: Version


def _pre_commit_package(url: str) -> str:
    """The package a pre-commit hook repository runs: ``astral-sh/ruff-pre-commit`` → ``ruff``."""
    name = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git").lower()
    name = name.removeprefix("mirrors-")
    for suffix in ("-pre-commit-mirror", "-pre-commit-hooks", "-pre-commit"):
        name = name.removesuffix(suffix)
    return normalize(name)


class MentionFinder:
    """Finds version numbers tied to known packages in any text."""

    def __init__(self, packages: set[str], prose_names: dict[str, str]):
        self.packages = packages  # normalised PyPI names, as requirements and pre-commit repos write them
        self.prose_names = prose_names  # normalised word -> package, for "uv 0.13.9" in running text

    @classmethod
    def for_catalog(cls, catalog: Catalog, snapshot: ReleaseSnapshot) -> MentionFinder:
        """The packages of the snapshot, known in prose also by their tools' names and ids."""
        packages = set(snapshot.packages)
        prose: dict[str, str] = {name: name for name in packages}
        ambiguous: set[str] = set()
        for entry in catalog.tools.values():
            package = normalize(entry.data.links.pypi) if entry.data.links.pypi else None
            for word in (normalize(entry.data.name), entry.id):
                if " " in word:
                    continue
                if package in packages:
                    if prose.setdefault(word, package) != package:
                        ambiguous.add(word)
                else:
                    ambiguous.add(word)  # a tool without this package is known by that word too
        return cls(packages, {word: package for word, package in prose.items() if word not in ambiguous})

    def mentions(self, text: str) -> list[Mention]:
        """Every version tied to a known package in ``text``, in order."""
        if not DIGIT.search(text):
            return []
        found: dict[int, Mention] = {}

        def add(match: re.Match, package: str | None, offset: int | None = None) -> None:
            if package is None:
                return
            try:
                version = Version(match.group("version"))
            except InvalidVersion:
                return
            start = match.start() if offset is None else offset
            found.setdefault(start, Mention(start, text[start : match.end()], package, version))

        for pattern in (_REQUIREMENT, _TOML_PIN):
            for match in pattern.finditer(text):
                name = normalize(match.group("name"))
                add(match, name if name in self.packages else None)
        for match in _PROSE.finditer(text):
            if "." in match.group("version") or match.group("v"):
                add(match, self.prose_names.get(normalize(match.group("name"))))
        repos = list(_PRE_COMMIT_REPO.finditer(text))
        for index, repo in enumerate(repos):
            end = repos[index + 1].start() if index + 1 < len(repos) else len(text)
            rev = _PRE_COMMIT_REV.search(text, repo.end(), end)
            package = _pre_commit_package(repo.group("url"))
            if rev and package in self.packages:
                add(rev, package, rev.start())
        return [found[offset] for offset in sorted(found)]


class _Locator:
    """Places an error on the line (and column) of the mention, reading a file only when it has one."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: dict[str, list[str]] = {}

    def error(self, entry: Entry, path: tuple, text: str, mention: Mention, message: str) -> DataError:
        located = entry.source.error(path, message)
        node = entry.source.nodes.get(path)
        style = getattr(node, "style", None)
        line = located.line
        if style == "|":
            line += 1 + text.count("\n", 0, mention.offset)  # a literal block starts below its `|`
        elif "\n" in text:
            return located  # folded text: the value's start is the nearest sure place
        if entry.file not in self.lines:
            try:
                self.lines[entry.file] = (self.root / entry.file).read_text("utf-8-sig").split("\n")
            except (OSError, UnicodeDecodeError):
                self.lines[entry.file] = []
        lines = self.lines[entry.file]
        if 0 < line <= len(lines):
            column = lines[line - 1].find(mention.text, located.column - 1 if line == located.line else 0)
            if column >= 0:
                return DataError(located.file, line, column + 1, located.field, message)
        return located


def _mention_message(mention: Mention, release: Release) -> str:
    return (
        f"`{mention.text}` names {mention.package} {mention.version}, but its latest release in "
        f"data/releases.yml is {release.latest}{release_when(release)}; write a version that exists "
        f"(https://pypi.org/project/{mention.package}/#history lists them), or, if it came out since, {REFRESH}"
    )


def _texts_to_check(entry: Entry) -> list[tuple[tuple, str]]:
    """The entry's texts that may name a version (all hold a digit), addresses left out."""
    numbered = entry.source.numbered_texts
    if numbered is None:  # released (the preview's unchanged entries): walk the data
        return strings_in(entry.source.data, skip=_SKIPPED_FIELDS)
    return [(path, text) for path, text in numbered if _SKIPPED_FIELDS.isdisjoint(path)]


def check_releases(
    catalog: Catalog, snapshot: ReleaseSnapshot | None, root: Path, snapshot_file: str = "data/releases.yml"
) -> list[DataError]:
    """Every pin and version mention that does not fit the snapshot, located in its file."""
    errors: list[DataError] = []
    for entry in catalog.tools.values():
        name = entry.data.links.pypi
        if not name:
            continue
        release = snapshot.release_of(name) if snapshot else None
        if release is None:
            missing = (
                f"there is no {snapshot_file} yet"
                if snapshot is None
                else f"`{name}` is not in {snapshot_file}"
            )
            errors.append(
                entry.source.error(
                    ("links", "pypi"),
                    f"{missing}, so its latest release is unknown; {REFRESH} (a new tool's package is "
                    "added by the refresh)",
                )
            )
            continue
        problem = pin_problem(entry.data.version, name, release)
        if problem:
            errors.append(entry.source.error(("version",), problem))
    if snapshot is None:
        return errors
    finder = MentionFinder.for_catalog(catalog, snapshot)
    locator = _Locator(root)
    for entry in catalog.all_entries():
        for path, text in _texts_to_check(entry):
            if entry.kind == "tools" and path == ("version",):
                continue
            for mention in finder.mentions(text):
                release = snapshot.packages[mention.package]
                if mention.version > Version(release.latest):
                    errors.append(
                        locator.error(entry, path, text, mention, _mention_message(mention, release))
                    )
    return errors
