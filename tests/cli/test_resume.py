"""Crash safety through the real CLI: SIGKILL, SIGINT and SIGTERM, then the same command again.

The crawls are slowed down (one request at a time, a small download delay) so
that a kill lands in the middle of the crawl; the kill points are counted in
output lines, polled from the file the crawl writes.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from newscrawl.resume import LOCK, MARKER
from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.fixturesite import REPO_ROOT, FixtureSite, load_expected

SLOW = [
    *("-s", "NEWSCRAWL_EXTRACT_WORKERS=0", "-s", "AUTOTHROTTLE_ENABLED=False"),
    *("-s", "DOWNLOAD_DELAY=0.02", "-s", "CONCURRENT_REQUESTS=1"),
]


def command(site: FixtureSite, out: Path, job: Path) -> list[str]:
    return ["crawl", site.url("/"), "-o", str(out), "--resume", str(job), *SLOW]


def start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def lines_in(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def stop_after(proc: subprocess.Popen[bytes], out: Path, lines: int, signum: int) -> str:
    """Send ``signum`` once ``out`` has ``lines`` lines; the process's stderr."""
    deadline = time.monotonic() + 120
    while lines_in(out) < lines:
        assert proc.poll() is None, "the crawl ended before the kill point"
        assert time.monotonic() < deadline, "the crawl is stuck"
        time.sleep(0.005)
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=120)
    return stderr.decode()


def assert_every_article_once(site: FixtureSite, out: Path) -> None:
    records = read_jsonl(out)  # a torn or interleaved line fails here
    counts = Counter(r["url"] for r in records)
    assert sorted(counts) == sorted(load_expected(site.base))
    assert [url for url, n in counts.items() if n > 1] == []
    assert run_newscrawl("validate", str(out)).returncode == 0


def test_sigkill_at_several_points_then_resume(fixture_site: FixtureSite, tmp_path: Path):
    out, job = tmp_path / "out.jsonl", tmp_path / "job"
    args = command(fixture_site, out, job)
    for kill_point in (1, 9, 18):
        stop_after(start(args), out, kill_point, signal.SIGKILL)
        assert json.loads((job / MARKER).read_text())["status"] == "running"
    final = run_newscrawl(*args)
    stderr = final.stderr.decode()
    assert final.returncode == 0, stderr[-3000:]
    assert "resuming the job" in stderr
    assert "did not stop cleanly" in stderr
    assert_every_article_once(fixture_site, out)
    assert json.loads((job / MARKER).read_text())["status"] == "finished"


def test_resume_repairs_what_a_kill_inside_a_write_leaves(fixture_site: FixtureSite, tmp_path):
    """A line written but not yet recorded, and a torn last line, as a kill mid-write leaves."""
    out, job = tmp_path / "out.jsonl", tmp_path / "job"
    args = command(fixture_site, out, job)
    stop_after(start(args), out, 4, signal.SIGKILL)
    template = read_jsonl(out)[0]
    written = {r["url"] for r in read_jsonl(out)}
    expected = load_expected(fixture_site.base)
    missing = next(r for url, r in sorted(expected.items()) if url not in written)
    unrecorded = {key: missing.get(key, value) for key, value in template.items()}
    torn = json.dumps(
        next(r for url, r in expected.items() if url not in written | {unrecorded["url"]})
    )
    # (Should the kill itself have torn the last line, there is nothing to simulate.)
    simulate = out.read_bytes().endswith(b"\n")
    if simulate:
        with out.open("ab") as stream:
            stream.write(json.dumps(unrecorded).encode() + b"\n")
            stream.write(torn[: len(torn) // 2].encode())
    final = run_newscrawl(*args)
    stderr = final.stderr.decode()
    assert final.returncode == 0, stderr[-3000:]
    if simulate:
        # At least our line; one more if the kill itself fell between write and record.
        replayed = re.search(r"replayed (\d+) written record\(s\) into the state", stderr)
        assert replayed is not None, stderr[-3000:]
        assert int(replayed.group(1)) >= 1
        assert f"cut {len(torn) // 2} byte(s) of a torn last line" in stderr
    assert_every_article_once(fixture_site, out)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_stops_gracefully_and_resume_finishes(
    fixture_site: FixtureSite, tmp_path: Path, signum: int
) -> None:
    out, job = tmp_path / "out.jsonl", tmp_path / "job"
    args = command(fixture_site, out, job)
    proc = start(args)
    stderr = stop_after(proc, out, 6, signum)
    assert proc.returncode == 3, stderr[-3000:]
    assert "run interrupted" in stderr
    assert "articles written" in stderr  # the summary
    assert "(shutdown)" in stderr
    read_jsonl(out)  # every line parses
    assert json.loads((job / MARKER).read_text())["status"] == "interrupted"
    if signum == signal.SIGINT:
        return  # same path as SIGTERM from here on
    final = run_newscrawl(*args)
    assert final.returncode == 0, final.stderr.decode()[-3000:]
    assert "its last run was interrupted" in final.stderr.decode()
    assert_every_article_once(fixture_site, out)


def test_a_finished_job_is_followed_by_a_new_one(fixture_site: FixtureSite, tmp_path: Path):
    listing = tmp_path / "urls.txt"
    paths = sorted(r["fetched_url"] for r in load_expected(fixture_site.base).values())[:2]
    listing.write_text("".join(p + "\n" for p in paths))
    out, job = tmp_path / "out.jsonl", tmp_path / "job"
    args = ["crawl", "-i", str(listing), "-o", str(out), "--resume", str(job), *SLOW]
    for _ in range(2):
        result = run_newscrawl(*args)
        assert result.returncode == 0, result.stderr.decode()
        assert len(read_jsonl(out)) == 2  # a new job replaces the output, as -o does
        assert "resuming" not in result.stderr.decode()
    assert "change" not in read_jsonl(out)[0]  # no --state: the job's ledger only


def test_a_job_directory_serves_one_crawl_at_a_time(fixture_site: FixtureSite, tmp_path):
    job = tmp_path / "job"
    job.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import fcntl, os, time; "
                f"fd = os.open({str(job / LOCK)!r}, os.O_RDWR | os.O_CREAT); "
                "fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, b'pid 1 since then'); "
                "print('ready', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"ready"
        result = run_newscrawl(*command(fixture_site, tmp_path / "out.jsonl", job))
    finally:
        holder.kill()
        holder.communicate()
    assert result.returncode == 2
    assert f"job directory {job} is in use by another newscrawl crawl" in result.stderr.decode()
