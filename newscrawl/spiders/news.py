"""The ``news`` spider: discovery and fetching only.

Start URLs may be home pages, RSS/Atom feeds or sitemaps; the spider tells
them apart by content. For every start site it also reads ``robots.txt`` for
``Sitemap:`` lines (falling back to ``/sitemap.xml``), follows sitemap indexes,
reads Google News sitemaps and feeds, and follows links within the start
sites. Pages whose URL shape says "article" or "don't know" are handed to the
pipelines as :class:`~newscrawl.items.FetchedPage`; listings (home, sections,
tags, authors, search, about) are only mined for links. The spider never
reads article text: extraction decides what is an article.

In URL-list mode (``url_file``), the listed URLs are fetched as article
candidates and nothing else is discovered.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from newscrawl.crawlspace import CrawlSpaceExceeded
from newscrawl.extensions import note_example
from newscrawl.extract.classify import UrlKind, classify_url
from newscrawl.extract.interstitials import blocked_answer
from newscrawl.extract.urls import UnsupportedURL, check_fetchable, clean_url, registered_domain
from newscrawl.items import FetchedPage, PageHints
from newscrawl.spiders.feeds import looks_like_feed, parse_feed
from newscrawl.spiders.sitemaps import maybe_gunzip, parse_sitemap
from newscrawl.spiders.urllist import read_url_list
from newscrawl.timeutil import parse_instant, parse_since, utc_now_iso

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ROLE = "newscrawl_role"  # why a request was made: start, robots, sitemap, feed, page
HOPS = "newscrawl_hops"  # link hops from a start page (sitemaps and feeds are 0 hops)
HINTS = "newscrawl_hints"  # PageHints from a sitemap or feed
STAT = "newscrawl"

_XML_SNIFF = (b"<?xml", b"<urlset", b"<sitemapindex", b"\x1f\x8b")


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    """Spider arguments come as lists from the CLI and as comma/space-separated strings from -a."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    return [str(v) for v in value]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _ignore_reason(exc: BaseException) -> str:
    """A stable stat token for an IgnoreRequest raised by a downloader middleware."""
    if isinstance(exc, CrawlSpaceExceeded):
        return "crawl_space"
    message = str(exc)
    for needle, reason in (
        ("robots.txt", "robots_disallowed"),
        ("offsite", "offsite"),
        ("DOWNLOAD_MAXSIZE", "too_large"),
        ("max redirections", "too_many_redirects"),
    ):
        if needle in message:
            return reason
    return "ignored_request"


class NewsSpider(scrapy.Spider):
    name = "news"
    # False for a worker of a shared crawl, whose start URLs come from the Redis queue.
    require_start_urls = True

    def __init__(
        self,
        start_urls: str | Iterable[str] | None = None,
        url_file: str | None = None,
        urls: Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.list_mode = url_file is not None or urls is not None
        # Start URLs are the user's command: a bad one stops the crawl before it starts.
        self.start_urls = [check_fetchable(u) for u in _as_list(start_urls)]
        # A URL list is data: bad lines are skipped, reported and counted, the rest is crawled.
        self.rejected_inputs: list[str] = []
        listed = list(urls or []) + (read_url_list(url_file) if url_file else [])
        for line in listed:
            try:
                self.start_urls.append(check_fetchable(line))
            except UnsupportedURL as exc:
                self.rejected_inputs.append(str(exc))
        if not self.start_urls and self.require_start_urls:
            raise ValueError("no start URLs: give site, feed or sitemap URLs, or a URL list")
        self.allowed_domains = sorted({registered_domain(u) for u in self.start_urls})
        self.since: datetime | None = None
        self.follow_links = True
        self.link_depth = 4
        self.max_urls_per_sitemap = 50_000
        self.max_sitemap_bytes = 0
        self._links = LinkExtractor(canonicalize=False, unique=True)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        since = settings.get("NEWSCRAWL_SINCE")
        spider.since = parse_since(str(since)) if since else None
        spider.follow_links = settings.getbool("NEWSCRAWL_FOLLOW_LINKS", True)
        spider.link_depth = settings.getint("NEWSCRAWL_LINK_DEPTH", 4)
        spider.max_urls_per_sitemap = settings.getint("NEWSCRAWL_MAX_URLS_PER_SITEMAP", 50_000)
        spider.max_sitemap_bytes = settings.getint("DOWNLOAD_MAXSIZE", 0)
        extra = [
            registered_domain(f"http://{d}") for d in settings.getlist("NEWSCRAWL_ALLOWED_DOMAINS")
        ]
        spider.allowed_domains = sorted({*spider.allowed_domains, *extra})
        return spider

    # --- helpers -------------------------------------------------------------------

    def _inc(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"{STAT}/{key}", count)

    def _example(self, label: str, url: str) -> None:
        assert self.crawler.stats is not None
        note_example(self.crawler.stats, label, url)

    def _too_old(self, *dates: str | None) -> bool:
        """True when the first readable date is before --since (unknown dates are never too old)."""
        if self.since is None:
            return False
        for value in dates:
            instant = parse_instant(value)
            if instant is not None:
                return instant < self.since
        return False

    def _page_request(self, url: str, *, hops: int, hints: PageHints) -> Request | None:
        """A request for a page found by discovery, or None when its URL is not worth fetching."""
        try:
            url = clean_url(check_fetchable(url))
        except UnsupportedURL:
            self._inc("skipped/unsupported_url")
            return None
        kind = classify_url(url)
        if kind is UrlKind.ASSET:
            self._inc("skipped/asset_url")
            return None
        if kind is UrlKind.SITEMAP:
            return self._discovery_request(url, "sitemap")
        if kind is UrlKind.FEED:
            return self._discovery_request(url, "feed")
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            meta={ROLE: "page", HOPS: hops, HINTS: hints},
        )

    def _discovery_request(self, url: str, role: str) -> Request:
        callback = self.parse_sitemap if role == "sitemap" else self.parse_feed
        return Request(
            url, callback=callback, errback=self.on_error, meta={ROLE: role, HOPS: 0}, priority=5
        )

    # --- entry points ------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for message in self.rejected_inputs:
            logger.warning("Skipping input: %s", message)
            self._inc("skipped/bad_input_url")
        if self.list_mode:
            for url in self.start_urls:
                request = self._page_request(url, hops=0, hints=PageHints(source="list"))
                if request is not None:
                    request.meta[HOPS] = self.link_depth  # list mode: never follow links
                    yield request
            return
        for url in self.start_urls:
            yield Request(
                url,
                callback=self.parse_start,
                errback=self.on_error,
                meta={ROLE: "start", HOPS: 0},
            )

    def parse_start(self, response: Response) -> Iterator[Any]:
        """A start URL: a sitemap, a feed or an HTML page, told apart by content."""
        head = response.body[:512].lstrip()
        if head.startswith(_XML_SNIFF) and not looks_like_feed(response.body):
            yield from self.parse_sitemap(response)
        elif looks_like_feed(response.body):
            yield from self.parse_feed(response)
        else:
            # A site's page: discover the whole site through robots.txt and its sitemaps
            # too. (A feed or sitemap given as a start URL is taken as the user's scope.)
            yield self._robots_request(response.url)
            yield from self.parse_page(response)

    def _robots_request(self, url: str) -> Request:
        return Request(
            f"{_origin(url)}/robots.txt",
            callback=self.parse_robots,
            errback=self.on_error,
            meta={ROLE: "robots", "dont_obey_robotstxt": True},
            priority=10,
        )

    def parse_robots(self, response: Response) -> Iterator[Request]:
        sitemaps = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        self._inc("discovery/robots_sitemaps", len(sitemaps))
        if not sitemaps:
            sitemaps = [urljoin(response.url, "/sitemap.xml")]
        for url in sitemaps:
            yield self._discovery_request(url, "sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            body = maybe_gunzip(response.body, max_size=self.max_sitemap_bytes)
        except (OSError, EOFError, ValueError) as exc:
            self._inc("discovery/bad_sitemap")
            logger.warning("Unreadable compressed sitemap %s: %s", response.url, exc)
            return
        doc = parse_sitemap(body, max_urls=self.max_urls_per_sitemap)
        if not doc.kind:
            self._inc("discovery/bad_sitemap")
            logger.warning("Not a sitemap (no <urlset> or <sitemapindex>): %s", response.url)
            return
        self._inc("discovery/sitemaps")
        if doc.truncated:
            self._inc("discovery/sitemap_truncated")
            logger.warning(
                "Sitemap %s lists more than %d URLs; the rest is ignored",
                response.url,
                self.max_urls_per_sitemap,
            )
        for entry in doc.entries:
            loc = urljoin(response.url, entry.loc)
            if doc.kind == "sitemapindex":
                if self._too_old(entry.lastmod):
                    self._inc("skipped/older_than_since")
                    continue
                yield self._discovery_request(loc, "sitemap")
                continue
            if self._too_old(entry.news_published, entry.lastmod):
                self._inc("skipped/older_than_since")
                continue
            hints = PageHints(
                title=entry.news_title,
                published=entry.news_published,
                modified=entry.lastmod,
                language=entry.news_language,
                source="news-sitemap" if entry.news_published or entry.news_title else "sitemap",
            )
            request = self._page_request(loc, hops=0, hints=hints)
            if request is not None:
                self._inc("discovery/sitemap_urls")
                yield request

    def parse_feed(self, response: Response) -> Iterator[Request]:
        entries = parse_feed(response.body, max_entries=self.max_urls_per_sitemap)
        self._inc("discovery/feeds")
        for entry in entries:
            if self._too_old(entry.published, entry.modified):
                self._inc("skipped/older_than_since")
                continue
            hints = PageHints(
                title=entry.title,
                published=entry.published,
                modified=entry.modified,
                source="feed",
            )
            request = self._page_request(urljoin(response.url, entry.url), hops=0, hints=hints)
            if request is not None:
                self._inc("discovery/feed_urls")
                yield request

    def parse_page(self, response: Response) -> Iterator[Any]:
        """An HTML page: hand article candidates to the pipelines, mine every page for links."""
        kind = classify_url(response.url)
        if kind in (UrlKind.ARTICLE, UrlKind.UNKNOWN):
            self._inc("pages/candidates")
            yield self._fetched_page(response)
        else:
            self._inc(f"pages/{kind.value}")
        if self.list_mode:
            return
        if not isinstance(response, TextResponse) or not self._is_html(response):
            return
        if self.follow_links or response.meta.get(ROLE) == "start":
            yield from self._feed_links(response)
        yield from self._follow_links(response)

    # --- page handling -------------------------------------------------------------

    @staticmethod
    def _is_html(response: TextResponse) -> bool:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        return "html" in content_type or not content_type

    def _fetched_page(self, response: Response) -> FetchedPage:
        redirects = response.meta.get("redirect_urls") or []
        headers = response.headers

        def header(name: bytes) -> str | None:
            value = headers.get(name)
            return value.decode("latin-1") if value else None

        return FetchedPage(
            url=redirects[0] if redirects else response.url,
            fetched_url=response.url,
            status=response.status,
            body=response.body,
            content_type=header(b"Content-Type"),
            fetched_at=utc_now_iso(),
            hints=response.meta.get(HINTS) or PageHints(source="link"),
            etag=header(b"ETag"),
            last_modified=header(b"Last-Modified"),
        )

    def _feed_links(self, response: TextResponse) -> Iterator[Request]:
        hrefs = response.xpath(
            "//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href"
        ).getall()
        for href in hrefs:
            url = clean_url(response.urljoin(href))
            if registered_domain(url) in self.allowed_domains:
                yield self._discovery_request(url, "feed")

    def _follow_links(self, response: TextResponse) -> Iterator[Request]:
        hops = int(response.meta.get(HOPS, 0))
        if not self.follow_links or hops >= self.link_depth:
            return
        # Domains are checked here, not with LinkExtractor(allow_domains=...), which
        # compares against host:port and so never matches a site on a non-default port.
        for link in self._links.extract_links(response):
            if registered_domain(link.url) not in self.allowed_domains:
                continue
            request = self._page_request(link.url, hops=hops + 1, hints=PageHints(source="link"))
            if request is not None:
                yield request

    # --- errors ----------------------------------------------------------------------

    def on_error(self, failure: Failure) -> Iterator[Request]:
        """Count a failed request by reason; a missing robots.txt still leads to /sitemap.xml."""
        request: Request = failure.request  # type: ignore[attr-defined]
        role = request.meta.get(ROLE, "page")
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            # Refused before or while downloading (robots.txt, offsite, size, crawl space):
            # a decision, not an error.
            why = _ignore_reason(failure.value)
            self._inc(f"skipped/{why}")
            self._example(f"skipped/{why}", request.url)
            logger.info("Not fetched (%s): %s", why, failure.value)
            return
        if failure.check(DownloadCancelledError, CancelledError) and "max size" in str(
            failure.value
        ):
            self._inc("skipped/too_large")
            self._example("skipped/too_large", request.url)
            logger.warning("Not fetched (too_large): %s", failure.value)
            return
        response = getattr(failure.value, "response", None)
        reason = f"http_{response.status}" if response is not None else failure.type.__name__
        if response is not None and role == "page":
            blocked = blocked_answer(response.status, response.body)
            if blocked:
                # A bot wall is the site refusing the crawler, not a broken page: its own
                # reason, so that an operator sees "blocked" rather than a bare status.
                self._inc(f"fetch_errors/blocked/{reason}")
                self._example(f"fetch_errors/blocked/{reason}", f"{request.url} ({blocked})")
                logger.warning("Blocked: %s (%s)", request.url, blocked)
                return
        if role == "robots":
            self._inc(f"discovery/robots_unavailable/{reason}")
            yield self._discovery_request(urljoin(request.url, "/sitemap.xml"), "sitemap")
            return
        if role == "sitemap" and reason == "http_404":
            self._inc("discovery/sitemap_missing")
            return
        self._inc(f"fetch_errors/{reason}")
        self._example(f"fetch_errors/{reason}", request.url)
        logger.info("Could not fetch %s (%s): %s", request.url, role, reason)
