"""Every hostile page of tests/hostile_pages.py served in one crawl, next to good articles.

One crawl (module scope) meets them all; then one test per case asserts what
became of its page (the rejection reason counted, or the record written), and
that the good articles on the same site were all written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler

from newscrawl.exceptions import NotAnArticle
from newscrawl.items import Article, FetchedPage
from newscrawl.spiders.news import NewsSpider
from tests.conftest import project_settings
from tests.crawl.hostile_site import GOOD_PATH, Response, html, links_page, robots, serve
from tests.fixturesite import SITE_DIR
from tests.hostile_pages import CASES, Case

CRAWLED = [case for case in CASES if case.in_crawl]
GOOD_PATHS = [
    GOOD_PATH,
    "/world/2025/10/border-rail-crossing-reopens-to-freight-after-two-year-closure.html",
    "/science/2025/10/new-telescope-array-records-first-light.html",
]


def _fixture_article(path: str, query: dict[str, list[str]], base: str) -> Response:
    return html((SITE_DIR / path.lstrip("/")).read_text(encoding="utf-8").replace("{{BASE}}", base))


def _serve(case: Case) -> Any:
    def route(path: str, query: dict[str, list[str]], base: str) -> Response:
        return case.response

    return route


def _home(path: str, query: dict[str, list[str]], base: str) -> Response:
    return links_page(*GOOD_PATHS, *(case.path for case in CRAWLED))


ROUTES: dict[str, Any] = {"/": _home, "/robots.txt": robots}
ROUTES.update(dict.fromkeys(GOOD_PATHS[1:], _fixture_article))
ROUTES.update({case.path: _serve(case) for case in CRAWLED})


@dataclass
class Outcome:
    base: str = ""
    dropped: dict[str, str] = field(default_factory=dict)  # path -> rejection reason
    written: dict[str, dict[str, Any]] = field(default_factory=dict)  # path -> record
    output: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


async def _crawl(tmp: Path) -> Outcome:
    out = tmp / "out.jsonl"
    outcome = Outcome()
    settings = project_settings(
        FEEDS={str(out): {"format": "jsonlines"}},
        NEWSCRAWL_EXTRACT_WORKERS=0,
        NEWSCRAWL_SUMMARY=False,
        AUTOTHROTTLE_ENABLED=False,
        RETRY_TIMES=0,
        LOG_LEVEL="ERROR",
    )

    def dropped(item: Any, exception: BaseException) -> None:
        if isinstance(item, FetchedPage) and isinstance(exception, NotAnArticle):
            outcome.dropped[item.fetched_url.removeprefix(outcome.base)] = exception.reason

    def scraped(item: Any) -> None:
        if isinstance(item, Article):
            outcome.written[item.fetched_url.removeprefix(outcome.base)] = item.to_record()

    with serve(ROUTES) as site:
        outcome.base = site.base
        crawler = get_crawler(NewsSpider, settings)
        crawler.signals.connect(dropped, signal=signals.item_dropped)
        crawler.signals.connect(scraped, signal=signals.item_scraped)
        await crawler.crawl_async(start_urls=site.url("/"))
    assert crawler.stats is not None
    outcome.stats = crawler.stats.get_stats()
    outcome.output = [json.loads(line) for line in out.read_text().splitlines()]
    return outcome


@pytest_twisted.async_fixture(scope="module")
async def crawl(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    return await deferred_from_coro(_crawl(tmp_path_factory.mktemp("hostile")))


@pytest.mark.parametrize("case", CRAWLED, ids=[c.name for c in CRAWLED])
def test_case(crawl: Outcome, case: Case) -> None:
    if case.reason is not None:
        assert crawl.dropped.get(case.path) == case.reason, (
            case.name,
            crawl.dropped.get(case.path),
        )
        assert case.path not in crawl.written
        return
    record = crawl.written.get(case.path)
    assert record is not None, (case.name, crawl.dropped.get(case.path))
    for check in case.checks:
        check(record)


def test_the_good_articles_are_written(crawl: Outcome) -> None:
    written = {r["fetched_url"].removeprefix(crawl.base) for r in crawl.output}
    assert set(GOOD_PATHS) <= written
    expected = set(GOOD_PATHS) | {c.path for c in CRAWLED if c.reason is None}
    assert written == expected


def test_each_reason_is_counted(crawl: Outcome) -> None:
    expected: dict[str, int] = {}
    for case in CRAWLED:
        if case.reason is not None:
            expected[case.reason] = expected.get(case.reason, 0) + 1
    counted = {
        key.removeprefix("newscrawl/rejected/"): value
        for key, value in crawl.stats.items()
        if key.startswith("newscrawl/rejected/")
    }
    assert counted == expected
    assert crawl.stats["item_dropped_reasons_count/NotAnArticle"] == sum(expected.values())
    assert "newscrawl/errors/extract_exception" not in crawl.stats


def _iter_examples(stats: dict[str, Any]) -> Iterator[str]:
    for key, value in stats.items():
        if key.startswith("newscrawl/examples/rejected/"):
            yield value


def test_examples_name_the_pages(crawl: Outcome) -> None:
    examples = list(_iter_examples(crawl.stats))
    assert examples
    for example in examples:
        url, _, detail = example.partition("  ")
        assert url.removeprefix(crawl.base) in {c.path for c in CRAWLED}
        assert detail
