"""The data that flows through a crawl: what spiders fetch and what the crawl writes.

No Scrapy import here: the same classes travel to extraction worker processes
(they pickle) and are used by unit tests without an engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

# Extension fields that are written only when they carry a value, so that a plain
# crawl's records stay lean while incremental runs and `extract` can annotate them.
_OPTIONAL_WHEN_EMPTY = frozenset({"change", "previous_content_hash", "source"})


@dataclass(frozen=True, slots=True, kw_only=True)
class PageHints:
    """What discovery learned about a URL before fetching it (sitemap, feed).

    Extraction uses these as fallbacks: a Google News sitemap's title and
    publication date are publisher-provided and often cleaner than the page.
    """

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    source: str | None = None  # "sitemap", "news-sitemap", "feed", "link", "list"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchedPage:
    """A fetched response, as the spider hands it to the extraction pipeline."""

    url: str  # the URL that was requested (before redirects)
    fetched_url: str  # the URL of the final response
    status: int
    body: bytes = field(repr=False)
    content_type: str | None  # the Content-Type header, verbatim
    fetched_at: str  # ISO 8601 UTC
    hints: PageHints = field(default_factory=PageHints)
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article record: the contract with downstream tools.

    Field order is the JSONL key order. Names are fixed by DESIGN.md; new
    fields may be added, none renamed. ``newscrawl/schema/article.json`` must
    list the same properties in the same order (a test checks it).
    """

    url: str
    """Canonical URL (rel=canonical / og:url on the same site, else the fetched URL), no tracking parameters."""
    fetched_url: str
    """The URL actually fetched, after redirects."""
    site: str
    """Registered domain, e.g. ``example.com``."""
    site_name: str | None
    """Publisher name when the page says it."""
    title: str
    """The headline, without a " | Site Name" suffix."""
    description: str | None
    """Standfirst or meta description."""
    authors: list[str]
    """Person names only: no "By", roles, dates or organisations."""
    published: str | None
    """ISO 8601; with UTC offset when the page gives a time, ``YYYY-MM-DD`` when only a day."""
    modified: str | None
    """Same form as ``published``."""
    language: str | None
    """ISO 639-1 code."""
    body: str
    """Story text only; paragraphs separated by a blank line."""
    word_count: int
    """Whitespace-separated words in ``body``."""
    image: str | None
    """Lead image URL."""
    tags: list[str]
    """Tags / keywords when present."""
    fetched_at: str
    """ISO 8601 UTC time of the fetch."""
    content_hash: str
    """Hash of the normalised title and body, to detect changes between crawls."""
    schema_version: int = SCHEMA_VERSION
    """Bumps on an incompatible change of this record."""
    published_raw: str | None = None
    """The string ``published`` was read from, so a wrong date can be audited."""
    organizations: list[str] = field(default_factory=list)
    """Non-person bylines (agencies, "Staff" desks) kept apart from ``authors``."""
    paywalled: bool = False
    """True when the page shows only a teaser of a subscriber-only story."""
    change: str | None = None
    """Incremental runs: "new", "updated" (or "deleted" for tombstones)."""
    previous_content_hash: str | None = None
    """Incremental runs: the hash of the version an "updated" record replaces."""
    source: str | None = None
    """``newscrawl extract``: the input path the record came from."""

    def to_record(self) -> dict[str, Any]:
        """The JSON object written for this article, keys in field order."""
        record = asdict(self)
        for name in _OPTIONAL_WHEN_EMPTY:
            if record[name] is None:
                del record[name]
        return record


def article_field_names() -> list[str]:
    """Field names of :class:`Article` in record order."""
    return [f.name for f in fields(Article)]


# The reasons a fetched page gives no article (``Rejection.reason``): stable tokens,
# counted as ``newscrawl/rejected/<reason>`` in crawl stats.
REJECTION_REASONS = {
    "empty": "no bytes, or only whitespace",
    "too_large": "larger than max_bytes (the crawl refuses these while downloading)",
    "not_html": "a PDF, an image, a feed, binary data: not an HTML page",
    "parse_error": "nothing parseable as HTML (or extraction failed on it)",
    "timeout": "extraction took longer than the time limit",
    "blocked": "a bot-protection challenge, captcha or 'access denied' page",
    "consent_wall": "a cookie/consent dialog in place of the page",
    "js_shell": "a JavaScript application shell: no text without running scripts",
    "listing": "a home, section, tag, author, search or archive page",
    "not_article": "an about, contact or legal page",
    "paywalled": "a subscriber-only story with (almost) no visible text",
    "no_body": "no main text found",
    "too_short": "a body shorter than min_words",
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a fetched page produced no article.

    ``reason`` is a short stable token used in crawl statistics
    (``newscrawl/rejected/<reason>``); ``detail`` is for humans.
    """

    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason


@dataclass(frozen=True, slots=True, kw_only=True)
class Tombstone:
    """The record an incremental run writes for a known article that now answers 404/410.

    Written only with ``--emit-deletions``; validated by ``schema/tombstone.json``
    (a record whose ``change`` is ``"deleted"``). Field order is the JSONL key order.
    """

    url: str
    """Canonical URL of the article that was deleted (as its earlier records gave it)."""
    site: str
    """Registered domain."""
    change: str = "deleted"
    """Always "deleted": tells a tombstone from an article record."""
    status: int
    """The HTTP status that said so (404 or 410)."""
    fetched_at: str
    """ISO 8601 UTC time the deletion was observed."""
    previous_content_hash: str | None = None
    """``content_hash`` of the last version written, when known."""
    schema_version: int = SCHEMA_VERSION

    def to_record(self) -> dict[str, Any]:
        """The JSON object written for this tombstone, keys in field order."""
        record = asdict(self)
        if record["previous_content_hash"] is None:
            del record["previous_content_hash"]
        return record
