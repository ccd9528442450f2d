"""The sources file: validation names the entry and key of every problem."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newscrawl.sources import (
    SourceIndex,
    SourcesError,
    download_slots,
    load_sources,
    parse_sources,
    start_urls,
)

GOOD = """
[defaults]
max_articles = 50

[[site]]
name = "meridian"
urls = ["https://www.meridian-times.com/", "https://www.meridian-times.com/feed.xml"]
allow = ['^https://www\\.meridian-times\\.com/(world|business)/']
deny = ['/live/']
delay = 2
concurrency = 2

[[site]]
name = "courier"
urls = ["https://courier-post.org/sitemap.xml"]
max_articles = 0
"""


def parse(text: str) -> list:
    return parse_sources(tomllib.loads(text), "sites.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(SourcesError) as info:
        parse(text)
    return info.value.problems


def test_good_file() -> None:
    meridian, courier = parse(GOOD)
    assert meridian.max_articles == 50  # from [defaults]
    assert courier.max_articles == 0  # a site's own value wins
    assert meridian.delay == 2.0
    assert meridian.hosts == {"www.meridian-times.com"}
    assert start_urls([meridian, courier])[-1] == "https://courier-post.org/sitemap.xml"
    assert download_slots([meridian, courier]) == {
        "www.meridian-times.com": {"delay": 2.0, "concurrency": 2}
    }
    assert "max 50 articles" in meridian.describe()


def test_allow_and_deny() -> None:
    meridian, _ = parse(GOOD)
    assert meridian.refusal("https://www.meridian-times.com/world/2025/10/a.html") is None
    assert meridian.refusal("https://www.meridian-times.com/sport/2025/10/a.html") == (
        "sources_not_allowed"
    )
    assert meridian.refusal("https://www.meridian-times.com/world/live/now.html") == (
        "sources_denied"
    )


def test_index_finds_site_by_host_then_domain() -> None:
    index = SourceIndex(parse(GOOD))
    assert index.site_of("https://www.meridian-times.com/x").name == "meridian"
    assert index.site_of("https://meridian-times.com/x").name == "meridian"  # same domain
    assert index.site_of("https://elsewhere.org/x") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "no [[site]] entries"),
        ("[[site]]\nurls = ['https://a.example/']", "entry 1: key 'name': required"),
        ("[[site]]\nname = 'a b'\nurls = ['https://a.example/']", "key 'name'"),
        ("[[site]]\nname = 'a'", "site 'a' (entry 1): key 'urls': required"),
        ("[[site]]\nname = 'a'\nurls = []", "site 'a' (entry 1): key 'urls': expected a non-empty"),
        (
            "[[site]]\nname = 'a'\nurls = ['ftp://a.example/']",
            "site 'a' (entry 1): key 'urls': only http(s) URLs",
        ),
        (
            "[[site]]\nname = 'a'\nurls = ['https://a.example/']\ndelay = 'slow'",
            "site 'a' (entry 1): key 'delay': expected seconds >= 0, got 'slow'",
        ),
        (
            "[[site]]\nname = 'a'\nurls = ['https://a.example/']\nconcurrency = 0",
            "site 'a' (entry 1): key 'concurrency': expected a whole number >= 1",
        ),
        (
            "[[site]]\nname = 'a'\nurls = ['https://a.example/']\nmax_articles = -1",
            "site 'a' (entry 1): key 'max_articles'",
        ),
        (
            "[[site]]\nname = 'a'\nurls = ['https://a.example/']\nallow = ['(unclosed']",
            "site 'a' (entry 1): key 'allow': bad regular expression '(unclosed'",
        ),
        (
            "[[site]]\nname = 'a'\nurls = ['https://a.example/']\ndelya = 1",
            "site 'a' (entry 1): key 'delya': unknown key",
        ),
        ("[defaults]\nurls = ['https://a.example/']", "defaults: key 'urls': not allowed"),
        ("[[sites]]\nname = 'a'", "unknown top-level key 'sites'"),
    ],
)
def test_problems_name_entry_and_key(text: str, expected: str) -> None:
    assert any(expected in problem for problem in problems(text)), problems(text)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        """
        [[site]]
        name = "a"
        urls = ["https://a.example/"]
        delay = -1

        [[site]]
        name = "a"
        urls = ["https://b.example/"]

        [[site]]
        name = "c"
        urls = ["https://a.example/feed.xml"]
        concurrency = "many"
        """
    )
    assert len(found) == 4, found  # delay, name, host, concurrency
    assert any("'name': 'a' is used by another entry" in p for p in found)
    assert any("host a.example already belongs to site 'a'" in p for p in found)


def test_load_reports_file_problems(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match=r"missing.toml: cannot read"):
        load_sources(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[site]\nname = 'a'\n")
    with pytest.raises(SourcesError, match=r"broken.toml: not valid TOML: .*line 1"):
        load_sources(broken)
    good = tmp_path / "sites.toml"
    good.write_text(GOOD)
    assert [s.name for s in load_sources(good)] == ["meridian", "courier"]
