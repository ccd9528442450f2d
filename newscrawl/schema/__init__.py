"""The JSON Schemas of the records, shipped as package data.

``article.json`` is the article record; ``tombstone.json`` is the record an
incremental run writes for a deleted article (``"change": "deleted"``).
:func:`validation_errors` picks the schema by that field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def article_schema() -> dict[str, Any]:
    """The parsed ``article.json`` schema."""
    text = resources.files(__package__).joinpath("article.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def tombstone_schema() -> dict[str, Any]:
    """The parsed ``tombstone.json`` schema."""
    text = resources.files(__package__).joinpath("tombstone.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(kind: str = "article") -> Draft202012Validator:
    return Draft202012Validator(tombstone_schema() if kind == "tombstone" else article_schema())


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid).

    Each message names the field, e.g. ``published: '21/10/2025' is not valid``.
    A record with ``"change": "deleted"`` is checked as a tombstone.
    """
    kind = "tombstone" if record.get("change") == "deleted" else "article"
    errors = sorted(_validator(kind).iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in errors]


def iter_jsonl_problems(lines: Iterable[bytes]) -> Iterator[tuple[int, str]]:
    """``(line_number, problem)`` for every line of a JSONL stream that is not a valid record.

    Lines carrying an ``error`` key are ``newscrawl extract`` error records: they
    are reported as such, not as schema violations.
    """
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield number, f"not JSON: {exc}"
            continue
        if not isinstance(record, dict):
            yield number, f"not a JSON object: {type(record).__name__}"
            continue
        if "error" in record:
            yield number, f"error record ({record.get('error')}): {record.get('source')}"
            continue
        for message in validation_errors(record):
            yield number, message
