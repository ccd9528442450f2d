"""The JSON Lines exporter used by newscrawl's feeds (registered in FEED_EXPORTERS).

It differs from Scrapy's ``JsonLinesItemExporter`` in two ways: an
:class:`~newscrawl.items.Article` is written through ``to_record()`` (the
contract's key order, optional extension fields only when set), and every line
is written with a single ``write`` and flushed, so a killed crawl leaves at
most whole lines behind it, never a record split across a buffer boundary.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exporters import JsonLinesItemExporter

from newscrawl.items import Article


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        record = item.to_record() if isinstance(item, Article) else ItemAdapter(item).asdict()
        line = self.encoder.encode(record) + "\n"
        self.file.write(line.encode(self.encoding or "utf-8"))
        flush = getattr(self.file, "flush", None)
        if flush is not None:
            flush()
