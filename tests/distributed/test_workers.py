"""Workers sharing one crawl through a real Redis: every article once, even when one is killed."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import redis

from tests.cli.helpers import run_newscrawl
from tests.fixturesite import REPO_ROOT, FixtureSite, load_expected

TIMEOUT = 120


def start_worker(
    redis_url: str, out: Path, *settings: str, args: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """``newscrawl crawl --redis`` as a user starts a worker; its log goes next to its output."""
    command = [sys.executable, "-m", "newscrawl.cli", "crawl", "--redis", redis_url]
    command += ["-o", str(out), "--idle-timeout", "2", "-L", "INFO", *args]
    for setting in (
        "NEWSCRAWL_REDIS_HEARTBEAT_TTL=2",
        "NEWSCRAWL_EXTRACT_WORKERS=1",
        "AUTOTHROTTLE_ENABLED=False",
        *settings,
    ):
        command += ["-s", setting]
    with out.with_suffix(".log").open("wb") as log:
        return subprocess.Popen(command, cwd=REPO_ROOT, stdout=log, stderr=log)


def finish(worker: subprocess.Popen[bytes]) -> str:
    """Wait for a worker to exit by itself (idle timeout); its log."""
    assert worker.wait(TIMEOUT) == 0
    assert isinstance(worker.args, list)
    return Path(worker.args[worker.args.index("-o") + 1]).with_suffix(".log").read_text()


def urls(*outputs: Path) -> list[str]:
    found = []
    for out in outputs:
        found += [json.loads(line)["url"] for line in out.read_text().splitlines()]
    return sorted(found)


def enqueue(redis_url: str, site: FixtureSite) -> None:
    done = run_newscrawl("enqueue", "--redis", redis_url, site.url("/"), timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert b"1 start requests queued" in done.stderr


def fetched(log: str) -> int:
    match = re.search(r"'response_received_count': (\d+)", log)
    return int(match.group(1)) if match else 0


def test_two_workers_write_every_article_exactly_once(
    fixture_site: FixtureSite, redis_url: str, tmp_path: Path
) -> None:
    enqueue(redis_url, fixture_site)
    # A download delay stretches the crawl so that both workers get a share of it.
    a = start_worker(redis_url, tmp_path / "a.jsonl", "DOWNLOAD_DELAY=0.1")
    b = start_worker(redis_url, tmp_path / "b.jsonl", "DOWNLOAD_DELAY=0.1")
    logs = [finish(a), finish(b)]
    assert urls(tmp_path / "a.jsonl", tmp_path / "b.jsonl") == sorted(
        load_expected(fixture_site.base)
    )
    assert all(fetched(log) > 0 for log in logs), "one worker did all the work"
    server = redis.Redis.from_url(redis_url)
    assert not list(server.scan_iter(match="news:inflight:*"))
    assert server.scard("news:workers") == 0


def test_requests_of_a_killed_worker_are_recovered(
    fixture_site: FixtureSite, redis_url: str, tmp_path: Path
) -> None:
    server = redis.Redis.from_url(redis_url)
    enqueue(redis_url, fixture_site)
    first = tmp_path / "first.jsonl"
    # Slow downloads: the first worker holds many popped requests when it is killed.
    doomed = start_worker(redis_url, first, "DOWNLOAD_DELAY=0.2")
    deadline = time.monotonic() + TIMEOUT
    while not (first.exists() and len(first.read_text().splitlines()) >= 2):
        assert doomed.poll() is None, "the first worker ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    (dead,) = [member.decode() for member in server.smembers("news:workers")]
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(10)
    held = server.hlen(f"news:inflight:{dead}")
    assert held > 0, "the killed worker held no requests: nothing to recover"

    second = tmp_path / "second.jsonl"
    log = finish(start_worker(redis_url, second))
    assert f"Worker {dead} stopped beating: {held} of its requests" in log
    written = urls(first, second)
    assert written == sorted(load_expected(fixture_site.base))  # all there, none twice
    assert not server.exists(f"news:inflight:{dead}", f"news:claims:{dead}")


def test_an_idle_worker_exits_after_the_idle_timeout(redis_url: str, tmp_path: Path) -> None:
    """Not at Scrapy's next 5-second engine heartbeat: the worker asks to be checked again."""
    log = finish(start_worker(redis_url, tmp_path / "idle.jsonl", args=["--idle-timeout", "0.5"]))
    match = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    assert match is not None, log[-2000:]
    assert 0.5 <= float(match.group(1)) < 3.0
