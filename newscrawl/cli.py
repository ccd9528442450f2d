"""The ``newscrawl`` command: argv -> Scrapy settings -> AsyncCrawlerProcess, or -> extraction.

Subcommands:
  crawl     crawl sites, feeds, sitemaps or a URL list into JSONL (--redis: as a
            worker of a shared crawl)
  enqueue   seed a shared crawl in Redis
  extract   turn saved HTML pages into JSONL records (one per input, in order)
  validate  check a JSONL file against the record schema

Exit status: 0 success; 1 ``validate`` found invalid records; 2 the command could
not run (bad arguments, bad URL, unwritable output); 3 the crawl was interrupted
(SIGINT/SIGTERM; what was extracted before is written).
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
        "and articles)",
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
    return parser


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
    if args.idle_timeout is not None:
        settings["MAX_IDLE_TIME_BEFORE_CLOSE"] = args.idle_timeout
    for assignment in args.set:
        name, value = _parse_setting(assignment)
        settings[name] = value
    return settings


def _spider_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    from newscrawl.extract.urls import UnsupportedURL, check_fetchable
    from newscrawl.spiders.urllist import read_url_list

    if not args.urls and not args.urls_file and not args.redis:
        raise CommandError("give at least one URL, or --urls-file FILE")
    try:
        start_urls = [check_fetchable(url) for url in args.urls]
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
        print(f"newscrawl: error: the crawl could not run: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    if stats.get("finish_reason") == "shutdown":
        return EXIT_INTERRUPTED
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
