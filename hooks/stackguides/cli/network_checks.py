"""Scheduled network checks: version drift against PyPI, and dead external links.

These talk to the internet, so they run on a schedule, never in the
pull-request gate. The version check takes its index URL as a parameter and
the link check a ``resolve`` mapping (like curl's ``--resolve``), so the
tests can point them at a local HTTP server.

The links come from pull requests, so the link checker is careful where it
connects: it resolves each host itself, refuses loopback, private,
link-local, multicast and reserved addresses (no request to the runner's own
network or a cloud metadata service), connects to the address it checked
(no second lookup an attacker's DNS could answer differently), and follows
redirects by hand, checking every hop the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from stackguides.catalog import Catalog

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


MAX_REDIRECTS = 5
Resolver = Callable[[str, int], list[str]]


class RefusedAddress(Exception):
    """A link leads to an address the checker will not connect to."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local, ...)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to one checked address, with the certificate verified for the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _request_once(
    url: str, method: str, timeout: float, address: str, max_bytes: int = 0
) -> tuple[int, str | None, bytes]:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPSConnection(
            parts.hostname, address, port, timeout
        )
    else:
        connection = http.client.HTTPConnection(address, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT, "Host": parts.netloc})
        response = connection.getresponse()
        body = response.read(max_bytes + 1) if max_bytes and response.status == 200 else b""
        if len(body) > max_bytes > 0:
            raise OSError(f"the answer is larger than {max_bytes:,} bytes")
        return response.status, response.getheader("Location"), body
    finally:
        connection.close()


def fetch_status(
    url: str,
    method: str = "HEAD",
    timeout: float = 10.0,
    resolver: Resolver = system_resolver,
    trusted_hosts: frozenset[str] = frozenset(),
) -> int:
    """The final HTTP status of ``url``, following redirects only to public addresses.

    Raises :class:`RefusedAddress` for a hop that leads to a non-public address
    (unless its host is one of ``trusted_hosts``), or a scheme other than http(s).
    """
    return _follow(url, method, timeout, resolver, trusted_hosts, 0)[0]


def fetch_body(
    url: str,
    timeout: float = 10.0,
    max_bytes: int = 64 * 1024 * 1024,
    resolver: Resolver = system_resolver,
    trusted_hosts: frozenset[str] = frozenset(),
) -> tuple[int, bytes]:
    """The final HTTP status of a GET of ``url`` and, for a 200, its body (at most ``max_bytes``).

    Redirects are followed as :func:`fetch_status` follows them, every hop checked.
    """
    return _follow(url, "GET", timeout, resolver, trusted_hosts, max_bytes)


def _follow(
    url: str, method: str, timeout: float, resolver: Resolver, trusted_hosts: frozenset[str], max_bytes: int
) -> tuple[int, bytes]:
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RefusedAddress(f"{url} is not an http(s) address")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolver(parts.hostname, port)
        if not addresses:
            raise OSError(f"{parts.hostname} has no address")
        if parts.hostname not in trusted_hosts:
            private = [address for address in addresses if not is_public_address(address)]
            if private:
                raise RefusedAddress(
                    f"{parts.hostname} resolves to {private[0]}, which is not a public address"
                )
        status, location, body = _request_once(url, method, timeout, addresses[0], max_bytes)
        if status not in (301, 302, 303, 307, 308) or not location:
            return status, body
        url = urljoin(url, location)
    raise OSError(f"more than {MAX_REDIRECTS} redirects")


def check_links(
    catalog: Catalog,
    timeout: float = 10.0,
    resolve: dict[str, tuple[str, int]] | None = None,
) -> list[Finding]:
    """Links that answer with an error status, not at all, or lead to a non-public address.

    ``resolve`` maps host names to an (address, port) to use instead of DNS, for
    tests and mirrors; those hosts may be private.
    """
    links = external_links(catalog)
    pinned = dict(resolve or {})

    def resolver(host: str, port: int) -> list[str]:
        if host in pinned and pinned[host][1] == port:
            return [pinned[host][0]]
        return system_resolver(host, port)

    def check(url: str) -> list[Finding]:
        def status_of(method: str) -> int:
            return fetch_status(url, method, timeout, resolver, frozenset(pinned))

        try:
            status = status_of("HEAD")
            if status in (403, 405, 501):  # some servers refuse HEAD; ask again with GET
                status = status_of("GET")
        except RefusedAddress as refusal:
            return [Finding(file, f"{url} was not requested: {refusal}") for file in sorted(links[url])]
        except (OSError, ValueError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", error)
            return [Finding(file, f"{url} did not answer ({reason})") for file in sorted(links[url])]
        if status >= 400:
            return [Finding(file, f"{url} answered HTTP {status}") for file in sorted(links[url])]
        return []

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = pool.map(check, sorted(links))
    return sorted((f for found in results for f in found), key=lambda f: (f.file, f.message))
