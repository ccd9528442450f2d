"""End to end: `newscrawl crawl` on the fixture news site, checked against hand-written records."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newscrawl.schema import validation_errors
from tests.cli.helpers import read_jsonl, run_newscrawl
from tests.fixturesite import FixtureSite, load_expected, load_never_fetched, load_nonarticles

SEED_URL_PATH = "/world/2025/10/astana-becomes-hub-for-oic-food-security-dialogue.html"
# Fields the test checks on its own terms rather than against the expected files.
COMPUTED = {"fetched_at", "content_hash", "schema_version"}


class Crawl:
    def __init__(self, records: list[dict[str, Any]], stderr: str, started: datetime) -> None:
        self.records = records
        self.by_url = {r["url"]: r for r in records}
        self.stderr = stderr
        self.started = started


@pytest.fixture(scope="module")
def site() -> Any:
    with FixtureSite() as site:
        yield site


@pytest.fixture(scope="module")
def crawl(site: FixtureSite, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    out = tmp_path_factory.mktemp("crawl") / "articles.jsonl"
    started = datetime.now(UTC).replace(microsecond=0)
    result = run_newscrawl("crawl", site.url("/"), "-o", str(out))
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr
    return Crawl(read_jsonl(out), stderr, started)


def expected_hash(title: str, body: str) -> str:
    text = unicodedata.normalize("NFKC", f"{title}\n{body}").casefold()
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()


def test_exactly_the_expected_articles_are_written(site: FixtureSite, crawl: Crawl) -> None:
    expected = load_expected(site.base)
    urls = [r["url"] for r in crawl.records]
    assert len(urls) == len(set(urls)), "duplicate records"
    assert sorted(urls) == sorted(expected)
    assert len(urls) >= 20


def test_non_articles_are_crawled_but_not_written(site: FixtureSite, crawl: Crawl) -> None:
    fetched = site.fetched_paths()
    written = {r["fetched_url"].removeprefix(site.base) for r in crawl.records}
    for path in load_nonarticles():
        assert path in fetched, f"{path} was not crawled for links"
        assert path not in written
    for path in load_never_fetched():
        assert path not in fetched, f"{path} is disallowed by robots.txt but was fetched"


def test_no_page_is_downloaded_twice(site: FixtureSite, crawl: Crawl) -> None:
    article_paths = [
        req.path for req in site.requests() if req.path.endswith(".html") and req.status == 200
    ]
    repeated = {p for p in article_paths if article_paths.count(p) > 1}
    assert not repeated


def test_every_record_matches_its_hand_written_expectation(site: FixtureSite, crawl: Crawl) -> None:
    mismatches = []
    for url, expected in load_expected(site.base).items():
        record = crawl.by_url[url]
        for field, value in expected.items():
            if field not in COMPUTED and record.get(field) != value:
                got = repr(record.get(field))[:120]
                mismatches.append(f"{url.removeprefix(site.base)} {field}: {got}")
    assert not mismatches, "\n".join(mismatches)


def test_computed_fields(crawl: Crawl) -> None:
    finished = datetime.now(UTC)
    for record in crawl.records:
        assert validation_errors(record) == []
        assert record["schema_version"] == 1
        assert record["content_hash"] == expected_hash(record["title"], record["body"])
        fetched_at = datetime.fromisoformat(record["fetched_at"])
        assert crawl.started <= fetched_at <= finished
        assert record["word_count"] == len(record["body"].split())


def test_seed_page_is_clean(site: FixtureSite, crawl: Crawl) -> None:
    record = crawl.by_url[site.url(SEED_URL_PATH)]
    seed = (Path(__file__).parents[2] / "tests/fixtures/site/expected").glob("astana*.json")
    assert list(seed), "the seed article's expectation is missing"
    assert record["title"] == "Astana Becomes Hub for OIC Food Security Dialogue"
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The Islamic Organization for Food Security (IOFS) held")
    assert paragraphs[-1].startswith("Kazakhstan remains a driving force behind IOFS")
    for junk in ("Skip to content", "zoomed in picture", "Read also", "Latest", record["title"]):
        assert junk not in record["body"]


def test_summary_reports_counts_and_reasons(crawl: Crawl) -> None:
    assert f"{len(crawl.records)} articles written" in crawl.stderr
    assert "robots_disallowed" in crawl.stderr
    assert "http_404" in crawl.stderr


def test_extract_gives_the_same_records_as_crawl(
    site: FixtureSite, crawl: Crawl, tmp_path: Path
) -> None:
    """Pages saved from the site and run through `newscrawl extract` give the crawl's records."""
    records = sorted(crawl.records, key=lambda r: r["fetched_url"])
    saved = []
    for number, record in enumerate(records):
        page = tmp_path / f"{number:02d}.html"
        with urllib.request.urlopen(record["fetched_url"], timeout=10) as response:
            page.write_bytes(response.read())
        Path(f"{page}.url").write_text(record["fetched_url"] + "\n")
        saved.append(str(page))
    out = tmp_path / "extracted.jsonl"
    result = run_newscrawl("extract", *saved, "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    extracted = read_jsonl(out)
    assert [r["source"] for r in extracted] == saved
    for crawled, offline in zip(records, extracted, strict=True):
        differing = {
            key for key in crawled.keys() | offline.keys() if crawled.get(key) != offline.get(key)
        }
        assert differing <= {"fetched_at", "source"}, (crawled["url"], differing)
