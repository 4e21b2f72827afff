"""A box's time from its stored instants: the arithmetic alone, on plain values.

`core.timer` works on `ActiveBox` records; `netbalance status`, which must start in a
few milliseconds, works on the stored document. Both use these functions, so the two
can never disagree.
"""

from __future__ import annotations

from datetime import datetime


def elapsed_seconds(
    started: datetime, now: datetime, paused_at: datetime | None, paused_seconds: int
) -> int:
    """Focused time so far: wall time since the start minus every pause."""
    until = paused_at if paused_at is not None else now
    wall = (max(until, started) - started).total_seconds()
    return max(0, int(wall) - paused_seconds)


def remaining_seconds(planned_seconds: int | None, elapsed: int) -> int | None:
    """Seconds left of a countdown (never negative); None for a stopwatch."""
    if planned_seconds is None:
        return None
    return max(0, planned_seconds - elapsed)
