"""Crawls of the fixture site through the extraction process pool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f
from scrapy.utils.test import get_crawler

from newscrawl.spiders.news import NewsSpider
from tests.conftest import project_settings
from tests.crawl.faulty import CRASHING_PAGE, HANGING_PAGE
from tests.crawl.unimportable import BREAK_WORKERS
from tests.fixturesite import FixtureSite, load_expected


async def crawl_site(
    site: FixtureSite, out: Path, **overrides: Any
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Records by URL and the stats of one crawl of the fixture site from its home page."""
    settings = project_settings(
        FEEDS={str(out): {"format": "jsonlines"}},
        AUTOTHROTTLE_ENABLED=False,
        NEWSCRAWL_SUMMARY=False,
        **overrides,
    )
    crawler = get_crawler(NewsSpider, settings)
    await crawler.crawl_async(start_urls=[site.url("/")])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_url = {record["url"]: record for record in records}
    assert len(by_url) == len(records), "an article was written twice"
    assert crawler.stats is not None
    return by_url, crawler.stats.get_stats()


@deferred_f_from_coro_f
async def test_pool_records_are_identical_to_in_thread(
    fixture_site: FixtureSite, tmp_path: Path
) -> None:
    in_thread, _ = await crawl_site(fixture_site, tmp_path / "0.jsonl", NEWSCRAWL_EXTRACT_WORKERS=0)
    pooled, stats = await crawl_site(
        fixture_site, tmp_path / "2.jsonl", NEWSCRAWL_EXTRACT_WORKERS=2
    )
    assert set(pooled) == set(load_expected(fixture_site.base))
    assert set(in_thread) == set(pooled)
    for url, record in pooled.items():
        # fetched_at is the clock at fetch time: the one field two crawls cannot share.
        assert {**record, "fetched_at": None} == {**in_thread[url], "fetched_at": None}, url
    assert stats["newscrawl/extracted"] >= len(pooled)
    assert not any(key.startswith("newscrawl/errors/") for key in stats)


@deferred_f_from_coro_f
async def test_a_crashing_and_a_hanging_page_cost_themselves_only(
    fixture_site: FixtureSite, tmp_path: Path
) -> None:
    records, stats = await crawl_site(
        fixture_site,
        tmp_path / "out.jsonl",
        NEWSCRAWL_EXTRACT_WORKERS=2,
        NEWSCRAWL_EXTRACT_TIMEOUT=3.0,
        NEWSCRAWL_EXTRACT_FUNCTION="tests.crawl.faulty.extract_or_fail",
    )
    lost = {fixture_site.url(CRASHING_PAGE), fixture_site.url(HANGING_PAGE)}
    assert set(records) == set(load_expected(fixture_site.base)) - lost
    assert stats["newscrawl/errors/worker_crashed"] == 1
    assert stats["newscrawl/errors/extract_timeout"] == 1
    assert stats["item_dropped_reasons_count/ExtractionFailed"] == 2


@deferred_f_from_coro_f
async def test_workers_that_cannot_start_close_the_crawl(
    fixture_site: FixtureSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BREAK_WORKERS, "1")
    _, stats = await crawl_site(
        fixture_site,
        tmp_path / "out.jsonl",
        NEWSCRAWL_EXTRACT_WORKERS=1,
        NEWSCRAWL_EXTRACT_FUNCTION="tests.crawl.unimportable.fails_in_workers",
    )
    assert stats["finish_reason"] == "extraction_pool_broken"
    assert stats["newscrawl/errors/pool_broken"] >= 1
