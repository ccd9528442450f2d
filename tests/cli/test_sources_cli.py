"""The sources file through the CLI: `sources check`, and crawls driven by a sources file."""

from __future__ import annotations

from pathlib import Path

from newscrawl.cli import build_parser, crawl_settings
from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.fixturesite import FixtureSite, load_expected

TAG_ONLY = "/science/2025/10/city-trial-of-heat-mapping-sensors-expands-to-40-streets.html"
FAST = ["-s", "NEWSCRAWL_EXTRACT_WORKERS=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def sources_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text)
    return path


def test_sources_check(tmp_path: Path) -> None:
    good = sources_file(
        tmp_path,
        '[[site]]\nname = "meridian"\nurls = ["https://www.meridian-times.com/"]\ndelay = 2\n',
    )
    result = run_newscrawl("sources", "check", str(good))
    assert result.returncode == 0
    assert result.stdout.decode().strip() == "meridian: 1 URL(s), delay 2s"
    bad = sources_file(
        tmp_path,
        '[[site]]\nname = "meridian"\nurls = ["https://www.meridian-times.com/"]\ndelay = "2s"\n'
        '[[site]]\nurls = ["https://courier.example/"]\n',
    )
    result = run_newscrawl("sources", "check", str(bad))
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert f"{bad}: site 'meridian' (entry 1): key 'delay': expected seconds >= 0" in stderr
    assert f"{bad}: entry 2: key 'name': required" in stderr
    assert "2 problem(s)" in stderr
    crawl = run_newscrawl("crawl", "--sources", str(bad), "-o", str(tmp_path / "o.jsonl"))
    assert crawl.returncode == 2
    assert "bad sources file" in crawl.stderr.decode()
    assert "key 'delay'" in crawl.stderr.decode()


def test_crawl_with_sources_patterns_and_politeness(fixture_site: FixtureSite, tmp_path: Path):
    sites = sources_file(
        tmp_path,
        f"""
        [[site]]
        name = "meridian"
        urls = ["{fixture_site.url("/")}"]
        allow = ['/(world|science)/']
        deny = ['/science/2023/']
        delay = 0.01
        concurrency = 2
        """,
    )
    out = tmp_path / "out.jsonl"
    args = ["crawl", "--sources", str(sites), "-o", str(out), *FAST]
    settings = crawl_settings(build_parser().parse_args(args))
    assert settings["DOWNLOAD_SLOTS"] == {"127.0.0.1": {"delay": 0.01, "concurrency": 2}}
    assert settings["NEWSCRAWL_SOURCES"] == str(sites)
    result = run_newscrawl(*args)
    stderr = result.stderr.decode()
    assert result.returncode == 0, stderr[-3000:]
    expected = {
        url
        for url in load_expected(fixture_site.base)
        if ("/world/" in url or "/science/" in url) and "/science/2023/" not in url
    }
    # Linked only from /tag/climate/, a page outside the allow patterns: not reached.
    expected.remove(fixture_site.url(TAG_ONLY))
    assert {r["url"] for r in read_jsonl(out)} == expected
    assert "sources_not_allowed" in stderr
    assert "sources_denied" in stderr


def test_per_site_article_cap(fixture_site: FixtureSite, tmp_path: Path) -> None:
    sites = sources_file(
        tmp_path,
        f'[defaults]\nmax_articles = 3\n[[site]]\nname = "m"\nurls = ["{fixture_site.url("/")}"]\n',
    )
    out = tmp_path / "out.jsonl"
    result = run_newscrawl("crawl", "--sources", str(sites), "-o", str(out), *FAST)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert len(read_jsonl(out)) == 3
    assert "(max_articles)" in result.stderr.decode()
