"""Helpers for browser tests: serve a built site on 127.0.0.1, launch Debian's Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


class _GzipHandler(_QuietHandler):
    """Compresses text responses when asked, as GitHub Pages does (for realistic page weights)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if (
            not wants_gzip
            or path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve a built site over HTTP on 127.0.0.1 until the generator is closed."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Words (runs between spaces, or ending in a hyphen, where a line may break) of the links in a
# page's data tables whose characters land on more than one line: "Djang|o" is one, "aio-|pika" is not.
WORDS_BROKEN_ACROSS_LINES = """
() => {
  const broken = [];
  document.querySelectorAll("table.sg-table a").forEach((link) => {
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".sg-sr-only")) continue;
      const words = /[^\\s-]+-*/g;
      for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))
        );
        if (lines.size > 1) broken.push(link.textContent.trim() + ": " + match[0]);
      }
    }
  });
  return broken;
}
"""
