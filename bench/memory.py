"""Memory over a long crawl: RSS sampled along the way must stay flat.

Usage (from the repository root)::

    python bench/memory.py [--articles 50000] [--every 15] [--corpus ../shared/corpus]

Serves a generated site whose ``--articles`` real news pages are reachable only
through a chain of archive pages (20 articles and a "next" link each), so the
crawl frontier stays a few dozen requests: what RSS then shows is what the
crawl keeps per page crawled (duplicate filter, pipelines, stats), not its
queue. Crawls it with the process pool, samples the RSS of the crawl process
and of its extraction workers every ``--every`` seconds, and prints the series
with the pages crawled so far and the growth between the first and last
quarter of the crawl.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawlrun import bench_site, run_crawl

_CRAWLED = re.compile(rb"Crawled (\d+) pages")


def pages_so_far(log: Path) -> int:
    """The last 'Crawled N pages' of Scrapy's LogStats in the crawl's log."""
    try:
        found = _CRAWLED.findall(log.read_bytes()[-20_000:])
    except OSError:
        return 0
    return int(found[-1]) if found else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--every", type=float, default=15.0, help="seconds between samples")
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args(argv)

    site_args = ["--articles", str(args.articles), "--no-sitemaps"]
    if args.corpus:
        site_args += ["--corpus", str(args.corpus)]
    series: list[tuple[float, int, float, float]] = []
    with bench_site(*site_args) as base, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        log = out.with_suffix(".log")

        def sample(seconds: float, crawl: float, workers: float) -> None:
            row = (seconds, pages_so_far(log), crawl, workers)
            series.append(row)
            print(
                f"{seconds:7.0f}s {row[1]:7d} pages  crawl {crawl:6.1f} MiB  "
                f"workers {workers:6.1f} MiB",
                file=sys.stderr,
                flush=True,
            )

        run = run_crawl(
            base + "/",
            out,
            [
                f"LOGSTATS_INTERVAL={args.every}",
                "NEWSCRAWL_LINK_DEPTH=1000000",  # the archive chain is deep by design
                "NEWSCRAWL_MAX_PAGES_PER_SHAPE=0",  # and its pages share one URL shape
            ],
            every=args.every,
            on_sample=sample,
        )
    print(
        f"cores: {os.cpu_count()}; {run.pages} pages in {run.seconds:.0f}s "
        f"({run.pages_per_second:.1f} pages/s), extraction workers: pool default\n"
    )
    print("| seconds | pages crawled | crawl process RSS | extraction workers RSS |")
    print("|---:|---:|---:|---:|")
    for seconds, pages, crawl, workers in series:
        print(f"| {seconds:.0f} | {pages} | {crawl:.0f} MiB | {workers:.0f} MiB |")
    steady = [row for row in series if row[1] > 0]
    if len(steady) >= 4:
        quarter = len(steady) // 4
        first = sum(r[2] for r in steady[:quarter]) / quarter
        last = sum(r[2] for r in steady[-quarter:]) / quarter
        pages = steady[-1][1] - steady[quarter - 1][1]
        print(
            f"\ncrawl process RSS, first quarter {first:.0f} MiB -> last quarter {last:.0f} MiB "
            f"({(last - first) * 1024 / max(pages, 1) * 1000:.0f} KiB per 1,000 pages)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
