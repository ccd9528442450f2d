"""Extraction of saved pages (``newscrawl extract``): inputs, URLs, order-preserving workers.

Each input gives exactly one output record, in input order: an article, or
an error record (``{"source", "url", "error", "detail"}``) saying why there is
none, so that inputs and outputs line up.
"""

from __future__ import annotations

import asyncio
import gzip
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree, html

from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.extract.urls import UnsupportedURL, check_fetchable
from newscrawl.extract_pool import ExtractPool, WorkerCrashed, WorkerTimeout
from newscrawl.items import Article
from newscrawl.timeutil import utc_now_iso

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


@dataclass(frozen=True, slots=True)
class SavedPage:
    source: str  # the path as given (or "-" for stdin)
    url: str | None  # from --url, a .url sidecar, or None (the page's own canonical link)
    fetched_at: str
    body: bytes | None = None  # None: read lazily from source, in the worker
    error: str | None = None  # set when the input itself could not be used


def _sidecar_url(path: Path) -> str | None:
    for candidate in (Path(f"{path}.url"), path.with_suffix(".url")):
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8", errors="replace").strip()
            return text.splitlines()[0].strip() if text else None
    return None


def _mtime_iso(path: Path) -> str:
    stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(microsecond=0)
    return stamp.isoformat()


def _expand(path: Path) -> list[Path]:
    if path.is_dir():
        found = [
            p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(PAGE_SUFFIXES)
        ]
        return sorted(found)
    return [path]


def iter_saved_pages(paths: Iterable[str], url: str | None = None) -> Iterator[SavedPage]:
    """Inputs in order: files as given, directories expanded (sorted), ``-`` read from stdin."""
    for given in paths:
        if given == "-":
            body = sys.stdin.buffer.read()
            yield SavedPage(source="-", url=url, fetched_at=utc_now_iso(), body=body)
            continue
        path = Path(given)
        if not path.exists():
            yield SavedPage(source=given, url=url, fetched_at=utc_now_iso(), error="not_found")
            continue
        for file in _expand(path):
            yield SavedPage(
                source=str(file),
                url=url or _sidecar_url(file),
                fetched_at=_mtime_iso(file),
            )


def _read(page: SavedPage) -> bytes:
    if page.body is not None:
        return page.body
    data = Path(page.source).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def page_url_from_html(body: bytes) -> str | None:
    """The page's own canonical URL (rel=canonical, else og:url), when it states one."""
    try:
        tree = html.fromstring(body[:500_000])
    except (etree.ParserError, ValueError):
        return None
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        values = [v.strip() for v in tree.xpath(xpath) if v and v.strip()]
        if values:
            return values[0]
    return None


def error_record(page: SavedPage, url: str | None, error: str, detail: str) -> dict[str, Any]:
    return {"source": page.source, "url": url, "error": error, "detail": detail}


def extract_saved(page: SavedPage, options: ExtractOptions) -> dict[str, Any]:
    """One saved page in, one record (article or error) out. Never raises."""
    if page.error == "not_found":
        return error_record(page, page.url, "not_found", f"no such file: {page.source}")
    try:
        body = _read(page)
    except OSError as exc:
        return error_record(page, page.url, "unreadable", f"{type(exc).__name__}: {exc}")
    url = page.url or page_url_from_html(body)
    if not url:
        return error_record(
            page,
            None,
            "no_url",
            "the page states no canonical URL: pass --url or write a .url file next to it",
        )
    try:
        url = check_fetchable(url)
    except UnsupportedURL as exc:
        return error_record(page, url, "bad_url", str(exc))
    try:
        result = extract_article(body, url, fetched_at=page.fetched_at, options=options)
    except Exception as exc:  # noqa: BLE001 - one bad page must not end a batch
        return error_record(page, url, "extract_exception", f"{type(exc).__name__}: {exc}")
    if isinstance(result, Article):
        return replace(result, source=page.source).to_record()
    return error_record(page, url, result.reason, result.detail)


def extract_many(
    pages: Iterable[SavedPage],
    options: ExtractOptions,
    workers: int,
    func: Callable[[SavedPage, ExtractOptions], dict[str, Any]] = extract_saved,
) -> Iterator[dict[str, Any]]:
    """Records in input order; ``workers`` > 0 extracts in that many processes.

    The processes are newscrawl's :class:`ExtractPool` rather than a
    ``ProcessPoolExecutor``, whose ``map`` takes every input at once and loses
    the whole batch when one page kills its worker: here a page that crashes or
    hangs its worker gives an error record of its own, and at most twice
    ``workers`` pages are in flight, so a directory of a million pages streams.
    ``func`` is for tests (pages that crash their worker on purpose). Runs its own
    event loop: call it from a thread where none is running (the CLI's main thread).
    """
    if workers <= 0:
        for page in pages:
            yield func(page, options)
        return
    # The page's own time limit fires first; the pool's kills a worker stuck past it.
    pool = ExtractPool(func, workers, timeout=max(2 * options.time_limit, 1.0))
    loop = asyncio.new_event_loop()
    window: deque[asyncio.Task[dict[str, Any]]] = deque()
    try:
        loop.run_until_complete(_start(pool))
        for page in pages:
            window.append(loop.create_task(_extract_in(pool, page, options)))
            if len(window) >= 2 * workers:
                yield loop.run_until_complete(window.popleft())
        while window:
            yield loop.run_until_complete(window.popleft())
    finally:
        for task in window:
            task.cancel()
        pool.close()
        loop.run_until_complete(asyncio.sleep(0))  # let cancelled tasks finish
        loop.close()


async def _start(pool: ExtractPool) -> None:
    pool.start()


async def _extract_in(
    pool: ExtractPool, page: SavedPage, options: ExtractOptions
) -> dict[str, Any]:
    try:
        return await pool.run(page, options)
    except WorkerCrashed as exc:
        return error_record(page, page.url, "worker_crashed", f"{exc}, twice, on this page")
    except WorkerTimeout:
        detail = f"extraction took over {pool.timeout:g}s; its worker was stopped"
        return error_record(page, page.url, "extract_timeout", detail)
