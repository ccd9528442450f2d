"""An exclusive, non-blocking lock on a file that names its holder.

Used by the SQLite crawl state and by resumable job directories: a second
crawl on the same state or job must fail at once with a message that says who
holds it, not wait or corrupt it. ``flock`` is released by the kernel when the
holder dies, so a SIGKILLed crawl never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from newscrawl.timeutil import utc_now_iso

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    """Another process holds the lock; ``holder`` is what it wrote into the file."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def take_lock(path: Path | str) -> int | None:
    """Lock ``path`` (created if missing) and write our pid into it; the fd, or None off POSIX.

    Raises :class:`LockHeld` when another process holds it, ``OSError`` when the
    file cannot be opened. Close the fd to release the lock.
    """
    if fcntl is None:  # pragma: no cover
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise LockHeld(holder) from None
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {utc_now_iso()}\n".encode(), 0)
    return fd
