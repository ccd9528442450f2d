"""Shared fixtures: the fixture news site and a redis-server on 127.0.0.1, project settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
import redis

from newscrawl import settings as newscrawl_settings
from tests.fixturesite import FixtureSite
from tests.redisserver import start_redis


@pytest.fixture(scope="session")
def fixture_site() -> Iterator[FixtureSite]:
    """The fixture news site, served once per test session (read-only: do not restart it)."""
    with FixtureSite() as site:
        yield site


@pytest.fixture
def fresh_site() -> Iterator[FixtureSite]:
    """A fixture site of the test's own, for tests that restart it or read its request log."""
    with FixtureSite() as site:
        yield site


def project_settings(**overrides: Any) -> dict[str, Any]:
    """newscrawl.settings as a dict (``get_crawler`` ignores scrapy.cfg), plus overrides."""
    values = {name: getattr(newscrawl_settings, name) for name in dir(newscrawl_settings)}
    values = {name: value for name, value in values.items() if name.isupper()}
    values.update(overrides)
    return values


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:PORT``, started once per session when a test asks for it.

    The tests fail (not skip) without redis-server.
    """
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    started = start_redis(tmp_path_factory.mktemp("redis"))
    if started is None:
        pytest.fail("redis-server did not start on 127.0.0.1")
    proc, url = started
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """An empty database 0 of the session's server, for one test."""
    url = f"{redis_server}/0"
    redis.Redis.from_url(url).flushdb()
    return url
