"""Property-based tests: extraction never raises or hangs, and what it writes is a valid record.

``extract_article`` is fed arbitrary bytes, generated tag soup and real fixture
pages mutated at random (truncated, spliced, garbage inserted, tags dropped or
repeated into deep nesting, bytes re-encoded). Whatever comes in, the result
is an Article that satisfies the shipped JSON Schema or a Rejection with a
documented reason, within a time bound.
"""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extract import extract_article
from newscrawl.extract.encoding import decode_html
from newscrawl.items import REJECTION_REASONS, Article, Rejection
from newscrawl.schema import validation_errors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = (
    sorted((FIXTURES / "pages").glob("*/page.html"))
    + sorted((FIXTURES / "site" / "world" / "2025" / "10").glob("*.html"))[:3]
)
SOURCES = [path.read_bytes().replace(b"{{BASE}}", b"http://127.0.0.1:8000") for path in PAGES]
URL = "https://news.example.com/2025/10/21/a-story-about-the-harbour"
TIME_BOUND = 10.0  # seconds per page; a mutated fixture page takes well under a second


def check(data: bytes | str, content_type: str | None = None) -> Article | Rejection:
    started = time.monotonic()
    result = extract_article(
        data, URL, fetched_at="2025-10-21T10:00:00+00:00", content_type=content_type
    )
    assert time.monotonic() - started < TIME_BOUND
    if isinstance(result, Rejection):
        assert result.reason in REJECTION_REASONS, result
    else:
        assert isinstance(result, Article)
        assert validation_errors(result.to_record()) == []
        assert result.word_count == len(result.body.split())
    return result


def mutate(data: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    """(kind, position, length, bytes) edits: cut, insert, delete, repeat (nest), truncate."""
    for kind, position, length, insert in edits:
        position %= len(data) + 1
        if kind == 0:  # insert garbage
            data = data[:position] + insert + data[position:]
        elif kind == 1:  # delete a span
            data = data[:position] + data[position + length :]
        elif kind == 2:  # repeat a span many times (deep nesting when it holds an open tag)
            span = data[position : position + min(length, 40)]
            data = data[:position] + span * 300 + data[position:]
        elif kind == 3:  # truncate
            data = data[: max(position, 1)]
        else:  # splice in another page's bytes
            other = SOURCES[length % len(SOURCES)]
            data = data[:position] + other[position : position + 2000] + data[position:]
    return data


EDITS = st.lists(
    st.tuples(
        st.integers(0, 4), st.integers(0, 60_000), st.integers(0, 4000), st.binary(max_size=60)
    ),
    max_size=5,
)
CONTENT_TYPES = st.sampled_from(
    [None, "text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
     "text/html; charset=shift_jis", "application/octet-stream", "text/plain"]
)  # fmt: skip
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(FUZZ, max_examples=150)
@given(st.sampled_from(range(len(SOURCES))), EDITS, CONTENT_TYPES)
def test_mutated_real_pages(
    index: int, edits: list[tuple[int, int, int, bytes]], ct: str | None
) -> None:
    check(mutate(SOURCES[index], edits), ct)


@FUZZ
@given(
    st.sampled_from(range(len(SOURCES))),
    st.sampled_from(["cp1252", "cp1251", "utf-16", "shift_jis", "latin-1"]),
)
def test_real_pages_reencoded(index: int, codec: str) -> None:
    text = decode_html(SOURCES[index])
    check(text.encode(codec, errors="replace"), "text/html; charset=utf-8")


TAGS = st.sampled_from(
    ["div", "p", "span", "a", "article", "main", "section", "table", "tr", "td", "ul", "li",
     "form", "script", "style", "noscript", "h1", "h2", "b", "i", "template", "svg", "iframe",
     "time", "figure", "figcaption", "dialog", "x-custom", "meta", "br", "img"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ['', ' class="paywall"', ' id="root"', ' class="cookie-consent"', ' href="/2025/10/x-y-z-w"',
     ' style="display:none"', ' class="teaser"', ' hidden', ' datetime="2025-10-21"',
     ' href="javascript:alert(1)"', ' itemprop="articleBody"', ' lang="ru"', ' class="g-recaptcha"']
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        ["Just a moment...", "Subscribe to continue reading", "Accept all", "&amp;&lt;&#0;&#x110000;",
         "]]>", "<!--", "-->", "<![CDATA[", "\x00", "\ufffd", "Verify you are human",
         "The harbour council voted on Tuesday to approve a plan for a cycle path. " * 4]
    ),
)  # fmt: skip


def _render(node: object) -> str:
    if isinstance(node, str):
        return node
    tag, attrs, children = node  # type: ignore[misc]
    return f"<{tag}{attrs}>" + "".join(_render(c) for c in children) + f"</{tag}>"


TREES = st.recursive(
    TEXT,
    lambda children: st.tuples(TAGS, ATTRS, st.lists(children, max_size=6)),
    max_leaves=60,
)


@settings(FUZZ, max_examples=100)
@given(st.lists(TREES, max_size=8), st.booleans())
def test_generated_tag_soup(parts: list[object], with_head: bool) -> None:
    html = "".join(_render(p) for p in parts)
    if with_head:
        html = "<!DOCTYPE html><html><head><title>T</title></head><body>" + html
    check(html)
    check(html.encode("utf-8", "surrogatepass"), "text/html")


@FUZZ
@given(
    st.binary(max_size=6000),
    st.sampled_from([b"", b"<html><body>", b"\xef\xbb\xbf<!doctype html>"]),
)
def test_arbitrary_bytes_behind_an_html_start(data: bytes, prefix: bytes) -> None:
    check(prefix + data, "text/html")
