"""Small rules of incremental runs: hint dates, durations, job markers, run status."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from newscrawl.incremental import hint_date
from newscrawl.items import PageHints
from newscrawl.resume import MARKER, job_status
from newscrawl.runlog import run_report
from newscrawl.timeutil import parse_duration


def test_hint_date_is_the_newest_discovery_date() -> None:
    hints = PageHints(modified="2025-10-21T16:05:00+02:00", published="2025-10-21T15:00:00+00:00")
    assert hint_date(hints) == "2025-10-21T15:00:00+00:00"  # 16:05+02:00 is 14:05 UTC
    assert hint_date(PageHints(published="2025-10-20")) == "2025-10-20T00:00:00+00:00"
    assert hint_date(PageHints(source="link")) is None
    assert hint_date(None) is None


@pytest.mark.parametrize(
    ("text", "seconds"), [("24h", 86400), ("0", 0), ("90", 90), ("1h30m", 5400), ("2w", 1209600)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "h", "5x", "-1h", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


def test_job_status(tmp_path: Path) -> None:
    assert job_status(tmp_path) == "new"
    (tmp_path / MARKER).write_text('{"status": "interrupted"}')
    assert job_status(tmp_path) == "interrupted"
    (tmp_path / MARKER).write_text('{"status": "fini')  # torn: read as an unclean stop
    assert job_status(tmp_path) == "running"


def report(reason: str = "finished", state: str | None = "state.db", **stats: object):
    settings = Settings({"NEWSCRAWL_MAX_ERROR_RATE": 0.1, "NEWSCRAWL_STATE": state})
    return run_report({"downloader/request_count": 100, **stats}, reason, settings)


def test_run_status() -> None:
    assert report().status == "finished"
    assert report("shutdown").status == "interrupted"
    assert report(**{"newscrawl/fetch_errors/http_503": 11}).status == "errors_above_threshold"
    assert report(**{"newscrawl/fetch_errors/http_503": 10}).status == "finished"
    # Broken links are reported, but are the site's problem, not a failed run.
    broken = report(**{"newscrawl/fetch_errors/http_404": 60})
    assert (broken.status, broken.errors) == ("finished", 60)
    assert report("state_error").status == "failed"


def test_run_counts_and_line() -> None:
    figures = report(
        **{
            "newscrawl/incremental/new": 3,
            "newscrawl/incremental/updated": 2,
            "newscrawl/incremental/gone": 2,
            "newscrawl/skipped/known_url": 20,
            "newscrawl/skipped/not_modified": 4,
            "item_scraped_count": 7,
            "newscrawl/incremental/tombstones": 2,
        }
    )
    assert (figures.new, figures.updated, figures.deleted, figures.unchanged) == (3, 2, 2, 24)
    assert figures.written == 5
    assert figures.line().startswith(
        "newscrawl: run finished: 3 new, 2 updated, 2 deleted, 24 unchanged, 5 written"
    )
    # Without a crawl state there is nothing to compare with: no change counts.
    plain = report(state=None, item_scraped_count=7)
    assert plain.line().startswith("newscrawl: run finished: 7 written, 0 pages, 0 errors")


def test_state_accepts_the_feeds_scrapy_infers_from_jsonl(tmp_path: Path) -> None:
    from newscrawl.incremental import check_feeds
    from newscrawl.state import StateError

    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    for fmt in ("jsonl", "jsonlines"):  # `scrapy crawl -o x.jsonl` / newscrawl's CLI
        settings.set("FEEDS", {str(tmp_path / "o.jsonl"): {"format": fmt}})
        assert check_feeds(settings)
    settings.set("FEEDS", {str(tmp_path / "o.csv"): {"format": "csv"}})
    with pytest.raises(StateError, match="format 'csv'"):
        check_feeds(settings)
