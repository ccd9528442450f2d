"""Helpers of the crawl benchmarks: the generated site, one `newscrawl crawl` run, RSS sampling."""

from __future__ import annotations

import ast
import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# A local benchmark: no politeness delays, enough concurrency to keep the pool fed.
FAST = [
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS=32",
    "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    "NEWSCRAWL_PROGRESS=False",
]


@contextlib.contextmanager
def bench_site(*args: str) -> Iterator[str]:
    """``python bench/site.py ARGS`` in a subprocess; yields its base URL."""
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / "site.py"), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base = proc.stdout.readline().strip()
        if not base.startswith("http://127.0.0.1:"):
            raise SystemExit(f"bench site did not start: {base!r}")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def rss_mib(pid: int) -> float:
    """Resident set size of one process, MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


@dataclass
class CrawlRun:
    stats: dict[str, Any]
    samples: list[tuple[float, float, float]] = field(default_factory=list)
    """(seconds since start, crawl process RSS MiB, RSS of its extraction workers MiB)."""

    @property
    def pages(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def seconds(self) -> float:
        return float(self.stats.get("elapsed_time_seconds", 0.0))

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def peak_rss(self) -> float:
        return max((s[1] for s in self.samples), default=0.0)

    @property
    def peak_total_rss(self) -> float:
        return max((s[1] + s[2] for s in self.samples), default=0.0)


_STATS = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.DOTALL)


def run_crawl(
    url: str,
    out: Path,
    settings: list[str],
    *,
    extra: list[str] | None = None,
    every: float = 0.5,
    on_sample: Callable[[float, float, float], None] | None = None,
) -> CrawlRun:
    """One ``newscrawl crawl URL`` subprocess; its final stats and RSS samples."""
    command = [sys.executable, "-m", "newscrawl.cli", "crawl", url, "-o", str(out), "-L", "INFO"]
    command += extra or []
    for setting in [*FAST, *settings]:
        command += ["-s", setting]
    log = out.with_suffix(".log")
    with log.open("wb") as sink:
        proc = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=sink)
    samples = []
    start = time.monotonic()
    while proc.poll() is None:
        parent = rss_mib(proc.pid)
        workers = sum(rss_mib(child) for child in children(proc.pid))
        sample = (time.monotonic() - start, parent, workers)
        samples.append(sample)
        if on_sample is not None:
            on_sample(*sample)
        time.sleep(every)
    text = log.read_text(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"crawl failed ({proc.returncode}); see {log}")
    match = _STATS.search(text)
    if match is None:
        raise SystemExit(f"no stats in {log}")
    stats = ast.literal_eval(re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1)))
    return CrawlRun(stats, samples)
