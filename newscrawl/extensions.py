"""CrawlSummary: the end-of-crawl summary and the live progress line on stderr."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

# Stat prefixes, grouped as the summary reports them.
SKIPPED_PREFIXES = ("newscrawl/rejected/", "newscrawl/skipped/", "newscrawl/duplicates/")
ERROR_PREFIXES = ("newscrawl/fetch_errors/", "newscrawl/errors/")
# Scrapy's own counters for requests it drops without calling an errback.
SCRAPY_SKIPS = {"offsite/filtered": "skipped/offsite"}


# The first few pages counted under a reason, for the summary: string stats
# ``newscrawl/examples/<label>/<n>`` (strings, so that any stats backend stores them).
EXAMPLES_PREFIX = "newscrawl/examples/"
EXAMPLES_PER_REASON = 3


def note_example(stats: StatsCollector, label: str, example: str) -> None:
    """Remember ``example`` (a URL, then why) as one of the first pages counted under ``label``."""
    for n in range(1, EXAMPLES_PER_REASON + 1):
        key = f"{EXAMPLES_PREFIX}{label}/{n}"
        if stats.get_value(key) is None:
            stats.set_value(key, example[:300])
            return


def _examples(stats: Mapping[str, Any], label: str) -> list[str]:
    found = (stats.get(f"{EXAMPLES_PREFIX}{label}/{n}") for n in range(1, EXAMPLES_PER_REASON + 1))
    return [example for example in found if isinstance(example, str)]


def _by_prefix(stats: Mapping[str, Any], prefixes: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for key, value in stats.items():
        for prefix in prefixes:
            if key.startswith(prefix) and isinstance(value, int):
                label = key[len("newscrawl/") :]
                found[label] = found.get(label, 0) + value
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def crawl_summary(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The figures of a finished crawl, from its stats (also used by the CLI)."""
    skipped = _by_prefix(stats, SKIPPED_PREFIXES)
    for stat, label in SCRAPY_SKIPS.items():
        if stats.get(stat):
            skipped[label] = skipped.get(label, 0) + stats[stat]
    errors = _by_prefix(stats, ERROR_PREFIXES)
    if stats.get("newscrawl/invalid"):
        errors["invalid_record"] = stats["newscrawl/invalid"]
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        # Tombstones (incremental runs, --emit-deletions) are scraped items but not articles.
        "articles_written": stats.get("item_scraped_count", 0)
        - stats.get("newscrawl/incremental/tombstones", 0),
        "skipped": skipped,
        "errors": errors,
        "examples": {
            label: found for label in (*skipped, *errors) if (found := _examples(stats, label))
        },
        "finish_reason": stats.get("finish_reason"),
    }


def format_summary(summary: Mapping[str, Any]) -> str:
    reason = summary["finish_reason"] or "unfinished"
    lines = [
        f"newscrawl: {summary['articles_written']} articles written, "
        + f"{summary['pages_fetched']} pages fetched ({reason})"
    ]
    examples = summary.get("examples", {})
    for title in ("skipped", "errors"):
        entries = summary[title]
        total = sum(entries.values())
        lines.append(f"  {title}: {total}")
        for reason, count in entries.items():
            lines.append(f"    {count:>6}  {reason}")
            shown = examples.get(reason, [])
            lines.extend(f"              {example}" for example in shown)
            if shown and count > len(shown):
                lines.append(f"              (and {count - len(shown)} more)")
    return "\n".join(lines)


class CrawlSummary:
    """Prints the crawl summary when the spider closes, and a progress line on a terminal."""

    def __init__(self, crawler: Crawler, stream: TextIO) -> None:
        self.crawler = crawler
        self.stream = stream
        self.show_summary = crawler.settings.getbool("NEWSCRAWL_SUMMARY", True)
        self.show_progress = crawler.settings.getbool("NEWSCRAWL_PROGRESS", True) and (
            stream.isatty()
        )
        self._ticker: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler, sys.stderr)
        if not (extension.show_summary or extension.show_progress):
            raise NotConfigured
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def _stats(self) -> dict[str, Any]:
        assert self.crawler.stats is not None
        return self.crawler.stats.get_stats()

    def spider_opened(self) -> None:
        if self.show_progress:
            self._ticker = task.LoopingCall(self._progress)
            self._ticker.start(1.0, now=False)

    def _progress(self) -> None:
        s = crawl_summary(self._stats())
        skipped = sum(s["skipped"].values())
        errors = sum(s["errors"].values())
        self.stream.write(
            f"\r\x1b[K{s['pages_fetched']} pages, {s['articles_written']} articles, "
            f"{skipped} skipped, {errors} errors"
        )
        self.stream.flush()

    def spider_closed(self, reason: str) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
            self.stream.write("\r\x1b[K")
        if self.show_summary:
            stats = {**self._stats(), "finish_reason": reason}
            self.stream.write(format_summary(crawl_summary(stats)) + "\n")
            self.stream.flush()
