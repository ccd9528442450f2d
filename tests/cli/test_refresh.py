"""Incremental refresh through the real CLI: new, unchanged, updated, deleted; state commands."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.fixturesite import (
    REPO_ROOT,
    SITE_REV2_DIR,
    FixtureSite,
    Request,
    load_changes,
    load_expected,
    load_expected_rev2,
)

FAST = ["-s", "NEWSCRAWL_EXTRACT_WORKERS=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
ONE_ARTICLE = "/world/2025/10/caspian-ferry-line-resumes-service-after-storm-repairs.html"


def crawl(site: FixtureSite, out: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    result = run_newscrawl("crawl", site.url("/"), "-o", str(out), *FAST, *args)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return result


def article_requests(site: FixtureSite, since: int, paths: set[str]) -> list[Request]:
    return [r for r in site.requests()[since:] if r.path in paths]


def fetched_paths(site: FixtureSite, records: dict[str, dict[str, Any]]) -> set[str]:
    return {r["fetched_url"].removeprefix(site.base) for r in records.values()}


def test_refresh_cycle(fresh_site: FixtureSite, tmp_path: Path) -> None:
    """New articles, then nothing, then exactly the edits, additions and deletions."""
    site, state = fresh_site, tmp_path / "state.db"
    expected = load_expected(site.base)
    rev1_paths = fetched_paths(site, expected)

    crawl(site, tmp_path / "1.jsonl", "--state", str(state))
    first = read_jsonl(tmp_path / "1.jsonl")
    assert sorted(r["url"] for r in first) == sorted(expected)
    assert {r["change"] for r in first} == {"new"}
    hashes = {r["url"]: r["content_hash"] for r in first}

    # An immediate re-run: discovery runs, no article page comes back whole, nothing is written.
    before = len(site.requests())
    result = crawl(site, tmp_path / "2.jsonl", "--state", str(state))
    assert read_jsonl(tmp_path / "2.jsonl") == []
    again = article_requests(site, before, rev1_paths)
    assert all(r.status == 304 and r.nbytes == 0 for r in again), again
    assert "newscrawl: run finished: 0 new, 0 updated, 0 deleted" in result.stderr.decode()

    # The site's second revision: 2 edited, 2 new, 2 removed (410).
    site.restart(overlay=SITE_REV2_DIR)
    changes = load_changes()
    before = len(site.requests())
    result = crawl(
        site,
        tmp_path / "3.jsonl",
        "--state",
        str(state),
        "--emit-deletions",
        "--revisit-after",
        "0",
    )
    third = read_jsonl(tmp_path / "3.jsonl")
    by_change: dict[str, set[str]] = {}
    for record in third:
        by_change.setdefault(record["change"], set()).add(record["url"].removeprefix(site.base))
    assert by_change == {
        "new": set(changes["new"]),
        "updated": set(changes["edited"]),
        "deleted": set(changes["removed"]),
    }
    for record in third:
        if record["change"] in ("updated", "deleted"):
            assert record["previous_content_hash"] == hashes[record["url"]]
        if record["change"] == "updated":
            assert record["content_hash"] != hashes[record["url"]]
    assert sorted(r["url"] for r in third if r["change"] != "deleted") == sorted(
        set(load_expected_rev2(site.base)) - set(expected)
        | {site.base + p for p in changes["edited"]}
    )
    # Every known article was revisited conditionally: unchanged ones cost a 304.
    answers = {r.path: r.status for r in article_requests(site, before, rev1_paths)}
    for path in rev1_paths - set(changes["edited"]) - set(changes["removed"]):
        assert answers.get(path) == 304, path
    assert {answers[p] for p in changes["edited"]} == {200}
    assert {answers[p] for p in changes["removed"]} == {410}
    assert "run finished: 2 new, 2 updated, 2 deleted" in result.stderr.decode()
    assert "4 articles written" in result.stderr.decode()  # tombstones are not articles
    assert run_newscrawl("validate", str(tmp_path / "3.jsonl")).returncode == 0

    stats = json.loads(run_newscrawl("state", "stats", str(state), "--json").stdout)
    assert (stats["known"], stats["live"], stats["gone"]) == (len(expected) + 2, len(expected), 2)
    assert [run["status"] for run in stats["runs"]] == ["finished"] * 3
    assert stats["runs"][0]["counts"]["new"] == 2
    export = run_newscrawl("state", "export", str(state))
    entries = [json.loads(line) for line in export.stdout.splitlines()]
    assert {e["url"].removeprefix(site.base) for e in entries if e["gone"]} == set(
        changes["removed"]
    )
    assert all(e["content_hash"] and e["first_seen"] for e in entries)


def test_sitemap_dates_bring_back_edits_without_revisits(fresh_site: FixtureSite, tmp_path):
    """With the default revisit interval, newer lastmod dates alone find the edited articles."""
    site, state = fresh_site, tmp_path / "state.db"
    crawl(site, tmp_path / "1.jsonl", "--state", str(state), "--emit-deletions")
    site.restart(overlay=SITE_REV2_DIR)
    changes = load_changes()
    before = len(site.requests())
    crawl(site, tmp_path / "2.jsonl", "--state", str(state), "--emit-deletions")
    second = read_jsonl(tmp_path / "2.jsonl")
    assert sorted((r["change"], r["url"].removeprefix(site.base)) for r in second) == sorted(
        [("new", p) for p in changes["new"]] + [("updated", p) for p in changes["edited"]]
    )
    # Removed articles are not listed any more and are not due: left for a later revisit.
    requested = {r.path for r in site.requests()[before:]}
    assert not requested & set(changes["removed"])
    unchanged = fetched_paths(site, load_expected(site.base)) - set(changes["edited"])
    assert all(r.status == 304 for r in article_requests(site, before, unchanged))


def test_incremental_uses_a_default_state_file(fixture_site: FixtureSite, tmp_path: Path):
    listing = tmp_path / "urls.txt"
    listing.write_text(fixture_site.url(ONE_ARTICLE) + "\n")
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    args = ["crawl", "-i", str(listing), *FAST, "--incremental"]
    first = run_newscrawl(*args, "-o", str(tmp_path / "1.jsonl"), env=env)
    assert first.returncode == 0, first.stderr.decode()
    assert (tmp_path / "data" / "newscrawl" / "urls.db").is_file()
    assert [r["change"] for r in read_jsonl(tmp_path / "1.jsonl")] == ["new"]
    run_log = tmp_path / "runs.jsonl"
    second = run_newscrawl(
        *args, "-o", str(tmp_path / "2.jsonl"), "--run-log", str(run_log), env=env
    )
    assert second.returncode == 0
    assert read_jsonl(tmp_path / "2.jsonl") == []
    (entry,) = read_jsonl(run_log)
    assert (entry["status"], entry["new"], entry["unchanged"]) == ("finished", 0, 1)
    assert entry["state"].endswith("urls.db")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--emit-deletions"], "--emit-deletions needs --state PATH or --incremental"),
        (["--revisit-after", "1d"], "--revisit-after needs --state"),
        (["--state", "{tmp}/s.db", "--revisit-after", "soon"], "cannot read duration 'soon'"),
        (["--resume", "{tmp}/job"], "--resume needs -o FILE"),
        (["--max-error-rate", "2"], "--max-error-rate must be between 0 and 1"),
        (["--sources", "{tmp}/none.toml"], "none.toml: cannot read"),
        (["--state", "{tmp}/no/dir/s.db", "-o", "{tmp}/o.jsonl"], "directory"),
    ],
)
def test_bad_refresh_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run_newscrawl("crawl", "http://127.0.0.1:9/", *args, timeout=60)
    assert result.returncode == 2, result.stderr.decode()
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_corrupt_state_is_named_and_never_touched(fixture_site: FixtureSite, tmp_path: Path):
    state = tmp_path / "state.db"
    state.write_bytes(b"not a database, but someone's notes\n" * 100)
    before = state.read_bytes()
    result = run_newscrawl(
        "crawl",
        fixture_site.url(ONE_ARTICLE),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--state",
        str(state),
    )
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"state file {state} is not a readable newscrawl state" in stderr
    assert "move it aside" in stderr
    assert "Traceback" not in stderr
    assert state.read_bytes() == before
    assert run_newscrawl("state", "stats", str(state)).returncode == 2


def test_state_in_use_by_another_crawl(fixture_site: FixtureSite, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import time; from newscrawl.state import open_state; "
                f"s = open_state({str(state)!r}); print('ready', flush=True); time.sleep(60)"
            ),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"ready"
        result = run_newscrawl(
            "crawl",
            fixture_site.url(ONE_ARTICLE),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--state",
            str(state),
        )
        assert result.returncode == 2
        assert f"state file {state} is in use by another newscrawl crawl (pid {holder.pid}" in (
            result.stderr.decode()
        )
        # Operators may still look at it.
        assert run_newscrawl("state", "stats", str(state)).returncode == 0
    finally:
        holder.kill()
        holder.communicate()


def test_state_locked_by_another_program(fixture_site: FixtureSite, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    run_newscrawl("state", "stats", str(state))  # no file yet: nothing created
    assert not state.exists()
    sqlite3.connect(state).close()
    other = sqlite3.connect(state, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = run_newscrawl(
            "crawl",
            fixture_site.url(ONE_ARTICLE),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--state",
            str(state),
            "-s",
            "NEWSCRAWL_STATE_TIMEOUT=0.2",
        )
    finally:
        other.close()
    assert result.returncode == 2
    assert f"state file {state} is locked by another program" in result.stderr.decode()


def test_errors_above_threshold_exit_4(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("".join(f"http://127.0.0.1:9/2025/10/story-{i}.html\n" for i in range(3)))
    result = run_newscrawl(
        "crawl", "-i", str(listing), "-o", str(tmp_path / "o.jsonl"), *FAST, "-s", "RETRY_TIMES=0"
    )
    assert result.returncode == 4, result.stderr.decode()
    assert "run errors_above_threshold" in result.stderr.decode()
    lenient = run_newscrawl(
        "crawl",
        "-i",
        str(listing),
        "-o",
        str(tmp_path / "o.jsonl"),
        *FAST,
        "-s",
        "RETRY_TIMES=0",
        "--max-error-rate",
        "1",
    )
    assert lenient.returncode == 0
