"""Property-based tests: discovery parsers never raise or hang on arbitrary or mutated input."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.spiders.feeds import parse_feed
from newscrawl.spiders.sitemaps import parse_sitemap
from newscrawl.timeutil import parse_instant

SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://e.com/a</loc>'
    b"<lastmod>2025-10-01</lastmod><news:news><news:publication_date>2025-10-01T10:00:00Z"
    b"</news:publication_date><news:title>T</news:title></news:news></url></urlset>"
)
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title>'
    b"<link>https://e.com/a</link><pubDate>Tue, 21 Oct 2025 09:30:00 +0500</pubDate></item>"
    b"</channel></rss>"
)
TIME_BOUND = 2.0  # seconds per input; far above the normal sub-millisecond cost


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, delete_count, insert) edits: truncations, splices, garbage."""
    for position, delete, insert in edits:
        position %= len(data) + 1
        data = data[:position] + insert + data[position + delete :]
    return data


EDITS = st.lists(
    st.tuples(st.integers(0, 2000), st.integers(0, 40), st.binary(max_size=40)), max_size=6
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=4000))
def test_sitemap_parser_on_arbitrary_bytes(data: bytes) -> None:
    started = time.monotonic()
    doc = parse_sitemap(data, max_urls=100)
    assert doc.kind in ("", "urlset", "sitemapindex")
    assert len(doc.entries) <= 100
    assert time.monotonic() - started < TIME_BOUND


@FUZZ
@given(EDITS)
def test_sitemap_parser_on_mutated_sitemaps(edits: list[tuple[int, int, bytes]]) -> None:
    doc = parse_sitemap(mutate(SITEMAP, edits))
    assert all(isinstance(entry.loc, str) and entry.loc for entry in doc.entries)


@FUZZ
@given(st.binary(max_size=4000))
def test_feed_parser_on_arbitrary_bytes(data: bytes) -> None:
    started = time.monotonic()
    entries = parse_feed(data)
    assert all(entry.url for entry in entries)
    assert time.monotonic() - started < TIME_BOUND


@FUZZ
@given(EDITS)
def test_feed_parser_on_mutated_feeds(edits: list[tuple[int, int, bytes]]) -> None:
    for entry in parse_feed(mutate(FEED, edits)):
        assert entry.url
        assert entry.published is None or parse_instant(entry.published) is not None


@FUZZ
@given(st.text(max_size=60))
def test_parse_instant_never_raises(text: str) -> None:
    parse_instant(text)
