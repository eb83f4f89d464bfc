"""A real `mkdocs serve` started for a test, and the answers it gave."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ENV, MKDOCS

MOUNT = "/stack-guides"  # mkdocs serve mounts the site at site_url's path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `mkdocs serve` and every answer it gave."""

    def __init__(self, project: Path, env: dict[str, str] | None = None):
        self.port = free_port()
        # Readable while the server runs; closed by stop().
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env={**ENV, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            text=True,
        )
        self.answers: list[int] = []

    def log(self) -> str:
        """What the server has logged so far (everything, once it is stopped)."""
        if self._log.closed:
            return self._final_log
        self._log.seek(0)
        return self._log.read()

    def wait_for_search_index(self, timeout: float = 60) -> None:
        """Wait until no background search indexing is under way (each one started has ended)."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log()
            started = log.count("Search index: Pagefind is indexing")
            ended = log.count("Search index written by Pagefind") + log.count("Search index: stopped")
            ended += log.count("Search index: Pagefind's output") + log.count("Pagefind failed")
            if started and ended >= started:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the search index was not written within {timeout} s:\n{log}")
            time.sleep(0.1)

    def get(self, path: str = "/") -> str:
        """GET a page; every request must be answered within 5 seconds."""
        url = f"http://127.0.0.1:{self.port}{MOUNT}{path}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                self.answers.append(response.status)
                return response.read().decode()
        except urllib.error.HTTPError as error:  # an answer too (e.g. 404 before a page exists)
            self.answers.append(error.code)
            return error.read().decode()

    def wait_for(self, predicate, path: str = "/", timeout: float = 60) -> str:
        """Poll ``path`` (the server must answer each time) until ``predicate(html)`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            html = self.get(path)
            if predicate(html):
                return html
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting on {path}; last page:\n{html[:2000]}")
            time.sleep(0.3)

    def wait_until_up(self, timeout: float = 90) -> None:
        """Wait for the first build to be served (the server must not exit meanwhile)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.get("/")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("mkdocs serve did not start:\n" + self.stop()) from None
                time.sleep(0.3)

    def stop(self) -> str:
        """Stop the server; return everything it logged."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if not self._log.closed:
            self._final_log = self.log()
            self._log.close()
        return self._final_log
