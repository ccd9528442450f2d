"""The news spider and pipelines in-process against the fixture site (pytest-twisted)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy.utils.defer import deferred_f_from_coro_f
from scrapy.utils.test import get_crawler

from newscrawl.spiders.news import NewsSpider
from tests.conftest import project_settings
from tests.fixturesite import FixtureSite, load_expected

SITEMAP_ONLY = "/world/2025/09/coastal-towns-weigh-cost-of-sea-wall-upgrade.html"
LINK_ONLY = "/world/2025/10/mountain-villages-vote-to-form-shared-water-council.html"
ARCHIVE_2023 = "/world/2023/03/river-port-dredging-project-completed-ahead-of-schedule.html"


def settings_for(out: Path, **overrides: Any) -> dict[str, Any]:
    return project_settings(
        FEEDS={str(out): {"format": "jsonlines"}},
        NEWSCRAWL_EXTRACT_WORKERS=0,
        NEWSCRAWL_SUMMARY=False,
        AUTOTHROTTLE_ENABLED=False,
        LOG_LEVEL="WARNING",
        **overrides,
    )


def records(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def paths(site: FixtureSite, recs: list[dict[str, Any]]) -> set[str]:
    return {r["url"].removeprefix(site.base) for r in recs}


@deferred_f_from_coro_f
async def test_full_crawl_writes_every_article_once(fixture_site: FixtureSite, tmp_path: Path):
    out = tmp_path / "a.jsonl"
    crawler = get_crawler(NewsSpider, settings_for(out))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    written = records(out)
    assert sorted(r["url"] for r in written) == sorted(load_expected(fixture_site.base))
    stats = crawler.stats.get_stats()
    assert stats["item_scraped_count"] == len(written)
    assert stats["newscrawl/skipped/robots_disallowed"] == 1
    assert stats["newscrawl/fetch_errors/http_404"] == 1
    assert stats["newscrawl/discovery/sitemaps"] == 4  # index, articles, news, gz archive
    assert stats["newscrawl/discovery/feeds"] == 2  # RSS + the science section's Atom
    assert stats["newscrawl/pages/listing"] > 10
    rejected = sum(v for k, v in stats.items() if k.startswith("newscrawl/rejected/"))
    assert stats.get("item_dropped_reasons_count/NotAnArticle", 0) == rejected


@deferred_f_from_coro_f
async def test_no_follow_finds_sitemap_and_feed_articles_only(
    fixture_site: FixtureSite, tmp_path: Path
):
    out = tmp_path / "a.jsonl"
    crawler = get_crawler(NewsSpider, settings_for(out, NEWSCRAWL_FOLLOW_LINKS=False))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    found = paths(fixture_site, records(out))
    assert SITEMAP_ONLY in found
    assert LINK_ONLY not in found


@deferred_f_from_coro_f
async def test_sitemap_start_url(fixture_site: FixtureSite, tmp_path: Path):
    out = tmp_path / "a.jsonl"
    crawler = get_crawler(NewsSpider, settings_for(out, NEWSCRAWL_FOLLOW_LINKS=False))
    await crawler.crawl_async(start_urls=fixture_site.url("/sitemap-archive.xml.gz"))
    found = paths(fixture_site, records(out))
    assert ARCHIVE_2023 in found
    assert all("/2023/" in p for p in found)


@deferred_f_from_coro_f
async def test_since_skips_old_articles_without_fetching(fixture_site: FixtureSite, tmp_path: Path):
    out = tmp_path / "a.jsonl"
    log_before = len(fixture_site.requests())
    crawler = get_crawler(
        NewsSpider, settings_for(out, NEWSCRAWL_SINCE="2025-01-01", NEWSCRAWL_FOLLOW_LINKS=False)
    )
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    found = paths(fixture_site, records(out))
    assert found
    assert not any("/2023/" in p for p in found)
    fetched = {r.path for r in fixture_site.requests()[log_before:]}
    assert ARCHIVE_2023 not in fetched
    # The archive sitemap's index entry is dated 2023: skipped without reading it.
    assert crawler.stats.get_value("newscrawl/skipped/older_than_since") >= 1


@deferred_f_from_coro_f
async def test_max_articles_is_exact(fixture_site: FixtureSite, tmp_path: Path):
    out = tmp_path / "a.jsonl"
    crawler = get_crawler(NewsSpider, settings_for(out, NEWSCRAWL_MAX_ARTICLES=5))
    await crawler.crawl_async(start_urls=fixture_site.url("/"))
    assert len(records(out)) == 5
    assert crawler.stats.get_value("finish_reason") == "max_articles"


@deferred_f_from_coro_f
async def test_url_list_mode_fetches_only_the_list(fixture_site: FixtureSite, tmp_path: Path):
    out = tmp_path / "a.jsonl"
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "\n".join(
            [
                fixture_site.url(SITEMAP_ONLY),
                fixture_site.url(LINK_ONLY),
                fixture_site.url("/world/"),  # a listing: crawled, no record
                "mailto:desk@example.com",  # not http(s): skipped, counted
            ]
        )
    )
    crawler = get_crawler(NewsSpider, settings_for(out))
    await crawler.crawl_async(url_file=str(listing))
    assert paths(fixture_site, records(out)) == {SITEMAP_ONLY, LINK_ONLY}
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/skipped/bad_input_url"] == 1
    assert "newscrawl/discovery/sitemaps" not in stats
