"""extract_article: placeholder until the extraction layer lands."""

from __future__ import annotations

from newscrawl.extract.options import ExtractOptions
from newscrawl.items import Article, PageHints, Rejection


def extract_article(
    html: bytes | str,
    url: str,
    *,
    fetched_url: str | None = None,
    fetched_at: str | None = None,
    content_type: str | None = None,
    hints: PageHints | None = None,
    options: ExtractOptions | None = None,
) -> Article | Rejection:
    raise NotImplementedError
