"""Tests of the fixture news site server (tests/fixtureserver.py) and its data."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from tests.fixturesite import (
    REPO_ROOT,
    SITE_DIR,
    SITE_REV2_DIR,
    FixtureSite,
    load_changes,
    load_expected,
    load_expected_rev2,
    load_never_fetched,
    load_nonarticles,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message
    from pathlib import Path

RU_PATH = "/ru/2025/10/rechnoy-vokzal-samary-vnov-prinyal-passazhirov.html"
ASTANA_PATH = "/world/2025/10/astana-becomes-hub-for-oic-food-security-dialogue.html"
FLOOD_PATH = "/world/2025/10/flood-defences-hold-as-danube-crests-near-record-level.html"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureSite]:
    with FixtureSite() as running:
        yield running


# -- startup and shutdown ----------------------------------------------------


def test_prints_one_url_line_and_exits_cleanly_on_sigterm() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtureserver"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("http://127.0.0.1:")
        port = int(line.strip().rsplit(":", 1)[1])
        assert port > 0
        status, _, _ = fetch(line.strip() + "/robots.txt")
        assert status == 200
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out == ""  # nothing after the URL line
    assert err == ""


def test_url_helper(site: FixtureSite) -> None:
    assert site.base.startswith("http://127.0.0.1:")
    assert site.url("/feed.xml") == site.base + "/feed.xml"
    assert site.url("feed.xml") == site.base + "/feed.xml"


# -- placeholder substitution ------------------------------------------------


def test_robots_txt_has_real_origin(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url("/robots.txt"))
    assert status == 200
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    text = body.decode()
    assert "{{BASE}}" not in text
    assert f"Sitemap: {site.base}/sitemap_index.xml" in text.splitlines()
    assert "Disallow: /private/" in text.splitlines()


@pytest.mark.parametrize(
    "path",
    ["/", ASTANA_PATH, "/sitemap_index.xml", "/sitemap-news.xml", "/feed.xml", "/science/atom.xml"],
)
def test_text_responses_are_templated(site: FixtureSite, path: str) -> None:
    status, _, body = fetch(site.url(path))
    assert status == 200
    assert b"{{BASE}}" not in body
    assert site.base.encode() in body


def test_gzip_sitemap_is_raw_gzip_with_templated_content(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url("/sitemap-archive.xml.gz"))
    assert status == 200
    assert headers["Content-Type"] == "application/x-gzip"
    assert "Content-Encoding" not in headers
    xml = gzip.decompress(body)
    assert b"{{BASE}}" not in xml
    locs = etree.fromstring(xml).findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}url/{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    )
    assert len(locs) == 3
    assert all(loc.text and loc.text.startswith(site.base + "/") for loc in locs)


def test_feed_content_types(site: FixtureSite) -> None:
    assert fetch(site.url("/feed.xml"))[1]["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert (
        fetch(site.url("/science/atom.xml"))[1]["Content-Type"]
        == "application/atom+xml; charset=utf-8"
    )
    assert (
        fetch(site.url("/sitemap_index.xml"))[1]["Content-Type"] == "application/xml; charset=utf-8"
    )


# -- paths, routes and errors ------------------------------------------------


def test_directory_and_query_lookup(site: FixtureSite) -> None:
    index = fetch(site.url("/world/index.html"))[2]
    assert fetch(site.url("/world/"))[2] == index
    assert fetch(site.url("/world"))[2] == index
    article = fetch(site.url(FLOOD_PATH))[2]
    status, _, body = fetch(site.url(FLOOD_PATH + "?utm_source=newsletter&utm_medium=email"))
    assert (status, body) == (200, article)
    status, _, body = fetch(site.url("/search?q=climate"))
    assert status == 200
    assert "Search results for “climate”" in body.decode()


def test_default_html_content_type(site: FixtureSite) -> None:
    status, headers, _ = fetch(site.url(ASTANA_PATH))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_redirect_route(site: FixtureSite) -> None:
    status, headers, _ = fetch(site.url("/old/astana-story"))
    assert status == 301
    assert headers["Location"] == site.url(ASTANA_PATH)


def test_404_route_and_unknown_path(site: FixtureSite) -> None:
    for path in ("/2025/09/deleted-story.html", "/no/such/page.html"):
        status, headers, body = fetch(site.url(path))
        assert status == 404
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"404 Not Found" in body


@pytest.mark.parametrize(
    "path", ["/_routes.json", "/expected/_nonarticles.json", "/expected/", "/../README.md"]
)
def test_internal_files_are_not_served(site: FixtureSite, path: str) -> None:
    assert fetch(site.url(path))[0] == 404


def test_pdf_route(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url("/files/annual-report.pdf"))
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Last-Modified"] == "Mon, 03 Mar 2025 09:00:00 GMT"
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")


def test_windows_1251_page_has_no_charset_in_header(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url(RU_PATH))
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert b'<meta charset="windows-1251">' in body[:400]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "Речной вокзал Самары" in body.decode("cp1251")


def test_head_sends_headers_only(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url(ASTANA_PATH), method="HEAD")
    assert status == 200
    assert body == b""
    assert int(headers["Content-Length"]) == len(fetch(site.url(ASTANA_PATH))[2])


# -- conditional requests ----------------------------------------------------


def test_etag_and_last_modified(site: FixtureSite) -> None:
    status, headers, body = fetch(site.url(ASTANA_PATH))
    assert status == 200
    etag = headers["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    assert headers["Last-Modified"] == "Tue, 21 Oct 2025 04:30:00 GMT"  # fixed by the route
    assert fetch(site.url(ASTANA_PATH))[1]["ETag"] == etag  # stable

    status, headers304, body304 = fetch(site.url(ASTANA_PATH), {"If-None-Match": etag})
    assert (status, body304) == (304, b"")
    assert headers304["ETag"] == etag

    status, _, body_again = fetch(site.url(ASTANA_PATH), {"If-None-Match": '"something-else"'})
    assert (status, body_again) == (200, body)


def test_if_modified_since(site: FixtureSite) -> None:
    status, _, body = fetch(
        site.url(ASTANA_PATH), {"If-Modified-Since": "Tue, 21 Oct 2025 04:30:00 GMT"}
    )
    assert (status, body) == (304, b"")
    status, _, body = fetch(
        site.url(ASTANA_PATH), {"If-Modified-Since": "Mon, 20 Oct 2025 00:00:00 GMT"}
    )
    assert status == 200
    assert body
    # file mtime based Last-Modified works the same way
    last_modified = fetch(site.url("/robots.txt"))[1]["Last-Modified"]
    assert fetch(site.url("/robots.txt"), {"If-Modified-Since": last_modified})[0] == 304


# -- request log -------------------------------------------------------------


def test_request_log(tmp_path: Path) -> None:
    log = tmp_path / "requests.log"
    with FixtureSite(log=log) as running:
        fetch(running.url("/robots.txt"))
        fetch(running.url("/old/astana-story"))
        fetch(running.url("/search?q=climate"), method="HEAD")
        fetch(running.url("/missing"))
        size = len(fetch(running.url(ASTANA_PATH))[2])
        requests = running.requests()
    lines = log.read_text().splitlines()
    assert len(lines) == 5
    assert [(r.method, r.path, r.status) for r in requests] == [
        ("GET", "/robots.txt", 200),
        ("GET", "/old/astana-story", 301),
        ("HEAD", "/search?q=climate", 200),
        ("GET", "/missing", 404),
        ("GET", ASTANA_PATH, 200),
    ]
    assert requests[2].nbytes == 0
    assert requests[4].nbytes == size
    assert lines[4] == f"GET {ASTANA_PATH} 200 {size}"


# -- overlay -----------------------------------------------------------------


def test_overlay_overrides_adds_and_removes(tmp_path: Path) -> None:
    overlay = tmp_path / "rev2"
    (overlay / "world").mkdir(parents=True)
    (overlay / "world" / "index.html").write_text(
        "<html><body>new world {{BASE}}</body></html>", encoding="utf-8"
    )
    (overlay / "extra.txt").write_text("added at {{BASE}}\n", encoding="utf-8")
    (overlay / "_removed.txt").write_text(f"# gone in rev2\n{FLOOD_PATH}\n", encoding="utf-8")
    (overlay / "_routes.json").write_text(
        json.dumps({"/moved": {"status": 302, "location": "/extra.txt"}}), encoding="utf-8"
    )
    with FixtureSite(overlay=overlay) as running:
        status, _, body = fetch(running.url("/world/"))
        assert (status, body.decode()) == (
            200,
            f"<html><body>new world {running.base}</body></html>",
        )
        assert fetch(running.url("/extra.txt"))[2].decode() == f"added at {running.base}\n"
        status, _, body = fetch(running.url(FLOOD_PATH))
        assert status == 410
        assert b"410 Gone" in body
        assert fetch(running.url(FLOOD_PATH + "?utm_source=x"))[0] == 410
        assert fetch(running.url("/moved"))[1]["Location"] == running.url("/extra.txt")
        # root files and root routes still apply
        assert fetch(running.url(ASTANA_PATH))[0] == 200
        assert fetch(running.url("/old/astana-story"))[0] == 301
        assert fetch(running.url("/_removed.txt"))[0] == 404


# -- the fixture data itself -------------------------------------------------

RECORD_KEYS = [
    "url",
    "fetched_url",
    "site",
    "site_name",
    "title",
    "description",
    "authors",
    "published",
    "modified",
    "language",
    "body",
    "word_count",
    "image",
    "tags",
]


def test_expected_records_are_consistent_and_served(site: FixtureSite) -> None:
    expected = load_expected(site.base)
    assert len(expected) >= 22
    for url, record in expected.items():
        assert list(record) == RECORD_KEYS, url
        assert "{{BASE}}" not in json.dumps(record)
        assert record["site"] == "127.0.0.1"
        assert record["word_count"] == len(record["body"].split()), url
        assert "\n\n\n" not in record["body"]
        assert record["body"] == record["body"].strip()
        assert fetch(record["fetched_url"])[0] == 200, url


def test_seed_article_body_matches_seed_text(site: FixtureSite) -> None:
    record = load_expected(site.base)[site.url(ASTANA_PATH)]
    assert record["title"] == "Astana Becomes Hub for OIC Food Security Dialogue"
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("The Islamic Organization for Food Security (IOFS) held")
    assert paragraphs[-1].endswith("improving food security across the Islamic world.")


def test_nonarticle_and_never_fetched_paths_are_served(site: FixtureSite) -> None:
    for path in load_nonarticles():
        assert fetch(site.url(path))[0] == 200, path
    for path in load_never_fetched():
        assert fetch(site.url(path))[0] == 200, path  # served, but robots.txt disallows it


def test_every_xml_file_parses() -> None:
    files = sorted(SITE_DIR.rglob("*.xml")) + sorted(SITE_DIR.rglob("*.xml.gz"))
    assert len(files) >= 6
    for path in files:
        data = path.read_bytes()
        etree.fromstring(gzip.decompress(data) if path.suffix == ".gz" else data)


def test_second_revision_overlay() -> None:
    changes = load_changes()
    assert {key: len(paths) for key, paths in changes.items()} == {
        "edited": 2,
        "new": 2,
        "removed": 2,
    }
    with FixtureSite(overlay=SITE_REV2_DIR) as running:
        rev1 = load_expected(running.base)
        rev2 = load_expected_rev2(running.base)
        assert len(rev2) == len(rev1)  # two removed, two added
        sitemap = fetch(running.url("/sitemap-articles.xml"))[2].decode()
        feed = fetch(running.url("/feed.xml"))[2].decode()
        for path in changes["new"]:
            assert fetch(running.url(path))[0] == 200
            assert running.url(path) in sitemap
            assert running.url(path) in feed
            assert running.url(path) in rev2
        for path in changes["edited"]:
            status, _, body = fetch(running.url(path))
            assert status == 200
            old, new = rev1[running.url(path)], rev2[running.url(path)]
            assert old["body"] != new["body"]
            assert new["modified"] > old["modified"]
            changed = set(new["body"].split("\n\n")) - set(old["body"].split("\n\n"))
            assert len(changed) == 1
            assert changed.pop() in body.decode().replace("&#8217;", "’")
        for path in changes["removed"]:
            assert fetch(running.url(path))[0] == 410
            assert running.url(path) not in sitemap
            assert running.url(path) not in rev2


def test_restart_keeps_the_origin_and_switches_overlay() -> None:
    with FixtureSite() as running:
        base = running.base
        etag = fetch(running.url(FLOOD_PATH))[1]["ETag"]
        running.restart(overlay=SITE_REV2_DIR)
        assert running.base == base
        assert fetch(running.url(FLOOD_PATH))[1]["ETag"] != etag  # edited in rev2
        removed = load_changes()["removed"][0]
        assert fetch(running.url(removed))[0] == 410
        running.restart()  # back to the first revision, same origin again
        assert running.base == base
        status, headers, _ = fetch(running.url(FLOOD_PATH), {"If-None-Match": etag})
        assert status == 304
        assert headers["ETag"] == etag
        assert [r.path for r in running.requests()].count(FLOOD_PATH) == 3  # log survives restarts
