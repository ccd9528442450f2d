"""Article claims and in-flight recovery against a real Redis, in-process."""

from __future__ import annotations

import pytest
import redis
from scrapy.utils.test import get_crawler

from newscrawl.distributed import CrawlKeys, RedisDedupPipeline, RedisNewsSpider
from newscrawl.exceptions import DuplicateArticle, OverLimit
from newscrawl.items import Article
from tests.cli.helpers import run_newscrawl


def article(url: str = "http://127.0.0.1/a.html", content_hash: str = "h1") -> Article:
    return Article(
        url=url,
        fetched_url=url,
        site="127.0.0.1",
        site_name=None,
        title="T",
        description=None,
        authors=[],
        published=None,
        modified=None,
        language=None,
        body="b",
        word_count=1,
        image=None,
        tags=[],
        fetched_at="2026-01-01T00:00:00+00:00",
        content_hash=content_hash,
    )


def pipeline(redis_url: str, worker: str) -> RedisDedupPipeline:
    crawler = get_crawler(RedisNewsSpider, {"REDIS_URL": redis_url, "NEWSCRAWL_WORKER_ID": worker})
    crawler.spider = RedisNewsSpider.from_crawler(crawler)
    dedup = RedisDedupPipeline.from_crawler(crawler)
    dedup.open_spider()
    return dedup


def test_one_worker_wins_each_article_and_a_drop_gives_it_back(redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    keys = CrawlKeys("news")
    a, b = pipeline(redis_url, "a"), pipeline(redis_url, "b")
    item = article()
    assert a.process_item(item) is item
    with pytest.raises(DuplicateArticle):
        b.process_item(article())  # same URL
    with pytest.raises(DuplicateArticle):
        b.process_item(article(url="http://127.0.0.1/copy.html"))  # same content
    assert server.scard(keys.claims("a")) == 2  # pending until written

    a.item_dropped(item, exception=OverLimit("over --max-articles"))
    assert server.hlen(keys.articles) == 0  # released: another worker may write it
    assert b.process_item(article()) is not None
    b.item_scraped(article())
    assert server.scard(keys.claims("b")) == 0  # written: no longer pending
    assert server.hgetall(keys.articles) == {b"url:http://127.0.0.1/a.html": b"b", b"hash:h1": b"b"}
    # Dropping a duplicate never releases the winner's claim.
    a.item_dropped(article(), exception=DuplicateArticle("dup"))
    assert server.hlen(keys.articles) == 2


def test_enqueue_refuses_a_bad_redis_url_and_an_unreachable_server(redis_url: str) -> None:
    done = run_newscrawl("enqueue", "--redis", "http://127.0.0.1:1/0", "http://127.0.0.1/")
    assert done.returncode == 2
    assert b"--redis expects redis://" in done.stderr
    done = run_newscrawl("enqueue", "--redis", "redis://127.0.0.1:1/0", "http://127.0.0.1/")
    assert done.returncode == 2
    assert b"cannot use Redis at redis://127.0.0.1:1/0" in done.stderr
