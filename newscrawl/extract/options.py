"""The one frozen options object of the extraction layer (pickles into worker processes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs of :func:`newscrawl.extract.extract_article`.

    ``min_words``: a body shorter than this is rejected as ``too_short``
    (teasers, captions-only pages). ``max_bytes``: larger pages are
    rejected as ``too_large`` before parsing. ``time_limit``: seconds one page
    may take before it is given up as ``timeout`` (0: no limit); enforced with a
    timer signal when extraction runs in a process's main thread (worker
    processes, ``newscrawl extract``), see :mod:`newscrawl.extract.guards`.
    """

    min_words: int = 40
    max_bytes: int = 10 * 1024 * 1024
    time_limit: float = 30.0

    def __post_init__(self) -> None:
        if self.min_words < 0:
            raise ValueError(f"min_words must be >= 0, got {self.min_words}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be > 0, got {self.max_bytes}")
        if self.time_limit < 0:
            raise ValueError(f"time_limit must be >= 0, got {self.time_limit}")
