"""The sources file: the sites a scheduled job watches (``newscrawl crawl --sources sites.toml``).

::

    [defaults]                  # optional; any site key except name and urls
    max_articles = 500

    [[site]]
    name = "meridian"                                   # required, unique
    urls = ["https://www.meridian.example/",            # required: home pages,
            "https://www.meridian.example/feed.xml"]    #   feeds, sitemaps
    allow = ['^https://www\\.meridian\\.example/(world|business)/']  # regexes (re.search)
    deny = ['/live/', '/video/']
    max_articles = 100          # per-run article cap for this site (0 = none)
    delay = 2.0                 # seconds between requests to this site's hosts
    concurrency = 2             # parallel requests to this site's hosts

The file is validated as a whole when it is loaded; every problem is
reported with the entry and key it concerns. Politeness goes to Scrapy's
per-slot settings (``DOWNLOAD_SLOTS``, one slot per host); a site with a
``delay`` keeps it fixed (AutoThrottle does not adjust it). Allow/deny
patterns apply to the pages discovery finds (links, sitemap and feed
entries), never to start URLs, robots.txt, sitemaps or feeds.
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from newscrawl.exceptions import OverLimit
from newscrawl.extract.urls import UnsupportedURL, check_fetchable, registered_domain
from newscrawl.items import Article
from newscrawl.spiders.news import ROLE

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

SITE_KEYS = ("name", "urls", "allow", "deny", "max_articles", "delay", "concurrency")
DEFAULT_KEYS = SITE_KEYS[2:]
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class SourcesError(ValueError):
    """A sources file that cannot be used; ``problems`` lists every one found."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems))


@dataclass(frozen=True, slots=True)
class Source:
    """One site of a sources file."""

    name: str
    urls: tuple[str, ...]
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    max_articles: int = 0
    delay: float | None = None
    concurrency: int | None = None

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset(urlsplit(url).hostname or "" for url in self.urls)

    def refusal(self, url: str) -> str | None:
        """Why discovery must not fetch ``url`` for this site, or None."""
        if any(p.search(url) for p in self.deny):
            return "sources_denied"
        if self.allow and not any(p.search(url) for p in self.allow):
            return "sources_not_allowed"
        return None

    def describe(self) -> str:
        parts = [f"{len(self.urls)} URL(s)"]
        if self.allow:
            parts.append(f"allow {len(self.allow)}")
        if self.deny:
            parts.append(f"deny {len(self.deny)}")
        if self.max_articles:
            parts.append(f"max {self.max_articles} articles")
        if self.delay is not None:
            parts.append(f"delay {self.delay:g}s")
        if self.concurrency is not None:
            parts.append(f"concurrency {self.concurrency}")
        return f"{self.name}: " + ", ".join(parts)


class _Checker:
    """Collects problems instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def value(self, where: str, key: str, value: Any) -> Any:
        """The checked value of ``key``, or None (after noting a problem)."""
        if key == "urls":
            if not isinstance(value, list) or not value:
                return self._bad(where, key, "expected a non-empty list of URLs")
            urls = []
            for url in value:
                try:
                    urls.append(check_fetchable(str(url)))
                except UnsupportedURL as exc:
                    self._bad(where, key, str(exc))
            return tuple(urls)
        if key in ("allow", "deny"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return self._bad(where, key, "expected a list of regular expressions")
            patterns = []
            for text in value:
                try:
                    patterns.append(re.compile(text))
                except re.error as exc:
                    self._bad(where, key, f"bad regular expression {text!r}: {exc}")
            return tuple(patterns)
        if key == "max_articles":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                return self._bad(where, key, f"expected a whole number >= 0, got {value!r}")
            return value
        if key == "delay":
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                return self._bad(where, key, f"expected seconds >= 0, got {value!r}")
            return float(value)
        if key == "concurrency":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                return self._bad(where, key, f"expected a whole number >= 1, got {value!r}")
            return value
        return self._bad(where, key, f"unknown key (known: {', '.join(SITE_KEYS)})")

    def _bad(self, where: str, key: str, problem: str) -> None:
        self.problems.append(f"{where}: key {key!r}: {problem}")


def parse_sources(data: dict[str, Any], path: str = "<sources>") -> list[Source]:
    """Validate a parsed sources document; raise SourcesError listing every problem."""
    check = _Checker()
    for key in data:
        if key not in ("site", "defaults"):
            check.problems.append(
                f"unknown top-level key {key!r} (expected [[site]] entries and [defaults])"
            )
    defaults: dict[str, Any] = {}
    raw_defaults = data.get("defaults", {})
    if not isinstance(raw_defaults, dict):
        check.problems.append("[defaults] must be a table")
    else:
        for key, value in raw_defaults.items():
            if key not in DEFAULT_KEYS:
                check.problems.append(
                    f"defaults: key {key!r}: not allowed in [defaults] "
                    f"(allowed: {', '.join(DEFAULT_KEYS)})"
                )
                continue
            defaults[key] = check.value("defaults", key, value)
    entries = data.get("site", [])
    if not isinstance(entries, list) or not entries:
        check.problems.append("no [[site]] entries")
        entries = []
    sources: list[Source] = []
    names: Counter[str] = Counter()
    owners: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            check.problems.append(f"entry {number}: expected a [[site]] table")
            continue
        name = entry.get("name")
        where = f"site {name!r} (entry {number})" if name else f"entry {number}"
        if not isinstance(name, str) or not _NAME.match(name):
            check.problems.append(
                f"{where}: key 'name': required; letters, digits, '.', '_' and '-' only"
            )
        elif names[name]:
            check.problems.append(f"{where}: key 'name': {name!r} is used by another entry")
        names[str(name)] += 1
        if "urls" not in entry:
            check.problems.append(f"{where}: key 'urls': required")
        values = {**defaults}
        for key, value in entry.items():
            if key != "name":
                values[key] = check.value(where, key, value)
        for host in sorted({urlsplit(u).hostname or "" for u in values.get("urls") or ()}):
            if owners.get(host, name) != name:
                check.problems.append(
                    f"{where}: key 'urls': host {host} already belongs to site {owners[host]!r}"
                )
            owners.setdefault(host, str(name))
        if all(v is not None for v in values.values()) and values.get("urls"):
            sources.append(Source(name=str(name), **values))
    if check.problems:
        raise SourcesError(path, check.problems)
    return sources


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file (TOML)."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(name, [f"cannot read: {exc.strerror or exc}"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(name, [f"not valid TOML: {exc}"]) from exc
    return parse_sources(data, name)


def start_urls(sources: list[Source]) -> list[str]:
    return list(dict.fromkeys(url for source in sources for url in source.urls))


def download_slots(sources: list[Source]) -> dict[str, dict[str, Any]]:
    """Scrapy ``DOWNLOAD_SLOTS`` for the sites' politeness overrides (slot = host)."""
    slots: dict[str, dict[str, Any]] = {}
    for source in sources:
        slot: dict[str, Any] = {}
        if source.delay is not None:
            slot["delay"] = source.delay
        if source.concurrency is not None:
            slot["concurrency"] = source.concurrency
        if slot:
            for host in source.hosts:
                slots[host] = dict(slot)
    return slots


class SourceIndex:
    """Finds the site of a URL: by host, else by registered domain."""

    def __init__(self, sources: list[Source]) -> None:
        self.sources = sources
        self.by_host = {host: s for s in sources for host in s.hosts}
        self.by_domain: dict[str, Source] = {}
        for source in sources:
            for url in source.urls:
                self.by_domain.setdefault(registered_domain(url), source)

    def site_of(self, url: str) -> Source | None:
        host = urlsplit(url).hostname or ""
        return self.by_host.get(host) or self.by_domain.get(registered_domain(url))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceIndex:
        path = crawler.settings.get("NEWSCRAWL_SOURCES")
        if not path:
            raise NotConfigured  # no NEWSCRAWL_SOURCES
        return cls(load_sources(path))


class SourceLimitPipeline:
    """Per-site article caps (``max_articles`` of each site); closes the crawl when all are met."""

    def __init__(self, crawler: Crawler, index: SourceIndex) -> None:
        self.crawler = crawler
        self.index = index
        self.written: Counter[str] = Counter()
        self._close_task: asyncio.Future[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        index = SourceIndex.from_crawler(crawler)
        if not any(source.max_articles for source in index.sources):
            raise NotConfigured  # no per-site article cap
        return cls(crawler, index)

    def capped(self, source: Source) -> bool:
        return bool(source.max_articles) and self.written[source.name] >= source.max_articles

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        source = self.index.site_of(item.url) or self.index.site_of(item.fetched_url)
        if source is None or not source.max_articles:
            return item
        if self.capped(source):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newscrawl/skipped/over_site_max_articles")
            raise OverLimit(f"Over max_articles {source.max_articles} of {source.name}: {item.url}")
        self.written[source.name] += 1
        if all(self.capped(s) for s in self.index.sources) and self._close_task is None:
            assert self.crawler.engine is not None
            self._close_task = asyncio.ensure_future(
                self.crawler.engine.close_spider_async(reason="max_articles")
            )
        return item


class SourcesMiddleware(BaseSpiderMiddleware):
    """Applies each site's allow/deny patterns and skips sites whose article cap is met."""

    def __init__(self, crawler: Crawler, index: SourceIndex) -> None:
        super().__init__(crawler)
        self.index = index
        self._limits: SourceLimitPipeline | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, SourceIndex.from_crawler(crawler))

    def _skip(self, reason: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/skipped/{reason}")

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if request.meta.get(ROLE) != "page":
            return request
        source = self.index.site_of(request.url)
        if source is None:
            return request
        refusal = source.refusal(request.url)
        if refusal is not None:
            self._skip(refusal)
            return None
        if self._limits is None and source.max_articles:
            self._limits = self.crawler.get_item_pipeline(SourceLimitPipeline)
        if self._limits is not None and self._limits.capped(source):
            self._skip("site_max_articles_met")
            return None
        if source.delay is not None:
            request.meta["autothrottle_dont_adjust_delay"] = True
        return request
