"""Item pipelines: the only place where extraction meets Scrapy.

FetchedPage -> ExtractPipeline -> Article -> ValidatePipeline -> DedupPipeline
-> LimitPipeline -> feed exports (FEEDS). Each stage drops what it rejects with
a DropItem subclass (see :mod:`newscrawl.exceptions`) and counts the reason
under ``newscrawl/...`` in the crawl stats.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

from scrapy.utils.misc import load_object

from newscrawl.exceptions import (
    DuplicateArticle,
    ExtractionFailed,
    InvalidRecord,
    NotAnArticle,
    OverLimit,
)
from newscrawl.extensions import note_example
from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.extract_pool import ExtractPool, PoolBroken, WorkerCrashed, WorkerTimeout
from newscrawl.items import Article, FetchedPage, Rejection
from newscrawl.schema import validation_errors
from newscrawl.timeutil import parse_instant, parse_since

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class _StatsMixin:
    crawler: Crawler

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def inc(self, key: str) -> None:
        self.stats.inc_value(f"newscrawl/{key}")


def extract_page(page: FetchedPage, options: ExtractOptions) -> Article | Rejection:
    """A FetchedPage in, an Article or Rejection out: runs in a pool worker or in-thread.

    The default of NEWSCRAWL_EXTRACT_FUNCTION; a replacement takes the same arguments
    and must be a module-level function (workers import it by name).
    """
    return extract_article(
        page.body,
        page.url,
        fetched_url=page.fetched_url,
        fetched_at=page.fetched_at,
        content_type=page.content_type,
        hints=page.hints,
        options=options,
    )


class ExtractPipeline(_StatsMixin):
    """Turns FetchedPage items into Articles in a process pool, off the reactor thread.

    Workers: NEWSCRAWL_EXTRACT_WORKERS processes (default one per core; 0 extracts
    on the reactor thread, for debugging). A page that crashes its worker or runs
    over NEWSCRAWL_EXTRACT_TIMEOUT costs that page only (``newscrawl/errors/
    worker_crashed``, ``.../extract_timeout``); see :mod:`newscrawl.extract_pool`.

    Memory is bounded in two places. At most NEWSCRAWL_EXTRACT_MAX_PENDING pages
    are submitted to the pool at once (in a worker or waiting for one); further
    pages wait here, before the pool. Every waiting page keeps its response
    "active" in Scrapy's scraper, and the engine stops handing requests to the
    downloader once active responses exceed SCRAPER_SLOT_MAX_ACTIVE_SIZE bytes:
    so a fast site slows the downloader instead of queueing pages in memory.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        configured = settings.get("NEWSCRAWL_EXTRACT_WORKERS")
        self.workers = (os.cpu_count() or 1) if configured in (None, "") else int(configured)
        self.timeout = settings.getfloat("NEWSCRAWL_EXTRACT_TIMEOUT", 60.0)
        self.max_pending = settings.getint("NEWSCRAWL_EXTRACT_MAX_PENDING", 0) or 2 * self.workers
        self.max_tasks = settings.getint("NEWSCRAWL_EXTRACT_MAX_TASKS_PER_WORKER", 0)
        self.extract: Callable[[FetchedPage, ExtractOptions], Article | Rejection] = load_object(
            settings.get("NEWSCRAWL_EXTRACT_FUNCTION") or extract_page
        )
        self.options = ExtractOptions(
            min_words=settings.getint("NEWSCRAWL_MIN_WORDS", 40),
            max_bytes=settings.getint("DOWNLOAD_MAXSIZE") or ExtractOptions().max_bytes,
            # inside the worker, well before the wait here gives up: the worker is freed
            time_limit=self.timeout / 2,
        )
        self.pool: ExtractPool | None = None
        self._pending: asyncio.Semaphore | None = None
        self._close_task: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def open_spider(self) -> None:
        if self.workers > 0:
            self.pool = ExtractPool(
                self.extract, self.workers, timeout=self.timeout, max_tasks=self.max_tasks
            )
            self.pool.start()
            self._pending = asyncio.Semaphore(self.max_pending)

    async def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        result = await self._extract(item)
        if isinstance(result, Rejection):
            self.inc(f"rejected/{result.reason}")
            note_example(
                self.stats, f"rejected/{result.reason}", f"{item.fetched_url}  {result.detail}"
            )
            raise NotAnArticle(result.reason, f"Not an article ({result}): {item.fetched_url}")
        self.inc("extracted")
        return result

    async def _extract(self, page: FetchedPage) -> Article | Rejection:
        try:
            if self.pool is None:
                return self.extract(page, self.options)
            assert self._pending is not None
            async with self._pending:
                result: Article | Rejection = await self.pool.run(page, self.options)
                return result
        except WorkerTimeout:
            self.inc("errors/extract_timeout")
            raise ExtractionFailed(
                "extract_timeout", f"Extraction took over {self.timeout}s: {page.fetched_url}"
            ) from None
        except PoolBroken as exc:
            # No worker can start (bad NEWSCRAWL_EXTRACT_FUNCTION, broken install): stop.
            self.inc("errors/pool_broken")
            if self._close_task is None:
                assert self.crawler.engine is not None
                logger.error("Closing the crawl: %s", exc)
                self._close_task = asyncio.ensure_future(
                    self.crawler.engine.close_spider_async(reason="extraction_pool_broken")
                )
            raise ExtractionFailed("pool_broken", f"{exc} ({page.fetched_url})") from None
        except WorkerCrashed as exc:
            self.inc("errors/worker_crashed")
            raise ExtractionFailed(
                "worker_crashed", f"Extraction worker died on {page.fetched_url}: {exc}"
            ) from None
        except Exception as exc:  # a bug on one page must not stop the crawl
            self.inc("errors/extract_exception")
            logger.exception("Extraction failed on %s", page.fetched_url)
            raise ExtractionFailed(
                "extract_exception", f"{type(exc).__name__}: {exc} ({page.fetched_url})"
            ) from exc


class ValidatePipeline(_StatsMixin):
    """Checks every record against the JSON Schema shipped in the package."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        errors = validation_errors(item.to_record())
        if errors:
            self.inc("invalid")
            raise InvalidRecord(f"Invalid record for {item.fetched_url}: {'; '.join(errors)}")
        return item


class DedupPipeline(_StatsMixin):
    """Drops an article already written in this crawl, by canonical URL or by content hash.

    Holds only URLs and hashes, never bodies, so memory grows by ~200 bytes per article.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen_urls: set[str] = set()
        self.seen_hashes: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if item.url in self.seen_urls:
            self.inc("duplicates/url")
            raise DuplicateArticle(f"Duplicate URL {item.url} (fetched as {item.fetched_url})")
        if item.content_hash in self.seen_hashes:
            self.inc("duplicates/content")
            raise DuplicateArticle(f"Duplicate content at {item.fetched_url}")
        self.seen_urls.add(item.url)
        self.seen_hashes.add(item.content_hash)
        return item


class LimitPipeline(_StatsMixin):
    """--since for articles found by links (no date before the fetch), and --max-articles.

    The article cap is exact: items beyond it are dropped even when they were
    already in flight when the cap was reached, and the crawl is closed.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        since = crawler.settings.get("NEWSCRAWL_SINCE")
        self.since = parse_since(str(since)) if since else None
        self.max_articles = crawler.settings.getint("NEWSCRAWL_MAX_ARTICLES", 0)
        self.passed = 0
        self._close_task: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if self.since is not None:
            published = parse_instant(item.published)
            if published is not None and published < self.since:
                self.inc("skipped/older_than_since")
                raise OverLimit(f"Published {item.published}, before --since: {item.url}")
        if self.max_articles and self.passed >= self.max_articles:
            self.inc("skipped/over_max_articles")
            raise OverLimit(f"Over --max-articles {self.max_articles}: {item.url}")
        self.passed += 1
        if self.max_articles and self.passed >= self.max_articles:
            self._close_task = asyncio.ensure_future(self._close("max_articles"))
        return item

    async def _close(self, reason: str) -> None:
        assert self.crawler.engine is not None
        await self.crawler.engine.close_spider_async(reason=reason)
