"""A real redis-server for the distributed tests, started once per session on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis


def _candidate_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(exe: str, port: int, workdir: Path) -> subprocess.Popen[bytes] | None:
    """redis-server on ``port``, or None if it exited (port taken meanwhile)."""
    options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)]
    proc = subprocess.Popen(
        [exe, "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None
        try:
            client.ping()
        except redis.ConnectionError:
            time.sleep(0.05)
            continue
        return proc
    proc.kill()
    return None


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:PORT``; the tests fail (not skip) without redis-server."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    workdir = tmp_path_factory.mktemp("redis")
    for _ in range(5):
        # A free port now may be taken before redis binds it: then try another.
        port = _candidate_port()
        proc = _start(exe, port, workdir)
        if proc is not None:
            break
    else:
        pytest.fail("redis-server did not start on 127.0.0.1")
    try:
        yield f"redis://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """An empty database 0 of the session's server, for one test."""
    url = f"{redis_server}/0"
    redis.Redis.from_url(url).flushdb()
    return url
