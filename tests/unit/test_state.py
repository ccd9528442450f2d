"""The crawl state stores (SQLite and Redis) and crash recovery, without a crawl.

Protocol-level tests run against both backends (``location`` is parametrised);
the SQLite file's own cases (locks, damaged files) follow, and the Redis
store's own cases are in ``test_state_redis.py``.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from newscrawl.state import (
    Checkpoint,
    Gone,
    Listed,
    Run,
    StateCorrupt,
    StateError,
    StateLocked,
    StateStore,
    Visit,
    open_state,
)
from newscrawl.state.recovery import Recovery, recover_dead_runs, replay_tail
from newscrawl.state.redis import RedisStateStore
from newscrawl.state.sqlite import SQLiteStateStore

URL = "https://news.example.com/2025/10/story.html"
HASH_A = "a" * 64
HASH_B = "b" * 64


@pytest.fixture(params=["sqlite", "redis"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new, empty state lives: an SQLite file or a Redis database."""
    if request.param == "sqlite":
        return str(tmp_path / "state.db")
    url: str = request.getfixturevalue("redis_url")
    return url


@pytest.fixture
def store(location: str):
    opened = open_state(location)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path):
    opened = open_state(str(tmp_path / "state.db"))
    yield opened
    opened.close()


def visit(**overrides: object) -> Visit:
    values: dict[str, object] = {
        "url": URL,
        "site": "example.com",
        "at": "2025-10-21T10:00:00+00:00",
        "content_hash": HASH_A,
        "modified": "2025-10-21T09:00:00+02:00",
        "etag": '"v1"',
        "last_modified": "Tue, 21 Oct 2025 07:00:00 GMT",
    }
    values.update(overrides)
    return Visit(**values)  # type: ignore[arg-type]


def test_store_implements_the_protocol(store: StateStore, location: str) -> None:
    assert isinstance(store, StateStore)
    backend = RedisStateStore if location.startswith("redis://") else SQLiteStateStore
    assert isinstance(store, backend)


def test_written_version_is_found_by_url_alias_and_hash(store: StateStore) -> None:
    store.apply([visit(aliases=("https://news.example.com/old-story",))])
    entry = store.get(URL)
    assert entry is not None
    assert entry.content_hash == HASH_A
    assert entry.modified == "2025-10-21T07:00:00+00:00"  # stored in UTC: compares as text
    assert entry.first_seen == entry.last_fetched == "2025-10-21T10:00:00+00:00"
    assert store.get("https://news.example.com/old-story") == entry
    assert store.find_content(HASH_A) == entry
    assert store.get("https://news.example.com/other") is None


def test_304_refreshes_a_version_and_a_new_body_replaces_it(store: StateStore) -> None:
    store.apply([visit()])
    # A 304: no hash, no ETag in the answer; what is held stays, times move on.
    store.apply([Visit(url=URL, site="example.com", at="2025-10-22T10:00:00Z")])
    entry = store.get(URL)
    assert entry is not None
    assert (entry.content_hash, entry.etag) == (HASH_A, '"v1"')
    assert entry.last_fetched == "2025-10-22T10:00:00+00:00"
    assert entry.first_seen == "2025-10-21T10:00:00+00:00"
    # A new body replaces the validators, even with none.
    store.apply([visit(at="2025-10-23T10:00:00Z", content_hash=HASH_B, etag=None, modified=None)])
    entry = store.get(URL)
    assert entry is not None
    assert (entry.content_hash, entry.etag) == (HASH_B, None)
    assert entry.modified == "2025-10-21T07:00:00+00:00"  # the newest date known is kept


def test_gone_listed_and_back(store: StateStore) -> None:
    store.apply([visit(aliases=("https://news.example.com/a",))])
    store.apply([Listed(url="https://news.example.com/a", at="2025-10-25T00:00:00Z")])
    entry = store.get(URL)
    assert entry is not None
    assert entry.last_seen == "2025-10-25T00:00:00+00:00"
    assert entry.last_fetched == "2025-10-21T10:00:00+00:00"
    store.apply([Gone(url=URL, at="2025-10-26T00:00:00Z", status=410)])
    entry = store.get(URL)
    assert entry is not None
    assert (entry.gone, entry.gone_status) == (True, 410)
    store.apply([visit(at="2025-10-27T00:00:00Z")])  # it answered again
    entry = store.get(URL)
    assert entry is not None
    assert not entry.gone


def test_due_is_oldest_first_per_site_and_skips_gone(store: StateStore) -> None:
    for day, site in ((3, "example.com"), (1, "example.com"), (2, "other.org"), (4, "example.com")):
        url = f"https://{site}/story-{day}"
        store.apply([visit(url=url, site=site, at=f"2025-10-0{day}T00:00:00Z")])
    store.apply([Gone(url="https://example.com/story-1", at="2025-10-05T00:00:00Z", status=404)])
    due = store.due(["example.com"], "2025-10-03T00:00:00+00:00", 10)
    assert [e.url for e in due] == ["https://example.com/story-3"]
    assert [e.url for e in store.due([], "2025-10-09T00:00:00Z", 2)] == [
        "https://other.org/story-2",
        "https://example.com/story-3",
    ]
    assert store.due(["example.com"], "2025-10-09T00:00:00Z", 0) == []


def test_apply_is_all_or_nothing(store: StateStore, location: str) -> None:
    """A batch whose last change cannot be recorded leaves nothing of the batch behind."""
    store.begin_run(Run(id="run", started_at="2025-10-21T10:00:00+00:00", status="running"))
    batch = [visit(), visit(url="https://other.org/x", site="other.org", content_hash=HASH_B)]
    if location.startswith("redis://"):
        # Only the second change touches this key: the script fails after reading the first.
        redis.Redis.from_url(location).set("news:state:due:other.org", "someone else's")
        failure: type[Exception] = StateCorrupt
    else:
        batch[1] = Visit(url="https://other.org/x", site=None, at="2025-10-21T10:00:00Z")  # type: ignore[arg-type]
        failure = sqlite3.IntegrityError
    with pytest.raises(failure):
        store.apply(batch, Checkpoint("run", "/out.jsonl", 10))
    assert store.get(URL) is None
    assert store.find_content(HASH_A) is None
    assert store.due([], "2025-10-30T00:00:00Z", 10) == []
    assert list(store.entries()) == []
    assert store.runs()[0].outputs == {}


def test_runs_and_checkpoints(store: StateStore) -> None:
    store.begin_run(Run(id="r1", started_at="2025-10-21T10:00:00+00:00", status="running"))
    store.apply([], Checkpoint("r1", "/data/out.jsonl", 0))
    store.apply([visit()], Checkpoint("r1", "/data/out.jsonl", 4096))
    (run,) = store.runs(open_only=True)
    assert run.outputs == {"/data/out.jsonl": 4096}
    store.end_run(
        "r1", status="finished", finished_at="2025-10-21T11:00:00+00:00", counts={"new": 1}
    )
    assert store.runs(open_only=True) == []
    assert store.runs()[0].counts == {"new": 1}
    store.begin_run(Run(id="r2", started_at="2025-10-22T10:00:00+00:00", status="running"))
    assert [run.id for run in store.runs()] == ["r2", "r1"]  # newest first
    assert [run.id for run in store.runs(limit=1)] == ["r2"]
    assert [run.id for run in store.runs(open_only=True)] == ["r2"]


def test_entries_come_in_url_order(store: StateStore) -> None:
    urls = ["https://b.example.com/2", "https://a.example.com/é", "https://a.example.com/z"]
    for number, url in enumerate(urls):
        store.apply([visit(url=url, content_hash=f"{number:064x}")])
    entries = list(store.entries())
    # Byte order of the UTF-8 URLs: 'z' (0x7a) before 'é' (0xc3 0xa9).
    assert [entry.url for entry in entries] == [urls[2], urls[1], urls[0]]
    assert [entry.content_hash for entry in entries] == [f"{n:064x}" for n in (2, 1, 0)]


def test_find_content_follows_the_version_held(store: StateStore) -> None:
    store.apply([visit()])
    store.apply([visit(at="2025-10-22T10:00:00Z", content_hash=HASH_B)])
    assert store.find_content(HASH_A) is None
    entry = store.find_content(HASH_B)
    assert entry is not None
    assert entry.url == URL


def test_dead_runs_are_those_of_a_store_closed_without_ending_them(location: str) -> None:
    first = open_state(location)
    first.begin_run(Run(id="ended", started_at="2025-10-21T09:00:00+00:00", status="running"))
    first.end_run("ended", status="finished", finished_at="2025-10-21T09:30:00+00:00", counts={})
    first.begin_run(Run(id="left", started_at="2025-10-21T10:00:00+00:00", status="running"))
    first.close()
    second = open_state(location)
    try:
        assert [run.id for run in second.dead_runs()] == ["left"]
    finally:
        second.close()


def test_a_second_crawl_is_refused_but_readers_are_welcome(sqlite_store: StateStore, tmp_path):
    sqlite_store.apply([visit()])
    with pytest.raises(StateLocked, match=r"in use by another newscrawl crawl \(pid \d+"):
        open_state(str(tmp_path / "state.db"))
    reader = open_state(str(tmp_path / "state.db"), readonly=True)
    try:
        assert reader.get(URL) is not None
    finally:
        reader.close()


def test_lock_dies_with_its_process(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    code = (
        f"from newscrawl.state import open_state; open_state({str(path)!r}); import os; os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    open_state(str(path)).close()  # no stale lock left behind


def test_program_holding_a_transaction_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    open_state(str(path)).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StateLocked, match="locked by another program") as info:
            open_state(str(path), timeout=0.1)
        assert str(path) in str(info.value)
    finally:
        other.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a database\n" * 200, "not a readable newscrawl state"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "not a readable newscrawl state"),
    ],
)
def test_corrupt_file_is_named_and_left_untouched(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "state.db"
    path.write_bytes(content)
    with pytest.raises(StateCorrupt, match=message) as info:
        open_state(str(path))
    assert str(path) in str(info.value)
    assert "move it aside" in str(info.value)
    assert path.read_bytes() == content


def test_damaged_state_fails_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = open_state(str(path))
    store.apply(
        [visit(url=f"https://example.com/{i}", content_hash=f"{i:064x}") for i in range(3000)]
    )
    store.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\x42" * 8192  # scribble over pages
    path.write_bytes(bytes(data))
    with pytest.raises(StateCorrupt):
        open_state(str(path))
    assert path.read_bytes() == bytes(data)


def test_other_programs_database_and_newer_schema(tmp_path: Path) -> None:
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(StateCorrupt, match="another program"):
        open_state(str(other))
    newer = tmp_path / "newer.db"
    open_state(str(newer)).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StateError, match="newer newscrawl"):
        open_state(str(newer))


def test_unusable_locations(tmp_path: Path) -> None:
    with pytest.raises(StateError, match="does not exist"):
        open_state(str(tmp_path / "missing" / "state.db"))
    with pytest.raises(StateError, match="does not exist"):
        open_state(str(tmp_path / "absent.db"), readonly=True)
    with pytest.raises(StateError, match="no state backend for postgres://"):
        open_state("postgres://127.0.0.1:5432/news")


# --- recovery ------------------------------------------------------------------------------


def record(url: str, content_hash: str = HASH_A) -> dict[str, object]:
    return {
        "url": url,
        "fetched_url": url + "?from=feed",
        "site": "example.com",
        "modified": None,
        "published": "2025-10-20",
        "fetched_at": "2025-10-21T10:00:00+00:00",
        "content_hash": content_hash,
    }


def lines(*records: dict[str, object]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_replay_tail_reads_past_the_checkpoint_and_cuts_a_torn_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    committed = lines(record("https://example.com/1"))
    tail = lines(
        record("https://example.com/2"),
        {
            "url": "https://example.com/3",
            "change": "deleted",
            "status": 410,
            "site": "example.com",
            "fetched_at": "2025-10-22T00:00:00+00:00",
        },
    )
    out.write_bytes(committed + tail + b'{"url": "https://example.com/4", "bo')
    report = Recovery("r")
    changes, end = replay_tail(out, len(committed), report)
    assert end == len(committed + tail) == out.stat().st_size
    assert out.read_bytes() == committed + tail
    assert report.torn_bytes == len(b'{"url": "https://example.com/4", "bo')
    visit_2, gone_3 = changes
    assert isinstance(visit_2, Visit)
    assert visit_2.aliases == ("https://example.com/2?from=feed",)
    assert isinstance(gone_3, Gone)
    assert gone_3.status == 410


def died(location: str, *changes: Visit, checkpoint: Checkpoint) -> None:
    """A crawl that began run ``dead``, recorded ``changes`` up to ``checkpoint``, then died."""
    crawl = open_state(location)
    crawl.begin_run(Run(id="dead", started_at="2025-10-21T10:00:00+00:00", status="running"))
    crawl.apply(list(changes), checkpoint)
    crawl.close()  # without end_run, as a killed process


def test_recover_dead_runs_makes_state_and_output_agree(location: str, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    first = lines(record("https://example.com/1"))
    out.write_bytes(first + lines(record("https://example.com/2")) + b'{"torn')
    died(
        location,
        visit(url="https://example.com/1"),
        checkpoint=Checkpoint("dead", str(out), len(first)),
    )
    store = open_state(location)
    (report,) = recover_dead_runs(store)
    assert (report.replayed, report.torn_bytes, report.problems) == (1, 6, [])
    assert store.get("https://example.com/2") is not None
    assert out.read_bytes().endswith(b"\n")
    (run,) = store.runs()
    assert run.status == "crashed"
    assert run.outputs == {str(out): out.stat().st_size}
    assert recover_dead_runs(store) == []  # nothing left to repair
    store.close()


def test_recovery_does_not_guess_when_the_output_was_replaced(location: str, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(lines(record("https://example.com/9")))
    died(location, checkpoint=Checkpoint("dead", str(out), 10_000))
    store = open_state(location)
    (report,) = recover_dead_runs(store)
    assert report.replayed == 0
    assert "shorter than the state recorded" in report.problems[0]
    assert store.get("https://example.com/9") is None
    store.close()
