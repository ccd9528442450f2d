"""Tombstone records and their schema; the exporter's record_written / feed_opened signals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from newscrawl import signals
from newscrawl.exporters import ArticleJsonLinesExporter
from newscrawl.items import Tombstone
from newscrawl.schema import iter_jsonl_problems, tombstone_schema, validation_errors
from tests.unit.test_record_contract import make_article

TOMBSTONE = Tombstone(
    url="https://news.example.com/2025/10/story.html",
    site="example.com",
    status=410,
    fetched_at="2025-10-22T00:00:00+00:00",
    previous_content_hash="c" * 64,
)


def test_tombstone_record_is_small_ordered_and_valid() -> None:
    record = TOMBSTONE.to_record()
    assert list(record) == list(tombstone_schema()["properties"])
    assert record["change"] == "deleted"
    assert validation_errors(record) == []
    bare = Tombstone(
        url=TOMBSTONE.url, site="example.com", status=404, fetched_at=TOMBSTONE.fetched_at
    )
    assert "previous_content_hash" not in bare.to_record()
    assert validation_errors(bare.to_record()) == []


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"status": 500}, "status"),
        ({"url": "not a url"}, "url"),
        ({"title": "a tombstone has no title"}, "<record>"),
        ({"fetched_at": "yesterday"}, "fetched_at"),
    ],
)
def test_bad_tombstones_are_reported(overrides: dict[str, Any], fragment: str) -> None:
    errors = validation_errors({**TOMBSTONE.to_record(), **overrides})
    assert errors
    assert errors[0].startswith(fragment)


def test_article_schema_still_rejects_deleted_articles_fields() -> None:
    # "change": "deleted" selects the tombstone schema: an article body is not allowed there.
    record = {**make_article().to_record(), "change": "deleted"}
    assert validation_errors(record)
    assert validation_errors({**make_article().to_record(), "change": "gone"})


def test_validate_accepts_a_mixed_refresh_output() -> None:
    lines = [
        json.dumps(make_article(change="new").to_record()).encode(),
        json.dumps(
            make_article(change="updated", previous_content_hash="d" * 64).to_record()
        ).encode(),
        json.dumps(TOMBSTONE.to_record()).encode(),
    ]
    assert list(iter_jsonl_problems(lines)) == []


def test_exporter_reports_each_flushed_line_with_the_file_size(tmp_path: Path) -> None:
    crawler = get_crawler()
    events: list[tuple[str, Any, str | None, int | None]] = []
    crawler.signals.connect(
        lambda path, offset: events.append(("opened", None, path, offset)),
        signal=signals.feed_opened,
        weak=False,
    )

    def written(item: Any, path: str | None, offset: int | None) -> None:
        assert path is not None
        assert Path(path).stat().st_size == offset  # on disk (the OS) before the signal
        events.append(("written", item, path, offset))

    crawler.signals.connect(written, signal=signals.record_written, weak=False)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"{}\n")
    with out.open("ab") as stream:
        exporter = ArticleJsonLinesExporter.from_crawler(crawler, stream)
        exporter.start_exporting()
        exporter.export_item(make_article())
        exporter.export_item(TOMBSTONE)
        exporter.finish_exporting()
    sizes = [offset for _, _, _, offset in events]
    assert events[0][:3] == ("opened", None, str(out.resolve()))
    assert sizes[0] == 3
    assert sizes[-1] == out.stat().st_size
    assert [kind for kind, *_ in events] == ["opened", "written", "written"]
    assert json.loads(out.read_text().splitlines()[-1]) == TOMBSTONE.to_record()


def test_exporter_on_a_stream_reports_no_path() -> None:
    import io

    crawler = get_crawler()
    seen: list[tuple[str | None, int | None]] = []
    crawler.signals.connect(
        lambda item, path, offset: seen.append((path, offset)),
        signal=signals.record_written,
        weak=False,
    )
    exporter = ArticleJsonLinesExporter.from_crawler(crawler, io.BytesIO())
    exporter.export_item(make_article())
    assert seen == [(None, None)]
