"""ExtractPool: a crashing or hanging call costs itself only; the pool carries on."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from newscrawl.extract_pool import ExtractPool, PoolBroken, WorkerCrashed, WorkerTimeout
from tests.crawl.faulty import echo
from tests.crawl.unimportable import BREAK_WORKERS, fails_in_workers


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _settle(pool: ExtractPool, workers: int) -> None:
    """Wait until ``workers`` workers have answered (replacements take a moment to spawn)."""
    keys = [f"ok-{i}" for i in range(workers)]
    await asyncio.wait_for(asyncio.gather(*(pool.run(k, 0.1) for k in keys)), 30)


async def _replaced(pool: ExtractPool, before: set[int]) -> set[int]:
    """The worker pids once one of ``before`` has been replaced by a new process."""
    for _ in range(100):
        now = set(pool.pids())
        if len(now) == len(before) and now != before:
            return now
        await asyncio.sleep(0.1)
    raise AssertionError(f"no worker was replaced: {before} -> {pool.pids()}")


@deferred_f_from_coro_f
async def test_results_and_exceptions_come_back() -> None:
    pool = ExtractPool(echo, 2, timeout=30)
    pool.start()
    try:
        key, pid = await pool.run("a")
        assert key == "a"
        assert pid in pool.pids()
        with pytest.raises(ValueError, match="cannot extract raise-me"):
            await pool.run("raise-me")
        assert (await pool.run("b"))[0] == "b"
    finally:
        pool.close()


@pytest.mark.parametrize(("key", "exitcode"), [("exit", 70), ("segfault", -11)])
@deferred_f_from_coro_f
async def test_crash_costs_that_call_only(key: str, exitcode: int) -> None:
    pool = ExtractPool(echo, 2, timeout=30)
    pool.start()
    try:
        await _settle(pool, 2)
        calls = [pool.run(key)] + [pool.run(f"ok-{i}", 0.3) for i in range(5)]
        results = await asyncio.gather(*calls, return_exceptions=True)
        crash, rest = results[0], results[1:]
        assert isinstance(crash, WorkerCrashed)
        assert crash.exitcode == exitcode
        assert [r[0] for r in rest] == [f"ok-{i}" for i in range(5)]  # type: ignore[index]
        await _settle(pool, 2)
        assert len(pool.pids()) == 2
    finally:
        pool.close()


@deferred_f_from_coro_f
async def test_hang_kills_and_replaces_its_worker() -> None:
    pool = ExtractPool(echo, 2, timeout=1.0)
    pool.start()
    try:
        await _settle(pool, 2)
        before = set(pool.pids())
        loop = asyncio.get_running_loop()
        start = loop.time()
        calls = [pool.run("hang")] + [pool.run(f"ok-{i}", 0.2) for i in range(4)]
        results = await asyncio.gather(*calls, return_exceptions=True)
        assert isinstance(results[0], WorkerTimeout)
        assert loop.time() - start < 10
        assert [r[0] for r in results[1:]] == [f"ok-{i}" for i in range(4)]  # type: ignore[index]
        after = await _replaced(pool, before)
        # The spinning worker is gone, not left running.
        (dead,) = before - after
        assert not _alive(dead)
        await _settle(pool, 2)
    finally:
        pool.close()


@deferred_f_from_coro_f
async def test_workers_are_recycled_after_max_tasks() -> None:
    pool = ExtractPool(echo, 1, timeout=30, max_tasks=2)
    pool.start()
    try:
        pids = [(await pool.run(f"k{i}"))[1] for i in range(4)]
        assert pids[0] == pids[1]
        assert pids[2] == pids[3]
        assert pids[1] != pids[2]
    finally:
        pool.close()


@deferred_f_from_coro_f
async def test_workers_that_cannot_start_break_the_pool_instead_of_looping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(BREAK_WORKERS, "1")
    pool = ExtractPool(fails_in_workers, 1, timeout=30)
    pool.start()
    try:
        with pytest.raises(PoolBroken):
            await asyncio.wait_for(pool.run("x"), 60)
        with pytest.raises(PoolBroken):
            await pool.run("y")
    finally:
        pool.close()


@deferred_f_from_coro_f
async def test_close_stops_every_worker() -> None:
    pool = ExtractPool(echo, 2, timeout=30)
    pool.start()
    await _settle(pool, 2)
    pids = pool.pids()
    busy = asyncio.ensure_future(pool.run("hang"))
    await asyncio.sleep(0.2)
    pool.close()
    with pytest.raises(asyncio.CancelledError):
        await busy
    await asyncio.sleep(0.2)
    assert not [pid for pid in pids if _alive(pid)]
    with pytest.raises(RuntimeError):
        await pool.run("late")


@deferred_f_from_coro_f
async def test_a_worker_that_died_idle_is_replaced_without_costing_a_page() -> None:
    pool = ExtractPool(echo, 1, timeout=30)
    pool.start()
    try:
        (_, pid) = await pool.run("first")
        os.kill(pid, signal.SIGKILL)  # dies between two pages
        key, new_pid = await asyncio.wait_for(pool.run("second"), 30)
        assert key == "second"
        assert new_pid != pid
    finally:
        pool.close()
