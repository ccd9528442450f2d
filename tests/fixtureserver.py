"""Serve the fixture news site on 127.0.0.1 for end-to-end crawl tests.

Usage::

    python -m tests.fixtureserver [--root DIR] [--overlay DIR] [--log FILE] [--port N]

The server binds to 127.0.0.1 on a free port (port 0, or ``--port`` to come back
on a known port after a restart), prints exactly one line,
``http://127.0.0.1:PORT``, to stdout when it is ready, and serves until it gets
SIGTERM or SIGINT. Standard library only.

Behaviour:

* Files come from ``--root`` (default ``tests/fixtures/site``). Files in
  ``--overlay`` take precedence over the root, and paths listed in
  ``OVERLAY/_removed.txt`` answer ``410 Gone``.
* ``{{BASE}}`` in every text response (html, xml, txt, feeds) is replaced with
  the real origin. ``.gz`` files are decompressed, substituted and recompressed
  at serve time, then sent as raw ``application/x-gzip`` bytes.
* ``/dir/`` and ``/dir`` serve ``dir/index.html``; the query string is ignored
  for the file lookup (routes may name a path with its query string).
* ``_routes.json`` in the root (and optionally in the overlay, whose entries win)
  maps a request path to ``status`` (with ``location`` for redirects),
  ``content_type`` (replaces the header exactly, e.g. ``text/html`` without a
  charset) and ``last_modified`` (an HTTP date used instead of the file mtime).
* Every file response carries ``ETag`` (hash of the served bytes) and
  ``Last-Modified``; ``If-None-Match`` / ``If-Modified-Since`` give ``304``.
* Names starting with ``_`` or ``.``, and the top-level ``expected/`` folder,
  are never served.
* ``--log FILE`` appends ``METHOD PATH STATUS BYTES_SENT`` per request.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import json
import signal
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

PLACEHOLDER = b"{{BASE}}"
DEFAULT_ROOT = Path(__file__).resolve().parent / "fixtures" / "site"
HIDDEN_TOP_LEVEL = {"expected"}

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".gz": "application/x-gzip",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".rss", ".atom", ".txt", ".json", ".css", ".js", ".svg"}


class SiteConfig:
    """Where files come from and which paths behave specially."""

    def __init__(self, root: Path, overlay: Path | None = None) -> None:
        self.root = root.resolve()
        self.overlay = overlay.resolve() if overlay else None
        self.routes: dict[str, dict[str, Any]] = {}
        self.removed: set[str] = set()
        self._load_routes(self.root / "_routes.json")
        if self.overlay:
            self._load_routes(self.overlay / "_routes.json")
            removed = self.overlay / "_removed.txt"
            if removed.is_file():
                for raw in removed.read_text(encoding="utf-8").splitlines():
                    entry = raw.strip()
                    if entry and not entry.startswith("#"):
                        self.removed.add(entry)

    def _load_routes(self, path: Path) -> None:
        if path.is_file():
            self.routes.update(json.loads(path.read_text(encoding="utf-8")))

    def find_file(self, url_path: str) -> Path | None:
        """Map a URL path (no query) to a file, overlay first."""
        parts = [p for p in unquote(url_path).split("/") if p]
        if any(p in {".", ".."} or p.startswith((".", "_")) for p in parts):
            return None
        if parts and parts[0] in HIDDEN_TOP_LEVEL:
            return None
        for base in (self.overlay, self.root):
            if base is None:
                continue
            candidate = base.joinpath(*parts) if parts else base
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if candidate.is_file():
                return candidate
        return None


class FixtureHandler(BaseHTTPRequestHandler):
    server_version = "MeridianFixture/1.0"
    protocol_version = "HTTP/1.1"
    config: SiteConfig
    base_url: str
    log_lock = threading.Lock()
    log_file: Any = None

    # -- plumbing ----------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log (``--log`` replaces it)."""

    def _log_request_line(self, status: int, nbytes: int) -> None:
        if self.log_file is None:
            return
        with self.log_lock:
            self.log_file.write(f"{self.command} {self.path} {status} {nbytes}\n")
            self.log_file.flush()

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        send_body = self.command != "HEAD" and status not in (
            HTTPStatus.NOT_MODIFIED,
            HTTPStatus.NO_CONTENT,
        )
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != HTTPStatus.NOT_MODIFIED:
            self.send_header("Content-Length", str(len(body)))
        # Log before end_headers() flushes anything to the client: once a client
        # has seen the response, its line is already in the log.
        self._log_request_line(status, len(body) if send_body else 0)
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)

    def _send_error_page(self, status: int, extra: dict[str, str] | None = None) -> None:
        phrase = HTTPStatus(status).phrase
        body = (
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{status} {phrase}</title></head>\n'
            f"<body><h1>{status} {phrase}</h1><p>The page you requested could not be served.</p>"
            f'<p><a href="/">The Meridian Times home page</a></p></body></html>\n'
        ).encode()
        headers = {"Content-Type": "text/html; charset=utf-8"}
        headers.update(extra or {})
        self._send(status, body, headers)

    # -- request handling --------------------------------------------------

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def _handle(self) -> None:
        split = urlsplit(self.path)
        path = split.path or "/"
        full = path + (f"?{split.query}" if split.query else "")
        config = self.config
        if full in config.removed or path in config.removed:
            self._send_error_page(HTTPStatus.GONE)
            return
        route = config.routes.get(full) or config.routes.get(path) or {}
        status = int(route.get("status", 200))
        if 300 <= status < 400:
            location = str(route["location"]).replace(PLACEHOLDER.decode(), self.base_url)
            if location.startswith("/"):
                location = self.base_url + location
            self._send_error_page(status, {"Location": location})
            return
        if status >= 400:
            self._send_error_page(status)
            return
        file = config.find_file(path)
        if file is None:
            self._send_error_page(HTTPStatus.NOT_FOUND)
            return
        body = self._render(file)
        content_type = route.get("content_type") or CONTENT_TYPES.get(
            file.suffix.lower(), "application/octet-stream"
        )
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if "last_modified" in route:
            last_modified = str(route["last_modified"])
        else:
            last_modified = email.utils.formatdate(int(file.stat().st_mtime), usegmt=True)
        headers = {"Content-Type": content_type, "ETag": etag, "Last-Modified": last_modified}
        if self._not_modified(etag, last_modified):
            self._send(HTTPStatus.NOT_MODIFIED, b"", headers)
            return
        self._send(status, body, headers)

    def _render(self, file: Path) -> bytes:
        data = file.read_bytes()
        base = self.base_url.encode("ascii")
        suffix = file.suffix.lower()
        if suffix == ".gz":
            return gzip.compress(gzip.decompress(data).replace(PLACEHOLDER, base), mtime=0)
        if suffix in TEXT_SUFFIXES:
            return data.replace(PLACEHOLDER, base)
        return data

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                modified = email.utils.parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
            return modified <= since
        return False


class FixtureServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer on 127.0.0.1 that knows its origin and request log."""

    daemon_threads = True

    def __init__(
        self,
        root: Path,
        overlay: Path | None = None,
        log_path: Path | None = None,
        port: int = 0,
    ) -> None:
        config = SiteConfig(root, overlay)

        class BoundHandler(FixtureHandler):
            pass

        BoundHandler.config = config
        super().__init__(("127.0.0.1", port), BoundHandler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"
        BoundHandler.base_url = self.base_url
        self.log_file = log_path.open("a", encoding="utf-8") if log_path is not None else None
        BoundHandler.log_file = self.log_file

    def server_close(self) -> None:
        super().server_close()
        if self.log_file is not None:
            self.log_file.close()
            self.log_file = None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fixtureserver", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=DEFAULT_ROOT,
        help="site directory (default: tests/fixtures/site)",
    )
    parser.add_argument(
        "--overlay", type=Path, default=None, help="directory whose files override the root"
    )
    parser.add_argument(
        "--log", type=Path, default=None, help="append one line per request to this file"
    )
    parser.add_argument(
        "--port", type=int, default=0, help="port to bind (default 0: any free port)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.root.is_dir():
        print(f"fixtureserver: root {args.root} is not a directory", file=sys.stderr)
        return 2
    if args.overlay is not None and not args.overlay.is_dir():
        print(f"fixtureserver: overlay {args.overlay} is not a directory", file=sys.stderr)
        return 2
    server = FixtureServer(args.root, args.overlay, args.log, args.port)
    stop = threading.Event()

    def _on_signal(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
    )
    thread.start()
    print(server.base_url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
