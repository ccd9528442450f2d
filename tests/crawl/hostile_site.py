"""A hostile little site served from a thread: bombs, loops, traps, walls.

Each route is a Python function, so a test can say exactly what a path
answers. One good article at ``/good/<slug>.html`` (a fixture-site page)
proves that the crawl goes on and writes it whatever else the site serves.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import brotli

from tests.fixtureserver import CONTENT_TYPES, PLACEHOLDER, TEXT_SUFFIXES, SiteConfig
from tests.fixturesite import SITE_DIR

GOOD_PAGE = SITE_DIR / "world/2025/10/caspian-ferry-line-resumes-service-after-storm-repairs.html"
GOOD_PATH = "/world/2025/10/caspian-ferry-line-resumes-service-after-storm-repairs.html"
BOMB_SIZE = 64 * 1024 * 1024  # inflates to 64 MiB from ~64 KiB

Response = tuple[int, dict[str, str], bytes]
Route = Callable[[str, dict[str, list[str]], str], Response]


def html(body: str, status: int = 200) -> Response:
    return status, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def links_page(*hrefs: str) -> Response:
    anchors = "".join(f'<li><a href="{h}">link {i}</a></li>' for i, h in enumerate(hrefs))
    return html(f"<html><body><ul>{anchors}</ul></body></html>")


def _good(path: str, query: dict[str, list[str]], base: str) -> Response:
    return html(GOOD_PAGE.read_text(encoding="utf-8").replace("{{BASE}}", base))


def _gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)


def _brotli_bomb() -> bytes:
    return brotli.compress(b"\0" * BOMB_SIZE, quality=5)


class HostileSite:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = {GOOD_PATH: _good, **routes}
        self.hits: list[str] = []
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site.hits.append(self.path)
                parts = urlsplit(self.path)
                route = site.routes.get(parts.path) or site._prefix_route(parts.path)
                if route is None:
                    status, headers, body = html("<html><body>Not found</body></html>", 404)
                else:
                    status, headers, body = route(parts.path, parse_qs(parts.query), site.base)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                # The crawler hanging up on a body it refused is the point, not an error.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

        return Handler

    def _prefix_route(self, path: str) -> Route | None:
        for prefix, route in self.routes.items():
            if prefix.endswith("*") and path.startswith(prefix[:-1]):
                return route
        return None


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[HostileSite]:
    site = HostileSite(routes)
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def robots(path: str, query: dict[str, list[str]], base: str) -> Response:
    return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"


def fixture_site_files(path: str, query: dict[str, list[str]], base: str) -> Response:
    """The fixture news site's own files (sitemaps, feeds, sections, articles, robots.txt),
    served as tests/fixtureserver.py serves them; mount it as the ``"/*"`` route."""
    config = SiteConfig(SITE_DIR)
    route = config.routes.get(path, {})
    if "location" in route:
        return int(route["status"]), {"Location": base + route["location"]}, b""
    file = config.find_file(path)
    if file is None or "status" in route:
        return html("<html><body>Not found</body></html>", int(route.get("status", 404)))
    body = file.read_bytes()
    if file.suffix == ".gz":
        body = gzip.compress(gzip.decompress(body).replace(PLACEHOLDER, base.encode()))
    elif file.suffix in TEXT_SUFFIXES:
        body = body.replace(PLACEHOLDER, base.encode())
    content_type = route.get("content_type") or CONTENT_TYPES.get(file.suffix, "text/plain")
    return 200, {"Content-Type": content_type}, body
