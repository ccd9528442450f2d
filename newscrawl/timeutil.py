"""Small time helpers shared by the CLI, spiders and pipelines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import dateparser


def utc_now_iso() -> str:
    """Now, as ISO 8601 UTC with seconds precision (``2025-10-21T09:30:00+00:00``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def parse_instant(value: str | None) -> datetime | None:
    """Parse an ISO 8601 date or datetime (``Z`` allowed) to an aware datetime.

    A bare date is midnight UTC; a naive datetime is taken as UTC. Anything
    else gives None: callers treat an unreadable date as "unknown", not as old.
    """
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text[:10]), datetime.min.time())
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def utc_iso(value: str | None) -> str | None:
    """``value`` as ISO 8601 UTC with seconds precision (None when unreadable).

    The crawl state stores times this way, so that they compare as strings.
    """
    instant = parse_instant(value)
    if instant is None:
        return None
    return instant.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_since(value: str) -> datetime:
    """Parse a ``--since`` value: ISO 8601, or a phrase such as "3 days ago" / "yesterday".

    Raises ValueError with the offending value when it cannot be read.
    """
    instant = parse_instant(value)
    if instant is None:
        relative = dateparser.parse(
            value,
            settings={
                "RETURN_AS_TIMEZONE_AWARE": True,
                "TO_TIMEZONE": "UTC",
                "PREFER_DATES_FROM": "past",
            },
        )
        if relative is None:
            raise ValueError(f"cannot read --since {value!r}: use YYYY-MM-DD or e.g. '2 days ago'")
        instant = relative
    return instant.astimezone(UTC)


_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: str | float) -> float:
    """Seconds in a duration such as ``90s``, ``30m``, ``24h``, ``7d``, ``2w`` or ``1h30m``.

    A bare number is seconds. Raises ValueError naming the value when it cannot be read.
    """
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = value.strip().lower().replace(" ", "")
        try:
            seconds = float(text)
        except ValueError:
            seconds, number = 0.0, ""
            for char in text:
                if char.isdigit() or char == ".":
                    number += char
                elif char in _DURATION_UNITS and number:
                    seconds += float(number) * _DURATION_UNITS[char]
                    number = ""
                else:
                    number = "!"
                    break
            if number or not text:
                raise ValueError(
                    f"cannot read duration {value!r}: use e.g. 90s, 30m, 24h, 7d"
                ) from None
    if seconds < 0:
        raise ValueError(f"duration {value!r} is negative")
    return seconds
