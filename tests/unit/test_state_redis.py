"""The Redis state store's own cases: shared by live workers, dead runs, bad servers and keys.

The protocol-level tests (both backends) are in ``test_state.py``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from newscrawl.state import (
    Checkpoint,
    Gone,
    Run,
    StateCorrupt,
    StateError,
    Visit,
    open_state,
    redact,
)
from newscrawl.state.recovery import recover_dead_runs
from tests.fixturesite import REPO_ROOT

URL = "https://news.example.com/2025/10/story.html"

# A worker that began its run and checkpointed its output, then waits to be killed.
WORKER = """
import sys, time
from newscrawl.state import Checkpoint, Run, open_state
store = open_state(sys.argv[1], lease_ttl=60)
store.begin_run(Run(id="worker", started_at="2025-10-21T10:00:00+00:00", status="running"))
store.apply([], Checkpoint("worker", sys.argv[2], 0))
print("ready", flush=True)
time.sleep(60)
"""


def visit(url: str = URL, at: str = "2025-10-21T10:00:00Z") -> Visit:
    return Visit(url=url, site="example.com", at=at, content_hash="a" * 64)


def run(run_id: str) -> Run:
    return Run(id=run_id, started_at="2025-10-21T10:00:00+00:00", status="running")


def test_workers_share_one_store_at_once(redis_url: str) -> None:
    """No crawl lock: the workers of a distributed crawl write one state together."""
    a, b = open_state(redis_url), open_state(redis_url)
    try:
        a.begin_run(run("a"))
        b.begin_run(run("b"))
        a.apply([visit()])
        entry = b.get(URL)
        assert entry is not None
        assert entry.content_hash == "a" * 64
        assert {r.id for r in b.runs(open_only=True)} == {"a", "b"}
        assert a.dead_runs() == b.dead_runs() == []  # both alive
    finally:
        a.close()
        b.close()


def test_a_killed_workers_run_is_repaired_at_once_on_its_machine(
    redis_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "worker.jsonl"
    out.touch()
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, redis_url, str(out)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
    )
    store = open_state(redis_url)
    try:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == b"ready"
        assert store.dead_runs() == []  # alive: its run and its file are left alone
        record = {"url": URL, "site": "example.com", "fetched_at": "2025-10-21T10:00:00+00:00"}
        out.write_text(json.dumps({**record, "content_hash": "a" * 64}) + "\n" + '{"url": "ht')
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        # Its lease has 60 s to run, but its process is gone from this machine.
        (report,) = recover_dead_runs(store)
        assert (report.run_id, report.replayed, report.torn_bytes) == ("worker", 1, 11)
        assert store.get(URL) is not None
        assert out.read_text().endswith("}\n")
        (dead,) = store.runs()
        assert dead.status == "crashed"
        assert dead.outputs == {str(out): out.stat().st_size}
    finally:
        worker.kill()
        worker.communicate()
        store.close()


def test_only_one_worker_repairs_a_dead_run(redis_url: str) -> None:
    dying = open_state(redis_url)
    dying.begin_run(run("dead"))
    dying.close()  # without end_run
    a, b = open_state(redis_url), open_state(redis_url)
    try:
        assert [r.id for r in a.dead_runs()] == ["dead"]
        assert b.dead_runs() == []  # a holds it while repairing
    finally:
        a.close()
        b.close()


def test_runs_of_other_machines_are_left_to_them(redis_url: str) -> None:
    dying = open_state(redis_url)
    dying.begin_run(run("elsewhere"))
    dying.close()
    server = redis.Redis.from_url(redis_url)
    info = json.loads(server.hget("news:state:run:elsewhere", "info") or "{}")
    server.hset("news:state:run:elsewhere", "info", json.dumps({**info, "host": "other-host"}))
    store = open_state(redis_url)
    try:
        assert store.dead_runs() == []  # its output file is on other-host
        assert [r.id for r in store.runs(open_only=True)] == ["elsewhere"]
    finally:
        store.close()


def test_a_live_run_keeps_its_lease(redis_url: str) -> None:
    live = open_state(redis_url, lease_ttl=0.3)
    other = open_state(redis_url)
    try:
        live.begin_run(run("live"))
        time.sleep(1.0)  # three lease lifetimes: renewed meanwhile
        assert redis.Redis.from_url(redis_url).exists("news:state:lease:live")
        assert other.dead_runs() == []
        live.end_run("live", status="finished", finished_at="2025-10-21T11:00:00+00:00", counts={})
        assert not redis.Redis.from_url(redis_url).exists("news:state:lease:live")
    finally:
        live.close()
        other.close()


def test_an_unreachable_server_is_named() -> None:
    with pytest.raises(StateError, match="server is running and reachable") as info:
        open_state("redis://:secret@127.0.0.1:1/0", timeout=1)
    assert "redis://:***@127.0.0.1:1/0" in str(info.value)
    assert "secret" not in str(info.value)
    assert redact("redis://user:pw@host:6379/2") == "redis://user:***@host:6379/2"
    assert redact("/var/lib/state.db") == "/var/lib/state.db"


def test_keys_of_the_wrong_type_are_named_and_left_untouched(redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    server.set("news:state:pages", "someone else's")
    with pytest.raises(StateCorrupt, match="key news:state:pages holds a string") as info:
        open_state(redis_url)
    assert redis_url in str(info.value)
    assert "left untouched" in str(info.value)
    assert server.get("news:state:pages") == b"someone else's"


def test_an_unreadable_entry_is_named(redis_url: str) -> None:
    store = open_state(redis_url)
    try:
        store.apply([visit()])
        redis.Redis.from_url(redis_url).hset("news:state:pages", URL, "{not json")
        with pytest.raises(StateCorrupt, match=f"entry '{URL}' in news:state:pages"):
            store.get(URL)
        with pytest.raises(StateCorrupt, match=f"entry {URL} in news:state:pages"):
            store.apply([Gone(url=URL, at="2025-10-22T00:00:00Z", status=410)])
    finally:
        store.close()


def test_another_programs_data_and_a_newer_schema(redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    server.hset("news:state:meta", mapping={"format": "something-else", "version": "1"})
    with pytest.raises(StateCorrupt, match="not a newscrawl state's"):
        open_state(redis_url)
    server.hset("news:state:meta", mapping={"format": "newscrawl-state", "version": "99"})
    with pytest.raises(StateError, match="newer newscrawl"):
        open_state(redis_url)


def test_read_only_needs_a_state_and_writes_nothing(redis_url: str) -> None:
    with pytest.raises(StateError, match="holds no newscrawl crawl state"):
        open_state(redis_url, readonly=True)
    assert redis.Redis.from_url(redis_url).dbsize() == 0
    open_state(redis_url).close()
    reader = open_state(redis_url, readonly=True)
    try:
        with pytest.raises(StateError, match="read-only"):
            reader.apply([visit()])
        assert list(reader.entries()) == []
    finally:
        reader.close()


def test_checkpoints_are_per_run_and_output(redis_url: str) -> None:
    a, b = open_state(redis_url), open_state(redis_url)
    try:
        a.begin_run(run("a"))
        b.begin_run(run("b"))
        a.apply([visit()], Checkpoint("a", "/data/a.jsonl", 100))
        b.apply([visit(url=URL + "?2")], Checkpoint("b", "/data/b.jsonl", 200))
        a.apply([], Checkpoint("a", "/data/a.jsonl", 300))
        outputs = {r.id: r.outputs for r in a.runs()}
        assert outputs == {"a": {"/data/a.jsonl": 300}, "b": {"/data/b.jsonl": 200}}
    finally:
        a.close()
        b.close()
