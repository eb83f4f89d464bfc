"""Scheduled network checks: version drift against PyPI, and dead external links.

These talk to the internet, so they run on a schedule, never in the
pull-request gate. Both take their base URLs as parameters so the tests can
point them at a local HTTP server.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from .catalog import Catalog

USER_AGENT = "stackguides-checks/1 (+https://github.com/stack-guides/stack-guides)"


@dataclass(frozen=True)
class Finding:
    """One problem found by a network check, tied to its data file."""

    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def _get(url: str, timeout: float, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read() if method == "GET" else b""
    except urllib.error.HTTPError as error:
        return error.code, b""


def latest_release(name: str, index_url: str, timeout: float = 10.0) -> Version | None:
    """The newest non-prerelease version of a PyPI project, from its JSON API."""
    status, body = _get(f"{index_url.rstrip('/')}/{name}/json", timeout)
    if status != 200:
        return None
    releases = json.loads(body).get("releases", {})
    versions = []
    for text, files in releases.items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        if not version.is_prerelease and not all(f.get("yanked") for f in files or [{}]):
            versions.append(version)
    return max(versions, default=None)


def check_versions(
    catalog: Catalog, index_url: str = "https://pypi.org/pypi", timeout: float = 10.0
) -> list[Finding]:
    """Tools whose recommended constraint excludes the latest PyPI release."""
    tools = [entry for entry in catalog.tools.values() if entry.data.links.pypi]

    def check(entry) -> Finding | None:
        name = entry.data.links.pypi
        try:
            latest = latest_release(name, index_url, timeout)
        except (OSError, ValueError) as error:
            return Finding(entry.file, f"could not read PyPI for `{name}`: {error}")
        if latest is None:
            return Finding(entry.file, f"PyPI has no release of `{name}`; check `links.pypi`")
        try:
            allowed = SpecifierSet(entry.data.version)
        except InvalidSpecifier:
            return None  # validation reports this
        if latest not in allowed:
            return Finding(
                entry.file,
                f"version `{entry.data.version}` excludes the latest release of `{name}` ({latest}); "
                "review the tool and update `version` and `reviewed`",
            )
        return None

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(check, tools))
    return [finding for finding in results if finding]


def external_links(catalog: Catalog) -> dict[str, set[str]]:
    """Every http(s) link in the data, mapped to the files that use it."""
    links: dict[str, set[str]] = {}

    def collect(value, file: str) -> None:
        if isinstance(value, dict):
            for item in value.values():
                collect(item, file)
        elif isinstance(value, list):
            for item in value:
                collect(item, file)
        elif isinstance(value, str) and value.startswith(("https://", "http://")):
            links.setdefault(value, set()).add(file)

    for entry in catalog.all_entries():
        collect(entry.data.model_dump(mode="json"), entry.file)
    return links


def check_links(catalog: Catalog, timeout: float = 10.0) -> list[Finding]:
    """Links that answer with an error status or not at all."""
    links = external_links(catalog)

    def check(url: str) -> list[Finding]:
        try:
            status, _ = _get(url, timeout, method="HEAD")
            if status in (403, 405, 501):  # some servers refuse HEAD; ask again with GET
                status, _ = _get(url, timeout)
        except (OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return [Finding(file, f"{url} did not answer ({reason})") for file in sorted(links[url])]
        if status >= 400:
            return [Finding(file, f"{url} answered HTTP {status}") for file in sorted(links[url])]
        return []

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = pool.map(check, sorted(links))
    return sorted((f for found in results for f in found), key=lambda f: (f.file, f.message))
