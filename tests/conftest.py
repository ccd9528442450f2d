"""Shared fixtures: the fixture news site on 127.0.0.1 and newscrawl's project settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newscrawl import settings as newscrawl_settings
from tests.fixturesite import FixtureSite


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
