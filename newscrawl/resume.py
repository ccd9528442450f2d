"""Resumable crawls (``--resume DIR``) on Scrapy's JOBDIR, made safe against SIGKILL.

Scrapy's JOBDIR keeps the request queue and the duplicate filter's
fingerprints on disk, but neither survives a kill: the queue's position is
only saved on a clean close (a killed run's queue replays or loses requests),
and ``requests.seen`` is written through a buffer, so it may list requests
that were never fetched, and those would then never be crawled. So the job
directory only carries a clean stop forward:

* stopped cleanly (SIGINT/SIGTERM, queue saved): the next run continues
  Scrapy's queue, which is JOBDIR's purpose;
* died (marker still ``running``): Scrapy's files are discarded and discovery
  starts again from the start URLs. What was already written is not written
  again, because the crawl state, not the queue, is the truth of what was
  written (:mod:`newscrawl.incremental`, :mod:`newscrawl.state.recovery`).
  Pages this job already processed are fetched once more, without writing
  them again, for the links on them: an article linked only from such a page
  would otherwise be lost with the discarded queue (:attr:`ResumableJob.recovering`);
* finished: the next run with the same directory is a new job.

Without ``--state``, the job keeps its own ledger in ``DIR/ledger.db`` (state
mode ``job``), cleared when a new job starts. The :class:`ResumableJob`
extension keeps the marker (``DIR/newscrawl-job.json``) and holds
``DIR/newscrawl-job.lock`` so that two runs never share one job.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from newscrawl.pidlock import LockHeld, take_lock
from newscrawl.timeutil import utc_now_iso

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

MARKER = "newscrawl-job.json"
LOCK = "newscrawl-job.lock"
LEDGER = "ledger.db"
SCRAPY_FILES = ("requests.queue", "requests.seen", "spider.state")
# A shutdown during which extraction workers died (Ctrl-C reaches the whole process
# group) lost in-flight pages that requests.seen already lists: resume as after a crash.
_LOSSY_STATS = ("newscrawl/errors/worker_crashed", "newscrawl/errors/state")
_STATUSES = ("running", "interrupted", "finished")


class JobError(Exception):
    """The job directory cannot be used (in use by another run, unreadable)."""


def _read_marker(jobdir: Path) -> dict[str, Any] | None:
    marker = jobdir / MARKER
    if not marker.exists():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("status") not in _STATUSES:
        return {"status": "running"}  # unreadable: treat as an unclean stop, the safe reading
    return data


def job_status(jobdir: Path) -> str:
    """``new``, ``running`` (a run died, or runs now), ``interrupted`` or ``finished``."""
    marker = _read_marker(jobdir)
    return "new" if marker is None else str(marker["status"])


def _write_marker(jobdir: Path, data: dict[str, Any]) -> None:
    """Replace the marker atomically (a kill leaves the old one or the new one)."""
    tmp = jobdir / f".{MARKER}.tmp"
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    tmp.replace(jobdir / MARKER)


def _discard(jobdir: Path, names: tuple[str, ...]) -> list[str]:
    removed = []
    for name in names:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        else:
            continue
        removed.append(name)
    return removed


def _ledger_files() -> tuple[str, ...]:
    return tuple(LEDGER + suffix for suffix in ("", "-wal", "-shm", ".lock"))


class ResumableJob:
    """Keeps the job marker and prepares JOBDIR before Scrapy's scheduler opens it."""

    def __init__(self, crawler: Crawler, jobdir: Path, lock_fd: int | None) -> None:
        self.crawler = crawler
        self.jobdir = jobdir
        self.lock_fd = lock_fd
        self.previous = "new"
        self.started_at = utc_now_iso()
        """When the job's first run started (kept across resumed runs)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("JOBDIR")
        if not path:
            raise NotConfigured  # no JOBDIR
        jobdir = Path(path)
        jobdir.mkdir(parents=True, exist_ok=True)
        job = cls(crawler, jobdir, _lock(jobdir))
        job.prepare()
        crawler.signals.connect(job.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(job.engine_stopped, signal=signals.engine_stopped)
        return job

    @property
    def recovering(self) -> bool:
        """True when the previous run died: its queue is gone, its pages' links must be re-read."""
        return self.previous == "running"

    def prepare(self) -> None:
        marker = _read_marker(self.jobdir) or {"status": "new"}
        self.previous = str(marker["status"])
        if self.previous in ("running", "interrupted") and marker.get("job_started_at"):
            self.started_at = str(marker["job_started_at"])
        if self.previous == "running":
            removed = _discard(self.jobdir, SCRAPY_FILES)
            logger.warning(
                "The previous run of the job in %s did not stop cleanly; Scrapy's request "
                "queue is not crash-safe, so it was discarded (%s) and discovery starts "
                "again: articles already written are not written twice",
                self.jobdir,
                ", ".join(removed) or "nothing to discard",
            )
        elif self.previous == "finished":
            _discard(self.jobdir, SCRAPY_FILES + _ledger_files())
        elif self.previous == "interrupted":
            logger.info("Resuming the interrupted job in %s", self.jobdir)
        _write_marker(
            self.jobdir,
            {
                "status": "running",
                "pid": os.getpid(),
                "job_started_at": self.started_at,
                "run_started_at": utc_now_iso(),
                "previous": self.previous,
            },
        )

    def spider_closed(self, reason: str) -> None:
        """After Scrapy's scheduler saved its queue (it closes before this signal)."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        if any(stats.get(key) for key in _LOSSY_STATS):
            status = "running"  # resume as after a crash: rediscover, trust the state
        elif reason == "shutdown":
            status = "interrupted"
        else:
            status = "finished"
        _write_marker(
            self.jobdir,
            {
                "status": status,
                "reason": reason,
                "job_started_at": self.started_at,
                "run_finished_at": utc_now_iso(),
            },
        )

    def engine_stopped(self) -> None:
        fd, self.lock_fd = self.lock_fd, None
        if fd is not None:
            os.close(fd)


def _lock(jobdir: Path) -> int | None:
    try:
        return take_lock(jobdir / LOCK)
    except LockHeld as held:
        raise JobError(
            f"job directory {jobdir} is in use by another newscrawl crawl ({held.holder}); "
            "wait for it to finish, or give this crawl another --resume directory"
        ) from None
