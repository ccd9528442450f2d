"""The JSON Lines exporter used by newscrawl's feeds (registered in FEED_EXPORTERS).

It differs from Scrapy's ``JsonLinesItemExporter`` in two ways: an
:class:`~newscrawl.items.Article` is written through ``to_record()`` (the
contract's key order, optional extension fields only when set), and every line
is written with a single ``write`` and flushed, so a killed crawl leaves at
most whole lines behind it, never a record split across a buffer boundary.

Built by Scrapy's feed exports through ``from_crawler``, it also reports every
flushed line with the :data:`newscrawl.signals.record_written` signal (and the
opened file with ``feed_opened``): the crawl state records an article only
then, so the state never claims a record the output does not hold.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from itemadapter import ItemAdapter
from scrapy.exporters import JsonLinesItemExporter

from newscrawl import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def _plain_file_path(file: Any) -> str | None:
    """The path of ``file`` when it is a regular file we can measure (not stdout, not gzip)."""
    name = getattr(file, "name", None)
    if not isinstance(file, io.BufferedWriter) or not isinstance(name, str):
        return None
    path = Path(name)
    return str(path.resolve()) if path.is_file() else None


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    crawler: Crawler | None = None
    path: str | None = None  # set when the output is a plain file whose size we can report

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: Any, **kwargs: Any) -> Self:
        exporter = cls(file, **kwargs)
        exporter.crawler = crawler
        exporter.path = _plain_file_path(file)
        return exporter

    def start_exporting(self) -> None:
        super().start_exporting()
        if self.crawler is not None:
            offset = self.file.tell() if self.path else None
            self.crawler.signals.send_catch_log(signals.feed_opened, path=self.path, offset=offset)

    def export_item(self, item: Any) -> None:
        to_record = getattr(item, "to_record", None)  # Article, Tombstone
        record = to_record() if to_record is not None else ItemAdapter(item).asdict()
        line = self.encoder.encode(record) + "\n"
        self.file.write(line.encode(self.encoding or "utf-8"))
        flush = getattr(self.file, "flush", None)
        if flush is not None:
            flush()
        if self.crawler is not None:
            offset = self.file.tell() if self.path else None
            self.crawler.signals.send_catch_log(
                signals.record_written, item=item, path=self.path, offset=offset
            )
