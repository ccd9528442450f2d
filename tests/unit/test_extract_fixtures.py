"""Saved pages against hand-written expectations, one test per field.

Each ``tests/fixtures/pages/<case>/`` holds ``page.html`` (raw bytes, in the
page's own charset), ``meta.json`` (url, fetched_at, content_type, optional
fetched_url and hints) and ``expected.json``: the fields to check, written by
reading the page, never by running the code. ``body`` is given as the list of
its paragraphs; ``rejection`` names the expected :class:`Rejection` reason.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.pipeline import content_hash
from newscrawl.items import Article, PageHints, Rejection
from newscrawl.schema import validation_errors

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(p.name for p in PAGES.iterdir() if (p / "expected.json").is_file())


def _json(case: str, name: str) -> dict[str, Any]:
    return json.loads((PAGES / case / name).read_text(encoding="utf-8"))


@cache
def _result(case: str) -> Article | Rejection:
    meta = _json(case, "meta.json")
    return extract_article(
        (PAGES / case / "page.html").read_bytes(),
        meta["url"],
        fetched_url=meta.get("fetched_url"),
        fetched_at=meta.get("fetched_at"),
        content_type=meta.get("content_type"),
        hints=PageHints(**meta["hints"]) if meta.get("hints") else None,
    )


def _field_cases() -> list[Any]:
    return [
        pytest.param(case, field, id=f"{case}:{field}")
        for case in CASES
        for field in _json(case, "expected.json")
    ]


def _article(case: str) -> Article:
    result = _result(case)
    assert isinstance(result, Article), f"rejected: {result}"
    return result


@pytest.mark.parametrize(("case", "field"), _field_cases())
def test_field(case: str, field: str) -> None:
    expected = _json(case, "expected.json")[field]
    if field == "rejection":
        result = _result(case)
        assert isinstance(result, Rejection), f"not rejected: {result}"
        assert result.reason == expected
        return
    actual = getattr(_article(case), field)
    if field == "body" and isinstance(expected, list):
        assert actual.split("\n\n") == expected
    else:
        assert actual == expected


ARTICLE_CASES = [c for c in CASES if "rejection" not in _json(c, "expected.json")]


@pytest.mark.parametrize("case", ARTICLE_CASES)
def test_record_is_valid(case: str) -> None:
    assert validation_errors(_article(case).to_record()) == []


@pytest.mark.parametrize("case", ARTICLE_CASES)
def test_record_invariants(case: str) -> None:
    article = _article(case)
    assert not re.search(r"\n{3,}|^\s|\s$", article.body)
    assert all(p.strip() == p and p for p in article.body.split("\n\n"))
    assert article.word_count == len(article.body.split())
    assert article.content_hash == content_hash(article.title, article.body)
    if article.published and article.modified:
        assert article.published[:10] <= article.modified[:10]
