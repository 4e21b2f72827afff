"""The time-box state machine: start, pause, resume, extend, finish, cancel.

Pure functions from an `ActiveBox` and an instant to a new value. Every figure is
computed from stored instants, so a suspended laptop or a restart never skews it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from netbalance.core import box_clock
from netbalance.core.models import ActiveBox, Kind, Session, new_id, replace

MAX_BOX_MINUTES = 24 * 60


class TimerError(ValueError):
    """A timer action that does not apply (nothing running, already paused …)."""


def check_minutes(minutes: int) -> int:
    if minutes <= 0 or minutes > MAX_BOX_MINUTES:
        raise TimerError(f"minutes must be between 1 and {MAX_BOX_MINUTES}, not {minutes}")
    return minutes


def start(
    kind: Kind,
    now: datetime,
    *,
    minutes: int | None,
    item_id: str | None = None,
    item_title: str | None = None,
    contact_id: str | None = None,
    contact_name: str | None = None,
    note: str = "",
    tags: tuple[str, ...] = (),
    started: datetime | None = None,
) -> ActiveBox:
    """A new box; `minutes=None` starts a stopwatch that counts up. `started`: an earlier
    instant it started at (`start --at`), else now."""
    planned = None if minutes is None else check_minutes(minutes) * 60
    return ActiveBox(
        id=new_id(),
        kind=kind,
        started=now if started is None else started,
        updated=now,
        planned_seconds=planned,
        item_id=item_id,
        item_title=item_title,
        contact_id=contact_id,
        contact_name=contact_name,
        note=note,
        tags=tags,
    )


def elapsed_seconds(box: ActiveBox, now: datetime) -> int:
    """Focused time so far: wall time since the start minus every pause."""
    return box_clock.elapsed_seconds(box.started, now, box.paused_at, box.paused_seconds)


def remaining_seconds(box: ActiveBox, now: datetime) -> int | None:
    """Seconds left of a countdown (never negative); None for a stopwatch."""
    return box_clock.remaining_seconds(box.planned_seconds, elapsed_seconds(box, now))


def left_text(box: ActiveBox, now: datetime) -> str:
    """`12:00 left` for a countdown, `03:00 elapsed` for a stopwatch."""
    from netbalance.core.instants import format_clock

    remaining = remaining_seconds(box, now)
    if remaining is None:
        return f"{format_clock(elapsed_seconds(box, now))} elapsed"
    return f"{format_clock(remaining)} left"


def is_over(box: ActiveBox, now: datetime) -> bool:
    """A countdown whose planned length is used up."""
    return remaining_seconds(box, now) == 0


def planned_end(box: ActiveBox) -> datetime | None:
    """When a running countdown ends by the wall clock (None for a stopwatch or a pause)."""
    if box.planned_seconds is None or box.paused_at is not None:
        return None
    return box.started + timedelta(seconds=box.planned_seconds + box.paused_seconds)


def _paused_after_bell(box: ActiveBox) -> bool:
    """A countdown paused only after its planned length was used up."""
    if box.planned_seconds is None or box.paused_at is None:
        return False
    bell = box.started + timedelta(seconds=box.planned_seconds + box.paused_seconds)
    return box.paused_at >= bell


def pause(box: ActiveBox, now: datetime) -> ActiveBox:
    if box.paused_at is not None:
        raise TimerError(f"the {box.kind} box is already paused")
    return replace(box, paused_at=max(now, box.started), updated=now)


def resume(box: ActiveBox, now: datetime) -> ActiveBox:
    if box.paused_at is None:
        raise TimerError(f"the {box.kind} box is not paused")
    pause_length = max(0, int((now - box.paused_at).total_seconds()))
    if _paused_after_bell(box):
        pause_length = 0  # the box had already ended: the pause is no part of it
    return replace(
        box, paused_at=None, paused_seconds=box.paused_seconds + pause_length, updated=now
    )


def extend(box: ActiveBox, now: datetime, minutes: int = 5) -> ActiveBox:
    """Add minutes to a countdown (a stopwatch has nothing to extend)."""
    check_minutes(minutes)
    if box.planned_seconds is None:
        raise TimerError("a stopwatch has no end to extend")
    planned = box.planned_seconds + minutes * 60
    if planned > 24 * 3600:
        raise TimerError("a box cannot be longer than 24 hours")
    return replace(box, planned_seconds=planned, updated=now)


def finish(
    box: ActiveBox, now: datetime, *, note: str | None = None, until: datetime | None = None
) -> Session:
    """Record the box as a session ending now (or `until`, an earlier instant the user
    gives: `stop --at`), with the time actually spent.

    A countdown finished after its planned end ends at the planned end: a box left
    ringing does not count the minutes after the bell. The session keeps the box's id,
    so recording the same box twice can always be recognised. A paused box's time was
    fixed when it paused: a clock set back since then does not shorten it; recorded
    until a time before its pause, it ran until that time.
    """
    at = now if until is None else until
    if until is not None and box.paused_at is not None and until < box.paused_at:
        box = replace(box, paused_at=None)  # still running at that time
    end = at if box.paused_at is None else max(at, box.paused_at)
    paused = box.paused_seconds
    if box.paused_at is not None and not _paused_after_bell(box):
        paused += max(0, int((at - box.paused_at).total_seconds()))
    if box.planned_seconds is not None:
        latest = box.started + timedelta(seconds=box.planned_seconds + paused)
        end = min(end, latest)
    end = max(end, box.started)
    return Session(
        id=box.id,
        kind=box.kind,
        start=box.started,
        end=end,
        created=now,
        updated=now,
        paused_seconds=min(paused, int((end - box.started).total_seconds())),
        item_id=box.item_id,
        item_title=box.item_title,
        contact_id=box.contact_id,
        contact_name=box.contact_name,
        note=box.note if note is None else note,
        planned_seconds=box.planned_seconds,
        tags=box.tags,
    )


def recover(box: ActiveBox, now: datetime) -> Session | None:
    """At start-up: a countdown whose end passed while nothing ran is recorded as ending
    at its planned end and marked recovered. A stopwatch, a paused box or a box still
    running returns None: it stays for the user."""
    if box.planned_seconds is None or box.paused_at is not None or not is_over(box, now):
        return None
    return replace(finish(box, now), recovered=True)
