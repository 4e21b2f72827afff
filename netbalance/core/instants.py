"""Instants as stored: UTC, whole seconds, one ISO-8601 form (`2026-11-28T09:00:00+00:00`).

One form keeps string order equal to time order; an offset-less stamp is read as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(instant: datetime) -> str:
    if instant.tzinfo is UTC and not instant.microsecond:
        return instant.isoformat()  # already in the stored form: the common case
    if instant.tzinfo is None:
        raise ValueError(f"naive datetime {instant!r}: instants must carry a time zone")
    return instant.astimezone(UTC).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        return instant.replace(tzinfo=UTC)
    return instant.astimezone(UTC)


def optional_iso(instant: datetime | None) -> str | None:
    return None if instant is None else to_iso(instant)


def optional_instant(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def format_clock(seconds: float) -> str:
    """The running timer's clock: `23:41` under an hour, `1:05:09` above; never negative.
    Only a box that is running shows as a clock; a length is `format_length`."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_hours(minutes: float) -> str:
    """`2 h 05 m`, `45 m`, `0 m` for a number of minutes: every length netbalance shows."""
    total = round(minutes)
    hours, mins = divmod(total, 60)
    if hours:
        return f"{hours} h {mins:02d} m"
    return f"{mins} m"


def format_length(seconds: float) -> str:
    """A recorded length in seconds, as every other length reads: `25 m`, `1 h 05 m`;
    under a minute, `25 s`."""
    total = max(0, int(seconds))
    return f"{total} s" if total < 60 else format_hours(total / 60)
