"""The `newscrawl` command as a user runs it: outputs, exit codes, error messages."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.fixturesite import REPO_ROOT, FixtureSite

ARTICLES = [
    "/world/2025/10/caspian-ferry-line-resumes-service-after-storm-repairs.html",
    "/science/2025/10/glacier-survey-finds-faster-retreat-in-northern-ranges.html",
]
FAST = ["-s", "NEWSCRAWL_EXTRACT_WORKERS=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def url_list(site: FixtureSite, tmp_path: Path, paths: list[str] = ARTICLES) -> Path:
    listing = tmp_path / "urls.txt"
    listing.write_text("".join(site.url(p) + "\n" for p in paths))
    return listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "file:///etc/passwd"], "only http(s) URLs can be crawled"),
        (["crawl", "javascript:alert(1)"], "only http(s) URLs can be crawled"),
        (["crawl"], "give at least one URL"),
        (["crawl", "http://127.0.0.1:9/", "-o", "/nonexistent/dir/out.jsonl"], "does not exist"),
        (["crawl", "http://127.0.0.1:9/", "--since", "the day after never"], "cannot read --since"),
        (["crawl", "http://127.0.0.1:9/", "-s", "NOEQUALS"], "-s expects NAME=VALUE"),
        (["crawl", "--urls-file", "/nonexistent/urls.txt"], "cannot read URL list"),
        (["extract", "a.html", "b.html", "--url", "https://e.com/x"], "single input"),
    ],
)
def test_commands_that_cannot_run_exit_2_with_a_reason(args: list[str], message: str) -> None:
    result = run_newscrawl(*args, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_crawl_to_stdout(fixture_site: FixtureSite, tmp_path: Path) -> None:
    listing = url_list(fixture_site, tmp_path)
    result = run_newscrawl("crawl", "--urls-file", str(listing), "-o", "-", *FAST)
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert sorted(r["url"] for r in records) == sorted(fixture_site.url(p) for p in ARTICLES)
    assert "2 articles written" in result.stderr.decode()


def test_url_list_from_stdin(fixture_site: FixtureSite, tmp_path: Path) -> None:
    urls = "".join(fixture_site.url(p) + "\n" for p in ARTICLES).encode()
    out = tmp_path / "out.jsonl"
    result = run_newscrawl("crawl", "-i", "-", "-o", str(out), *FAST, stdin=urls)
    assert result.returncode == 0, result.stderr.decode()
    assert len(read_jsonl(out)) == 2


def test_gzip_output_overwrite_and_append(fixture_site: FixtureSite, tmp_path: Path) -> None:
    listing = url_list(fixture_site, tmp_path)
    out = tmp_path / "out.jsonl.gz"
    for _ in range(2):  # overwrite: the second run replaces the first
        result = run_newscrawl("crawl", "-i", str(listing), "-o", str(out), *FAST)
        assert result.returncode == 0, result.stderr.decode()
    assert len(gzip.decompress(out.read_bytes()).splitlines()) == 2
    result = run_newscrawl("crawl", "-i", str(listing), "-o", str(out), "--append", *FAST)
    assert result.returncode == 0, result.stderr.decode()
    lines = gzip.decompress(out.read_bytes()).decode().splitlines()
    assert len(lines) == 4
    assert all(json.loads(line)["title"] for line in lines)


def test_user_agent_and_settings_reach_scrapy(fixture_site: FixtureSite, tmp_path: Path) -> None:
    listing = url_list(fixture_site, tmp_path, ARTICLES[:1])
    result = run_newscrawl(
        "crawl",
        "-i",
        str(listing),
        "-o",
        str(tmp_path / "o.jsonl"),
        *FAST,
        "--user-agent",
        "analyst-bot/1.0",
        "-s",
        "LOG_LEVEL=DEBUG",
        "-L",
        "DEBUG",
    )
    assert result.returncode == 0
    assert "'USER_AGENT': 'analyst-bot/1.0'" in result.stderr.decode()


def test_scrapy_crawl_from_the_project_root(fixture_site: FixtureSite, tmp_path: Path) -> None:
    out = tmp_path / "scrapy.jsonl"
    urls = ",".join(fixture_site.url(p) for p in ARTICLES)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "news",
            "-a",
            f"start_urls={urls}",
            "-s",
            "NEWSCRAWL_FOLLOW_LINKS=False",
            "-s",
            "NEWSCRAWL_EXTRACT_WORKERS=0",
            "-O",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    urls_written = {r["url"] for r in read_jsonl(out)}
    assert {fixture_site.url(p) for p in ARTICLES} <= urls_written


def test_extract_keeps_input_order_and_explains_non_articles(
    fixture_site: FixtureSite, tmp_path: Path
) -> None:
    import urllib.request

    pages = {}
    for name, path in [("a", ARTICLES[0]), ("listing", "/"), ("b", ARTICLES[1])]:
        with urllib.request.urlopen(fixture_site.url(path), timeout=10) as response:
            pages[name] = response.read()
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "1-a.html").write_bytes(pages["a"])
    (folder / "1-a.html.url").write_text(fixture_site.url(ARTICLES[0]))
    (folder / "2-listing.html").write_bytes(pages["listing"])
    (folder / "2-listing.url").write_text(fixture_site.url("/"))
    (folder / "3-no-url.html").write_bytes(b"<html><body><p>Nothing here.</p></body></html>")
    single = tmp_path / "b.html.gz"
    single.write_bytes(gzip.compress(pages["b"]))  # canonical link inside gives the URL

    out = tmp_path / "out.jsonl"
    result = run_newscrawl(
        "extract",
        str(folder),
        str(single),
        str(tmp_path / "missing.html"),
        "-",
        "-o",
        str(out),
        stdin=pages["a"],
    )
    assert result.returncode == 0, result.stderr.decode()
    records = read_jsonl(out)
    assert [r["source"] for r in records] == [
        str(folder / "1-a.html"),
        str(folder / "2-listing.html"),
        str(folder / "3-no-url.html"),
        str(single),
        str(tmp_path / "missing.html"),
        "-",
    ]
    assert records[0]["url"] == fixture_site.url(ARTICLES[0])
    assert records[1]["error"] == "listing"
    assert records[2]["error"] == "no_url"
    assert records[3]["url"] == fixture_site.url(ARTICLES[1])
    assert records[4]["error"] == "not_found"
    assert records[5]["url"] == fixture_site.url(ARTICLES[0])  # from its canonical link
    assert "3 articles, 3 pages without an article" in result.stderr.decode()


def test_validate(tmp_path: Path, fixture_site: FixtureSite) -> None:
    listing = url_list(fixture_site, tmp_path)
    good = tmp_path / "good.jsonl"
    result = run_newscrawl("crawl", "-i", str(listing), "-o", str(good), *FAST)
    assert result.returncode == 0
    assert run_newscrawl("validate", str(good)).returncode == 0

    lines = good.read_text().splitlines()
    broken = json.loads(lines[1])
    broken["published"] = "yesterday"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(lines[0] + "\n" + json.dumps(broken) + "\n{torn line\n")
    result = run_newscrawl("validate", str(bad))
    assert result.returncode == 1
    report = result.stdout.decode()
    assert f"{bad}:2: published" in report
    assert f"{bad}:3: not JSON" in report
    assert f"{bad}:1:" not in report


def test_progress_line_on_a_terminal(fixture_site: FixtureSite, tmp_path: Path) -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newscrawl.cli",
            "crawl",
            fixture_site.url("/"),
            "-o",
            str(tmp_path / "o.jsonl"),
            "-s",
            "NEWSCRAWL_EXTRACT_WORKERS=0",
            "-s",
            "DOWNLOAD_DELAY=0.05",
            "-s",
            "AUTOTHROTTLE_ENABLED=False",
        ],
        cwd=REPO_ROOT,
        stderr=follower,
        stdout=subprocess.DEVNULL,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=300) == 0
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert "\r" in text
    assert " pages, " in text
    assert "articles written" in text
