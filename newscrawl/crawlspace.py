"""CrawlSpaceGuard: keeps link following out of infinite URL spaces.

Calendars (``/events/2031/07/14/``), ever-growing pagination (``?page=9999``),
faceted search and session IDs generate endless distinct URLs that Scrapy's
duplicate filter cannot catch. This downloader middleware groups
link-discovered URLs by *shape* (digits collapsed, query values dropped) and
caps how many pages of one shape, and of one site, are fetched. URLs whose
shape says "article" are exempt from the shape cap (numeric article IDs share
a shape by design), and URLs that a sitemap or feed listed are never capped
by shape: the publisher declared them.

Depth (``NEWSCRAWL_LINK_DEPTH``) is the third bound, enforced by the spider.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Self
from urllib.parse import parse_qsl, urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured

from newscrawl.extract.classify import UrlKind, classify_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

_DIGITS = re.compile(r"\d+")
# Requests made by discovery for these roles are never capped: one per site or per entry.
_EXEMPT_ROLES = frozenset({"start", "robots", "sitemap", "feed"})


class CrawlSpaceExceeded(IgnoreRequest):
    """A request beyond the per-shape or per-site page cap."""


def url_shape(url: str) -> str:
    """``host/path?keys`` with digit runs as ``N`` and query values dropped."""
    parts = urlsplit(url)
    keys = sorted({key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    path = _DIGITS.sub("N", parts.path.lower())
    return f"{parts.hostname}{path}?{'&'.join(keys)}"


class CrawlSpaceGuard:
    def __init__(self, crawler: Crawler, per_shape: int, per_site: int) -> None:
        self.crawler = crawler
        self.per_shape = per_shape
        self.per_site = per_site
        self.shapes: Counter[str] = Counter()
        self.sites: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        per_shape = crawler.settings.getint("NEWSCRAWL_MAX_PAGES_PER_SHAPE", 0)
        per_site = crawler.settings.getint("NEWSCRAWL_MAX_PAGES_PER_SITE", 0)
        if not per_shape and not per_site:
            raise NotConfigured
        return cls(crawler, per_shape, per_site)

    def process_request(self, request: Request) -> None:
        if request.meta.get("newscrawl_role") in _EXEMPT_ROLES or request.meta.get(
            "redirect_times"
        ):
            return
        host = urlsplit(request.url).hostname or ""
        if self.per_site:
            self.sites[host] += 1
            if self.sites[host] > self.per_site:
                self._refuse("site", f"more than {self.per_site} pages from {host}", request)
        hints = request.meta.get("newscrawl_hints")
        listed = hints is not None and hints.source not in (None, "link")
        if self.per_shape and not listed and classify_url(request.url) is not UrlKind.ARTICLE:
            shape = url_shape(request.url)
            self.shapes[shape] += 1
            if self.shapes[shape] > self.per_shape:
                self._refuse("shape", f"more than {self.per_shape} pages shaped {shape}", request)

    def _refuse(self, what: str, why: str, request: Request) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newscrawl/crawl_space/over_{what}_cap")
        raise CrawlSpaceExceeded(f"Crawl space cap: {why}: {request.url}")
