"""Article extraction: pure functions, no Scrapy import.

``extract_article(html, url)`` turns the bytes of one page into an
:class:`~newscrawl.items.Article` or a :class:`~newscrawl.items.Rejection`
saying why the page is not an article. The same call runs in a worker
process during a crawl, in ``newscrawl extract`` and in unit tests.
"""

from __future__ import annotations

from newscrawl.extract.options import ExtractOptions
from newscrawl.extract.pipeline import extract_article

__all__ = ["ExtractOptions", "extract_article"]
