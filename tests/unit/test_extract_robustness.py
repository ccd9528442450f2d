"""Bad input never raises: every page gives an Article or a Rejection with a stable reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.extract.classify import UrlKind, classify_url, sniff_not_html
from newscrawl.extract.encoding import decode_html
from newscrawl.items import REJECTION_REASONS, Article, Rejection

URL = "https://news.example.com/2024/01/05/a-story-about-things"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
PARAGRAPH = (
    "The council met on Tuesday evening and voted to approve the new plan for the harbour, "
    "which will add a cycle path, two bus stops and a small park next to the old warehouses."
)


def _page(paragraphs: int = 4, title: str = "Council approves harbour plan") -> str:
    body = "".join(f"<p>{PARAGRAPH} Part {i}.</p>" for i in range(paragraphs))
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def _reason(result: Article | Rejection) -> str:
    return result.reason if isinstance(result, Rejection) else "article"


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (b"", None, "empty"),
        (b"   \n\t ", "text/html", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "not_html"),
        (b"%PDF-1.7\n1 0 obj", "text/html", "not_html"),  # the bytes win over a wrong header
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "not_html"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", None, "not_html"),
        (b"GIF89a\x01\x00", None, "not_html"),
        (b"PK\x03\x04\x14\x00", "application/zip", "not_html"),
        (b'{"json": true}', "application/json", "not_html"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", None, "not_html"),
        (bytes(range(256)) * 4, None, "not_html"),
        (b"<html><body><p>Too short to be a story.</p></body></html>", None, "too_short"),
        (
            b"<html><head><title>Home</title></head><body><img src='a.png'></body></html>",
            None,
            "no_body",
        ),
    ],
)
def test_rejections(data: bytes, content_type: str | None, reason: str) -> None:
    assert _reason(extract_article(data, URL, content_type=content_type)) == reason


def test_too_large() -> None:
    page = _page().encode()
    result = extract_article(page, URL, options=ExtractOptions(max_bytes=len(page) - 1))
    assert _reason(result) == "too_large"


def test_too_short() -> None:
    result = extract_article(_page(paragraphs=2), URL, options=ExtractOptions(min_words=500))
    assert _reason(result) == "too_short"
    assert _reason(extract_article(_page(paragraphs=2), URL)) == "article"


def test_html_served_as_octet_stream_is_still_read() -> None:
    result = extract_article(_page().encode(), URL, content_type="application/octet-stream")
    assert isinstance(result, Article)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: s[: len(s) // 2],  # truncated mid-document
        lambda s: s.replace("<p>", "<p>\x00", 3),  # NUL bytes
        lambda s: s.replace("</p>", ""),  # unclosed tags
        lambda s: "<?xml version='1.0' encoding='utf-8'?>" + s,  # XML declaration in a str
        lambda s: s.replace("<html", "<html xmlns:foo='bar'", 1) + "<<<>>>&&&;",
    ],
)
def test_broken_html_still_gives_an_article(mangle) -> None:  # type: ignore[no-untyped-def]
    html = mangle(_page(paragraphs=6))
    assert isinstance(extract_article(html, URL), Article)
    assert isinstance(extract_article(html.encode("utf-8"), URL), Article)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(data: bytes) -> None:
    result = extract_article(data, URL)
    assert isinstance(result, Article | Rejection)
    if isinstance(result, Rejection):
        assert result.reason in REJECTION_REASONS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text_never_raises(text: str) -> None:
    assert isinstance(extract_article(text, URL), Article | Rejection)


# -- encoding -----------------------------------------------------------------------------

RUSSIAN = "<html><head><meta charset='windows-1251'></head><body><p>Привет, мир</p></body></html>"


def test_meta_charset_only() -> None:
    assert "Привет, мир" in decode_html(RUSSIAN.encode("cp1251"))


def test_header_charset_wins_over_meta_when_it_decodes() -> None:
    html = "<html><head><meta charset='utf-8'></head><body>Привет</body></html>"
    assert "Привет" in decode_html(html.encode("koi8-r"), "text/html; charset=KOI8-R")


def test_wrong_header_charset_falls_back() -> None:
    assert "Привет, мир" in decode_html(RUSSIAN.encode("cp1251"), "text/html; charset=utf-8")


def test_bom_wins() -> None:
    html = "<html><body>Grüße</body></html>"
    assert "Grüße" in decode_html(
        b"\xef\xbb\xbf" + html.encode("utf-8"), "text/html; charset=cp1252"
    )
    assert "Grüße" in decode_html(html.encode("utf-16"))


def test_utf8_mislabelled_as_latin1() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body>Grüße aus Köln</body></html>"
    assert "Grüße aus Köln" in decode_html(html.encode("utf-8"))


def test_real_latin1_page() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body>Grüße aus Köln</body></html>"
    assert "Grüße aus Köln" in decode_html(html.encode("latin-1"))


def test_undeclared_cp1251_is_detected() -> None:
    text = "Строительство четвёртой переправы продолжалось почти четыре года. " * 5
    html = f"<html><body><p>{text}</p></body></html>"
    assert text.strip() in decode_html(html.encode("cp1251"))


def test_fixture_page_with_wrong_header_decodes() -> None:
    data = (PAGES / "ru-windows-1251-meta" / "page.html").read_bytes()
    result = extract_article(data, URL, content_type="text/html; charset=utf-8")
    assert isinstance(result, Article)
    assert result.title == "В Новосибирске открыли новый мост через Обь"


# -- classification -----------------------------------------------------------------------


def test_sniff_not_html_accepts_html_without_header() -> None:
    assert sniff_not_html(b"  <!doctype html><html><body>x</body></html>", None) is None
    assert sniff_not_html(b"<div>fragment</div>", None) is None


def test_classify_url_still_works() -> None:
    assert classify_url("https://example.com/") is UrlKind.LISTING
    assert classify_url("https://example.com/2024/01/05/a-story-about-things") is UrlKind.ARTICLE
    assert classify_url("https://example.com/files/report.pdf") is UrlKind.ASSET
