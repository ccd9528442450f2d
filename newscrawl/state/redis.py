"""The Redis state store: the crawl state of a distributed crawl, shared by its workers.

Workers on several machines cannot share an SQLite file; the workers of one
``newscrawl crawl --redis`` crawl share this store instead. Its keys live
under ``news:state:`` (the spider name, like the crawl's own keys in
:mod:`newscrawl.distributed`), and ``newscrawl enqueue --fresh`` leaves them
alone: the queue belongs to one run, the state carries over to the next.

``news:state:meta``
    hash: ``format`` (``newscrawl-state``) and ``version``
``news:state:pages``
    hash: canonical URL -> the entry as JSON
``news:state:aliases``
    hash: other URL (before redirects, as fetched) -> canonical URL
``news:state:hashes``
    hash: content hash -> canonical URL
``news:state:sites``, ``news:state:due:<site>``
    the sites; per site a sorted set of its live URLs scored by last fetched
    (epoch seconds), so revisits are read oldest first
``news:state:runs``, ``news:state:open``, ``news:state:run:<id>``
    run ids newest first (list); the runs still running (set); one run (hash)
``news:state:outputs:<id>``
    hash: output path -> checkpointed byte offset of the run
``news:state:lease:<id>``
    a running run's lease (see below)

Every :meth:`~RedisStateStore.apply` is one Lua script. Redis runs it with no
other command in between, but does not undo the writes of a script that fails
half-way; so the script reads and checks everything (entries, key types)
before its first write, and a batch is recorded whole or not at all.

**Not exclusive.** An SQLite state is locked by one crawl; this store is
shared by the workers of a distributed crawl, at once. That is safe because
the shared queue and the article claims (:mod:`newscrawl.distributed`) keep
two workers from fetching or writing one article; the state records what
each wrote, one atomic script at a time. Each worker is its own run, with
its own output file, so checkpoints are per (run, file), and after a kill
only the dead worker's own file needs repairing. That file is on the dead
worker's machine: only a worker on the same machine (same host name) repairs
it (:meth:`~RedisStateStore.dead_runs`). A run is dead when its lease lapsed
(the store renews it from a thread every third of ``lease_ttl`` and deletes
it when closed), or at once when the process that held it no longer runs on
this machine, so that a worker restarted right after a kill repairs its file
before appending to it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from newscrawl.state import (
    Change,
    Checkpoint,
    Entry,
    Gone,
    Listed,
    Run,
    StateCorrupt,
    StateError,
    Visit,
    redact,
)
from newscrawl.timeutil import parse_instant, utc_iso

logger = logging.getLogger(__name__)

PREFIX = "news:state:"
FORMAT = "newscrawl-state"
SCHEMA_VERSION = 1
HOST = socket.gethostname()
_BATCH = 1000
# The keys every state has, with their Redis types (checked when a store opens).
_KEY_TYPES = {
    "meta": "hash",
    "pages": "hash",
    "aliases": "hash",
    "hashes": "hash",
    "sites": "set",
    "runs": "list",
    "open": "set",
}
_CORRUPT = "NEWSCRAWL_CORRUPT "

# ARGV: prefix, changes as JSON, then optionally the checkpoint's run id, path, offset.
# Per-site keys are named here from the prefix (standalone Redis, like scrapy-redis).
_APPLY = """
local prefix, changes = ARGV[1], cjson.decode(ARGV[2])
local pages, aliases, hashes, sites = prefix .. 'pages', prefix .. 'aliases',
  prefix .. 'hashes', prefix .. 'sites'

local function corrupt(what) error({err = 'NEWSCRAWL_CORRUPT ' .. what}) end
local function expect(key, kind)
  local found = redis.call('TYPE', key).ok
  if found ~= 'none' and found ~= kind then
    corrupt('key ' .. key .. ' holds a ' .. found .. ', not a ' .. kind)
  end
end
local function later(a, b) if a == nil or (b ~= nil and b > a) then return b end return a end
local function due(site) return prefix .. 'due:' .. site end

-- 1. Work every change out on copies of the entries; nothing is written yet.
expect(pages, 'hash'); expect(aliases, 'hash'); expect(hashes, 'hash'); expect(sites, 'set')
local stored, entries, fetched, added, order, touched = {}, {}, {}, {}, {}, {}
local function load(url)
  if entries[url] == nil then
    local raw = redis.call('HGET', pages, url)
    stored[url], entries[url] = false, false
    if raw then
      local ok, entry = pcall(cjson.decode, raw)
      if not ok or type(entry) ~= 'table' or type(entry.site) ~= 'string' then
        corrupt('entry ' .. url .. ' in ' .. pages .. ' is not a state entry')
      end
      stored[url], entries[url] = cjson.decode(raw), entry
    end
  end
  return entries[url]
end
local function resolve(url)
  if load(url) then return url end
  local canonical = added[url] or redis.call('HGET', aliases, url)
  if canonical and load(canonical) then return canonical end
  return nil
end
local function touch(url)
  if not touched[url] then touched[url] = true; table.insert(order, url) end
end

for _, change in ipairs(changes) do
  if change.op == 'visit' then
    touch(change.url)
    local entry = load(change.url)
    if not entry then
      entry = {first_seen = change.at, last_seen = change.at}
      entries[change.url] = entry
    end
    entry.site = change.site
    entry.last_seen = later(entry.last_seen, change.at)
    entry.last_fetched = change.at
    if change.content_hash then -- a fetched body replaces the validators, a 304 refreshes them
      entry.etag, entry.last_modified = change.etag, change.last_modified
    else
      entry.etag = change.etag or entry.etag
      entry.last_modified = change.last_modified or entry.last_modified
    end
    entry.content_hash = change.content_hash or entry.content_hash
    entry.modified = later(entry.modified, change.modified)
    entry.gone_at, entry.gone_status = nil, nil
    fetched[change.url] = change.score
    for _, alias in ipairs(change.aliases) do
      if alias ~= change.url then added[alias] = change.url end
    end
  else
    local url = resolve(change.url)
    if url then
      touch(url)
      local entry = entries[url]
      if change.op == 'gone' then
        entry.gone_at, entry.gone_status, entry.last_fetched = change.at, change.status, change.at
      else
        entry.last_seen = later(entry.last_seen, change.at)
      end
    end
  end
end

-- 2. Check the type of every other key to be written.
for _, url in ipairs(order) do
  expect(due(entries[url].site), 'zset')
  if stored[url] then expect(due(stored[url].site), 'zset') end
end
local outputs = ARGV[3] and prefix .. 'outputs:' .. ARGV[3]
if outputs then expect(outputs, 'hash') end

-- 3. Write.
for _, url in ipairs(order) do
  local entry, before = entries[url], stored[url]
  redis.call('HSET', pages, url, cjson.encode(entry))
  if before and before.site ~= entry.site then redis.call('ZREM', due(before.site), url) end
  if entry.gone_at then
    redis.call('ZREM', due(entry.site), url)
  elseif fetched[url] then
    redis.call('ZADD', due(entry.site), fetched[url], url)
    redis.call('SADD', sites, entry.site)
  end
  if before and before.content_hash and before.content_hash ~= entry.content_hash
      and redis.call('HGET', hashes, before.content_hash) == url then
    redis.call('HDEL', hashes, before.content_hash)
  end
  if entry.content_hash then redis.call('HSET', hashes, entry.content_hash, url) end
end
for alias, url in pairs(added) do redis.call('HSET', aliases, alias, url) end
if outputs then redis.call('HSET', outputs, ARGV[4], ARGV[5]) end
return #order
"""

# KEYS: pages, aliases. The entry of a canonical URL, else of the URL an alias leads to.
_GET = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if raw then return {ARGV[1], raw} end
local url = redis.call('HGET', KEYS[2], ARGV[1])
if not url then return false end
raw = redis.call('HGET', KEYS[1], url)
if not raw then return false end
return {url, raw}
"""

# KEYS: hashes, pages.
_FIND = """
local url = redis.call('HGET', KEYS[1], ARGV[1])
if not url then return false end
local raw = redis.call('HGET', KEYS[2], url)
if not raw then return false end
return {url, raw}
"""

# KEYS: run, open, lease. ARGV: run id, status, finished_at, counts.
_END_RUN = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'finished_at', ARGV[3], 'counts', ARGV[4])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[3])
return 1
"""

# KEYS: lease. ARGV: holder seen ('' = none), new holder, ttl ms. Compare-and-set.
_TAKE = """
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""

# KEYS: lease. ARGV: holder, ttl ms. Renew unless another process took the run over.
_RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""

# KEYS: lease. ARGV: holder.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
"""


def _running(pid: object) -> bool:
    """Is process ``pid`` running on this machine?"""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _holder_alive(holder: str | None) -> bool:
    """Is the lease ``holder`` (``host:pid:random``) a live process?"""
    if holder is None:
        return False
    host, _, rest = holder.partition(":")
    if host != HOST:
        return True  # the lease has not lapsed, and its process is out of our sight
    pid = rest.partition(":")[0]
    return _running(int(pid)) if pid.isdigit() else True


def _when(value: str | None) -> tuple[str, int]:
    """A change's time as stored (ISO 8601 UTC) and as a due score (epoch seconds)."""
    text = utc_iso(value)
    instant = parse_instant(text)
    if text is None or instant is None:
        raise ValueError(f"the crawl state needs a time, got {value!r}")
    return text, int(instant.timestamp())


def _change(change: Change) -> dict[str, Any]:
    """One change as the apply script reads it (None fields left out: Lua's nil)."""
    if isinstance(change, Visit):
        if not isinstance(change.url, str) or not isinstance(change.site, str):
            raise TypeError(f"a Visit needs a URL and a site, got {change!r}")
        at, score = _when(change.at)
        fields: dict[str, Any] = {
            "op": "visit",
            "url": change.url,
            "site": change.site,
            "at": at,
            "score": score,
            "etag": change.etag,
            "last_modified": change.last_modified,
            "content_hash": change.content_hash,
            "modified": utc_iso(change.modified),
            "aliases": list(change.aliases),
        }
    elif isinstance(change, Gone):
        fields = {
            "op": "gone",
            "url": change.url,
            "at": _when(change.at)[0],
            "status": change.status,
        }
    elif isinstance(change, Listed):
        fields = {"op": "listed", "url": change.url, "at": _when(change.at)[0]}
    else:
        raise TypeError(f"not a state change: {change!r}")
    return {name: value for name, value in fields.items() if value is not None}


class RedisStateStore:
    """:class:`~newscrawl.state.StateStore` in Redis, shared by the workers of a crawl."""

    def __init__(
        self,
        url: str,
        *,
        readonly: bool = False,
        timeout: float = 10.0,
        lease_ttl: float = 30.0,
        prefix: str = PREFIX,
    ) -> None:
        self.location = redact(url)
        self.readonly = readonly
        self.prefix = prefix
        self.lease_ms = max(int(lease_ttl * 1000), 1)
        self.token = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._held: set[str] = set()  # runs whose lease this store renews
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None
        self._closed = False
        try:
            self._db = redis.Redis.from_url(
                url, socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=True
            )
        except ValueError as exc:
            raise StateError(f"state location {self.location}: {exc}") from exc
        register = self._db.register_script
        self._apply, self._get, self._find = register(_APPLY), register(_GET), register(_FIND)
        self._end_run, self._take = register(_END_RUN), register(_TAKE)
        self._renew, self._release = register(_RENEW), register(_RELEASE)
        try:
            with self._errors("open"):
                self._setup()
        except BaseException:
            self.close()
            raise

    # --- plumbing ---------------------------------------------------------------------------

    def key(self, name: str) -> str:
        return self.prefix + name

    def _setup(self) -> None:
        self._db.ping()
        pipe = self._db.pipeline(transaction=False)
        for name in _KEY_TYPES:
            pipe.type(self.key(name))
        for (name, expected), found in zip(_KEY_TYPES.items(), pipe.execute(), strict=True):
            if found not in ("none", expected):
                raise self._corrupt(f"key {self.key(name)} holds a {found}, not a {expected}")
        meta = self._db.hgetall(self.key("meta"))
        if not meta:
            if self.readonly:
                raise StateError(
                    f"Redis at {self.location} holds no newscrawl crawl state "
                    f"(no key {self.key('meta')}); check the database number in the URL"
                )
            self._db.hset(self.key("meta"), mapping={"format": FORMAT, "version": SCHEMA_VERSION})
            return
        version = meta.get("version", "")
        if meta.get("format") != FORMAT or not version.isdigit():
            raise self._corrupt(f"key {self.key('meta')} is not a newscrawl state's")
        if int(version) > SCHEMA_VERSION:
            raise StateError(
                f"the crawl state in Redis at {self.location} was written by a newer newscrawl "
                f"(state schema {version}, this one knows {SCHEMA_VERSION}); upgrade newscrawl"
            )

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn Redis errors into StateError subclasses that say what to do."""
        try:
            yield
        except (RedisConnectionError, RedisTimeoutError) as exc:
            raise StateError(
                f"cannot {doing} the crawl state in Redis at {self.location}: {exc}; "
                "check the URL and that the server is running and reachable"
            ) from exc
        except ResponseError as exc:
            text = str(exc).split(" script: ")[0]
            if text.startswith(("WRONGTYPE", _CORRUPT)):
                raise self._corrupt(text.removeprefix(_CORRUPT)) from exc
            raise StateError(
                f"Redis at {self.location} refused to {doing} the crawl state: {text}"
            ) from exc
        except RedisError as exc:
            raise StateError(
                f"cannot {doing} the crawl state in Redis at {self.location}: {exc}"
            ) from exc
        except UnicodeDecodeError as exc:
            raise self._corrupt(f"a value is not UTF-8 text: {exc}") from exc

    def _corrupt(self, detail: str) -> StateCorrupt:
        pattern = f"'{self.prefix}*'"
        return StateCorrupt(
            f"Redis at {self.location} does not hold a readable newscrawl crawl state "
            f"({detail}). It was left untouched: delete the state's keys (redis-cli -u URL "
            f"--scan --pattern {pattern} | xargs redis-cli -u URL del) or use another "
            "database; a new state starts from nothing, so the next run emits every article "
            "as new"
        )

    def _writable(self) -> None:
        if self.readonly:
            raise StateError(f"the crawl state in Redis at {self.location} is open read-only")
        if self._closed:
            raise StateError(f"the crawl state in Redis at {self.location} is closed")

    def _entry(self, url: str, raw: str) -> Entry:
        try:
            data = json.loads(raw)
            return Entry(
                url=url,
                site=data["site"],
                first_seen=data["first_seen"],
                last_seen=data["last_seen"],
                last_fetched=data.get("last_fetched"),
                etag=data.get("etag"),
                last_modified=data.get("last_modified"),
                content_hash=data.get("content_hash"),
                modified=data.get("modified"),
                gone_at=data.get("gone_at"),
                gone_status=data.get("gone_status"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise self._corrupt(f"entry {url!r} in {self.key('pages')}: {exc!r}") from exc

    def _run(self, run_id: str, fields: dict[str, str], outputs: dict[str, str]) -> Run:
        try:
            return Run(
                id=run_id,
                started_at=fields["started_at"],
                finished_at=fields.get("finished_at"),
                status=fields["status"],
                info=json.loads(fields.get("info") or "{}"),
                counts=json.loads(fields.get("counts") or "{}"),
                outputs={path: int(offset) for path, offset in outputs.items()},
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise self._corrupt(f"run {self.key('run:' + run_id)}: {exc!r}") from exc

    # --- leases -------------------------------------------------------------------------------

    def _hold(self, run_id: str) -> None:
        """Keep renewing ``run_id``'s lease while this store is open."""
        with self._lock:
            self._held.add(run_id)
        if self._renewer is None:
            self._renewer = threading.Thread(
                target=self._renew_leases, name="newscrawl-state-lease", daemon=True
            )
            self._renewer.start()

    def _renew_leases(self) -> None:
        """A thread, not the reactor: a busy crawl must not look dead."""
        while not self._stop.wait(self.lease_ms / 3000):
            with self._lock:
                for run_id in sorted(self._held):
                    try:
                        kept = self._renew(
                            keys=[self.key(f"lease:{run_id}")], args=[self.token, self.lease_ms]
                        )
                    except RedisError as exc:
                        logger.warning(
                            "Cannot renew the crawl state lease of run %s: %s", run_id, exc
                        )
                        break
                    if not kept:
                        logger.error(
                            "Run %s was taken for dead (its lease lapsed) and repaired by "
                            "another process; its last records may be written twice",
                            run_id,
                        )
                        self._held.discard(run_id)

    # --- StateStore --------------------------------------------------------------------------

    def get(self, url: str) -> Entry | None:
        with self._errors("read"):
            found = self._get(keys=[self.key("pages"), self.key("aliases")], args=[url])
        return self._entry(*found) if found else None

    def find_content(self, content_hash: str) -> Entry | None:
        with self._errors("read"):
            found = self._find(keys=[self.key("hashes"), self.key("pages")], args=[content_hash])
        entry = self._entry(*found) if found else None
        return entry if entry is not None and entry.content_hash == content_hash else None

    def due(self, sites: Sequence[str], before: str, limit: int) -> list[Entry]:
        instant = parse_instant(utc_iso(before))
        if limit <= 0 or instant is None:
            return []
        cutoff = int(instant.timestamp())  # <= : times have whole seconds
        with self._errors("read"):
            names = list(sites) or sorted(self._db.smembers(self.key("sites")))
            pipe = self._db.pipeline(transaction=False)
            for site in names:
                pipe.zrangebyscore(
                    self.key(f"due:{site}"), "-inf", cutoff, start=0, num=limit, withscores=True
                )
            found = sorted((score, url) for rows in pipe.execute() for url, score in rows)
            urls = [url for _, url in found[:limit]]
            raws = self._db.hmget(self.key("pages"), urls) if urls else []
        entries = [self._entry(url, raw) for url, raw in zip(urls, raws, strict=True) if raw]
        return [entry for entry in entries if not entry.gone]

    def apply(self, changes: Sequence[Change], checkpoint: Checkpoint | None = None) -> None:
        self._writable()
        if not changes and checkpoint is None:
            return
        args: list[Any] = [self.prefix, json.dumps([_change(change) for change in changes])]
        if checkpoint is not None:
            args += [checkpoint.run_id, checkpoint.path, str(checkpoint.offset)]
        with self._errors("write"):
            self._apply(args=args)

    def begin_run(self, run: Run) -> None:
        """Register ``run`` with this machine and process, and its lease."""
        self._writable()
        info = {**run.info, "host": HOST, "pid": os.getpid()}
        with self._errors("write"):
            pipe = self._db.pipeline(transaction=True)
            pipe.hset(
                self.key(f"run:{run.id}"),
                mapping={
                    "started_at": run.started_at,
                    "status": run.status,
                    "info": json.dumps(info),
                    "counts": json.dumps(run.counts),
                },
            )
            pipe.lpush(self.key("runs"), run.id)
            if run.status == "running":
                pipe.sadd(self.key("open"), run.id)
                pipe.set(self.key(f"lease:{run.id}"), self.token, px=self.lease_ms)
            pipe.execute()
        if run.status == "running":
            self._hold(run.id)

    def end_run(
        self, run_id: str, *, status: str, finished_at: str, counts: dict[str, Any]
    ) -> None:
        self._writable()
        with self._lock:
            self._held.discard(run_id)
            with self._errors("write"):
                self._end_run(
                    keys=[
                        self.key(f"run:{run_id}"),
                        self.key("open"),
                        self.key(f"lease:{run_id}"),
                    ],
                    args=[run_id, status, finished_at, json.dumps(counts)],
                )

    def runs(self, *, open_only: bool = False, limit: int = 0) -> list[Run]:
        with self._errors("read"):
            if open_only:
                ids = sorted(self._db.smembers(self.key("open")))
            else:
                ids = self._db.lrange(self.key("runs"), 0, limit - 1 if limit else -1)
            pipe = self._db.pipeline(transaction=False)
            for run_id in ids:
                pipe.hgetall(self.key(f"run:{run_id}"))
                pipe.hgetall(self.key(f"outputs:{run_id}"))
            replies = pipe.execute()
        runs = [
            self._run(run_id, fields, outputs)
            for run_id, fields, outputs in zip(ids, replies[::2], replies[1::2], strict=True)
            if fields
        ]
        runs.sort(key=lambda run: run.started_at, reverse=True)  # stable: newest first
        return runs[:limit] if limit else runs

    def dead_runs(self) -> list[Run]:
        """Open runs of this machine whose process is gone, each taken over by this store.

        Runs of other machines are left to them: their output files are out of
        reach here. Taking a run's lease over (compare-and-set) makes this store
        the only one to repair it; should this process die while repairing, the
        lease lapses and the next worker here repairs it again (replaying the
        same lines twice records the same thing).
        """
        self._writable()
        dead = []
        for run in self.runs(open_only=True):
            if run.info.get("host") != HOST or run.id in self._held:
                continue
            lease = self.key(f"lease:{run.id}")
            with self._errors("read"):
                holder = self._db.get(lease)
            if _holder_alive(holder):
                continue
            with self._errors("write"):
                taken = self._take(keys=[lease], args=[holder or "", self.token, self.lease_ms])
            if taken:
                self._hold(run.id)
                dead.append(run)
        return dead

    def entries(self) -> Iterator[Entry]:
        pages = self.key("pages")
        with self._errors("read"):
            urls = sorted({url for url, _ in self._db.hscan_iter(pages, count=_BATCH)})
        for start in range(0, len(urls), _BATCH):
            batch = urls[start : start + _BATCH]
            with self._errors("read"):
                raws = self._db.hmget(pages, batch)
            for url, raw in zip(batch, raws, strict=True):
                if raw is not None:
                    yield self._entry(url, raw)

    def close(self) -> None:
        """Stop renewing leases; a run left open (not ended) is dead from now on."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=5)
        with self._lock:
            held, self._held = self._held, set()
        for run_id in held:
            with contextlib.suppress(RedisError):
                self._release(keys=[self.key(f"lease:{run_id}")], args=[self.token])
        self._db.close()
