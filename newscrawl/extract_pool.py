"""A process pool for page extraction in which one bad page can only cost itself.

Why not ``concurrent.futures.ProcessPoolExecutor``: one crashed worker breaks the
whole executor (every in-flight future fails with ``BrokenProcessPool`` and it
cannot say which page did it), and a task past its time limit cannot be stopped:
``asyncio.wait_for`` gives up waiting while the worker keeps spinning. pebble's
``ProcessPool`` kills on timeout, but feeds all workers through one shared pipe
guarded by process-shared locks, and a worker killed while holding them wedges
the pool (pebble issues #153, #163): the very failure this pool must survive.

Here every worker has a pipe of its own and holds one page at a time, so the
parent always knows which page each worker has. When a worker dies (segfault,
``os._exit``, OOM kill) its page is tried once more on a fresh worker, in case
the death came from outside; a page that kills two workers fails with
:class:`WorkerCrashed`. A page over its time limit gets its worker SIGKILLed
and fails with :class:`WorkerTimeout`. Either way a fresh worker replaces the
lost one, and the other workers' pages carry on untouched: nothing else is
in flight in a dead worker, so nothing else needs retrying. Results are read on the asyncio event
loop (``loop.add_reader`` on the pipes): no helper threads in the crawl process.

Pages are handed only to idle workers: at most ``workers`` pages are inside
worker processes at any time; callers wait in :meth:`ExtractPool.run` for a
free worker (bound that waiting yourself: see ``ExtractPipeline``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

logger = logging.getLogger(__name__)

_READY = b"ready"
# A worker that dies before it is ready this many times in a row means the pool
# cannot work at all (bad extraction function, broken environment): stop respawning.
_MAX_STARTUP_FAILURES = 3


class WorkerCrashed(Exception):
    """The worker process died while extracting this page."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"extraction worker died (exit code {exitcode})")
        self.exitcode = exitcode


class WorkerTimeout(Exception):
    """The page took longer than the time limit; its worker was killed."""


class PoolBroken(Exception):
    """Workers cannot start (e.g. the extraction function cannot be imported)."""


def _watch_parent(parent: int) -> None:
    """Exit when the crawl process is gone, even in the middle of a hung page."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _worker_main(conn: Connection, func: Callable[..., Any], parent: int) -> None:
    """Worker process: receive pickled argument tuples, send back ``(ok, value)`` pickles."""
    # Ctrl-C goes to the whole process group; the crawl decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    try:
        conn.send_bytes(_READY)
        while True:
            _serve_one(conn, func)
    except (EOFError, BrokenPipeError):  # the pool closed our pipe: retire
        return


def _serve_one(conn: Connection, func: Callable[..., Any]) -> None:
    args = pickle.loads(conn.recv_bytes())
    try:
        reply = pickle.dumps((True, func(*args)), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - reported to the caller, the worker lives on
        try:
            reply = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an unpicklable exception still gets reported
            reply = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.send_bytes(reply)


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.ready = False
        self.future: asyncio.Future[Any] | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.done = 0  # pages finished by this worker


class ExtractPool:
    """``workers`` processes running ``func`` (a module-level function) one call at a time.

    ``timeout``: seconds one call may run in a worker (waiting for a worker does
    not count). ``max_tasks``: retire a worker after that many calls and start a
    fresh one (0 = never), a guard against slow leaks in parsing libraries.
    """

    def __init__(
        self,
        func: Callable[..., Any],
        workers: int,
        *,
        timeout: float,
        max_tasks: int = 0,
        context: str = "spawn",
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.func = func
        self.size = workers
        self.timeout = timeout
        self.max_tasks = max_tasks
        # "spawn": forking a process that runs the Twisted reactor and its threads is unsafe.
        self._context = multiprocessing.get_context(context)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: set[_Worker] = set()
        self._idle: deque[_Worker] = deque()
        self._waiters: deque[asyncio.Future[_Worker]] = deque()
        self._startup_failures = 0
        self._closed = False
        self.broken: PoolBroken | None = None

    # --- lifecycle -----------------------------------------------------------------

    def start(self) -> None:
        """Spawn the workers; call from the event loop's thread (e.g. in open_spider)."""
        self._loop = asyncio.get_running_loop()
        for _ in range(self.size):
            self._spawn()

    def close(self) -> None:
        """Stop every worker: idle ones exit on EOF, busy ones are killed."""
        self._closed = True
        for waiter in self._waiters:
            if not waiter.done():
                waiter.cancel()
        self._waiters.clear()
        for worker in list(self._workers):
            if worker.future is not None and not worker.future.done():
                worker.future.cancel()
                worker.process.kill()
            self._discard(worker)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and benchmarks)."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def _spawn(self) -> None:
        assert self._loop is not None
        parent_conn, child_conn = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main,
            args=(child_conn, self.func, os.getpid()),
            name="newscrawl-extract",
            daemon=True,
        )
        process.start()
        # Only the child may hold its end: its death must read as EOF here.
        child_conn.close()
        worker = _Worker(process, parent_conn)
        self._workers.add(worker)
        self._loop.add_reader(parent_conn.fileno(), self._on_readable, worker)

    def _discard(self, worker: _Worker) -> None:
        """Forget a worker: stop reading its pipe, close it, reap the process."""
        self._workers.discard(worker)
        with contextlib.suppress(ValueError):
            self._idle.remove(worker)
        if worker.timer is not None:
            worker.timer.cancel()
        if self._loop is not None and not worker.conn.closed:
            self._loop.remove_reader(worker.conn.fileno())
        worker.conn.close()
        # The process has closed its pipe (it exited or was killed): this join is short.
        worker.process.join(1.0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(1.0)

    # --- calls ----------------------------------------------------------------------

    async def run(self, *args: Any) -> Any:
        """``func(*args)`` in a worker; raises WorkerCrashed, WorkerTimeout or func's exception.

        A call whose worker dies is tried once more on a fresh worker: the death may
        not be its fault (a worker killed from outside, e.g. by the OOM killer, at
        the moment it took the call). Dying twice makes it the culprit.
        """
        if self.broken is not None:
            raise self.broken
        if self._closed or self._loop is None:
            raise RuntimeError("the extraction pool is not running")
        payload = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            return await self._call(payload)
        except WorkerCrashed:
            if self._closed:
                raise
            return await self._call(payload)

    async def _call(self, payload: bytes) -> Any:
        assert self._loop is not None
        while True:
            worker = await self._acquire()
            try:
                worker.conn.send_bytes(payload)
            except OSError:
                # It died while idle, before this page reached it: replace it, try another.
                self._lost(worker)
                continue
            future: asyncio.Future[Any] = self._loop.create_future()
            worker.future = future
            worker.timer = self._loop.call_later(self.timeout, self._expire, worker)
            return await future

    async def _acquire(self) -> _Worker:
        if self._idle:
            return self._idle.popleft()
        assert self._loop is not None
        waiter: asyncio.Future[_Worker] = self._loop.create_future()
        self._waiters.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(waiter.result())  # handed over just as we were cancelled
            raise

    def _release(self, worker: _Worker) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _fail_waiters(self, error: Exception) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_exception(error)

    # --- events from workers ----------------------------------------------------------

    def _on_readable(self, worker: _Worker) -> None:
        try:
            data = worker.conn.recv_bytes()
        except (EOFError, OSError):
            self._lost(worker)
            return
        if not worker.ready:
            worker.ready = True
            self._startup_failures = 0
            self._release(worker)
            return
        future, worker.future = worker.future, None
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        worker.done += 1
        if future is not None and not future.done():
            ok, value = pickle.loads(data)
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        if self.max_tasks and worker.done >= self.max_tasks:
            self._discard(worker)  # closing its pipe lets it exit cleanly
            self._spawn()
            return
        self._release(worker)

    def _expire(self, worker: _Worker) -> None:
        """The page is over its time limit: fail it and kill its worker (EOF follows)."""
        worker.timer = None
        future, worker.future = worker.future, None
        if future is not None and not future.done():
            future.set_exception(WorkerTimeout(f"extraction took over {self.timeout}s"))
        worker.process.kill()

    def _lost(self, worker: _Worker) -> None:
        """A worker's pipe hit EOF: it crashed, was killed on timeout, or failed to start."""
        was_ready = worker.ready
        future, worker.future = worker.future, None
        self._discard(worker)
        exitcode = worker.process.exitcode
        if future is not None and not future.done():
            future.set_exception(WorkerCrashed(exitcode))
        if self._closed:
            return
        if not was_ready:
            self._startup_failures += 1
            logger.error("Extraction worker failed to start (exit code %s)", exitcode)
            if self._startup_failures >= _MAX_STARTUP_FAILURES:
                self.broken = PoolBroken(
                    f"extraction workers exit before they are ready (exit code {exitcode})"
                )
                self._fail_waiters(self.broken)
                return
        self._spawn()
