"""Guards that keep one hostile page from costing more than its share.

Malformed markup must give an article or a reason, never an exception or a
hang. Two things can still go wrong below our own code:

- libxml2 stops parsing at a nesting depth of 256 elements ("Excessive depth
  in document") and returns an empty tree, so a page wrapped in thousands of
  ``<div>`` s would silently lose its story. :func:`flatten_deep_markup`
  drops the tags nested deeper than :data:`MAX_DEPTH` (their text stays), and
  :func:`newscrawl.extract.html.parse_html` parses that instead.
- A parser or trafilatura may take very long on a pathological page.
  :func:`time_limit` bounds a call with a timer signal, when the caller runs
  in a process's main thread (the extraction worker processes and
  ``newscrawl extract``); the crawl also bounds each extraction from outside
  (``NEWSCRAWL_EXTRACT_TIMEOUT``).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Deeper element nesting is flattened before parsing (libxml2 gives up at 256).
MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "basefont", "frame", "keygen",
    }
)  # fmt: skip
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript"})


def flatten_deep_markup(text: str, max_depth: int = MAX_DEPTH) -> str:
    """``text`` with the start and end tags below ``max_depth`` levels of nesting removed.

    A tag-level pass (no parser): counts open elements, ignoring void elements,
    and replaces the tags it drops with a space so that words do not run together.
    Text inside script and style elements is skipped, not tokenised.
    """
    depth = 0
    raw_until = ""
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if raw_until:
            if closing and name == raw_until:
                raw_until = ""
            else:
                continue
        keep = True
        if name in _VOID or self_closing:
            pass
        elif closing:
            keep = depth <= max_depth
            depth = max(depth - 1, 0)
        else:
            depth += 1
            keep = depth <= max_depth
            if name in _RAW_TEXT and keep:
                raw_until = name
        if not keep:
            out.append(text[position : match.start()])
            out.append(" ")
            position = match.end()
    out.append(text[position:])
    return "".join(out)


class ExtractionTimeout(BaseException):
    """Raised by :func:`time_limit` when the time is up.

    A BaseException, so that library code catching ``Exception`` does not swallow it.
    """


def _can_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise :class:`ExtractionTimeout` in the block after ``seconds`` (0: no limit).

    Uses ``SIGALRM``, so it only arms in a process's main thread and when no one
    else handles that signal; it yields whether the limit is armed.
    """
    if seconds <= 0 or not _can_alarm():
        yield False
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ExtractionTimeout(f"over {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
