"""Extraction functions that misbehave on purpose, for the process pool's tests.

Pool workers import these by name (NEWSCRAWL_EXTRACT_FUNCTION or ExtractPool's
``func``), so they live at module level. Each one picks its misbehaviour from
the page URL, leaving every other page to the real extraction.
"""

from __future__ import annotations

import ctypes
import os
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawl.extract import ExtractOptions
    from newscrawl.items import Article, FetchedPage, Rejection
    from newscrawl.saved import SavedPage

# Fixture-site articles that the crawl-level tests break.
CRASHING_PAGE = "/business/2025/10/grain-exporters-brace-for-lower-harvest-prices.html"
HANGING_PAGE = "/science/2025/10/new-telescope-array-records-first-light.html"


def misbehave(key: str) -> None:
    """Crash, hang or raise as ``key`` says; return for anything else."""
    if "segfault" in key:
        ctypes.string_at(0)  # SIGSEGV in the worker
    if "exit" in key or key.endswith(CRASHING_PAGE):
        os._exit(70)
    if "hang" in key or key.endswith(HANGING_PAGE):
        while True:  # a busy loop: only killing the worker stops it
            pass
    if "raise" in key:
        raise ValueError(f"cannot extract {key}")


def extract_or_fail(page: FetchedPage, options: ExtractOptions) -> Article | Rejection:
    """NEWSCRAWL_EXTRACT_FUNCTION for crawls that meet a crashing and a hanging page."""
    from newscrawl.pipelines import extract_page  # keeps this module light for echo's workers

    misbehave(page.url)
    return extract_page(page, options)


def extract_saved_or_fail(page: SavedPage, options: ExtractOptions) -> dict[str, Any]:
    """``extract_many``'s function for batches that hold a crashing and a hanging page."""
    from newscrawl.saved import extract_saved

    misbehave(page.source)
    return extract_saved(page, options)


def echo(key: str, delay: float = 0.0) -> tuple[str, int]:
    """``(key, worker pid)`` after ``delay`` seconds, unless ``key`` asks for trouble."""
    misbehave(key)
    time.sleep(delay)
    return key, os.getpid()
