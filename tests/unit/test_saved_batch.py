"""``newscrawl extract`` batches in worker processes: order kept, a bad page costs itself only."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from newscrawl.extract import ExtractOptions
from newscrawl.saved import SavedPage, extract_many, extract_saved
from tests.crawl.faulty import extract_saved_or_fail
from tests.fixturesite import SITE_DIR

ARTICLES = sorted((SITE_DIR / "world" / "2025").rglob("*.html"))[:4]
OPTIONS = ExtractOptions(time_limit=1.0)  # the pool gives a page twice this before killing


def _batch(pages: list[SavedPage], workers: int, **kwargs: Callable[..., Any]) -> list[dict]:
    """extract_many as the CLI runs it: in a thread with no event loop of its own running
    (pytest-twisted runs one in the test's thread)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: list(extract_many(pages, OPTIONS, workers, **kwargs))).result()


def _page(path: Path, source: str | None = None) -> SavedPage:
    url = "https://meridian.example/" + path.relative_to(SITE_DIR).as_posix()
    return SavedPage(
        source=source or str(path),
        url=url,
        fetched_at="2026-11-28T00:00:00+00:00",
        body=path.read_bytes() if source else None,
    )


def test_pool_gives_the_in_thread_records_in_input_order() -> None:
    assert len(ARTICLES) == 4
    pages = [_page(p) for p in ARTICLES] * 3  # more pages than the window of in-flight work
    in_thread = _batch(pages, workers=0)
    pooled = _batch(pages, workers=2)
    assert [r["source"] for r in pooled] == [p.source for p in pages]
    assert pooled == in_thread
    assert all("error" not in r for r in pooled)


def test_a_page_that_kills_or_hangs_its_worker_costs_that_page_only() -> None:
    good = [_page(p) for p in ARTICLES]
    crashing = _page(ARTICLES[0], source="saved/exit-on-this-page.html")
    hanging = _page(ARTICLES[1], source="saved/hang-on-this-page.html")
    pages = [good[0], crashing, good[1], hanging, good[2], good[3]]
    records = _batch(pages, workers=2, func=extract_saved_or_fail)

    assert [r["source"] for r in records] == [p.source for p in pages]
    assert records[1]["error"] == "worker_crashed"
    assert records[1]["url"] == crashing.url
    assert records[3]["error"] == "extract_timeout"
    assert "2s" in records[3]["detail"]
    for index, page in [(0, good[0]), (2, good[1]), (4, good[2]), (5, good[3])]:
        assert records[index] == extract_saved(page, OPTIONS)
