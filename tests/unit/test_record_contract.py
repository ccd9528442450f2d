"""The record contract: Article fields, the shipped schema and the exporter agree."""

from __future__ import annotations

import json
from io import BytesIO

import pytest

from newscrawl.exporters import ArticleJsonLinesExporter
from newscrawl.items import Article, article_field_names
from newscrawl.schema import article_schema, iter_jsonl_problems, validation_errors

CONTRACT = [
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
    "fetched_at",
    "content_hash",
    "schema_version",
]


def make_article(**overrides: object) -> Article:
    values: dict[str, object] = {
        "url": "https://news.example.com/2025/10/story.html",
        "fetched_url": "https://news.example.com/2025/10/story.html?utm_source=x",
        "site": "example.com",
        "site_name": "Example News",
        "title": "A headline",
        "description": None,
        "authors": ["Anna Keller"],
        "published": "2025-10-21T09:30:00+05:00",
        "modified": None,
        "language": "en",
        "body": "First paragraph.\n\nSecond paragraph.",
        "word_count": 4,
        "image": None,
        "tags": [],
        "fetched_at": "2025-10-22T00:00:00+00:00",
        "content_hash": "0" * 64,
    }
    values.update(overrides)
    return Article(**values)  # type: ignore[arg-type]


def test_contract_fields_come_first_in_order() -> None:
    assert article_field_names()[: len(CONTRACT)] == CONTRACT


def test_schema_lists_article_fields_in_order() -> None:
    assert list(article_schema()["properties"]) == article_field_names()


def test_schema_requires_exactly_the_contract() -> None:
    assert article_schema()["required"] == CONTRACT


def test_valid_record_has_no_errors() -> None:
    assert validation_errors(make_article().to_record()) == []


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("published", "21/10/2025", "published"),
        ("published", "2025-10-21T09:30:00Z", "published"),
        ("language", "english", "language"),
        ("url", "ftp://example.com/x", "url"),
        ("title", "", "title"),
        ("authors", ["ok", ""], "authors.1"),
        ("content_hash", "not-a-hash", "content_hash"),
    ],
)
def test_invalid_values_are_reported_by_field(field: str, value: object, fragment: str) -> None:
    errors = validation_errors(make_article(**{field: value}).to_record())
    assert errors
    assert errors[0].startswith(fragment)


def test_optional_extensions_are_omitted_when_unset() -> None:
    record = make_article().to_record()
    assert "change" not in record
    assert "source" not in record
    assert record["paywalled"] is False
    assert list(record)[: len(CONTRACT)] == CONTRACT


def test_exporter_writes_one_whole_utf8_line_per_record() -> None:
    buffer = BytesIO()
    exporter = ArticleJsonLinesExporter(buffer, encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(make_article(title="Ünïcode – dash"))
    exporter.export_item({"url": "https://example.com/x", "change": "deleted"})
    exporter.finish_exporting()
    lines = buffer.getvalue().decode("utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["title"] == "Ünïcode – dash"
    assert "Ünïcode" in lines[0]  # not \u-escaped
    assert list(first)[: len(CONTRACT)] == CONTRACT
    assert json.loads(lines[1]) == {"url": "https://example.com/x", "change": "deleted"}


def test_jsonl_problems_name_lines() -> None:
    good = json.dumps(make_article().to_record()).encode()
    bad = json.dumps({**make_article().to_record(), "word_count": "four"}).encode()
    error = json.dumps({"source": "a.html", "url": None, "error": "listing", "detail": ""}).encode()
    problems = list(iter_jsonl_problems([good, b"", b"{not json", bad, error]))
    assert [number for number, _ in problems] == [3, 4, 5]
    assert problems[0][1].startswith("not JSON")
    assert problems[1][1].startswith("word_count")
    assert problems[2][1].startswith("error record (listing)")
