"""Plain URL lists: one URL per line from a file or stdin ("-")."""

from __future__ import annotations

import sys
from pathlib import Path


def read_url_list(path: str) -> list[str]:
    """Non-blank lines that are not ``#`` comments, stripped, in file order."""
    if path == "-":
        text = sys.stdin.read()
    else:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
