"""NewsSpider callbacks fed with built responses (no engine, no server)."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request, Response, TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.items import FetchedPage
from newscrawl.spiders.news import HINTS, HOPS, ROLE, NewsSpider

BASE = "https://news.example.com"


def make_spider(settings: dict[str, Any] | None = None, **kwargs: Any) -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings or {})
    kwargs.setdefault("start_urls", f"{BASE}/")
    spider = NewsSpider.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    assert crawler.stats is not None
    crawler.stats.open_spider()
    return spider


def stat(spider: NewsSpider, key: str) -> Any:
    assert spider.crawler.stats is not None
    return spider.crawler.stats.get_value(f"newscrawl/{key}")


def html(url: str, body: str, meta: dict[str, Any] | None = None) -> HtmlResponse:
    request = Request(url, meta=meta or {HOPS: 0})
    return HtmlResponse(
        url, body=body.encode(), headers={"Content-Type": "text/html"}, request=request
    )


def requests_of(results: list[Any]) -> list[Request]:
    return [r for r in results if isinstance(r, Request)]


def test_start_urls_accept_lists_and_strings() -> None:
    spider = make_spider(start_urls=f"{BASE}/, {BASE}/feed.xml")
    assert spider.start_urls == [f"{BASE}/", f"{BASE}/feed.xml"]
    assert spider.allowed_domains == ["example.com"]


def test_bad_start_url_is_refused() -> None:
    with pytest.raises(ValueError, match="only http"):
        make_spider(start_urls="javascript:alert(1)")


def test_robots_sitemaps_are_followed() -> None:
    spider = make_spider()
    robots = TextResponse(
        f"{BASE}/robots.txt",
        body=b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap_index.xml\n",
    )
    (request,) = list(spider.parse_robots(robots))
    assert request.url == f"{BASE}/sitemap_index.xml"
    assert request.callback == spider.parse_sitemap


def test_robots_without_sitemap_falls_back_to_sitemap_xml() -> None:
    spider = make_spider()
    robots = TextResponse(f"{BASE}/robots.txt", body=b"User-agent: *\nDisallow:\n")
    (request,) = list(spider.parse_robots(robots))
    assert request.url == f"{BASE}/sitemap.xml"


SITEMAP = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>/world/2025/10/new-story-about-the-summit.html</loc><news:news>
<news:publication_date>2025-10-21T09:30:00+05:00</news:publication_date>
<news:title>New story</news:title></news:news></url>
<url><loc>/world/2023/01/old-story-about-the-summit.html</loc><lastmod>2023-01-05</lastmod></url>
<url><loc>/files/report.pdf</loc></url>
<url><loc>/world/2025/10/story-about-tracking-links.html?utm_source=x</loc></url>
</urlset>"""


def test_sitemap_entries_become_page_requests_with_hints() -> None:
    spider = make_spider()
    response = XmlResponse(f"{BASE}/sitemap-news.xml", body=SITEMAP)
    requests = list(spider.parse_sitemap(response))
    assert [r.url for r in requests] == [
        f"{BASE}/world/2025/10/new-story-about-the-summit.html",
        f"{BASE}/world/2023/01/old-story-about-the-summit.html",
        f"{BASE}/world/2025/10/story-about-tracking-links.html",
    ]
    hints = requests[0].meta[HINTS]
    assert hints.title == "New story"
    assert hints.published == "2025-10-21T09:30:00+05:00"
    assert hints.source == "news-sitemap"
    assert stat(spider, "skipped/asset_url") == 1


def test_since_skips_old_sitemap_entries_unfetched() -> None:
    spider = make_spider({"NEWSCRAWL_SINCE": "2025-01-01"})
    requests = list(spider.parse_sitemap(XmlResponse(f"{BASE}/s.xml", body=SITEMAP)))
    assert f"{BASE}/world/2023/01/old-story-about-the-summit.html" not in [r.url for r in requests]
    assert stat(spider, "skipped/older_than_since") == 1


def test_start_url_sniffs_feed_and_sitemap() -> None:
    spider = make_spider()
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>'
    feed += b"<link>https://news.example.com/world/2025/10/feed-story-here.html</link></item>"
    feed += b"</channel></rss>"
    from_feed = list(spider.parse_start(XmlResponse(f"{BASE}/feed.xml", body=feed)))
    assert [r.url for r in from_feed] == [f"{BASE}/world/2025/10/feed-story-here.html"]
    assert from_feed[0].meta[HINTS].source == "feed"
    from_sitemap = list(spider.parse_start(XmlResponse(f"{BASE}/sitemap.xml", body=SITEMAP)))
    assert len(from_sitemap) == 3


HOME = """<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
<body><a href="/world/">World</a>
<a href="/world/2025/10/summit-ends-with-a-deal.html?utm_source=home#top">Summit</a>
<a href="https://elsewhere.org/2025/10/other-site-story-here.html">Other site</a>
<a href="/files/report.pdf">Report</a><a href="mailto:desk@example.com">Mail</a></body></html>"""


def test_listing_is_mined_for_links_but_not_emitted() -> None:
    spider = make_spider()
    results = list(spider.parse_page(html(f"{BASE}/", HOME)))
    assert not [r for r in results if isinstance(r, FetchedPage)]
    urls = [r.url for r in requests_of(results)]
    assert urls == [
        f"{BASE}/feed.xml",
        f"{BASE}/world/",
        f"{BASE}/world/2025/10/summit-ends-with-a-deal.html",
    ]
    assert all(r.meta[HOPS] == 1 for r in requests_of(results)[1:])
    assert stat(spider, "pages/listing") == 1


def test_article_page_is_emitted_with_redirect_origin() -> None:
    spider = make_spider()
    url = f"{BASE}/world/2025/10/summit-ends-with-a-deal.html"
    response = html(url, "<html><body><p>Story</p></body></html>")
    response.meta["redirect_urls"] = [f"{BASE}/old/summit"]
    (page,) = [r for r in spider.parse_page(response) if isinstance(r, FetchedPage)]
    assert page.url == f"{BASE}/old/summit"
    assert page.fetched_url == url
    assert page.status == 200
    assert page.content_type == "text/html"
    assert page.hints.source == "link"


def test_link_depth_limits_following() -> None:
    spider = make_spider({"NEWSCRAWL_LINK_DEPTH": 1})
    results = list(spider.parse_page(html(f"{BASE}/world/", HOME, {HOPS: 1})))
    assert [r.url for r in requests_of(results)] == [f"{BASE}/feed.xml"]


def test_no_follow_reads_the_start_pages_feeds_only() -> None:
    spider = make_spider({"NEWSCRAWL_FOLLOW_LINKS": False})
    start = list(spider.parse_page(html(f"{BASE}/", HOME, {HOPS: 0, ROLE: "start"})))
    assert [r.url for r in requests_of(start)] == [f"{BASE}/feed.xml"]
    later = list(spider.parse_page(html(f"{BASE}/world/", HOME)))
    assert requests_of(later) == []


def test_non_html_candidate_is_handed_to_extraction() -> None:
    spider = make_spider()
    url = f"{BASE}/world/2025/10/summit-ends-with-a-deal.html"
    response = Response(
        url,
        body=b"%PDF-1.4",
        headers={"Content-Type": "application/pdf"},
        request=Request(url, meta={HOPS: 0}),
    )
    (page,) = list(spider.parse_page(response))
    assert isinstance(page, FetchedPage)
    assert page.content_type == "application/pdf"


def test_url_list_mode_skips_bad_lines(tmp_path: Any) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# comment\n{BASE}/world/2025/10/a-b-c-d.html\n\njavascript:void(0)\n{BASE}/x/y/z\n"
    )
    spider = make_spider(start_urls=None, url_file=str(listing))
    assert spider.list_mode
    assert spider.start_urls == [f"{BASE}/world/2025/10/a-b-c-d.html", f"{BASE}/x/y/z"]
    assert len(spider.rejected_inputs) == 1
    assert "javascript" in spider.rejected_inputs[0]
