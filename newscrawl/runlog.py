"""One run-log line per crawl, and the status a scheduler alerts on.

The :class:`RunLog` extension prints, when the crawl ends, a single grep-able
line on stderr::

    newscrawl: run finished: 3 new, 2 updated, 2 deleted, 24 unchanged, 7 written, ...

and, with ``NEWSCRAWL_RUN_LOG = PATH`` (``--run-log``), appends the same
figures to PATH as one JSON object. The status also goes into the stats as
``newscrawl/run/status``, from which the CLI takes its exit code:

* ``finished``: 0;
* ``interrupted`` (SIGINT/SIGTERM): 3;
* ``errors_above_threshold``: more than ``NEWSCRAWL_MAX_ERROR_RATE`` of the
  requests ended in an error (fetch errors, extraction errors, invalid
  records), or the crawl state failed mid-run (``failed``): 4. A 404 or 410
  is the site's broken link, not a failure of the run: it is reported with
  the errors but does not count towards the rate (a site that is down or
  blocks us fails with connection errors, timeouts, 403/429 or 5xx).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals

from newscrawl.extensions import crawl_summary
from newscrawl.state import redact
from newscrawl.timeutil import utc_now_iso

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

STATUS_STAT = "newscrawl/run/status"
FAILED_REASONS = frozenset({"state_error"})


@dataclass(frozen=True, slots=True)
class RunReport:
    """The figures of one crawl, as logged and as stored in the crawl state."""

    status: str
    reason: str
    new: int
    updated: int
    deleted: int
    unchanged: int
    written: int
    pages: int
    requests: int
    errors: int
    error_rate: float
    seconds: float
    incremental: bool = True
    """Whether the run compared against a crawl state (else the change counts are moot)."""

    def counts(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k not in ("status", "incremental")}

    def line(self) -> str:
        changes = (
            f"{self.new} new, {self.updated} updated, {self.deleted} deleted, "
            f"{self.unchanged} unchanged, "
            if self.incremental
            else ""
        )
        return (
            f"newscrawl: run {self.status}: {changes}{self.written} written, "
            f"{self.pages} pages, {self.errors} errors ({self.error_rate:.1%} failed), "
            f"{self.seconds:.1f}s ({self.reason})"
        )


def _elapsed(stats: Mapping[str, Any]) -> float:
    start = stats.get("start_time")
    if isinstance(start, datetime):
        return (datetime.now(UTC) - start.astimezone(UTC)).total_seconds()
    return float(stats.get("elapsed_time_seconds") or 0.0)


def run_report(stats: Mapping[str, Any], reason: str, settings: BaseSettings) -> RunReport:
    """Counts and status of a crawl that ended for ``reason``."""
    summary = crawl_summary(stats)
    errors = sum(summary["errors"].values())
    broken_links = sum(summary["errors"].get(f"fetch_errors/http_{s}", 0) for s in (404, 410))
    requests = int(stats.get("downloader/request_count", 0))
    rate = (errors - broken_links) / requests if requests else 0.0
    if reason == "shutdown":
        status = "interrupted"
    elif reason in FAILED_REASONS or stats.get("newscrawl/errors/state"):
        status = "failed"
    elif rate > settings.getfloat("NEWSCRAWL_MAX_ERROR_RATE", 0.1):
        status = "errors_above_threshold"
    else:
        status = "finished"
    unchanged = sum(
        int(stats.get(f"newscrawl/skipped/{key}", 0))
        for key in ("known_url", "not_modified", "unchanged")
    )
    return RunReport(
        status=status,
        reason=reason,
        new=int(stats.get("newscrawl/incremental/new", 0)),
        updated=int(stats.get("newscrawl/incremental/updated", 0)),
        deleted=int(stats.get("newscrawl/incremental/gone", 0)),
        unchanged=unchanged,
        written=summary["articles_written"],
        pages=summary["pages_fetched"],
        requests=requests,
        errors=errors,
        error_rate=round(rate, 4),
        seconds=round(_elapsed(stats), 2),
        incremental=bool(settings.get("NEWSCRAWL_STATE"))
        and settings.get("NEWSCRAWL_STATE_MODE", "incremental") != "job",
    )


class RunLog:
    """Logs the run line (stderr, and ``NEWSCRAWL_RUN_LOG`` as JSON) and sets the run status."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("NEWSCRAWL_RUN_LOG")
        self.echo = crawler.settings.getbool("NEWSCRAWL_SUMMARY", True)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        report = run_report(stats.get_stats(), reason, self.crawler.settings)
        stats.set_value(STATUS_STAT, report.status)
        if self.echo:
            print(report.line(), file=sys.stderr, flush=True)
        if self.path:
            entry = {"time": utc_now_iso(), "status": report.status, **report.counts()}
            state = self.crawler.settings.get("NEWSCRAWL_STATE")
            if state:
                entry["state"] = redact(str(state))
            try:
                with Path(self.path).expanduser().open("a", encoding="utf-8") as stream:
                    stream.write(json.dumps(entry) + "\n")
            except OSError as exc:
                logger.error("Cannot append to the run log %s: %s", self.path, exc)
