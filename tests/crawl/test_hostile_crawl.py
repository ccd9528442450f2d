"""A crawl meets bombs, loops, traps and walls: each is refused with a counted reason,
and the good article on the same site is still written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy.utils.defer import deferred_f_from_coro_f
from scrapy.utils.test import get_crawler

from newscrawl.spiders.news import NewsSpider
from tests.conftest import project_settings
from tests.crawl.hostile_site import (
    GOOD_PATH,
    Response,
    _brotli_bomb,
    _gzip_bomb,
    html,
    links_page,
    robots,
    serve,
)

MAX_SIZE = 4 * 1024 * 1024
GZIP_BOMB = _gzip_bomb()
BROTLI_BOMB = _brotli_bomb()


def compressed(body: bytes, encoding: str) -> Any:
    def route(path: str, query: dict[str, list[str]], base: str) -> Response:
        return 200, {"Content-Type": "text/html", "Content-Encoding": encoding}, body

    return route


def huge(path: str, query: dict[str, list[str]], base: str) -> Response:
    return html("<html><body>" + "<p>word</p>" * (MAX_SIZE // 8) + "</body></html>")


def redirect(target: str) -> Any:
    def route(path: str, query: dict[str, list[str]], base: str) -> Response:
        location = target.replace("{base}", base).replace("{n}", str(_number(path) + 1))
        return 302, {"Location": location}, b""

    return route


def _number(path: str) -> int:
    tail = path.rstrip("/").rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def endless_list(path: str, query: dict[str, list[str]], base: str) -> Response:
    page = int(query.get("page", ["1"])[0])
    return links_page(f"/archive/list?page={page + 1}", f"/archive/list?page={page + 2}")


def endless_calendar(path: str, query: dict[str, list[str]], base: str) -> Response:
    day = _number(path)
    return links_page(f"/events/2031/07/{day + 1}/", f"/events/2031/08/{day + 1}/")


def session_links(path: str, query: dict[str, list[str]], base: str) -> Response:
    import uuid

    return links_page(
        f"/members/news;jsessionid={uuid.uuid4().hex}",
        f"/members/news?PHPSESSID={uuid.uuid4().hex}",
    )


def status(code: int) -> Any:
    def route(path: str, query: dict[str, list[str]], base: str) -> Response:
        return html(f"<html><body><h1>{code}</h1></body></html>", code)

    return route


def home(path: str, query: dict[str, list[str]], base: str) -> Response:
    return links_page(
        GOOD_PATH,
        "/world/2025/10/gzip-bomb-disguised-as-a-story.html",
        "/world/2025/10/brotli-bomb-disguised-as-a-story.html",
        "/world/2025/10/a-page-far-too-large-to-be-a-story.html",
        "/loop/a",
        "/chain/1",
        "/away",
        "/archive/list?page=1",
        "/events/2031/07/1/",
        "/members/",
        "/world/2025/10/forbidden-story-behind-a-wall.html",
        "javascript:alert(1)",
        "mailto:desk@example.com",
        "data:text/html,<h1>hi</h1>",
    )


ROUTES = {
    "/": home,
    "/robots.txt": robots,
    "/world/2025/10/gzip-bomb-disguised-as-a-story.html": compressed(GZIP_BOMB, "gzip"),
    "/world/2025/10/brotli-bomb-disguised-as-a-story.html": compressed(BROTLI_BOMB, "br"),
    "/world/2025/10/a-page-far-too-large-to-be-a-story.html": huge,
    "/loop/a": redirect("/loop/b"),
    "/loop/b": redirect("/loop/a"),
    "/chain/*": redirect("/chain/{n}"),
    "/away": redirect("http://localhost:1/elsewhere.html"),
    "/archive/list": endless_list,
    "/events/*": endless_calendar,
    "/members/": session_links,
    "/members/news": session_links,
    "/world/2025/10/forbidden-story-behind-a-wall.html": status(403),
}


@deferred_f_from_coro_f
async def test_hostile_site_is_survived_with_reasons(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    settings = project_settings(
        FEEDS={str(out): {"format": "jsonlines"}},
        NEWSCRAWL_EXTRACT_WORKERS=0,
        NEWSCRAWL_SUMMARY=False,
        NEWSCRAWL_LINK_DEPTH=1000,  # let the crawl-space caps, not depth, stop the traps
        NEWSCRAWL_MAX_PAGES_PER_SHAPE=15,
        DOWNLOAD_MAXSIZE=MAX_SIZE,
        DOWNLOAD_WARNSIZE=0,
        RETRY_TIMES=0,
        AUTOTHROTTLE_ENABLED=False,
        LOG_LEVEL="ERROR",
    )
    with serve(ROUTES) as site:
        crawler = get_crawler(NewsSpider, settings)
        await crawler.crawl_async(start_urls=site.url("/"))
        hits = list(site.hits)

    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["fetched_url"] for r in records] == [site.url(GOOD_PATH)]
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/skipped/too_large"] == 3  # two bombs and the huge page
    assert stats["newscrawl/skipped/too_many_redirects"] == 1  # /chain/1 -> ... -> /chain/11
    assert stats["offsite/filtered"] == 1  # /away -> localhost, dropped by Scrapy's Offsite
    assert stats["newscrawl/skipped/crawl_space"] >= 2  # endless list and calendar
    assert stats["newscrawl/fetch_errors/blocked/http_403"] == 1
    # the redirect loop is cut by the duplicate filter: each URL is fetched once
    assert hits.count("/loop/a") == 1
    assert hits.count("/loop/b") == 1
    # the traps were bounded by the shape cap
    assert sum(h.startswith("/archive/list") for h in hits) <= 15
    assert sum(h.startswith("/events/") for h in hits) <= 15
    # session IDs are stripped, so the members pages are fetched once each
    assert hits.count("/members/") == 1
    assert sum(h.startswith("/members/news") for h in hits) == 1
    assert not any(h.startswith(("javascript", "mailto", "data")) for h in hits)
