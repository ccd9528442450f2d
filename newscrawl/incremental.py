"""Incremental refresh and exactly-once output on top of the crawl state.

Five Scrapy components share one :class:`CrawlState` (an extension, so it
exists before the engine builds the middlewares and pipelines):

* :class:`CrawlState` opens the store (a corrupt or locked one stops the
  crawl before it starts), repairs what a dead run left
  (:mod:`newscrawl.state.recovery`), and records a written article only when
  :data:`newscrawl.signals.record_written` says its line is in the output;
* :class:`IncrementalMiddleware` (spider middleware) drops discovered
  requests for known URLs unless a sitemap/feed date is newer than what the
  state holds, adds revisits of URLs not fetched for ``NEWSCRAWL_REVISIT_AFTER``
  (capped per run), makes every request for a known URL conditional
  (``If-None-Match``/``If-Modified-Since``), and turns the answers: 304 =
  unchanged (no body downloaded), 404/410 = gone (a :class:`Tombstone` with
  ``NEWSCRAWL_EMIT_DELETIONS``);
* :class:`IncrementalRedirectMiddleware` (downloader middleware) does the
  same for a redirect that lands on a known URL (redirects never pass spider
  middlewares);
* :class:`PageMetaPipeline` (before extraction) keeps each page's HTTP
  validators and discovery dates, which the Article record does not carry;
* :class:`StatePipeline` (after dedup) marks records ``new``/``updated`` with
  the previous hash, and drops unchanged ones (:class:`Unchanged`).

Like scrapy-deltafetch, requests can opt out with ``meta["newscrawl_state"] =
False`` or be looked up under ``meta["newscrawl_state_key"]``; unlike it, a
page counts as done only once its record is written, and a broken state file
stops the crawl rather than being deleted.

``NEWSCRAWL_STATE_MODE = "job"`` is the ledger of one resumable job
(``--resume`` without ``--state``): known URLs are never refetched, nothing is
revisited, and records carry no ``change``.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.utils.misc import load_object

from newscrawl import signals as newscrawl_signals
from newscrawl.exceptions import DuplicateArticle, Unchanged
from newscrawl.exporters import ArticleJsonLinesExporter
from newscrawl.items import Article, FetchedPage, PageHints, Tombstone
from newscrawl.resume import ResumableJob
from newscrawl.spiders.news import HINTS, HOPS, ROLE
from newscrawl.state import (
    Checkpoint,
    Entry,
    Gone,
    Listed,
    Run,
    StateError,
    StateStore,
    Visit,
    open_state,
)
from newscrawl.state.recovery import recover_dead_runs
from newscrawl.timeutil import parse_duration, parse_instant, utc_now_iso

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import Settings
    from scrapy.spiders import Spider

logger = logging.getLogger(__name__)

ENABLED = "newscrawl_state"  # per-request switch: False = no state logic for this request
KEY = "newscrawl_state_key"  # per-request: look the URL up under this key
KNOWN = "newscrawl_known"  # set here: the canonical URL of the state entry this request revisits
GONE_STATUSES = (404, 410)
_LISTED_BATCH = 500


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a fetched page knew that its Article does not: validators, request URL, hint date."""

    request_url: str
    etag: str | None
    last_modified: str | None
    hint_date: str | None


def hint_date(hints: PageHints | None) -> str | None:
    """The newest date a sitemap or feed gave for a URL (lastmod, updated, publication date)."""
    if hints is None:
        return None
    dates = [d for d in (parse_instant(hints.modified), parse_instant(hints.published)) if d]
    return max(dates).isoformat() if dates else None


def revisit_after(settings: Settings) -> float | None:
    """``NEWSCRAWL_REVISIT_AFTER`` in seconds; None (or "never") turns revisits off."""
    value = settings.get("NEWSCRAWL_REVISIT_AFTER")
    if value is None or str(value).strip().lower() in ("", "none", "never"):
        return None
    return parse_duration(value)


def check_feeds(settings: Settings) -> bool:
    """True when the crawl has feeds; raise StateError if one is not newscrawl's JSON Lines.

    The state records an article when that exporter reports its line written;
    another exporter would never report, and the state would never learn.
    """
    feeds = settings.getdict("FEEDS")
    exporters = {**settings.getdict("FEED_EXPORTERS_BASE"), **settings.getdict("FEED_EXPORTERS")}
    for uri, options in feeds.items():
        fmt = (options or {}).get("format")
        path = exporters.get(fmt)
        exporter = load_object(path) if path else None
        if not (isinstance(exporter, type) and issubclass(exporter, ArticleJsonLinesExporter)):
            raise StateError(
                f"the crawl state needs JSON Lines output; feed {uri} has format {fmt!r} "
                "(use a .jsonl file or format 'jsonlines')"
            )
    return bool(feeds)


class CrawlState:
    """The crawl's state store and the bookkeeping around it (an extension)."""

    def __init__(self, crawler: Crawler, store: StateStore, *, has_feeds: bool) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.store = store
        self.job_mode = settings.get("NEWSCRAWL_STATE_MODE", "incremental") == "job"
        self.revisit_after = None if self.job_mode else revisit_after(settings)
        self.max_revisits = settings.getint("NEWSCRAWL_MAX_REVISITS", 500)
        self.emit_deletions = settings.getbool("NEWSCRAWL_EMIT_DELETIONS") and not self.job_mode
        self.mark_changes = not self.job_mode
        self.has_feeds = has_feeds
        self.run_id = uuid.uuid4().hex
        self.pages: dict[str, PageMeta] = {}
        self.listed: list[Listed] = []
        self.known_seen: set[str] = set()  # known URLs discovery listed this run (counted once)
        self.written_urls: set[str] = set()  # URLs (and aliases) written by this run
        # Resuming after a crash: pages fetched by this job since then are read again for
        # their links (the discarded queue held what they led to), not written again.
        self.reexpand_since: str | None = None
        self.reexpanded: set[str] = set()
        self.failed: StateError | None = None
        self.closed = False
        self._closing: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        location = settings.get("NEWSCRAWL_STATE")
        if not location:
            raise NotConfigured  # no NEWSCRAWL_STATE
        has_feeds = check_feeds(settings)
        revisit_after(settings)  # a bad value fails the start, not the run
        store = open_state(
            str(location),
            timeout=settings.getfloat("NEWSCRAWL_STATE_TIMEOUT"),
            lease_ttl=settings.getfloat("NEWSCRAWL_REDIS_HEARTBEAT_TTL", 30.0),
        )
        try:
            recover_dead_runs(store)
            state = cls(crawler, store, has_feeds=has_feeds)
            info = {"mode": "job" if state.job_mode else "incremental"}
            if settings.get("NEWSCRAWL_WORKER_ID"):
                info["worker"] = settings["NEWSCRAWL_WORKER_ID"]
            store.begin_run(
                Run(id=state.run_id, started_at=utc_now_iso(), status="running", info=info)
            )
        except BaseException:
            store.close()
            raise
        connect = crawler.signals.connect
        connect(state.feed_opened, signal=newscrawl_signals.feed_opened)
        connect(state.record_written, signal=newscrawl_signals.record_written)
        if not has_feeds:  # nothing is written: an item is delivered when it is scraped
            connect(state.item_scraped, signal=signals.item_scraped)
        connect(state.item_done, signal=signals.item_dropped)
        connect(state.item_done, signal=signals.item_error)
        connect(state.spider_opened, signal=signals.spider_opened)
        connect(state.spider_closed, signal=signals.spider_closed)
        return state

    # --- helpers -------------------------------------------------------------------------

    def inc(self, key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/{key}")

    def _guard(self, action: str, *args: Any) -> Any:
        """Run a store call; on failure stop the crawl (never continue blind)."""
        if self.failed is not None or self.closed:
            return None
        try:
            return getattr(self.store, action)(*args)
        except StateError as exc:
            self.failed = exc
            self.inc("errors/state")
            logger.error("Crawl state failed, stopping the crawl: %s", exc)
            engine = self.crawler.engine
            self._closing = asyncio.ensure_future(engine.close_spider_async(reason="state_error"))
            return None

    def lookup(self, url: str) -> Entry | None:
        entry: Entry | None = self._guard("get", url)
        return entry

    def apply(self, changes: list[Any], checkpoint: Checkpoint | None = None) -> None:
        self._guard("apply", changes, checkpoint)

    # --- decisions ---------------------------------------------------------------------

    def newer_than_held(self, entry: Entry, hints: PageHints | None) -> bool:
        """Does discovery date the URL after the version we hold (or after we fetched it)?"""
        if self.job_mode:
            return False
        date = parse_instant(hint_date(hints))
        if date is None:
            return False
        held = parse_instant(entry.modified) or parse_instant(entry.last_fetched)
        return held is None or date > held

    def reexpand(self, entry: Entry) -> bool:
        """Should this known page be fetched again for its links (see ``reexpand_since``)?"""
        if self.reexpand_since is None or entry.url in self.reexpanded or entry.gone:
            return False
        fetched = parse_instant(entry.last_fetched)
        since = parse_instant(self.reexpand_since)
        if fetched is None or since is None or fetched < since:
            return False
        self.reexpanded.add(entry.url)
        self.inc("incremental/reexpanded")
        return True

    def conditional(self, request: Request, entry: Entry) -> Request:
        """Ask for ``entry``'s URL only if it changed; let 304/404/410 reach the spider middleware."""
        if entry.etag:
            request.headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            request.headers["If-Modified-Since"] = entry.last_modified
        request.meta[KNOWN] = entry.url
        self.known_seen.update((entry.url, request.url))  # decided: later listings are not news
        handled = set(request.meta.get("handle_httpstatus_list", ()))
        request.meta["handle_httpstatus_list"] = sorted(handled | {304, *GONE_STATUSES})
        return request

    def revisits(self, spider: Spider) -> Iterator[Request]:
        """Conditional requests for live entries not fetched within ``revisit_after``."""
        parse_page = getattr(spider, "parse_page", None)
        if self.revisit_after is None or parse_page is None or getattr(spider, "list_mode", False):
            return
        before = (datetime.now(UTC) - timedelta(seconds=self.revisit_after)).isoformat()
        sites = list(getattr(spider, "allowed_domains", None) or [])
        entries = self._guard("due", sites, before, self.max_revisits) or []
        for entry in entries:
            self.inc("incremental/revisits")
            request = Request(
                entry.url,
                callback=parse_page,
                errback=getattr(spider, "on_error", None),
                meta={
                    ROLE: "page",
                    HOPS: getattr(spider, "link_depth", 0),
                    HINTS: PageHints(source="revisit"),
                },
            )
            yield self.conditional(request, entry)

    def classify(self, article: Article) -> Article:
        """``article`` marked new/updated, or Unchanged/DuplicateArticle raised."""
        entry = self.lookup(article.url)
        if entry is None and article.fetched_url != article.url:
            entry = self.lookup(article.fetched_url)
        previous = None
        if entry is not None and not entry.gone:
            if self.job_mode or entry.content_hash == article.content_hash:
                self.apply([self._visit(article, self.pages.pop(article.fetched_url, None))])
                self.inc("skipped/unchanged")
                raise Unchanged(f"Unchanged since {entry.last_fetched}: {article.url}")
            previous = entry.content_hash
        else:
            twin = self._guard("find_content", article.content_hash)
            if twin is not None and twin.url != article.url and not twin.gone:
                self.inc("duplicates/known_content")
                raise DuplicateArticle(
                    f"Same content as {twin.url}, written by an earlier run: {article.url}"
                )
        if not self.mark_changes:
            return article
        change = "updated" if previous else "new"
        return replace(article, change=change, previous_content_hash=previous)

    def not_modified(self, entry_url: str, response: Response, hints: PageHints | None) -> None:
        """A 304: the version held is current; refresh its times and validators."""
        entry = self.lookup(entry_url)
        if entry is None:
            return
        header = response.headers.get
        redirected = response.meta.get("redirect_urls") or []
        self.apply(
            [
                Visit(
                    url=entry.url,
                    site=entry.site,
                    at=utc_now_iso(),
                    modified=hint_date(hints),
                    etag=_text(header(b"ETag")),
                    last_modified=_text(header(b"Last-Modified")),
                    aliases=tuple(u for u in redirected[:1] if u != entry.url),
                )
            ]
        )
        self.inc("skipped/not_modified")

    def gone(self, entry_url: str, status: int) -> Tombstone | None:
        """A 404/410 for a known article: a tombstone to write, or the state marked now."""
        entry = self.lookup(entry_url)
        if entry is None or entry.gone:
            return None
        self.inc("incremental/gone")
        now = utc_now_iso()
        if not self.emit_deletions:
            self.apply([Gone(url=entry.url, at=now, status=status)])
            return None
        return Tombstone(
            url=entry.url,
            site=entry.site,
            status=status,
            fetched_at=now,
            previous_content_hash=entry.content_hash,
        )

    def mark_listed(self, url: str) -> None:
        self.listed.append(Listed(url=url, at=utc_now_iso()))
        if len(self.listed) >= _LISTED_BATCH:
            self.flush_listed()

    def flush_listed(self) -> None:
        batch, self.listed = self.listed, []
        if batch:
            self.apply(batch)

    # --- recording what was written ------------------------------------------------------

    def _visit(self, article: Article, meta: PageMeta | None) -> Visit:
        aliases = {article.fetched_url, *([meta.request_url] if meta else [])} - {article.url}
        return Visit(
            url=article.url,
            site=article.site,
            at=article.fetched_at,
            content_hash=article.content_hash,
            modified=(meta.hint_date if meta else None) or article.modified or article.published,
            etag=meta.etag if meta else None,
            last_modified=meta.last_modified if meta else None,
            aliases=tuple(sorted(aliases)),
        )

    def commit(self, item: Any, checkpoint: Checkpoint | None) -> None:
        """Record a delivered item (and where the output now ends) in one transaction."""
        changes: list[Any] = []
        if isinstance(item, Article):
            visit = self._visit(item, self.pages.pop(item.fetched_url, None))
            self.written_urls.update((visit.url, *visit.aliases))
            changes.append(visit)
            self.inc(f"incremental/{item.change or 'new'}")
        elif isinstance(item, Tombstone):
            changes.append(Gone(url=item.url, at=item.fetched_at, status=item.status))
            self.inc("incremental/tombstones")
        self.apply(changes, checkpoint)

    def feed_opened(self, path: str | None, offset: int | None) -> None:
        if path is not None and offset is not None:
            self.apply([], Checkpoint(self.run_id, path, offset))

    def record_written(self, item: Any, path: str | None, offset: int | None) -> None:
        checkpoint = Checkpoint(self.run_id, path, offset) if path and offset is not None else None
        self.commit(item, checkpoint)

    def item_scraped(self, item: Any) -> None:
        self.commit(item, None)

    def item_done(self, item: Any) -> None:
        """A dropped or failed item: forget its page meta."""
        fetched_url = getattr(item, "fetched_url", None)
        if fetched_url is not None:
            self.pages.pop(fetched_url, None)

    def spider_opened(self) -> None:
        # Extensions cannot look each other up while they are being built.
        job = self.crawler.get_extension(ResumableJob)
        if job is not None and job.recovering:
            self.reexpand_since = job.started_at

    def spider_closed(self, reason: str) -> None:
        from newscrawl.runlog import run_report

        self.flush_listed()
        assert self.crawler.stats is not None
        report = run_report(self.crawler.stats.get_stats(), reason, self.crawler.settings)
        if self.failed is None:
            try:
                self.store.end_run(
                    self.run_id,
                    status=report.status,
                    finished_at=utc_now_iso(),
                    counts=report.counts(),
                )
            except StateError as exc:
                logger.error("Could not close the run in the crawl state: %s", exc)
        self.store.close()
        self.closed = True


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None


def _state(crawler: Crawler) -> CrawlState:
    state = crawler.get_extension(CrawlState)
    if state is None:
        raise NotConfigured  # no NEWSCRAWL_STATE
    return state


class IncrementalMiddleware(BaseSpiderMiddleware):
    """Skips known URLs, adds revisits, and turns 304/404/410 answers into state changes."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.state = _state(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in super().process_start(start):
            yield item
        assert self.crawler.spider is not None
        for request in self.state.revisits(self.crawler.spider):
            yield request

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if response is not None and response.meta.get(KNOWN) and response.status != 200:
            return None  # nothing to follow on a 304 or an error page
        if request.meta.get(ROLE) != "page" or request.meta.get(ENABLED) is False:
            return request
        key = request.meta.get(KEY) or request.url
        if key in self.state.written_urls:
            return None  # written by this run: a plain duplicate, not a "known" URL
        entry = self.state.lookup(key)
        if entry is None:
            return request
        if self.state.reexpand(entry):
            self.state.known_seen.update((entry.url, key))
            return request  # unconditional: the body's links are what is needed
        # Decide every time (a later sitemap entry may date it newer), count once.
        if self.state.newer_than_held(entry, request.meta.get(HINTS)):
            self.state.inc("incremental/refetch_newer")
            return self.state.conditional(request, entry)
        if key not in self.state.known_seen:
            self.state.known_seen.add(key)
            self.state.mark_listed(key)
            self.state.inc("skipped/known_url")
        return None

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        entry_url = response.meta.get(KNOWN) if response is not None else None
        if entry_url is None or not isinstance(item, FetchedPage):
            return item
        assert response is not None
        if response.status == 304:
            self.state.not_modified(entry_url, response, response.meta.get(HINTS))
            return None
        if response.status in GONE_STATUSES:
            return self.state.gone(entry_url, response.status)
        return item


class IncrementalRedirectMiddleware:
    """A redirect to a known article becomes conditional, like a discovered known URL.

    Scrapy sends redirects straight back to the scheduler, past the spider
    middlewares; without this a moved URL would download a known page whole.
    The 304 then records the old URL as an alias, so discovery skips it next time.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.state = _state(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        meta = request.meta
        if not meta.get("redirect_urls") or meta.get(KNOWN) or meta.get(ROLE) != "page":
            return
        if meta.get(ENABLED) is False:
            return
        entry = self.state.lookup(request.url)
        if entry is not None and not self.state.reexpand(entry):
            self.state.conditional(request, entry)


class PageMetaPipeline:
    """Before extraction: remember each page's validators and discovery date for the state."""

    def __init__(self, crawler: Crawler) -> None:
        self.state = _state(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedPage):
            self.state.pages[item.fetched_url] = PageMeta(
                request_url=item.url,
                etag=item.etag,
                last_modified=item.last_modified,
                hint_date=hint_date(item.hints),
            )
        return item


class StatePipeline:
    """After dedup: mark records new/updated against the state; drop unchanged ones."""

    def __init__(self, crawler: Crawler) -> None:
        self.state = _state(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            return self.state.classify(item)
        return item
