"""The one source of "now".

Everything that needs the time takes a `Clock`; nothing else reads the wall clock.
Tests inject a `FakeClock` and move it instead of sleeping. Subprocesses (CLI tests,
the demo, snapshots) can be frozen with the `NETBALANCE_NOW` environment variable.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

NOW_ENV = "NETBALANCE_NOW"
_EXAMPLE = "2026-11-28T09:00:00+00:00"


class ClockError(ValueError):
    """NETBALANCE_NOW holds something that is not an instant netbalance can count from;
    the message is one line naming the variable and its value."""


class Clock:
    """What every clock offers. (A plain base class, not a typing.Protocol: the status
    command imports this module and must not pay for `typing`.)"""

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC, to the whole second."""
        raise NotImplementedError


class SystemClock(Clock):
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0)


class FakeClock(Clock):
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start")
        self._now = start.astimezone(UTC).replace(microsecond=0)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = instant.astimezone(UTC).replace(microsecond=0)

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


def default_clock() -> Clock:
    """The wall clock, or a frozen one when NETBALANCE_NOW holds an ISO instant; any
    other value of it raises ClockError."""
    frozen = os.environ.get(NOW_ENV)
    if frozen:
        return FakeClock(frozen_instant(frozen))
    return SystemClock()


def frozen_instant(text: str) -> datetime:
    """The instant NETBALANCE_NOW names (UTC when it names no offset), between the years 2
    and 9998 like every week netbalance counts; else ClockError."""
    instant = _read_instant(text)
    if instant is None or not 2 <= instant.year <= 9998:
        raise ClockError(
            f"{NOW_ENV}={text!r} is not an instant like {_EXAMPLE} (between the years 2 "
            f"and 9998): set it to one, or unset it to use the real time"
        )
    return instant


def _read_instant(text: str) -> datetime | None:
    try:
        instant = datetime.fromisoformat(text)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return instant.astimezone(UTC)
    except (ValueError, OverflowError):  # not ISO, or beyond what a datetime holds in UTC
        return None
