"""The JSON Schema of the article record, shipped as package data."""

from __future__ import annotations

import json
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
def _validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema())


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid).

    Each message names the field, e.g. ``published: '21/10/2025' is not valid``.
    """
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'.'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in errors]
