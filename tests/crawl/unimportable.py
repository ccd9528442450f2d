"""A module that worker processes cannot import when BREAK_WORKERS is set in the environment.

The test process imports it first, then sets the variable: spawned workers
inherit it and die while unpickling their function, before they are ready.
"""

from __future__ import annotations

import os

BREAK_WORKERS = "NEWSCRAWL_TEST_BREAK_WORKERS"

if os.environ.get(BREAK_WORKERS):
    raise ImportError("this module refuses to load in a worker process")


def fails_in_workers(key: str) -> str:
    """Never runs in a broken worker: unpickling it there imports this module, which raises."""
    return key
