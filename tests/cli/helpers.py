"""Running the real ``newscrawl`` command in a subprocess (it owns the reactor and signals)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.fixturesite import REPO_ROOT


def run_newscrawl(
    *args: str,
    timeout: float = 300,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``newscrawl ARGS`` as a user runs it; stdout and stderr captured.

    ``env`` adds to (or overrides) the inherited environment.
    """
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **env} if env else None,
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line must parse: a torn line fails the test here."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
