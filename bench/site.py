"""A generated news site for the crawl benchmarks, served fast on 127.0.0.1.

Usage (from the repository root)::

    python bench/site.py --articles 3000 [--corpus ../shared/corpus] [--workers 1]

prints ``http://127.0.0.1:PORT`` when ready and serves until SIGTERM/SIGINT.

Article pages are the real news pages of the corpus (cycled), so extraction
costs what it costs on real pages; their links are rewritten to point off-site,
so a crawl follows only the site's own structure. The site has a
``robots.txt`` naming a sitemap index, sitemaps of at most 10,000 URLs, and a
paginated archive (``/archive/N.html``: 20 articles and the next page) for
crawls that discover by links.

Every response is rendered once, up front, and served from memory by a bare
asyncio HTTP/1.1 server (keep-alive, GET only): serving a page costs a dict
lookup and a socket write, so the server never becomes the bottleneck of the
crawl it feeds. ``--workers N`` forks N processes sharing the listening socket.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import re
import signal
import socket
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
PER_SITEMAP = 10_000
PER_ARCHIVE_PAGE = 20
_HREF = re.compile(rb"""(href\s*=\s*["'])(?!https?:|//)""", re.IGNORECASE)


def article_path(i: int) -> str:
    return f"/news/2025/10/story-{i}.html"


def load_corpus(corpus: Path) -> list[bytes]:
    """The corpus pages, their links made absolute and off-site."""
    pages = []
    for path in sorted((corpus / "pages").glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes())
        pages.append(_HREF.sub(rb"\1https://elsewhere.example/", html))
    if not pages:
        raise SystemExit(f"no pages in {corpus / 'pages'}")
    return pages


def _html(title: str, links: list[str]) -> bytes:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><ul>{items}</ul></body></html>"
    ).encode()


def build_site(
    articles: int, corpus: Path, base: str, *, sitemaps: bool = True
) -> dict[str, tuple[bytes, bytes]]:
    """``{path: (content type, body)}`` for every page of the site.

    Without ``sitemaps`` the articles are reachable only through the archive
    pages, so a crawl's frontier stays small (the memory benchmark wants that).
    """
    pages = load_corpus(corpus)
    html = b"text/html; charset=utf-8"
    site: dict[str, tuple[bytes, bytes]] = {}
    for i in range(articles):
        site[article_path(i)] = (html, pages[i % len(pages)])
    site["/robots.txt"] = (b"text/plain", b"User-agent: *\n")
    if sitemaps:
        _add_sitemaps(site, articles, base)
    last = (articles - 1) // PER_ARCHIVE_PAGE
    for n in range(last + 1):
        first = n * PER_ARCHIVE_PAGE
        links = [article_path(i) for i in range(first, min(first + PER_ARCHIVE_PAGE, articles))]
        if n < last:
            links.append(f"/archive/{n + 1}.html")
        site[f"/archive/{n}.html"] = (html, _html(f"Archive page {n}", links))
    site["/"] = (html, _html("Benchmark News", ["/archive/0.html"]))
    return site


def _add_sitemaps(site: dict[str, tuple[bytes, bytes]], articles: int, base: str) -> None:
    xml = b"application/xml"
    sitemaps = []
    for n, start in enumerate(range(0, articles, PER_SITEMAP)):
        urls = "".join(
            f"<url><loc>{base}{article_path(i)}</loc></url>"
            for i in range(start, min(start + PER_SITEMAP, articles))
        )
        site[f"/sitemap-{n}.xml"] = (xml, f'<?xml version="1.0"?><urlset>{urls}</urlset>'.encode())
        sitemaps.append(f"<sitemap><loc>{base}/sitemap-{n}.xml</loc></sitemap>")
    index = f'<?xml version="1.0"?><sitemapindex>{"".join(sitemaps)}</sitemapindex>'
    site["/sitemap.xml"] = (xml, index.encode())
    site["/robots.txt"] = (b"text/plain", f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode())


Reply = tuple[bytes, bytes]  # (status line and headers, body): bodies shared, never copied


def _reply(status: bytes, content_type: bytes, body: bytes) -> Reply:
    head = b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
    return head % (status, content_type, len(body)), body


async def _serve_connection(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    replies: dict[bytes, Reply],
    not_found: Reply,
) -> None:
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            target = request.split(b" ", 2)[1]
            head, body = replies.get(target.split(b"?", 1)[0], not_found)
            writer.writelines((head, body))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def _serve(sock: socket.socket, replies: dict[bytes, Reply]) -> None:
    not_found = _reply(b"404 Not Found", b"text/plain", b"not found")
    server = await asyncio.start_server(
        lambda r, w: _serve_connection(r, w, replies, not_found), sock=sock, backlog=512
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with server:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=1, help="server processes (fork)")
    parser.add_argument(
        "--no-sitemaps", action="store_true", help="articles reachable by archive links only"
    )
    args = parser.parse_args(argv)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(512)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site = build_site(args.articles, args.corpus, base, sitemaps=not args.no_sitemaps)
    replies = {
        path.encode(): _reply(b"200 OK", ctype, body) for path, (ctype, body) in site.items()
    }
    children = []
    for _ in range(args.workers - 1):
        pid = os.fork()
        if pid == 0:
            asyncio.run(_serve(sock, replies))
            os._exit(0)
        children.append(pid)
    print(base, flush=True)
    try:
        asyncio.run(_serve(sock, replies))
    finally:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
