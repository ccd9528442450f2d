"""Start the fixture news site in a subprocess and read its expectations.

::

    with FixtureSite() as site:
        site.url("/sitemap_index.xml")   # 'http://127.0.0.1:PORT/sitemap_index.xml'
        ...
        site.requests()                  # [Request(method, path, status, nbytes), ...]

``load_expected(site.base)`` returns ``{url: record}`` for every article the
site should yield, with ``{{BASE}}`` replaced by the real origin.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Self

if TYPE_CHECKING:
    from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE_DIR = FIXTURES / "site"
SITE_REV2_DIR = FIXTURES / "site_rev2"
PLACEHOLDER = "{{BASE}}"


class Request(NamedTuple):
    """One line of the server's request log."""

    method: str
    path: str
    status: int
    nbytes: int


class FixtureSite:
    """The fixture server as a subprocess (``python -m tests.fixtureserver``)."""

    def __init__(
        self,
        root: Path | str | None = None,
        overlay: Path | str | None = None,
        log: Path | str | None = None,
        *,
        port: int = 0,
        startup_timeout: float = 15.0,
    ) -> None:
        self.root = Path(root) if root is not None else SITE_DIR
        self.overlay = Path(overlay) if overlay is not None else None
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None
        if log is None:
            self._tmpdir = tempfile.TemporaryDirectory(prefix="fixturesite-")
            log = Path(self._tmpdir.name) / "requests.log"
        self.log_path = Path(log)
        self.port = port
        self.startup_timeout = startup_timeout
        self.base = ""
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> Self:
        if self._proc is not None:
            return self
        cmd = [
            sys.executable,
            "-m",
            "tests.fixtureserver",
            "--root",
            str(self.root),
            "--log",
            str(self.log_path),
        ]
        if self.overlay is not None:
            cmd += ["--overlay", str(self.overlay)]
        if self.port:
            cmd += ["--port", str(self.port)]
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        proc = self._proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        stdout = proc.stdout
        assert stdout is not None
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(stdout.readline()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        reader.join(self.startup_timeout)
        url = line[0].strip() if line else ""
        if not url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"fixture server did not start (got {url!r})")
        self.base = url
        self.port = int(url.rsplit(":", 1)[1])
        return self

    def restart(self, overlay: Path | str | None = None) -> Self:
        """Stop and start again on the same port (same origin, same URLs), now with ``overlay``.

        Use it to serve the second revision of the site to a re-crawl whose state is
        keyed by URL: ``site.restart(overlay=SITE_REV2_DIR)``. The request log is kept.
        """
        self._terminate()
        self.overlay = Path(overlay) if overlay is not None else None
        return self.start()

    def stop(self) -> None:
        self._terminate()
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None

    def _terminate(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()

    def url(self, path: str = "/") -> str:
        if not self.base:
            raise RuntimeError("fixture server is not running")
        return self.base + (path if path.startswith("/") else "/" + path)

    def requests(self) -> list[Request]:
        """Every request logged so far, oldest first."""
        if not self.log_path.exists():
            return []
        out = []
        for line in self.log_path.read_text(encoding="utf-8").splitlines():
            method, path, status, nbytes = line.rsplit(" ", 3)
            out.append(Request(method, path, int(status), int(nbytes)))
        return out

    def fetched_paths(self) -> set[str]:
        """Paths (with query string) that got a GET."""
        return {r.path for r in self.requests() if r.method == "GET"}

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _load_json(path: Path, base: str) -> Any:
    return json.loads(path.read_text(encoding="utf-8").replace(PLACEHOLDER, base))


def load_expected(base: str, site_dir: Path | str = SITE_DIR) -> dict[str, dict[str, Any]]:
    """``{url: record}`` from ``<site_dir>/expected/*.json`` (files starting with ``_`` skipped)."""
    records = {}
    for path in sorted((Path(site_dir) / "expected").glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = _load_json(path, base)
        records[record["url"]] = record
    return records


def load_nonarticles(site_dir: Path | str = SITE_DIR) -> list[str]:
    """Paths that are fetched in a full crawl but must yield no record."""
    return json.loads(
        (Path(site_dir) / "expected" / "_nonarticles.json").read_text(encoding="utf-8")
    )


def load_never_fetched(site_dir: Path | str = SITE_DIR) -> list[str]:
    """Paths a polite crawler must never request (robots.txt disallows them)."""
    return json.loads(
        (Path(site_dir) / "expected" / "_never_fetched.json").read_text(encoding="utf-8")
    )


def load_changes(overlay_dir: Path | str = SITE_REV2_DIR) -> dict[str, list[str]]:
    """``{"edited": [...], "new": [...], "removed": [...]}`` paths of the second site revision."""
    path = Path(overlay_dir) / "expected" / "_changes.json"
    return json.loads(path.read_text(encoding="utf-8"))


def load_expected_rev2(base: str) -> dict[str, dict[str, Any]]:
    """``{url: record}`` for the site served with ``--overlay site_rev2``.

    The first revision's records, with the edited and new articles replaced or
    added from ``site_rev2/expected`` and the removed (410) articles dropped.
    """
    removed = {base + path for path in load_changes()["removed"]}
    records = load_expected(base)
    records.update(load_expected(base, SITE_REV2_DIR))
    return {url: rec for url, rec in records.items() if rec["fetched_url"] not in removed}
