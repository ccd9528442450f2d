"""Declared-wrong charsets give no mojibake; malformed markup gives an article or a reason, fast."""

from __future__ import annotations

import time

import pytest

from newscrawl.extract import ExtractOptions, extract_article
from newscrawl.extract.encoding import decode_html
from newscrawl.extract.guards import MAX_DEPTH, flatten_deep_markup, time_limit
from newscrawl.extract.html import parse_html
from newscrawl.items import Article, Rejection

URL = "https://news.example.com/2025/10/21/a-story-about-the-harbour"


def _doc(title: str, text: str, meta: str = "") -> str:
    return (
        f"<html><head>{meta}<title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{text}</p></body></html>"
    )


FRENCH = (
    "Élection à Montréal : les électeurs déçus",
    (
        "Les électeurs de Montréal ont été déçus par la décision prise à l’hôtel de ville, "
        "où l’on a voté « contre » le projet de tramway présenté en février."
    ),
)
GERMAN = ("Straßenbahn fährt über die Brücke", "Die neue Straßenbahn fährt ab Dezember.")
RUSSIAN = (
    "В Новосибирске открыли новый мост через Обь",
    "Строительство четвёртого моста через Обь заняло почти четыре года и обошлось городу дороже.",
)
JAPANESE = (
    "東京で新しい歩道橋が開通",
    "東京都は二十日、隅田川に架かる新しい歩道橋の開通式を行った。工事は約三年かかった。",
)
KOREAN = (
    "서울에 새 보행자 다리 개통",
    "서울시는 이십일 한강을 가로지르는 새로운 보행자 다리의 개통식을 열었다. 공사는 약 삼 년이 걸렸다.",
)
UTF8 = "text/html; charset=utf-8"


@pytest.mark.parametrize(
    ("text", "codec", "content_type", "meta"),
    [
        # the header says UTF-8, the bytes are a legacy charset (no <meta>)
        (FRENCH, "cp1252", UTF8, ""),
        (GERMAN, "cp1252", UTF8, ""),
        (RUSSIAN, "cp1251", UTF8, ""),
        (JAPANESE, "shift_jis", UTF8, ""),
        (KOREAN, "euc-kr", UTF8, ""),
        # header and <meta> both say UTF-8 over cp1251
        (RUSSIAN, "cp1251", UTF8, '<meta charset="utf-8">'),
        # <meta> (or the header) names a legacy charset, the bytes are UTF-8
        (RUSSIAN, "utf-8", None, '<meta charset="iso-8859-1">'),
        (
            GERMAN,
            "utf-8",
            None,
            '<meta http-equiv="Content-Type" content="text/html; charset=latin1">',
        ),
        (RUSSIAN, "utf-8", "text/html; charset=windows-1251", ""),
        (JAPANESE, "utf-8", "text/html; charset=Shift_JIS", ""),
        # a Western label over text in another script
        (RUSSIAN, "cp1251", "text/html; charset=iso-8859-1", ""),
        # a byte-order mark contradicts the header
        (GERMAN, "utf-8-sig", "text/html; charset=windows-1252", ""),
        (RUSSIAN, "utf-16", UTF8, ""),
        # right declarations still win
        (RUSSIAN, "koi8-r", "text/html; charset=KOI8-R", '<meta charset="utf-8">'),
        (FRENCH, "cp1252", "text/html; charset=windows-1252", ""),
    ],
)
def test_no_mojibake(
    text: tuple[str, str], codec: str, content_type: str | None, meta: str
) -> None:
    title, paragraph = text
    html = _doc(title, paragraph, meta)
    decoded = decode_html(html.encode(codec), content_type)
    assert title in decoded
    assert paragraph in decoded


def test_article_title_and_body_from_declared_wrong_page() -> None:
    title, paragraph = RUSSIAN
    html = _doc(title, " ".join([paragraph] * 4), '<meta charset="utf-8">')
    result = extract_article(html.encode("cp1251"), URL, content_type=UTF8)
    assert isinstance(result, Article)
    assert result.title == title
    assert result.body.startswith(paragraph)


def test_stray_legacy_bytes_in_a_utf8_page() -> None:
    """A UTF-8 page with one cp1252 byte pasted in stays UTF-8; the stray byte reads as cp1252."""
    title, paragraph = GERMAN
    data = _doc(title, paragraph + " Ein Café.").encode("utf-8").replace("é".encode(), b"\xe9")
    decoded = decode_html(data, UTF8)
    assert title in decoded
    assert "Ein Café." in decoded


def test_undecodable_bytes_never_raise() -> None:
    assert isinstance(decode_html(bytes(range(256)) * 20, "text/html; charset=bogus-42"), str)
    assert isinstance(decode_html(b"\xff\xfe\x00", "text/html; charset=utf-16"), str)


# -- malformed markup ---------------------------------------------------------------------

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the harbour council voted on Tuesday to approve a plan that adds a "
    "cycle path, two bus stops and a small park next to the old warehouses.</p>"
    for i in range(5)
)
HEAD = "<html><head><title>Harbour plan approved</title></head><body><h1>Harbour plan approved</h1>"
TIME_BOUND = 5.0


@pytest.mark.parametrize(
    ("name", "html"),
    [
        ("10k nested divs", HEAD + "<div>" * 10_000 + PARAGRAPHS + "</div>" * 10_000),
        ("100k unclosed divs", HEAD + "<div>" * 100_000 + PARAGRAPHS),
        ("10k nested inline", HEAD + "<b><i><span>" * 4_000 + PARAGRAPHS),
        ("10k nested lists", HEAD + "<ul><li>" * 5_000 + PARAGRAPHS),
        ("2k nested tables", HEAD + "<table><tr><td>" * 2_000 + PARAGRAPHS),
        ("nested forms", HEAD + "<form>" * 300 + PARAGRAPHS + "</form>" * 10),
        ("unclosed tags", HEAD + PARAGRAPHS.replace("</p>", "") + "<div><span><a href=x>"),
        ("NUL bytes", HEAD + PARAGRAPHS.replace(" ", " \x00", 20) + "\x00" * 500),
        ("truncated", (HEAD + PARAGRAPHS)[:-120]),
        ("1 MB single line", HEAD + "<p>" + "lorem " * 180_000 + "</p>" + PARAGRAPHS),
        ("1 MB attribute", HEAD + "<p title='" + "x" * 1_000_000 + "'>hi</p>" + PARAGRAPHS),
        ("1 MB of one word", HEAD + "x" * 1_000_000 + PARAGRAPHS),
        ("unterminated comment", HEAD + PARAGRAPHS + "<!-- never closed " + "x " * 1000),
        ("unterminated script", HEAD + PARAGRAPHS + "<script>var a = '" + "<div>" * 5000),
    ],
)
def test_malformed_markup_gives_an_article_or_a_reason_quickly(name: str, html: str) -> None:
    for data in (html, html.encode("utf-8")):
        started = time.monotonic()
        result = extract_article(data, URL)
        elapsed = time.monotonic() - started
        assert isinstance(result, Article | Rejection)
        assert elapsed < TIME_BOUND, (name, elapsed)
        if isinstance(result, Article):
            assert result.title == "Harbour plan approved"


def test_deep_nesting_keeps_the_story() -> None:
    html = HEAD + "<div>" * 10_000 + PARAGRAPHS + "</div>" * 10_000 + "</body></html>"
    result = extract_article(html, URL)
    assert isinstance(result, Article), result
    assert result.body.count("Paragraph") == 5


def test_flatten_deep_markup() -> None:
    deep = "<div>" * 500 + "<p>x</p><br><img src=a>" + "</div>" * 500
    flat = flatten_deep_markup(deep)
    assert flat.count("<div>") == MAX_DEPTH
    assert flat.count("</div>") == MAX_DEPTH
    assert "<p>x</p><br><img src=a>" not in flat  # the p is below the limit too
    assert "x" in flat
    tree = parse_html(deep)
    assert tree is not None
    assert "x" in tree.text_content()
    # a script's text is not tokenised
    assert flatten_deep_markup("<script>if (a<b) {}</script>") == "<script>if (a<b) {}</script>"


def test_time_limit_gives_a_reason() -> None:
    html = HEAD + "".join(f"<p>{i} {PARAGRAPHS}</p>" for i in range(2000))
    result = extract_article(html, URL, options=ExtractOptions(time_limit=0.2))
    assert isinstance(result, Rejection)
    assert result.reason == "timeout"


def test_time_limit_is_disarmed_afterwards() -> None:
    with time_limit(0.05) as armed:
        assert armed
    time.sleep(0.1)  # no ExtractionTimeout fires after the block
    with time_limit(0) as armed:
        assert not armed


@pytest.mark.parametrize("content_type", [None, "text/html; charset=UTF-16"])
def test_a_utf16_label_on_ascii_bytes_is_not_believed(content_type: str | None) -> None:
    # Read as UTF-16, these bytes would become a line of CJK mojibake.
    data = b'<html><head><meta charset="utf-16"></head><body><p>Plain story text.</p></body></html>'
    assert decode_html(data, content_type) == data.decode("ascii")
