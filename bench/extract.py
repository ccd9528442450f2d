"""Extraction speed: newscrawl's extraction against bare trafilatura on the same pages.

Usage (from the repository root)::

    python bench/extract.py [PAGES_DIR] [--rounds 2]

``PAGES_DIR`` holds ``*.html.gz`` or ``*.html`` pages (default
``../shared/corpus/pages``); URLs come from ``../truth.jsonl`` beside it when
there is one, else from each page's canonical link. Every round times, on the
same pages in memory (no I/O, no gunzip in the timing), in one process:

* ``newscrawl``: ``newscrawl.extract.extract_article(html, url)``, the whole record;
* ``trafilatura.extract``: ``trafilatura.extract(html, url=url)``, defaults (text only);
* ``trafilatura+metadata``: ``bare_extraction(html, url=url, with_metadata=True)``,
  the corpus baseline's call, for reference.

The contenders take turns page by page (in a rotating order), so that a busy
machine slows them alike and the ratios hold even when the pages/second do not.
Prints pages/second of each over all rounds, wall clock and CPU time, and
newscrawl's ratio to both.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newscrawl.extract import extract_article
from newscrawl.saved import page_url_from_html


def load_pages(directory: Path) -> list[tuple[str, bytes]]:
    """(url, html bytes) for every page of ``directory``."""
    truth = directory.parent / "truth.jsonl"
    urls: dict[str, str] = {}
    if truth.is_file():
        for line in truth.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                urls[row["id"]] = row["url"]
    pages = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if not name.endswith((".html", ".html.gz")):
            continue
        data = path.read_bytes()
        html = gzip.decompress(data) if name.endswith(".gz") else data
        key = name.removesuffix(".gz").removesuffix(".html")
        url = urls.get(key) or page_url_from_html(html) or f"https://example.com/{key}.html"
        pages.append((url, html))
    if not pages:
        raise SystemExit(f"no .html or .html.gz pages in {directory}")
    return pages


def time_interleaved(
    contenders: dict[str, Callable[[bytes, str], Any]], pages: list[tuple[str, bytes]]
) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds each contender took over ``pages`` (wall clock, CPU), taking turns per page."""
    wall = dict.fromkeys(contenders, 0.0)
    cpu = dict.fromkeys(contenders, 0.0)
    names = list(contenders)
    for i, (url, html) in enumerate(pages):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            call = contenders[name]
            start, start_cpu = time.perf_counter(), time.process_time()
            call(html, url)
            wall[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "pages", type=Path, nargs="?", default=REPO.parent / "shared" / "corpus" / "pages"
    )
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)

    pages = load_pages(args.pages)
    contenders: dict[str, Callable[[bytes, str], Any]] = {
        "newscrawl": lambda html, url: extract_article(html, url),
        "trafilatura.extract": lambda html, url: trafilatura.extract(html, url=url),
        "trafilatura+metadata": lambda html, url: trafilatura.bare_extraction(
            html, url=url, with_metadata=True
        ),
    }
    for url, html in pages[:10]:  # warm imports and caches
        for call in contenders.values():
            call(html, url)
    wall = dict.fromkeys(contenders, 0.0)
    cpu = dict.fromkeys(contenders, 0.0)
    for _ in range(args.rounds):
        round_wall, round_cpu = time_interleaved(contenders, pages)
        for name in contenders:
            wall[name] += round_wall[name]
            cpu[name] += round_cpu[name]
    done = len(pages) * args.rounds
    print(f"{len(pages)} pages from {args.pages}; one process; cores: {os.cpu_count()}")
    print(f"{args.rounds} rounds, contenders taking turns page by page\n")
    print("| extractor | pages/s | pages/s of CPU time |")
    print("|---|---:|---:|")
    for name in contenders:
        print(f"| {name} | {done / wall[name]:.1f} | {done / cpu[name]:.1f} |")
    print()
    for other in ("trafilatura.extract", "trafilatura+metadata"):
        print(
            f"newscrawl / {other}: {wall[other] / wall['newscrawl']:.2f}x"
            f" (CPU time: {cpu[other] / cpu['newscrawl']:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
