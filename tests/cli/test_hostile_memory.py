"""Memory stays bounded while a crawl meets decompression bombs (measured per process)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import brotli

from tests.cli.helpers import read_jsonl
from tests.crawl.hostile_site import GOOD_PATH, Response, links_page, robots, serve
from tests.fixturesite import REPO_ROOT

INFLATED = 256 * 1024 * 1024  # what each bomb would take in memory if inflated
BOMBS = {
    "/world/2025/10/gzip-bomb-dressed-as-a-story.html": (
        "gzip",
        gzip.compress(b"\0" * INFLATED, compresslevel=9),
    ),
    "/world/2025/10/brotli-bomb-dressed-as-a-story.html": (
        "br",
        brotli.compress(b"\0" * INFLATED, quality=5),
    ),
}


def bomb(path: str, query: dict[str, list[str]], base: str) -> Response:
    encoding, body = BOMBS[path]
    return 200, {"Content-Type": "text/html", "Content-Encoding": encoding}, body


def crawl_peak_rss(start_url: str, out: Path) -> tuple[int, float]:
    """(exit status, peak RSS in MiB) of one `newscrawl crawl` process, measured with wait4."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newscrawl.cli",
            "crawl",
            start_url,
            "-o",
            str(out),
            "-s",
            "NEWSCRAWL_EXTRACT_WORKERS=0",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss / 1024


def test_bombs_are_refused_without_ballooning(tmp_path: Path) -> None:
    def home(with_bombs: bool) -> Any:
        def route(path: str, query: dict[str, list[str]], base: str) -> Response:
            return links_page(GOOD_PATH, *(BOMBS if with_bombs else []))

        return route

    routes: dict[str, Any] = {"/robots.txt": robots, "/plain/": home(False), "/bombs/": home(True)}
    routes.update(dict.fromkeys(BOMBS, bomb))
    with serve(routes) as site:
        status, baseline = crawl_peak_rss(site.url("/plain/"), tmp_path / "plain.jsonl")
        assert status == 0
        status, with_bombs = crawl_peak_rss(site.url("/bombs/"), tmp_path / "bombs.jsonl")
        assert status == 0
    assert [r["fetched_url"] for r in read_jsonl(tmp_path / "bombs.jsonl")] == [site.url(GOOD_PATH)]
    # Each bomb stops at DOWNLOAD_MAXSIZE (20 MiB) of output, far below its 256 MiB.
    assert with_bombs - baseline < 80, (baseline, with_bombs)
