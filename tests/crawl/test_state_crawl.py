"""Crawls in-process on one state file: refresh, unchanged drops, and "written, then recorded"."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f
from scrapy.utils.test import get_crawler

from newscrawl.exporters import ArticleJsonLinesExporter
from newscrawl.spiders.news import NewsSpider
from newscrawl.state import StateError, open_state
from tests.conftest import project_settings
from tests.fixturesite import FixtureSite, load_expected


def settings_for(out: Path, state: Path, **overrides: Any) -> dict[str, Any]:
    return project_settings(
        FEEDS={str(out): {"format": "jsonlines", "overwrite": True}},
        NEWSCRAWL_STATE=str(state),
        NEWSCRAWL_EXTRACT_WORKERS=0,
        NEWSCRAWL_SUMMARY=False,
        AUTOTHROTTLE_ENABLED=False,
        LOG_LEVEL="WARNING",
        **overrides,
    )


def records(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def state_urls(state: Path) -> set[str]:
    store = open_state(str(state), readonly=True)
    try:
        return {entry.url for entry in store.entries()}
    finally:
        store.close()


@deferred_f_from_coro_f
async def test_second_crawl_on_one_state_writes_nothing(fixture_site: FixtureSite, tmp_path):
    state, first, second = tmp_path / "state.db", tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    expected = load_expected(fixture_site.base)
    crawler = get_crawler(NewsSpider, settings_for(first, state))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    written = records(first)
    assert sorted(r["url"] for r in written) == sorted(expected)
    assert {r["change"] for r in written} == {"new"}
    assert "previous_content_hash" not in written[0]
    assert state_urls(state) == set(expected)
    assert crawler.stats.get_value("newscrawl/incremental/new") == len(expected)
    assert crawler.stats.get_value("newscrawl/run/status") == "finished"

    log_start = len(fixture_site.requests())
    crawler = get_crawler(NewsSpider, settings_for(second, state))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    assert records(second) == []
    stats = crawler.stats.get_stats()
    assert "newscrawl/incremental/new" not in stats
    assert "item_scraped_count" not in stats
    # No article page came back whole: not requested, or answered 304 (a redirect to one).
    article_paths = {r["fetched_url"].removeprefix(fixture_site.base) for r in expected.values()}
    answers = [r for r in fixture_site.requests()[log_start:] if r.path in article_paths]
    assert all(r.status == 304 for r in answers), answers
    assert stats["newscrawl/skipped/known_url"] + len(answers) >= len(expected) - 1


@deferred_f_from_coro_f
async def test_same_content_fetched_again_is_dropped_as_unchanged(
    fixture_site: FixtureSite, tmp_path: Path
):
    state, first, second = tmp_path / "state.db", tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    crawler = get_crawler(NewsSpider, settings_for(first, state))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    count = len(records(first))
    # Without validators a revisit cannot be conditional: the page comes back whole.
    with sqlite3.connect(state) as conn:
        conn.execute("UPDATE pages SET etag = NULL, last_modified = NULL")
    crawler = get_crawler(NewsSpider, settings_for(second, state, NEWSCRAWL_REVISIT_AFTER=0))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    assert records(second) == []
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/incremental/revisits"] == count
    assert stats["newscrawl/skipped/unchanged"] == count
    assert stats["item_dropped_reasons_count/Unchanged"] == count
    assert "newscrawl/skipped/not_modified" not in stats


class FlakyExporter(ArticleJsonLinesExporter):
    """Fails to write every third record, as a full disk would."""

    calls = 0

    def export_item(self, item: Any) -> None:
        type(self).calls += 1
        if type(self).calls % 3 == 0:
            raise OSError(28, "No space left on device")
        super().export_item(item)


@deferred_f_from_coro_f
async def test_state_holds_exactly_what_the_output_holds(fixture_site: FixtureSite, tmp_path):
    state, out = tmp_path / "state.db", tmp_path / "out.jsonl"
    settings = settings_for(out, state, FEED_EXPORTERS={"jsonlines": f"{__name__}.FlakyExporter"})
    settings["LOG_LEVEL"] = "CRITICAL"  # the failed writes are logged as errors
    crawler = get_crawler(NewsSpider, settings)
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    written = {r["url"] for r in records(out)}
    assert 0 < len(written) < len(load_expected(fixture_site.base))
    assert state_urls(state) == written


@deferred_f_from_coro_f
async def test_state_needs_json_lines_output(fixture_site: FixtureSite, tmp_path: Path):
    settings = settings_for(tmp_path / "out.json", tmp_path / "state.db")
    settings["FEEDS"] = {str(tmp_path / "out.json"): {"format": "json"}}
    with pytest.raises(StateError, match="needs JSON Lines output"):
        get_crawler(NewsSpider, settings)  # builds the extensions
    assert not (tmp_path / "state.db").exists()
