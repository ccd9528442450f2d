"""The SQLite state store: one file, WAL mode, one transaction per :meth:`apply`.

WAL lets operators read the state (``newscrawl state stats``) while a crawl
writes it. ``synchronous=NORMAL`` is durable against a killed process (the
case newscrawl promises to survive); after a power cut the last transactions
may be lost, which costs refetches, not duplicates, because the output file
written before them is replayed on the next start (see
:mod:`newscrawl.state.recovery`).

A crawl holds an exclusive ``flock`` on ``PATH.lock`` for its whole run: the
kernel drops it when the process dies, so a crashed crawl never leaves a
stale lock, and a live one is reported by pid. (SQLite's own locks only cover
single transactions, and an extra descriptor on the database file itself
would break SQLite's POSIX locks when closed.)
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newscrawl.pidlock import LockHeld, take_lock
from newscrawl.state import (
    Change,
    Checkpoint,
    Entry,
    Gone,
    Listed,
    Run,
    StateCorrupt,
    StateError,
    StateLocked,
    Visit,
)
from newscrawl.timeutil import utc_iso

APPLICATION_ID = 0x6E637374  # "ncst": tells a newscrawl state from any other SQLite file
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_fetched TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    modified TEXT,
    gone_at TEXT,
    gone_status INTEGER
);
CREATE INDEX IF NOT EXISTS pages_content ON pages (content_hash);
CREATE INDEX IF NOT EXISTS pages_due ON pages (site, last_fetched);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, url TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    info TEXT NOT NULL DEFAULT '{}',
    counts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS outputs (
    run_id TEXT NOT NULL,
    path TEXT NOT NULL,
    offset INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
);
"""

_ENTRY_COLUMNS = (
    "url, site, first_seen, last_seen, last_fetched, etag, last_modified, "
    "content_hash, modified, gone_at, gone_status"
)
# Canonical URL first, then as an alias.
_RESOLVE = "url IN (?, (SELECT url FROM aliases WHERE alias = ?))"

_VISIT = """
INSERT INTO pages (url, site, first_seen, last_seen, last_fetched, etag, last_modified,
                   content_hash, modified)
VALUES (:url, :site, :at, :at, :at, :etag, :last_modified, :content_hash, :modified)
ON CONFLICT (url) DO UPDATE SET
    site = excluded.site,
    last_seen = max(last_seen, excluded.last_seen),
    last_fetched = excluded.last_fetched,
    etag = CASE WHEN :replace THEN excluded.etag ELSE coalesce(excluded.etag, etag) END,
    last_modified = CASE WHEN :replace THEN excluded.last_modified
                         ELSE coalesce(excluded.last_modified, last_modified) END,
    content_hash = coalesce(excluded.content_hash, content_hash),
    modified = nullif(max(coalesce(modified, ''), coalesce(excluded.modified, '')), ''),
    gone_at = NULL,
    gone_status = NULL
"""


class SQLiteStateStore:
    """:class:`~newscrawl.state.StateStore` in one SQLite file."""

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 10.0) -> None:
        self.path = Path(path).expanduser()
        self.location = str(self.path)
        self.readonly = readonly
        self.timeout = timeout
        self._lock_fd: int | None = None
        self._conn: sqlite3.Connection | None = None
        if readonly:
            if not self.path.is_file():
                raise StateError(f"state file {self.location} does not exist")
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            self._connect(uri, uri=True)
        else:
            parent = self.path.parent
            if not parent.is_dir():
                raise StateError(
                    f"cannot use state file {self.location}: "
                    f"directory {str(parent)!r} does not exist"
                )
            self._take_lock()
            self._connect(str(self.path), uri=False)
        try:
            with self._errors("open"):
                self._setup()
        except BaseException:
            self.close()
            raise

    # --- opening -------------------------------------------------------------------------

    def _connect(self, target: str, *, uri: bool) -> None:
        try:
            self._conn = sqlite3.connect(
                target, uri=uri, timeout=self.timeout, isolation_level=None
            )
        except sqlite3.Error as exc:
            self.close()
            raise StateError(f"cannot open state file {self.location}: {exc}") from exc

    def _take_lock(self) -> None:
        lock_path = f"{self.path}.lock"
        try:
            self._lock_fd = take_lock(lock_path)
        except LockHeld as held:
            raise StateLocked(
                f"state file {self.location} is in use by another newscrawl crawl "
                f"({held.holder}); wait for it to finish, or give this crawl another --state"
            ) from None
        except OSError as exc:
            raise StateError(
                f"cannot lock state file {self.location}: {lock_path}: {exc.strerror}"
            ) from exc

    def _setup(self) -> None:
        conn = self._db
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise StateCorrupt(
                f"state file {self.location} is an SQLite database of another program, "
                "not a newscrawl state; it was left untouched: give another --state path"
            )
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StateError(
                f"state file {self.location} was written by a newer newscrawl "
                f"(state schema {version}, this one knows {SCHEMA_VERSION}); upgrade newscrawl"
            )
        if self.readonly:
            return
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StateError(f"state file {self.location} is closed")
        return self._conn

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn sqlite3 errors into StateError subclasses that say what to do."""
        try:
            yield
        except (StateError, sqlite3.IntegrityError, sqlite3.ProgrammingError):
            raise  # ours, or a bug in a caller: not the file's fault
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise StateLocked(
                    f"state file {self.location} is locked by another program "
                    f"(waited {self.timeout:g}s to {doing}); close it (e.g. an sqlite3 shell "
                    "with an open transaction) and run again"
                ) from exc
            if "readonly" in text or "unable to open" in text or "disk I/O" in text:
                raise StateError(
                    f"cannot {doing} state file {self.location}: {text}; "
                    "check its permissions and free disk space"
                ) from exc
            raise self._corrupt(exc) from exc
        except sqlite3.DatabaseError as exc:
            raise self._corrupt(exc) from exc

    def _corrupt(self, exc: Exception) -> StateCorrupt:
        return StateCorrupt(
            f"state file {self.location} is not a readable newscrawl state ({exc}). "
            "It was left untouched: move it aside (or restore a backup) and run again; "
            "a new state file starts from nothing, so the next run emits every article as new"
        )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._db
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _entry(row: tuple[Any, ...]) -> Entry:
        (url, site, first, last, fetched, etag, lastmod, chash, modified, gone_at, status) = row
        return Entry(
            url=url,
            site=site,
            first_seen=first,
            last_seen=last,
            last_fetched=fetched,
            etag=etag,
            last_modified=lastmod,
            content_hash=chash,
            modified=modified,
            gone_at=gone_at,
            gone_status=status,
        )

    # --- StateStore --------------------------------------------------------------------------

    def get(self, url: str) -> Entry | None:
        with self._errors("read"):
            row = self._db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM pages WHERE {_RESOLVE} "
                "ORDER BY url = ? DESC LIMIT 1",
                (url, url, url),
            ).fetchone()
        return self._entry(row) if row else None

    def find_content(self, content_hash: str) -> Entry | None:
        with self._errors("read"):
            row = self._db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM pages WHERE content_hash = ? LIMIT 1",
                (content_hash,),
            ).fetchone()
        return self._entry(row) if row else None

    def due(self, sites: Sequence[str], before: str, limit: int) -> list[Entry]:
        if limit <= 0:
            return []
        # <= : times have whole seconds; "due before now" includes this second.
        where = "gone_at IS NULL AND (last_fetched IS NULL OR last_fetched <= ?)"
        params: list[Any] = [utc_iso(before)]
        if sites:
            where += f" AND site IN ({', '.join('?' * len(sites))})"
            params.extend(sites)
        with self._errors("read"):
            rows = self._db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM pages WHERE {where} "
                "ORDER BY last_fetched, url LIMIT ?",
                [*params, limit],
            ).fetchall()
        return [self._entry(row) for row in rows]

    def apply(self, changes: Sequence[Change], checkpoint: Checkpoint | None = None) -> None:
        with self._errors("write"), self._transaction() as conn:
            for change in changes:
                if isinstance(change, Visit):
                    self._visit(conn, change)
                elif isinstance(change, Gone):
                    at = utc_iso(change.at)
                    conn.execute(
                        "UPDATE pages SET gone_at = ?, gone_status = ?, last_fetched = ? "
                        f"WHERE {_RESOLVE}",
                        (at, change.status, at, change.url, change.url),
                    )
                elif isinstance(change, Listed):
                    conn.execute(
                        f"UPDATE pages SET last_seen = max(last_seen, ?) WHERE {_RESOLVE}",
                        (utc_iso(change.at), change.url, change.url),
                    )
            if checkpoint is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO outputs (run_id, path, offset) VALUES (?, ?, ?)",
                    (checkpoint.run_id, checkpoint.path, checkpoint.offset),
                )

    @staticmethod
    def _visit(conn: sqlite3.Connection, visit: Visit) -> None:
        conn.execute(
            _VISIT,
            {
                "url": visit.url,
                "site": visit.site,
                "at": utc_iso(visit.at),
                "etag": visit.etag,
                "last_modified": visit.last_modified,
                "content_hash": visit.content_hash,
                "modified": utc_iso(visit.modified),
                # A fetched body replaces the validators; a 304 only refreshes them.
                "replace": visit.content_hash is not None,
            },
        )
        for alias in visit.aliases:
            if alias != visit.url:
                conn.execute(
                    "INSERT OR REPLACE INTO aliases (alias, url) VALUES (?, ?)",
                    (alias, visit.url),
                )

    def begin_run(self, run: Run) -> None:
        with self._errors("write"), self._transaction() as conn:
            conn.execute(
                "INSERT INTO runs (id, started_at, status, info) VALUES (?, ?, ?, ?)",
                (run.id, run.started_at, run.status, json.dumps(run.info)),
            )

    def end_run(
        self, run_id: str, *, status: str, finished_at: str, counts: dict[str, Any]
    ) -> None:
        with self._errors("write"), self._transaction() as conn:
            conn.execute(
                "UPDATE runs SET status = ?, finished_at = ?, counts = ? WHERE id = ?",
                (status, finished_at, json.dumps(counts), run_id),
            )

    def runs(self, *, open_only: bool = False, limit: int = 0) -> list[Run]:
        where = "WHERE status = 'running'" if open_only else ""
        tail = f"LIMIT {int(limit)}" if limit else ""
        with self._errors("read"):
            rows = self._db.execute(
                "SELECT id, started_at, finished_at, status, info, counts FROM runs "
                f"{where} ORDER BY started_at DESC, rowid DESC {tail}"
            ).fetchall()
            result = []
            for run_id, started, finished, status, info, counts in rows:
                outputs = dict(
                    self._db.execute(
                        "SELECT path, offset FROM outputs WHERE run_id = ?", (run_id,)
                    ).fetchall()
                )
                result.append(
                    Run(
                        id=run_id,
                        started_at=started,
                        finished_at=finished,
                        status=status,
                        info=json.loads(info),
                        counts=json.loads(counts),
                        outputs=outputs,
                    )
                )
        return result

    def dead_runs(self) -> list[Run]:
        """Every open run: the exclusive lock this store holds proves its crawl is gone."""
        return self.runs(open_only=True)

    def entries(self) -> Iterator[Entry]:
        with self._errors("read"):
            cursor = self._db.execute(f"SELECT {_ENTRY_COLUMNS} FROM pages ORDER BY url")
            for row in cursor:
                yield self._entry(row)

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            os.close(fd)  # releases the flock
