"""Crawl state: what earlier runs fetched and wrote, keyed by canonical article URL.

The state is the truth of what has been *written*: an article is recorded
only after its line is in the output (see :mod:`newscrawl.incremental`), so a
re-run skips exactly what earlier runs delivered. It drives incremental
refresh (skip known URLs, conditional requests, ``change`` on records,
tombstones) and crash safety (resume after SIGKILL without duplicates).

Every backend implements :class:`StateStore`, a deliberately small protocol
with no SQL in it: plain values in, frozen dataclasses out, and one method,
:meth:`StateStore.apply`, that makes a batch of changes atomically (one SQLite
transaction, one Redis script). :func:`open_state` picks the backend from
the location: a file path is SQLite (:mod:`newscrawl.state.sqlite`), a
``redis://`` URL is Redis (:mod:`newscrawl.state.redis`, for distributed crawls).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


class StateError(Exception):
    """The state store cannot be used; the message names the location and what to do."""


class StateCorrupt(StateError):
    """The location holds something that is not a readable newscrawl state."""


class StateLocked(StateError):
    """Another process holds the state (a crawl, or a program with an open transaction)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """What the state holds about one article URL. Times are ISO 8601 UTC strings."""

    url: str
    """Canonical URL (the record's ``url``)."""
    site: str
    """Registered domain (the record's ``site``)."""
    first_seen: str
    """When a version of it was first written."""
    last_seen: str
    """Last time it was listed by discovery, fetched, or confirmed unchanged."""
    last_fetched: str | None = None
    """Last time the server answered for it (200 or 304)."""
    etag: str | None = None
    """HTTP ``ETag`` of the version held, sent back as ``If-None-Match``."""
    last_modified: str | None = None
    """HTTP ``Last-Modified`` of the version held, sent back as ``If-Modified-Since``."""
    content_hash: str | None = None
    """``content_hash`` of the version last written."""
    modified: str | None = None
    """Newest modification date known for the version held (sitemap/feed hint, else the page)."""
    gone_at: str | None = None
    """When it answered 404/410; None while it exists."""
    gone_status: int | None = None
    """The status that marked it gone."""

    @property
    def gone(self) -> bool:
        return self.gone_at is not None


# --- changes: what apply() records ------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Visit:
    """The server answered for an article: a version was written, or confirmed unchanged.

    ``None`` fields keep what the store holds (a 304 carries no content hash).
    A visit clears ``gone``. ``aliases`` are other URLs that lead to it
    (pre-redirect and fetched URLs), so that discovery finds it under them too.
    """

    url: str
    site: str
    at: str
    content_hash: str | None = None
    modified: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Gone:
    """A known article answered 404 or 410."""

    url: str
    at: str
    status: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Listed:
    """Discovery listed a known URL again (updates ``last_seen`` only)."""

    url: str
    at: str


Change = Visit | Gone | Listed


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Output file ``path`` holds committed records up to byte ``offset`` for run ``run_id``.

    Saved in the same transaction as the records' changes, so that after a
    crash the lines past ``offset`` are exactly those written but not yet
    recorded (see :mod:`newscrawl.state.recovery`).
    """

    run_id: str
    path: str
    offset: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One crawl that used the state."""

    id: str
    started_at: str
    status: str  # "running" (or died), "finished", "interrupted", "failed", "crashed"
    finished_at: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, int] = field(default_factory=dict)  # checkpointed path -> offset


@runtime_checkable
class StateStore(Protocol):
    """The crawl state interface every backend implements.

    Who may write at once depends on the backend. An SQLite store opened for a
    crawl is exclusive: a second crawl on the same file gets :class:`StateLocked`.
    A Redis store is shared by the workers of one distributed crawl, which the
    shared queue and article claims keep from fetching and writing the same
    page twice; each worker has its own run and output file. Stores opened
    read-only (operators' ``newscrawl state stats``) may run beside a crawl.
    """

    location: str
    """Where the state lives (a path or URL), for messages."""

    def get(self, url: str) -> Entry | None:
        """The entry for ``url``, looked up as a canonical URL and then as an alias."""
        ...

    def find_content(self, content_hash: str) -> Entry | None:
        """An entry that holds a version with this content hash, if any."""
        ...

    def due(self, sites: Sequence[str], before: str, limit: int) -> list[Entry]:
        """Up to ``limit`` live entries of ``sites`` (all when empty) last fetched at or
        before ``before``, oldest first."""
        ...

    def apply(self, changes: Sequence[Change], checkpoint: Checkpoint | None = None) -> None:
        """Record ``changes`` and ``checkpoint`` atomically: all of them or none."""
        ...

    def begin_run(self, run: Run) -> None:
        """Register a starting run (status ``running`` until :meth:`end_run`)."""
        ...

    def end_run(
        self, run_id: str, *, status: str, finished_at: str, counts: dict[str, Any]
    ) -> None:
        """Close a run with its final status and counts."""
        ...

    def runs(self, *, open_only: bool = False, limit: int = 0) -> list[Run]:
        """Runs, newest first; ``open_only`` gives those still ``running`` (alive or dead)."""
        ...

    def dead_runs(self) -> list[Run]:
        """Open runs whose crawl died and whose output files this process can repair.

        Each is this caller's to repair and close (see
        :mod:`newscrawl.state.recovery`): no other process gets it too.
        """
        ...

    def entries(self) -> Iterator[Entry]:
        """Every entry, ordered by URL (for export and statistics)."""
        ...

    def close(self) -> None:
        """Release the store (and its lock). Idempotent."""
        ...


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def is_redis(location: str) -> bool:
    """Does ``location`` name a Redis state (``redis://HOST:PORT/DB``)?"""
    return location.startswith(REDIS_SCHEMES)


def open_state(
    location: str, *, readonly: bool = False, timeout: float = 10.0, lease_ttl: float = 30.0
) -> StateStore:
    """Open the state at ``location``: a file path (SQLite) or a ``redis://`` URL.

    ``timeout`` is how long to wait for a lock held by another program (SQLite)
    or for the server to answer (Redis) before failing. ``lease_ttl`` (Redis)
    is how long a run outlives its process's last sign of life. Raises
    :class:`StateError` subclasses whose message names the location and the
    way out.
    """
    if is_redis(location):
        try:
            from newscrawl.state.redis import RedisStateStore
        except ImportError as exc:
            raise StateError(
                f"state location {redact(location)}: the Redis state needs the redis package "
                "(pip install 'newscrawl[redis]')"
            ) from exc
        return RedisStateStore(location, readonly=readonly, timeout=timeout, lease_ttl=lease_ttl)
    if "://" in location and not location.startswith("file://"):
        scheme = location.split("://", 1)[0]
        raise StateError(
            f"state location {location!r}: no state backend for {scheme}://; "
            "give a file path (SQLite) or a redis:// URL"
        )
    from newscrawl.state.sqlite import SQLiteStateStore

    return SQLiteStateStore(location.removeprefix("file://"), readonly=readonly, timeout=timeout)


def redact(location: str) -> str:
    """``location`` without the password a URL may carry, for messages and logs."""
    scheme, sep, rest = location.partition("://")
    userinfo, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in userinfo:
        return location
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{host}"
