"""Log lines for dropped items that name the page, not the whole item.

Scrapy's default ``dropped`` message prints the item; for a FetchedPage that is
the whole page body, and for an Article the whole story.
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider, logformatter
from scrapy.http import Response
from twisted.python.failure import Failure


class NewsLogFormatter(logformatter.LogFormatter):
    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider,
    ) -> logformatter.LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped (%(reason)s): %(exception)s"
        result["args"] = {"reason": type(exception).__name__, "exception": exception}
        return result
