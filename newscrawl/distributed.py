"""Distributed crawls: several ``newscrawl crawl --redis URL`` workers share one crawl.

scrapy-redis does the sharing: its ``Scheduler`` keeps the request queue and
its ``RFPDupeFilter`` the seen-request fingerprints in Redis, so every worker
pops from and pushes to the same frontier. :class:`DistributedCrawl` is the
Scrapy add-on (a settings profile) that switches them on. newscrawl adds what
scrapy-redis does not have:

* **No lost requests.** scrapy-redis pops a request out of Redis and holds it
  only in the worker's memory: a killed worker loses it. Here the pop moves it,
  in one Lua script, into the worker's in-flight hash (:class:`RecoverableQueue`);
  the worker deletes it from there once Scrapy is done with it (downloaded,
  called back, items through the pipelines). Each worker refreshes a heartbeat
  key with a time-to-live; a live worker that finds another worker's heartbeat
  expired moves that worker's in-flight requests back into the queue, again in
  one script (:class:`InflightRegistry`). Delivery is at least once.
* **Each article once.** The in-memory ``DedupPipeline`` becomes
  :class:`RedisDedupPipeline`: a worker claims an article's canonical URL and
  content hash in Redis before writing it, so two workers never both write it.
  A claim stays "pending" until the record is written; a dead worker's pending
  claims are released with its in-flight requests, so the article is not lost.
* **A shared scope.** Link following stays within the start sites' domains: the
  seeds' registered domains are kept in a Redis set (:class:`SharedScope`).
* **Idle exit that means idle.** A worker exits once the shared queue has been
  empty, and no other worker has had requests in flight, for
  ``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds. (scrapy-redis's own use of that
  setting lives in ``RedisSpider``, which reads seeds from a separate start-URL
  list and times idleness from the last moment that list was non-empty, not
  from when the request queue ran dry.)

Keys, all under the spider name (``news``), as scrapy-redis's own are:
``news:requests`` (queue), ``news:dupefilter``, ``news:domains``,
``news:articles`` (claims), ``news:workers``, and per worker
``news:alive:<id>``, ``news:inflight:<id>``, ``news:claims:<id>``. With
``--incremental`` the crawl state is under ``news:state:``
(:mod:`newscrawl.state.redis`); ``enqueue --fresh`` forgets the crawl, not the state.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
import warnings
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from newscrawl.exceptions import DuplicateArticle
from newscrawl.extract.urls import registered_domain
from newscrawl.items import Article
from newscrawl.pipelines import DedupPipeline
from newscrawl.spiders.news import NewsSpider

if TYPE_CHECKING:
    from redis import Redis
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings, Settings
    from twisted.internet.base import DelayedCall

logger = logging.getLogger(__name__)

STAT = "newscrawl/distributed"

# Pop the best request and record it in this worker's in-flight hash, atomically:
# a worker killed between the two steps must not lose the request.
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
redis.call('HSET', KEYS[2], popped[1], popped[2])
return popped[1]
"""

# Give a worker's in-flight requests back to the queue (member -> score, as popped)
# and release its pending article claims. ARGV[2] == "1": only if it is really dead.
_REQUEUE = """
if ARGV[2] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  redis.call('ZADD', KEYS[3], entries[i + 1], entries[i])
end
local claims = redis.call('SMEMBERS', KEYS[4])
for _, claim in ipairs(claims) do
  if redis.call('HGET', KEYS[5], claim) == ARGV[1] then redis.call('HDEL', KEYS[5], claim) end
end
redis.call('DEL', KEYS[2], KEYS[4])
redis.call('SREM', KEYS[6], ARGV[1])
return #entries / 2
"""

# Claim an article's URL and content hash for this worker, unless either is taken.
_CLAIM = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 2 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1], ARGV[2])
return 0
"""

# Drop claims this worker made for a record it did not write after all.
_RELEASE = """
for i = 1, #ARGV - 1 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[#ARGV] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
redis.call('SREM', KEYS[2], unpack(ARGV, 1, #ARGV - 1))
return 0
"""


def new_worker_id() -> str:
    """host:pid:random, unique per process and readable in ``redis-cli``."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class CrawlKeys:
    """The Redis keys of one shared crawl (prefix: the spider name)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.state = f"{prefix}:state:"  # the crawl state's keys: they outlive the crawl
        self.workers = f"{prefix}:workers"
        self.domains = f"{prefix}:domains"
        self.articles = f"{prefix}:articles"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:alive:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.prefix}:inflight:{worker}"

    def claims(self, worker: str) -> str:
        return f"{self.prefix}:claims:{worker}"


class DistributedCrawl:
    """Scrapy add-on: the settings profile of a worker of a shared crawl.

    Enabled by ``newscrawl crawl --redis URL`` (``REDIS_URL``); does nothing without it.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            raise NotConfigured("REDIS_URL is not set")
        for name, value in {
            "SCHEDULER": "newscrawl.distributed.RecoveringScheduler",
            "SCHEDULER_QUEUE_CLASS": "newscrawl.distributed.RecoverableQueue",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            # The queue and fingerprints outlive any one worker: never flush them on close.
            "SCHEDULER_PERSIST": True,
            "MAX_IDLE_TIME_BEFORE_CLOSE": 30,
            "NEWSCRAWL_REDIS_HEARTBEAT_TTL": 30.0,
            "NEWSCRAWL_WORKER_ID": new_worker_id(),
        }.items():
            settings.set(name, value, priority="addon")
        settings.replace_in_component_priority_dict(
            "ITEM_PIPELINES", DedupPipeline, RedisDedupPipeline
        )


def apply_profile(settings: Settings, redis_url: str) -> None:
    """Turn plain newscrawl settings into a worker's (used by the CLI for crawl and enqueue)."""
    settings.set("REDIS_URL", redis_url, priority="cmdline")
    DistributedCrawl().update_settings(settings)


class RedisNewsSpider(NewsSpider):
    """The news spider as one worker of a shared crawl: it may start with no URLs of its own."""

    require_start_urls = False


class SharedScope:
    """The registered domains a shared crawl may follow links to, mirrored into the spider.

    Scrapy's OffsiteMiddleware and the spider read ``spider.allowed_domains``;
    this keeps it equal to the Redis set, reloading when a request for a domain
    not yet known locally comes out of the queue (a seed enqueued meanwhile).
    """

    def __init__(self, server: Redis, key: str, spider: Spider) -> None:
        self.server = server
        self.key = key
        self.spider = spider

    def add(self, domains: list[str]) -> None:
        if domains:
            self.server.sadd(self.key, *domains)
        self.reload()

    def reload(self) -> None:
        members = self.server.smembers(self.key)
        self.spider.allowed_domains = sorted(m.decode() for m in members)

    def admit(self, url: str) -> None:
        if registered_domain(url) not in self.spider.allowed_domains:
            self.reload()


class RecoverableQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop also records the request as in flight.

    ``inflight_key`` is set by the scheduler; without it this is PriorityQueue
    (``newscrawl enqueue`` only pushes). ``taken`` maps each popped request to its
    Redis member, to delete it from the in-flight hash when Scrapy is done with it.
    """

    def __init__(self, server: Redis, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.inflight_key: str | None = None
        self.taken: dict[Request, bytes] = {}
        self._pop = server.register_script(_POP)

    def pop(self, timeout: int = 0) -> Request | None:
        if self.inflight_key is None:
            return super().pop(timeout)
        data = self._pop(keys=[self.key, self.inflight_key])
        if not data:
            return None
        request: Request = self._decode_request(data)
        self.taken[request] = data
        return request


class InflightRegistry:
    """One worker's in-flight requests in Redis, its heartbeat, and recovery of dead workers.

    A request is done when it is in none of: the downloader's active set, the
    scraper's queue and active set (the scraper holds a response until its items
    are through the pipelines). Scrapy documents no "request finished" signal;
    these attributes are checked once at open so that a Scrapy that renames them
    fails loudly instead of leaking in-flight entries.
    """

    def __init__(
        self,
        crawler: Crawler,
        server: Redis,
        keys: CrawlKeys,
        queue: RecoverableQueue,
        worker: str,
        ttl: float,
    ) -> None:
        self.crawler = crawler
        self.server = server
        self.keys = keys
        self.queue = queue
        self.worker = worker
        self.ttl = ttl
        self._requeue = server.register_script(_REQUEUE)
        self._ticker: task.LoopingCall | None = None

    def open(self) -> None:
        engine = self.crawler.engine
        if not isinstance(getattr(engine.downloader, "active", None), set) or not hasattr(
            engine.scraper, "slot"
        ):
            raise RuntimeError("this Scrapy version hides the downloader's/scraper's requests")
        self.server.sadd(self.keys.workers, self.worker)
        self._beat()
        self.queue.inflight_key = self.keys.inflight(self.worker)
        self._ticker = task.LoopingCall(self.tick)
        self._ticker.start(max(self.ttl / 3, 0.2), now=False).addErrback(
            lambda f: logger.error("In-flight registry stopped: %s", f.getErrorMessage())
        )

    def close(self) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        self.forget_finished()
        # A worker stopped early (--max-articles, Ctrl-C) gives back what it still holds.
        left = self._requeue_of(self.worker, only_if_dead=False)
        if left:
            logger.info("Gave %d unfinished requests back to the shared queue", left)
        self.server.delete(self.keys.alive(self.worker))

    def _beat(self) -> None:
        self.server.set(self.keys.alive(self.worker), "1", px=int(self.ttl * 1000))

    def tick(self) -> None:
        if not self.server.sismember(self.keys.workers, self.worker):
            logger.error(
                "Another worker took this worker for dead (no heartbeat for %ss) and "
                "re-queued its requests; some pages may be crawled twice",
                self.ttl,
            )
            self.server.sadd(self.keys.workers, self.worker)
        self._beat()
        self.forget_finished()
        self.recover_dead()

    def _busy(self) -> set[Request]:
        engine = self.crawler.engine
        busy = set(engine.downloader.active)
        slot = engine.scraper.slot
        if slot is not None:
            busy.update(slot.active)
            busy.update(request for _, request, _ in slot.queue)
        return busy

    def forget_finished(self) -> None:
        """Delete the requests Scrapy is done with from the in-flight hash."""
        busy = self._busy()
        done = [request for request in self.queue.taken if request not in busy]
        if not done:
            return
        members = [self.queue.taken.pop(request) for request in done]
        self.server.hdel(self.keys.inflight(self.worker), *members)

    def recover_dead(self) -> int:
        """Re-queue the in-flight requests of workers whose heartbeat has expired."""
        recovered = 0
        for member in self.server.smembers(self.keys.workers):
            other = member.decode()
            if other == self.worker:
                continue
            count = self._requeue_of(other, only_if_dead=True)
            if count >= 0:
                logger.warning(
                    "Worker %s stopped beating: %d of its requests are back in the queue",
                    other,
                    count,
                )
                recovered += count
        if recovered:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"{STAT}/recovered_requests", recovered)
        return recovered

    def _requeue_of(self, worker: str, *, only_if_dead: bool) -> int:
        result = self._requeue(
            keys=[
                self.keys.alive(worker),
                self.keys.inflight(worker),
                self.queue.key,
                self.keys.claims(worker),
                self.keys.articles,
                self.keys.workers,
            ],
            args=[worker, "1" if only_if_dead else "0"],
        )
        return int(result)

    def others_busy(self) -> bool:
        """True while another worker (live, or dead and not yet recovered) holds requests."""
        return any(
            self.server.hlen(self.keys.inflight(m.decode())) > 0
            for m in self.server.smembers(self.keys.workers)
            if m.decode() != self.worker
        )


class RecoveringScheduler(Scheduler):
    """scrapy-redis's Scheduler plus the in-flight registry, the shared scope and idle exit."""

    crawler: Crawler
    registry: InflightRegistry | None = None
    scope: SharedScope
    queue: RecoverableQueue
    max_idle: float
    ttl: float
    worker: str
    _idle_since: float | None = None
    _recheck: DelayedCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.max_idle = crawler.settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", 30)
        scheduler.ttl = crawler.settings.getfloat("NEWSCRAWL_REDIS_HEARTBEAT_TTL", 30.0)
        scheduler.worker = crawler.settings.get("NEWSCRAWL_WORKER_ID") or new_worker_id()
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider: Spider) -> None:
        with warnings.catch_warnings():
            # scrapy-redis logs "Resuming crawl" through the deprecated Spider.log().
            warnings.filterwarnings(
                "ignore", "Spider.log", category=ScrapyDeprecationWarning, module="scrapy_redis"
            )
            super().open(spider)
        if not isinstance(self.queue, RecoverableQueue):
            raise NotConfigured("RecoveringScheduler needs SCHEDULER_QUEUE_CLASS=RecoverableQueue")
        keys = CrawlKeys(spider.name)
        self.scope = SharedScope(self.server, keys.domains, spider)
        self.scope.add(list(getattr(spider, "allowed_domains", None) or []))
        self.registry = InflightRegistry(
            self.crawler, self.server, keys, self.queue, self.worker, self.ttl
        )
        self.registry.open()
        logger.info("Worker %s joined the shared crawl (%d queued)", self.worker, len(self.queue))

    def close(self, reason: str) -> None:
        if self._recheck is not None and self._recheck.active():
            self._recheck.cancel()
        if self.registry is not None:
            self.registry.close()
        super().close(reason)

    # scrapy-redis passes the deprecated ``spider=`` to the stats collector here;
    # these two are its methods without it.
    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.crawler.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None:
            self.crawler.stats.inc_value("scheduler/dequeued/redis")
            self.scope.admit(request.url)
        return request

    def spider_idle(self) -> None:
        """Keep the worker until the shared crawl has been idle for MAX_IDLE_TIME_BEFORE_CLOSE."""
        if self.max_idle <= 0:
            raise DontCloseSpider
        assert self.registry is not None
        if len(self.queue) or self.registry.others_busy():
            self._idle_since = None
            self._check_again(self.max_idle)
            raise DontCloseSpider
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        if now - self._idle_since < self.max_idle:
            self._check_again(self._idle_since + self.max_idle - now)
            raise DontCloseSpider

    def _check_again(self, delay: float) -> None:
        """Have the engine call spider_idle again in ``delay`` seconds.

        Otherwise only Scrapy's engine heartbeat (every 5 s) does, and a worker
        would exit up to 5 s later than MAX_IDLE_TIME_BEFORE_CLOSE says. The
        engine's ``_slot.nextcall`` is not public: without it, the heartbeat it is.
        """
        from twisted.internet import reactor

        if self._recheck is not None and self._recheck.active():
            return
        nextcall = getattr(getattr(self.crawler.engine, "_slot", None), "nextcall", None)
        if nextcall is not None:
            self._recheck = reactor.callLater(min(max(delay, 0.1), 5.0), nextcall.schedule)


class RedisDedupPipeline:
    """DedupPipeline for a shared crawl: claims URL and content hash in Redis, atomically.

    A claim is "pending" (listed in this worker's ``claims`` set) from this
    pipeline until the record has been written (``item_scraped``, sent after the
    feed exporter has written and flushed the line); a later drop releases it.
    Counters as DedupPipeline's: ``newscrawl/duplicates/url`` and ``.../content``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server: Redis = get_redis_from_settings(crawler.settings)
        self.worker = crawler.settings.get("NEWSCRAWL_WORKER_ID") or new_worker_id()
        self._claim = self.server.register_script(_CLAIM)
        self._release = self.server.register_script(_RELEASE)
        self.pending: set[tuple[str, str]] = set()
        self.keys = CrawlKeys("news")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_error)
        return pipeline

    def open_spider(self) -> None:
        assert self.crawler.spider is not None
        self.keys = CrawlKeys(self.crawler.spider.name)

    @staticmethod
    def _fields(item: Article) -> list[str]:
        return [f"url:{item.url}", f"hash:{item.content_hash}"]

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        taken = self._claim(
            keys=[self.keys.articles, self.keys.claims(self.worker)],
            args=[*self._fields(item), self.worker],
        )
        assert self.crawler.stats is not None
        if taken == 1:
            self.crawler.stats.inc_value("newscrawl/duplicates/url")
            raise DuplicateArticle(f"Duplicate URL {item.url} (fetched as {item.fetched_url})")
        if taken == 2:
            self.crawler.stats.inc_value("newscrawl/duplicates/content")
            raise DuplicateArticle(f"Duplicate content at {item.fetched_url}")
        self.pending.add((item.url, item.content_hash))
        return item

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, Article) and (item.url, item.content_hash) in self.pending:
            self.pending.discard((item.url, item.content_hash))
            self.server.srem(self.keys.claims(self.worker), *self._fields(item))

    def item_dropped(self, item: Any, exception: BaseException | None = None, **_: Any) -> None:
        if isinstance(exception, DuplicateArticle) or not isinstance(item, Article):
            return
        if (item.url, item.content_hash) in self.pending:
            self.pending.discard((item.url, item.content_hash))
            self._release(
                keys=[self.keys.articles, self.keys.claims(self.worker)],
                args=[*self._fields(item), self.worker],
            )


async def enqueue(settings: Settings, urls: list[str], *, fresh: bool = False) -> int:
    """Push the start requests of ``urls`` (robots, sitemaps, feeds, links follow) to the queue.

    The requests are those a ``newscrawl crawl URL...`` would start with, pushed
    through scrapy-redis's scheduler (duplicate filter, then queue). Returns how
    many were queued; the seeds' domains join the shared scope.
    """
    from scrapy.crawler import Crawler

    crawler = Crawler(RedisNewsSpider, settings)
    spider = RedisNewsSpider.from_crawler(crawler, start_urls=urls)
    server: Redis = get_redis_from_settings(settings)
    keys = CrawlKeys(spider.name)
    if fresh:
        stale = [
            key
            for key in server.scan_iter(match=f"{keys.prefix}:*")
            if not key.startswith(keys.state.encode())
        ]
        if stale:
            server.delete(*stale)
    SharedScope(server, keys.domains, spider).add(list(spider.allowed_domains))
    scheduler = Scheduler.from_settings(settings)
    scheduler.open(spider)
    queued = 0
    async for request in spider.start():
        queued += bool(scheduler.enqueue_request(request))
    return queued
