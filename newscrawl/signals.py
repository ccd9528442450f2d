"""newscrawl's own Scrapy signals (connect with ``crawler.signals.connect``).

Both are sent by :class:`~newscrawl.exporters.ArticleJsonLinesExporter`,
synchronously, right after the bytes reached the operating system: a handler
of ``record_written`` knows the record is in the output, which is the order
the crawl state relies on (record first, state second). Relying on the order
in which ``item_scraped`` handlers happen to be connected would be fragile,
and an ``item_scraped`` handler runs even when the feed's write failed.
"""

from __future__ import annotations

#: A feed file was opened. Arguments: ``path`` (str, or None when the output is
#: not a plain file: stdout, gzip) and ``offset`` (bytes already in the file).
feed_opened = object()

#: A record was written and flushed. Arguments: ``item``, ``path`` and
#: ``offset`` (the file's size just after the record's line; None with ``path``).
record_written = object()
