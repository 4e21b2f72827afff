"""The one source of "now".

Everything that needs the time takes a `Clock`; nothing else reads the wall clock.
Tests inject a `FakeClock` and move it instead of sleeping. Subprocesses (CLI tests,
the demo, snapshots) can be frozen with the `NETBALANCE_NOW` environment variable.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

NOW_ENV = "NETBALANCE_NOW"


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
    """The wall clock, or a frozen one when NETBALANCE_NOW holds an ISO instant."""
    frozen = os.environ.get(NOW_ENV)
    if frozen:
        instant = datetime.fromisoformat(frozen)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return FakeClock(instant)
    return SystemClock()
