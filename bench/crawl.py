"""Crawl throughput: extraction in the process pool against the in-thread path, same run.

Usage (from the repository root)::

    python bench/crawl.py [--articles 3000] [--workers N] [--corpus ../shared/corpus]

Serves a generated site of ``--articles`` real news pages (``bench/site.py``),
crawls it twice through its sitemaps with ``newscrawl crawl --no-follow``, once
with ``NEWSCRAWL_EXTRACT_WORKERS=0`` (extraction on the reactor thread) and once
with the pool (default: one worker per core), and prints pages/second, peak RSS
of the crawl process (and with its workers) and the speed-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawlrun import CrawlRun, bench_site, run_crawl


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args(argv)

    site_args = ["--articles", str(args.articles)]
    if args.corpus:
        site_args += ["--corpus", str(args.corpus)]
    runs: dict[str, CrawlRun] = {}
    with bench_site(*site_args) as base, tempfile.TemporaryDirectory() as tmp:
        for label, workers in (("in-thread", 0), (f"pool x{args.workers}", args.workers)):
            out = Path(tmp) / f"{workers}.jsonl"
            runs[label] = run_crawl(
                base + "/",
                out,
                [f"NEWSCRAWL_EXTRACT_WORKERS={workers}"],
                extra=["--no-follow"],
            )
            run = runs[label]
            print(f"{label}: {run.pages} pages in {run.seconds:.1f}s", file=sys.stderr, flush=True)
    print(f"cores: {os.cpu_count()}; site: {args.articles} article pages from the corpus\n")
    print("| extraction | pages | seconds | pages/s | extracted | peak RSS crawl | with workers |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, run in runs.items():
        print(
            f"| {label} | {run.pages} | {run.seconds:.1f} | {run.pages_per_second:.1f} "
            f"| {run.stats.get('newscrawl/extracted', 0)} | {run.peak_rss:.0f} MiB "
            f"| {run.peak_total_rss:.0f} MiB |"
        )
    thread, pool = runs.values()
    if thread.pages_per_second:
        print(f"\npool / in-thread: {pool.pages_per_second / thread.pages_per_second:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
