"""Discovery parsers and URL rules: sitemaps, feeds, URL classes, canonical URLs."""

from __future__ import annotations

import gzip

import pytest

from newscrawl.extract.classify import UrlKind, classify_url
from newscrawl.extract.urls import (
    UnsupportedURL,
    canonical_url,
    check_fetchable,
    clean_url,
    registered_domain,
)
from newscrawl.spiders.feeds import looks_like_feed, parse_feed
from newscrawl.spiders.sitemaps import maybe_gunzip, parse_sitemap

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.com/world/2025/10/summit-ends.html</loc>
    <news:news>
      <news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-10-21T09:30:00+05:00</news:publication_date>
      <news:title>Summit ends with a deal</news:title>
    </news:news>
  </url>
  <url><loc>https://news.example.com/world/2025/09/older.html</loc><lastmod>2025-09-01</lastmod></url>
</urlset>"""


def test_google_news_sitemap_keeps_title_date_and_language() -> None:
    doc = parse_sitemap(NEWS_SITEMAP)
    assert doc.kind == "urlset"
    first, second = doc.entries
    assert first.loc == "https://news.example.com/world/2025/10/summit-ends.html"
    assert first.news_title == "Summit ends with a deal"
    assert first.news_published == "2025-10-21T09:30:00+05:00"
    assert first.news_language == "en"
    assert second.lastmod == "2025-09-01"
    assert second.news_title is None


def test_sitemap_index_is_recognised() -> None:
    body = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://e.com/a.xml</loc><lastmod>2025-10-01</lastmod></sitemap>"
        b"<sitemap><loc>https://e.com/b.xml.gz</loc></sitemap></sitemapindex>"
    )
    doc = parse_sitemap(body)
    assert doc.kind == "sitemapindex"
    assert [e.loc for e in doc.entries] == ["https://e.com/a.xml", "https://e.com/b.xml.gz"]


def test_sitemap_cap_truncates() -> None:
    urls = b"".join(b"<url><loc>https://e.com/%d</loc></url>" % i for i in range(10))
    doc = parse_sitemap(b"<urlset>" + urls + b"</urlset>", max_urls=3)
    assert len(doc.entries) == 3
    assert doc.truncated


def test_sitemap_entities_are_never_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>https://e.com/&c;&xxe;</loc></url></urlset>"
    )
    doc = parse_sitemap(bomb)
    assert doc.kind == "urlset"
    assert all("aaaa" not in e.loc and "root:" not in e.loc for e in doc.entries)


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body>hi</body></html>"])
def test_non_sitemaps_give_no_kind(body: bytes) -> None:
    assert parse_sitemap(body).kind == ""


def test_gzipped_sitemap_is_inflated_within_limit() -> None:
    packed = gzip.compress(NEWS_SITEMAP)
    assert maybe_gunzip(packed, max_size=10_000) == NEWS_SITEMAP
    assert maybe_gunzip(NEWS_SITEMAP, max_size=10) == NEWS_SITEMAP  # plain bytes pass through
    with pytest.raises(ValueError, match="exceed"):
        maybe_gunzip(gzip.compress(b"x" * 100_000), max_size=1_000)


RSS = b"""<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example</title>
<item><title>First story</title><link>https://e.com/2025/10/first-story.html</link>
<pubDate>Tue, 21 Oct 2025 09:30:00 +0500</pubDate><dc:creator>Anna Keller</dc:creator></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Science</title><entry><title>Atom story</title>
<link href="https://e.com/science/2025/10/atom-story.html"/>
<updated>2025-10-20T12:00:00Z</updated><published>2025-10-19T08:00:00Z</published></entry></feed>"""


def test_rss_entries_with_dates_in_utc() -> None:
    assert looks_like_feed(RSS)
    entries = parse_feed(RSS)
    assert len(entries) == 1
    assert entries[0].url == "https://e.com/2025/10/first-story.html"
    assert entries[0].title == "First story"
    assert entries[0].published == "2025-10-21T04:30:00+00:00"


def test_atom_entries() -> None:
    assert looks_like_feed(ATOM)
    (entry,) = parse_feed(ATOM)
    assert entry.url == "https://e.com/science/2025/10/atom-story.html"
    assert entry.published == "2025-10-19T08:00:00+00:00"
    assert entry.modified == "2025-10-20T12:00:00+00:00"


def test_broken_feed_gives_no_entries() -> None:
    assert parse_feed(b"<rss><channel><item><title>x") == []
    assert not looks_like_feed(b"<html><body>no</body></html>")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://e.com/", UrlKind.LISTING),
        ("https://e.com/world/", UrlKind.LISTING),
        ("https://e.com/world/europe/", UrlKind.LISTING),
        ("https://e.com/world/page/2/", UrlKind.LISTING),
        ("https://e.com/tag/food-security/", UrlKind.LISTING),
        ("https://e.com/author/anna-keller/", UrlKind.LISTING),
        ("https://e.com/search?q=climate", UrlKind.LISTING),
        ("https://e.com/world/?page=3", UrlKind.LISTING),
        ("https://e.com/about/", UrlKind.INFO),
        ("https://e.com/contact-us", UrlKind.INFO),
        ("https://e.com/world/2025/10/summit-ends-with-deal.html", UrlKind.ARTICLE),
        ("https://e.com/news/world-europe-67012345", UrlKind.ARTICLE),
        ("https://e.com/a-long-slug-about-the-summit-deal/", UrlKind.ARTICLE),
        ("https://e.com/files/report.pdf", UrlKind.ASSET),
        ("https://e.com/img/photo.JPG", UrlKind.ASSET),
        ("https://e.com/feed.xml", UrlKind.FEED),
        ("https://e.com/feed/", UrlKind.FEED),
        ("https://e.com/sitemap-news.xml", UrlKind.SITEMAP),
        ("https://e.com/sitemap_index.xml.gz", UrlKind.SITEMAP),
        ("https://e.com/x/y/z", UrlKind.UNKNOWN),
    ],
)
def test_classify_url(url: str, kind: UrlKind) -> None:
    assert classify_url(url) is kind


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi", "ftp://e.com/", "http://"],
)
def test_unfetchable_urls_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(UnsupportedURL):
        check_fetchable(url)


def test_clean_url_drops_trackers_and_fragment() -> None:
    assert (
        clean_url("https://E.com/a.html?utm_source=x&id=7&fbclid=abc#comments")
        == "https://e.com/a.html?id=7"
    )


def test_registered_domain() -> None:
    assert registered_domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert registered_domain("http://127.0.0.1:8080/x") == "127.0.0.1"


def test_canonical_url_prefers_same_site_candidate() -> None:
    fetched = "https://news.example.com/a.html?utm_medium=email"
    assert canonical_url(fetched, ["/a.html"]) == "https://news.example.com/a.html"
    assert (
        canonical_url(fetched, ["https://other.org/a.html", None])
        == "https://news.example.com/a.html"
    )
    assert (
        canonical_url(fetched, ["https://www.example.com/b.html"])
        == "https://www.example.com/b.html"
    )
