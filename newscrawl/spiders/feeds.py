"""RSS and Atom feed parsing with feedparser (it copes with the many dialects and broken feeds)."""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 UTC
    modified: str | None = None


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def looks_like_feed(body: bytes) -> bool:
    """Cheap sniff: does the start of the document name an RSS/Atom/RDF root?"""
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(body: bytes, *, max_entries: int = 50_000) -> list[FeedEntry]:
    """Entries with a link, in feed order (at most ``max_entries``)."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    entries: list[FeedEntry] = []
    for raw in parsed.entries[:max_entries]:
        # dict.get, not FeedParserDict.get: the latter maps a missing updated_parsed
        # to published_parsed with a DeprecationWarning.
        link = dict.get(raw, "link")
        if not link:
            continue
        entries.append(
            FeedEntry(
                url=link.strip(),
                title=(dict.get(raw, "title") or "").strip() or None,
                published=_iso(dict.get(raw, "published_parsed")),
                modified=_iso(dict.get(raw, "updated_parsed")),
            )
        )
    return entries
