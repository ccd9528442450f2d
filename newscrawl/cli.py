"""The ``newscrawl`` command: argv -> Scrapy settings -> AsyncCrawlerProcess, or -> extraction.

Subcommands:
  crawl     crawl sites, feeds, sitemaps or a URL list into JSONL (--redis: as a
            worker of a shared crawl)
  enqueue   seed a shared crawl in Redis
  extract   turn saved HTML pages into JSONL records (one per input, in order)
  validate  check a JSONL file against the record schema
  state     inspect a crawl state (stats, export)
  sources   check a sources file

Exit status: 0 success; 1 ``validate`` or ``sources check`` found problems; 2 the
command could not run (bad arguments, bad URL, unwritable output, bad sources file,
corrupt or locked state); 3 the crawl was interrupted (SIGINT/SIGTERM; what was
extracted before is written); 4 the crawl finished, but more than
``NEWSCRAWL_MAX_ERROR_RATE`` of its requests failed (or its state failed mid-run).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newscrawl import __version__

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_CANNOT_RUN = 2
EXIT_INTERRUPTED = 3
EXIT_ERRORS = 4

logger = logging.getLogger("newscrawl")


class CommandError(Exception):
    """A problem with the user's command: printed as ``newscrawl: error: ...``, exit 2."""


# --- argument parsing -------------------------------------------------------------


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl", description="Crawl news sites into clean JSONL article records."
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = commands.add_parser(
        "crawl",
        help="crawl sites, feeds or sitemaps",
        description="Crawl news sites (home pages, RSS/Atom feeds, sitemaps) into JSONL.",
    )
    crawl.add_argument("urls", nargs="*", metavar="URL", help="home page, feed or sitemap URLs")
    crawl.add_argument(
        "-i",
        "--urls-file",
        metavar="FILE",
        help="crawl the article URLs listed in FILE, one per line ('-' for stdin)",
    )
    crawl.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="JSONL output ('-' for stdout, the default; a .gz name compresses)",
    )
    crawl.add_argument(
        "--append", action="store_true", help="append to FILE instead of replacing it"
    )
    crawl.add_argument(
        "--max-articles",
        type=_positive_int,
        default=0,
        metavar="N",
        help="stop after N articles are written",
    )
    crawl.add_argument(
        "--max-pages",
        type=_positive_int,
        default=0,
        metavar="N",
        help="stop after N pages are fetched",
    )
    crawl.add_argument(
        "--since",
        metavar="DATE",
        help="skip articles published before DATE (YYYY-MM-DD or '2 days ago')",
    )
    crawl.add_argument(
        "--depth",
        type=_positive_int,
        default=None,
        metavar="N",
        help="follow links at most N hops from a start page (default 4)",
    )
    crawl.add_argument(
        "--no-follow", action="store_true", help="do not follow links; use sitemaps and feeds only"
    )
    crawl.add_argument("--user-agent", metavar="UA", help="User-Agent header to send")
    crawl.add_argument(
        "--ignore-robots",
        action="store_true",
        help="do not obey robots.txt (only for sites you are allowed to crawl)",
    )
    crawl.add_argument(
        "-s",
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set any Scrapy or NEWSCRAWL_* setting (repeatable)",
    )
    crawl.add_argument(
        "-L", "--log-level", default="WARNING", help="log level on stderr (default WARNING)"
    )
    crawl.add_argument(
        "--redis",
        metavar="URL",
        help="join the shared crawl in Redis (redis://HOST:PORT/DB) as one of its workers; "
        "URLs are then optional (see 'newscrawl enqueue')",
    )
    crawl.add_argument(
        "--idle-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="with --redis: exit once the shared crawl has been idle this long (default 30)",
    )

    enqueue = commands.add_parser(
        "enqueue",
        help="seed a shared crawl in Redis",
        description="Queue the start pages of a shared crawl; 'newscrawl crawl --redis URL' "
        "workers then discover and crawl the sites as a single crawl would.",
    )
    enqueue.add_argument("urls", nargs="+", metavar="URL", help="home page, feed or sitemap URLs")
    enqueue.add_argument("--redis", required=True, metavar="URL", help="redis://HOST:PORT/DB")
    enqueue.add_argument(
        "--fresh",
        action="store_true",
        help="forget the previous crawl in this database first (its queue, seen requests "
        "and articles; the crawl state stays)",
    )

    extract = commands.add_parser(
        "extract",
        help="extract articles from saved HTML pages",
        description="One JSONL record per saved page, in input order; pages that are "
        "not articles give a record with 'error' and 'detail'.",
    )
    extract.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, directories, or '-' for stdin"
    )
    extract.add_argument(
        "--url",
        help="the page's URL (one input only; else a .url sidecar "
        "file or the page's canonical link is used)",
    )
    extract.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="JSONL output (default stdout)"
    )
    extract.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="extraction processes (default: CPU cores; 0 = in-process)",
    )

    validate = commands.add_parser(
        "validate",
        help="check JSONL records against the schema",
        description="Check every line of JSONL files against the article record schema.",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="JSONL files (.gz ok, '-' for stdin)"
    )
    _add_refresh_arguments(crawl)
    _add_state_commands(commands)
    return parser


def _add_refresh_arguments(crawl: argparse.ArgumentParser) -> None:
    group = crawl.add_argument_group("scheduled and incremental runs")
    group.add_argument(
        "--state",
        metavar="PATH",
        help="crawl state file (SQLite): re-runs emit only new and changed articles; "
        "with --redis, a redis:// URL",
    )
    group.add_argument(
        "--incremental",
        action="store_true",
        help="incremental run with the default state file "
        "($XDG_DATA_HOME or ~/.local/share)/newscrawl/NAME.db; with --redis, "
        "the state in the --redis database",
    )
    group.add_argument(
        "--revisit-after",
        metavar="DURATION",
        help="recheck known articles last fetched longer ago than this (e.g. 24h, 7d; "
        "default 24h), with conditional requests",
    )
    group.add_argument(
        "--max-revisits",
        type=_positive_int,
        metavar="N",
        help="at most N revisits per run (default 500)",
    )
    group.add_argument(
        "--emit-deletions",
        action="store_true",
        help="write a tombstone record for known articles that now answer 404/410",
    )
    group.add_argument(
        "--resume",
        metavar="DIR",
        help="keep the job in DIR: if a run stops or is killed, the same command "
        "continues it (needs -o FILE; not with --redis)",
    )
    group.add_argument(
        "--sources", metavar="FILE", help="TOML file of sites to crawl (see 'sources check')"
    )
    group.add_argument(
        "--run-log", metavar="FILE", help="append one JSON line per run (status, counts)"
    )
    group.add_argument(
        "--max-error-rate",
        type=float,
        metavar="RATE",
        help="exit 4 when more than RATE (0-1) of requests fail (default 0.1)",
    )


def _add_state_commands(commands: Any) -> None:
    state = commands.add_parser(
        "state",
        help="inspect a crawl state",
        description="Inspect a crawl state (safe while a crawl is using it).",
    )
    actions = state.add_subparsers(dest="state_command", required=True, metavar="ACTION")
    where = "state file, or redis://HOST:PORT/DB"
    stats = actions.add_parser("stats", help="counts, last runs and per-site figures")
    stats.add_argument("path", metavar="PATH", help=where)
    stats.add_argument("--json", action="store_true", help="print JSON")
    export = actions.add_parser("export", help="the state's index as JSONL")
    export.add_argument("path", metavar="PATH", help=where)
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="JSONL output (default stdout)"
    )
    sources = commands.add_parser("sources", help="check a sources file")
    actions = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate a sources file without crawling")
    check.add_argument("file", metavar="FILE", help="sources file (TOML)")


# --- crawl ------------------------------------------------------------------------------


def _feed_uri(output: str) -> str:
    if output == "-":
        return "stdout:"
    path = Path(output)
    if path.is_dir():
        raise CommandError(f"output {output!r} is a directory; give a file name")
    parent = path.parent if str(path.parent) else Path()
    if not parent.exists():
        raise CommandError(f"cannot write {output!r}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"cannot write {output!r}: permission denied")
    # FEEDS URIs are %-formatted by Scrapy (%(time)s, %(name)s): keep a literal '%'.
    return str(path.resolve()).replace("%", "%%")


def _parse_setting(assignment: str) -> tuple[str, str]:
    name, sep, value = assignment.partition("=")
    if not sep or not name.strip():
        raise CommandError(f"-s expects NAME=VALUE, got {assignment!r}")
    return name.strip(), value


def crawl_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The command-line settings of a crawl (applied over newscrawl.settings)."""
    from newscrawl.timeutil import parse_since

    feed_options: dict[str, Any] = {"format": "jsonlines"}
    if args.output != "-":
        feed_options["overwrite"] = not args.append
    if args.output.endswith(".gz"):
        feed_options["postprocessing"] = ["scrapy.extensions.postprocessing.GzipPlugin"]
    settings: dict[str, Any] = {
        "FEEDS": {_feed_uri(args.output): feed_options},
        "LOG_LEVEL": args.log_level.upper(),
    }
    if args.max_articles:
        settings["NEWSCRAWL_MAX_ARTICLES"] = args.max_articles
    if args.max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = args.max_pages
    if args.since:
        try:
            settings["NEWSCRAWL_SINCE"] = parse_since(args.since).isoformat()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
    if args.depth is not None:
        settings["NEWSCRAWL_LINK_DEPTH"] = args.depth
    if args.no_follow:
        settings["NEWSCRAWL_FOLLOW_LINKS"] = False
    if args.user_agent:
        settings["USER_AGENT"] = args.user_agent
    if args.ignore_robots:
        settings["ROBOTSTXT_OBEY"] = False
    settings.update(refresh_settings(args, settings))
    if args.idle_timeout is not None:
        settings["MAX_IDLE_TIME_BEFORE_CLOSE"] = args.idle_timeout
    for assignment in args.set:
        name, value = _parse_setting(assignment)
        settings[name] = value
    return settings


def _spider_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    from newscrawl.extract.urls import UnsupportedURL, check_fetchable
    from newscrawl.spiders.urllist import read_url_list

    source_urls = _sources_start_urls(args)
    if not args.urls and not args.urls_file and not source_urls and not args.redis:
        raise CommandError("give at least one URL, or --urls-file FILE")
    try:
        start_urls = [check_fetchable(url) for url in args.urls] + source_urls
    except UnsupportedURL as exc:
        raise CommandError(str(exc)) from exc
    if not args.urls_file:
        return {"start_urls": start_urls}
    try:
        listed = read_url_list(args.urls_file)
    except OSError as exc:
        raise CommandError(f"cannot read URL list {args.urls_file!r}: {exc.strerror}") from exc
    if not listed and not start_urls:
        raise CommandError(f"URL list {args.urls_file!r} is empty")
    return {"start_urls": start_urls, "urls": listed}


def run_crawl(args: argparse.Namespace) -> int:
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.settings import Settings

    from newscrawl.spiders.news import NewsSpider

    spider_kwargs = _spider_kwargs(args)
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.update(crawl_settings(args), priority="cmdline")
    spider_class = NewsSpider
    if args.redis:
        from newscrawl.distributed import RedisNewsSpider, apply_profile

        apply_profile(settings, _redis_url(args.redis))
        spider_class = RedisNewsSpider

    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(spider_class)
    crawl = process.crawl(crawler, **spider_kwargs)
    process.start()

    error = crawl.exception() if crawl.done() and not crawl.cancelled() else None
    if error is not None:
        from newscrawl.resume import JobError
        from newscrawl.state import StateError

        if isinstance(error, StateError | JobError):
            print(f"newscrawl: error: {error}", file=sys.stderr)
        else:
            print(f"newscrawl: error: the crawl could not run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    if stats.get("finish_reason") == "shutdown":
        return EXIT_INTERRUPTED
    return _exit_for_run_status(stats)


# --- scheduled and incremental runs -----------------------------------------------------


def default_state_path(name: str) -> Path:
    """``$XDG_DATA_HOME/newscrawl/NAME.db`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newscrawl" / f"{name}.db"


def _state_name(args: argparse.Namespace) -> str:
    """The default state's name: the sources file's, else the first start URL's host."""
    from urllib.parse import urlsplit

    if args.sources:
        return Path(args.sources).stem
    if args.urls:
        parts = urlsplit(args.urls[0])
        return (parts.hostname or "crawl") + (f"_{parts.port}" if parts.port else "")
    if args.urls_file and args.urls_file != "-":
        return Path(args.urls_file).stem
    return "crawl"


def _load_sources(args: argparse.Namespace) -> list[Any]:
    from newscrawl.sources import SourcesError, load_sources

    if not args.sources:
        return []
    try:
        return load_sources(args.sources)
    except SourcesError as exc:
        raise CommandError(f"bad sources file:\n{exc}") from exc


def _sources_start_urls(args: argparse.Namespace) -> list[str]:
    from newscrawl.sources import start_urls

    return start_urls(_load_sources(args))


def refresh_settings(args: argparse.Namespace, settings: dict[str, Any]) -> dict[str, Any]:
    """Settings of --state/--incremental/--resume/--sources and friends.

    ``settings`` (the FEEDS built so far) is updated in place when a resumed job
    must append to its output instead of replacing it.
    """
    from newscrawl.resume import LEDGER, job_status
    from newscrawl.sources import download_slots
    from newscrawl.state import is_redis
    from newscrawl.timeutil import parse_duration

    out: dict[str, Any] = {}
    state = args.state
    if args.redis:
        state = _shared_state(args)
    elif state is not None and is_redis(state):
        raise CommandError(
            f"--state {state} keeps the state of a shared crawl: add --redis URL "
            "(a single worker is fine), or give a file path"
        )
    elif state is None and args.incremental:
        path = default_state_path(_state_name(args))
        path.parent.mkdir(parents=True, exist_ok=True)
        state = str(path)
    if state is not None:
        out["NEWSCRAWL_STATE"] = (
            state if is_redis(state) else str(Path(state).expanduser().resolve())
        )
    for flag, given in (
        ("--revisit-after", args.revisit_after is not None),
        ("--max-revisits", args.max_revisits is not None),
        ("--emit-deletions", args.emit_deletions),
    ):
        if given and state is None:
            raise CommandError(f"{flag} needs --state PATH or --incremental")
    if args.revisit_after is not None:
        try:
            out["NEWSCRAWL_REVISIT_AFTER"] = parse_duration(args.revisit_after)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
    if args.max_revisits is not None:
        out["NEWSCRAWL_MAX_REVISITS"] = args.max_revisits
    if args.emit_deletions:
        out["NEWSCRAWL_EMIT_DELETIONS"] = True
    if args.resume:
        if args.output == "-" or args.output.endswith(".gz"):
            raise CommandError(
                "--resume needs -o FILE, a plain .jsonl file: a resumed run checks and "
                "repairs the output a killed run left"
            )
        jobdir = Path(args.resume).expanduser().resolve()
        if jobdir.exists() and not jobdir.is_dir():
            raise CommandError(f"--resume {args.resume!r} is not a directory")
        out["JOBDIR"] = str(jobdir)
        status = job_status(jobdir)
        if status in ("running", "interrupted"):
            for options in settings["FEEDS"].values():
                options["overwrite"] = False  # never replace what the stopped run wrote
            how = "was interrupted" if status == "interrupted" else "did not finish"
            print(f"newscrawl: resuming the job in {jobdir} (its last run {how})", file=sys.stderr)
        if state is None:
            jobdir.mkdir(parents=True, exist_ok=True)
            out["NEWSCRAWL_STATE"] = str(jobdir / LEDGER)
            out["NEWSCRAWL_STATE_MODE"] = "job"
    sources = _load_sources(args)
    if sources:
        out["NEWSCRAWL_SOURCES"] = str(Path(args.sources).resolve())
        slots = download_slots(sources)
        if slots:
            out["DOWNLOAD_SLOTS"] = slots
    if args.run_log:
        out["NEWSCRAWL_RUN_LOG"] = str(Path(args.run_log).expanduser().resolve())
    if args.max_error_rate is not None:
        if not 0 <= args.max_error_rate <= 1:
            raise CommandError(
                f"--max-error-rate must be between 0 and 1, got {args.max_error_rate}"
            )
        out["NEWSCRAWL_MAX_ERROR_RATE"] = args.max_error_rate
    return out


def _shared_state(args: argparse.Namespace) -> str | None:
    """The crawl state of a worker of a shared crawl (--redis): in Redis, or none.

    Workers on several machines cannot share an SQLite file, and Scrapy's
    JOBDIR does not apply: the queue lives in Redis and outlives every worker.
    """
    from newscrawl.state import is_redis

    redis_url = _redis_url(args.redis)
    if args.resume:
        raise CommandError(
            "--resume does not apply to a shared crawl (--redis): its queue lives in Redis "
            "and a killed worker's requests go back to it. Restart a stopped worker with "
            "the same command and --append; with --incremental it first repairs the output "
            "file a killed run left"
        )
    if args.state is not None and not is_redis(args.state):
        raise CommandError(
            f"--state {args.state} is an SQLite file, which the workers of a shared crawl "
            "cannot share across machines; with --redis use --incremental (the state goes "
            "in the --redis database) or --state redis://HOST:PORT/DB"
        )
    if args.state is not None:
        return str(args.state)
    return redis_url if args.incremental else None


def _exit_for_run_status(stats: dict[str, Any]) -> int:
    from newscrawl.runlog import STATUS_STAT

    status = stats.get(STATUS_STAT)
    if status == "interrupted":
        return EXIT_INTERRUPTED
    if status in ("errors_above_threshold", "failed"):
        print(f"newscrawl: the crawl finished with status {status}", file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def run_state(args: argparse.Namespace) -> int:
    from newscrawl.state import StateError, open_state
    from newscrawl.state.report import export_entries, format_stats, state_stats

    try:
        store = open_state(args.path, readonly=True)
    except StateError as exc:
        raise CommandError(str(exc)) from exc
    try:
        if args.state_command == "stats":
            figures = state_stats(store)
            print(json.dumps(figures, indent=2) if args.json else format_stats(figures))
            return EXIT_OK
        output = _Output(args.output)
        try:
            for record in export_entries(store):
                output.write_record(record)
        finally:
            output.close()
        return EXIT_OK
    except StateError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()


def run_sources(args: argparse.Namespace) -> int:
    from newscrawl.sources import SourcesError, load_sources

    try:
        sources = load_sources(args.file)
    except SourcesError as exc:
        print(exc, file=sys.stderr)
        print(f"newscrawl: {len(exc.problems)} problem(s) in {args.file}", file=sys.stderr)
        return EXIT_INVALID
    for source in sources:
        print(source.describe())
    print(f"newscrawl: {args.file}: {len(sources)} site(s), no problems", file=sys.stderr)
    return EXIT_OK


def _redis_url(url: str) -> str:
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise CommandError(f"--redis expects redis://HOST:PORT/DB, got {url!r}")
    return url


def run_enqueue(args: argparse.Namespace) -> int:
    import asyncio

    from redis.exceptions import RedisError
    from scrapy.settings import Settings

    from newscrawl.distributed import apply_profile, enqueue
    from newscrawl.extract.urls import UnsupportedURL, check_fetchable

    try:
        urls = [check_fetchable(url) for url in args.urls]
    except UnsupportedURL as exc:
        raise CommandError(str(exc)) from exc
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    apply_profile(settings, _redis_url(args.redis))
    try:
        queued = asyncio.run(enqueue(settings, urls, fresh=args.fresh))
    except RedisError as exc:
        raise CommandError(f"cannot use Redis at {args.redis}: {exc}") from exc
    print(f"newscrawl: {queued} start requests queued in {args.redis}", file=sys.stderr)
    return EXIT_OK


# --- extract and validate ------------------------------------------------------------------


class _Output:
    """stdout or a file (gzip when named .gz), written one whole line at a time."""

    def __init__(self, target: str) -> None:
        if target == "-":
            self.stream = sys.stdout.buffer
            self.owned = False
        else:
            _feed_uri(target)  # same checks as for a crawl's output
            opener = gzip.open if target.endswith(".gz") else open
            self.stream = opener(target, "wb")  # type: ignore[operator]
            self.owned = True

    def write_record(self, record: dict[str, Any]) -> None:
        self.stream.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self.stream.flush()

    def close(self) -> None:
        if self.owned:
            self.stream.close()


def run_extract(args: argparse.Namespace) -> int:
    from newscrawl.extract import ExtractOptions
    from newscrawl.saved import extract_many, iter_saved_pages

    if args.url and (len(args.paths) > 1 or Path(args.paths[0]).is_dir()):
        raise CommandError("--url applies to a single input page")
    if args.paths.count("-") > 1:
        raise CommandError("'-' (stdin) can be given once")
    workers = (os.cpu_count() or 1) if args.workers is None else args.workers
    output = _Output(args.output)
    counts = {"articles": 0, "errors": 0}
    try:
        pages = iter_saved_pages(args.paths, url=args.url)
        for record in extract_many(pages, ExtractOptions(), workers):
            output.write_record(record)
            counts["errors" if "error" in record else "articles"] += 1
    finally:
        output.close()
    print(
        f"newscrawl: {counts['articles']} articles, {counts['errors']} pages without an article",
        file=sys.stderr,
    )
    return EXIT_OK


def _open_lines(path: str) -> Iterator[bytes]:
    if path == "-":
        yield from sys.stdin.buffer
        return
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:  # type: ignore[operator]
        yield from stream


def run_validate(args: argparse.Namespace) -> int:
    from newscrawl.schema import iter_jsonl_problems

    invalid = 0
    for path in args.files:
        try:
            problems = list(iter_jsonl_problems(_open_lines(path)))
        except OSError as exc:
            raise CommandError(f"cannot read {path!r}: {exc.strerror or exc}") from exc
        bad_lines = {
            number for number, problem in problems if not problem.startswith("error record")
        }
        for number, problem in problems:
            print(f"{path}:{number}: {problem}")
        invalid += len(bad_lines)
    status = "all records valid" if not invalid else f"{invalid} invalid line(s)"
    print(f"newscrawl: {status}", file=sys.stderr)
    return EXIT_INVALID if invalid else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "crawl": run_crawl,
        "enqueue": run_enqueue,
        "extract": run_extract,
        "validate": run_validate,
        "state": run_state,
        "sources": run_sources,
    }
    try:
        return handlers[args.command](args)
    except CommandError as exc:
        print(f"newscrawl: error: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except BrokenPipeError:
        # e.g. `newscrawl extract ... | head`: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
