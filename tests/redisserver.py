"""A real redis-server on 127.0.0.1 for the tests (see the ``redis_server`` fixture)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

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


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    """redis-server on a free port: the process and its ``redis://127.0.0.1:PORT``."""
    exe = shutil.which("redis-server")
    if exe is None:
        return None
    for _ in range(5):
        # A free port now may be taken before redis binds it: then try another.
        port = _candidate_port()
        proc = _start(exe, port, workdir)
        if proc is not None:
            return proc, f"redis://127.0.0.1:{port}"
    return None
