"""Reasons an item is dropped, one DropItem subclass each.

Scrapy's core stats count drops per exception class
(``item_dropped_reasons_count/NotAnArticle``); newscrawl adds finer counters
under ``newscrawl/...`` (e.g. ``newscrawl/rejected/listing``). Expected drops
log at INFO so that a normal crawl does not look like a failing one.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem


class NotAnArticle(DropItem):
    """The page is not an article (listing, too short, blocked, not HTML...)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, log_level="INFO")
        self.reason = reason


class ExtractionFailed(DropItem):
    """Extraction crashed or timed out on this page (the crawl goes on)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, log_level="WARNING")
        self.reason = reason


class InvalidRecord(DropItem):
    """The record does not satisfy the shipped JSON Schema (a bug: it is logged loudly)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="ERROR")


class DuplicateArticle(DropItem):
    """The same article (canonical URL or content) was already written in this crawl."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


class OverLimit(DropItem):
    """An article beyond --max-articles or older than --since."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")


class Unchanged(DropItem):
    """Incremental runs: the article's content is what the crawl state already holds."""

    def __init__(self, message: str) -> None:
        super().__init__(message, log_level="DEBUG")
