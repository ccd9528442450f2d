"""Scheduled refresh of a shared crawl: workers keep the crawl state in the crawl's Redis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.distributed.test_workers import finish, start_worker
from tests.fixturesite import SITE_REV2_DIR, FixtureSite, load_changes, load_expected


def refresh(
    redis_url: str, site: FixtureSite, out: Path, *args: str
) -> tuple[list[dict[str, Any]], list[str]]:
    """One scheduled run: seed afresh, two ``--incremental`` workers; their records and logs."""
    seeded = run_newscrawl("enqueue", "--redis", redis_url, "--fresh", site.url("/"), timeout=60)
    assert seeded.returncode == 0, seeded.stderr.decode()
    outputs = [out.with_name(f"{out.stem}-{worker}.jsonl") for worker in "ab"]
    options = ["--incremental", "--idle-timeout", "0.5", *args]
    workers = [
        start_worker(redis_url, path, "NEWSCRAWL_EXTRACT_WORKERS=0", args=options)
        for path in outputs
    ]
    logs = [finish(worker) for worker in workers]
    return [record for path in outputs for record in read_jsonl(path)], logs


def by_change(site: FixtureSite, records: list[dict[str, Any]]) -> dict[str, list[str]]:
    changes: dict[str, list[str]] = {}
    for record in records:
        changes.setdefault(record["change"], []).append(record["url"].removeprefix(site.base))
    return {change: sorted(paths) for change, paths in changes.items()}


def test_workers_refresh_a_shared_crawl_from_its_redis_state(
    fresh_site: FixtureSite, redis_url: str, tmp_path: Path
) -> None:
    site = fresh_site
    expected = load_expected(site.base)
    article_paths = {r["fetched_url"].removeprefix(site.base) for r in expected.values()}

    first, _ = refresh(redis_url, site, tmp_path / "1")
    assert sorted(r["url"] for r in first) == sorted(expected)  # every article, once
    assert {r["change"] for r in first} == {"new"}
    hashes = {r["url"]: r["content_hash"] for r in first}

    # The next run starts a fresh queue but keeps the state: nothing new, no page twice.
    before = len(site.requests())
    second, logs = refresh(redis_url, site, tmp_path / "2")
    assert second == []
    again = [r for r in site.requests()[before:] if r.path in article_paths]
    assert all(r.status == 304 and r.nbytes == 0 for r in again), again
    assert all("run finished: 0 new, 0 updated, 0 deleted" in log for log in logs)

    site.restart(overlay=SITE_REV2_DIR)
    changes = load_changes()
    third, _ = refresh(redis_url, site, tmp_path / "3", "--emit-deletions", "--revisit-after", "0")
    assert by_change(site, third) == {
        "new": sorted(changes["new"]),
        "updated": sorted(changes["edited"]),
        "deleted": sorted(changes["removed"]),
    }
    for record in third:
        if record["change"] != "new":
            assert record["previous_content_hash"] == hashes[record["url"]]

    stats = json.loads(run_newscrawl("state", "stats", redis_url, "--json").stdout)
    assert (stats["known"], stats["live"], stats["gone"]) == (len(expected) + 2, len(expected), 2)
    assert [run["status"] for run in stats["runs"]] == ["finished"] * 5  # the last 5 of 6
    assert {run["info"]["mode"] for run in stats["runs"]} == {"incremental"}
    export = run_newscrawl("state", "export", redis_url)
    entries = [json.loads(line) for line in export.stdout.splitlines()]
    assert [e["url"] for e in entries] == sorted(e["url"] for e in entries)
    assert sorted(e["url"].removeprefix(site.base) for e in entries if e["gone"]) == sorted(
        changes["removed"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--redis", "redis://127.0.0.1:1/0", "--state", "{tmp}/s.db"],
            "is an SQLite file, which the workers of a shared crawl",
        ),
        (
            ["--redis", "redis://127.0.0.1:1/0", "--resume", "{tmp}/job"],
            "--resume does not apply to a shared crawl",
        ),
        (
            ["http://127.0.0.1:9/", "--state", "redis://127.0.0.1:1/0"],
            "keeps the state of a shared crawl: add --redis URL",
        ),
    ],
)
def test_state_options_a_shared_crawl_refuses(
    tmp_path: Path, args: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_newscrawl("crawl", "-o", str(tmp_path / "o.jsonl"), *args)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []  # no state file, job directory or output


def test_unreachable_or_foreign_redis_stops_before_the_crawl(
    redis_url: str, tmp_path: Path
) -> None:
    dead = "redis://127.0.0.1:1/0"
    result = run_newscrawl("state", "stats", dead)
    assert result.returncode == 2
    assert f"crawl state in Redis at {dead}: Error 111" in result.stderr.decode()
    assert "that the server is running" in result.stderr.decode()
    server = redis.Redis.from_url(redis_url)
    server.set("news:state:runs", "not a list")
    out = str(tmp_path / "o.jsonl")
    for command in (
        ["crawl", "--redis", redis_url, "--incremental", "-o", out],
        ["state", "export", redis_url],
    ):
        result = run_newscrawl(*command)
        assert result.returncode == 2, result.stderr.decode()
        assert "key news:state:runs holds a string, not a list" in result.stderr.decode()
        assert "Traceback" not in result.stderr.decode()
    assert server.get("news:state:runs") == b"not a list"
    assert server.keys("news:state:*") == [b"news:state:runs"]  # nothing else was written
