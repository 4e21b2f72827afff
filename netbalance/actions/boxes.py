"""The running box, kept in the store: what the CLI and the app both do with it.

Each action is one transaction: read the stored box (as another process may have left
it), apply the state machine in `core.timer`, store the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from netbalance.core import timer
from netbalance.core.instants import format_duration
from netbalance.core.models import ActiveBox, Kind, Session
from netbalance.store.store import Store

if TYPE_CHECKING:
    from netbalance.core.weeks import DayGrid


def describe(box: ActiveBox, now: datetime, tz: tzinfo | None = None) -> str:
    """`produce box from 09:00 (12:40 left)` — names a box in an error or a notice;
    without `tz` the clock time is left out."""
    remaining = timer.remaining_seconds(box, now)
    if remaining is None:
        when = f"{format_duration(timer.elapsed_seconds(box, now))} elapsed"
    else:
        when = f"{format_duration(remaining)} left"
    paused = ", paused" if box.is_paused else ""
    since = f" from {box.started.astimezone(tz):%H:%M}" if tz is not None else ""
    return f"{box.kind} box{since} ({when}{paused})"


def _running(store: Store) -> ActiveBox:
    """The stored box. Called once before the transaction too, so that with nothing
    running the command fails without creating the lock file or the data folder."""
    box = store.box.get()
    if box is None:
        raise timer.TimerError("no box is running")
    return box


def start(
    store: Store,
    kind: Kind,
    *,
    minutes: int | None,
    item_id: str | None = None,
    item_title: str | None = None,
    contact_id: str | None = None,
    contact_name: str | None = None,
    note: str = "",
) -> ActiveBox:
    with store.transaction():
        current = store.box.get()
        if current is not None:
            raise timer.TimerError(
                f"a {describe(current, store.clock.now())} is running; stop it first"
            )
        box = timer.start(
            kind,
            store.clock.now(),
            minutes=minutes,
            item_id=item_id,
            item_title=item_title,
            contact_id=contact_id,
            contact_name=contact_name,
            note=note,
        )
        store.box.put(box)
    return box


def pause(store: Store) -> ActiveBox:
    _running(store)
    with store.transaction():
        box = timer.pause(_running(store), store.clock.now())
        store.box.put(box)
    return box


def resume(store: Store) -> ActiveBox:
    _running(store)
    with store.transaction():
        box = timer.resume(_running(store), store.clock.now())
        store.box.put(box)
    return box


def extend(store: Store, minutes: int = 5) -> ActiveBox:
    _running(store)
    with store.transaction():
        box = timer.extend(_running(store), store.clock.now(), minutes)
        store.box.put(box)
    return box


def finish(store: Store, *, note: str | None = None) -> Session:
    """Record the running box as a session and clear it, in one transaction. The session
    is saved before the box is cleared, and carries the box's id, so a crash between the
    two is recognised and never records it twice.

    A clock that reads before the box's start (it was set back) leaves nothing to
    record: the box is refused rather than stored as an empty session, and keeps
    running until the clock passes its start, or until it is cancelled."""
    _running(store)
    with store.transaction():
        box = _running(store)
        now = store.clock.now()
        session = timer.finish(box, now, note=note)
        if now < box.started and session.active_seconds == 0:
            raise timer.TimerError(
                f"the clock reads {format_duration((box.started - now).total_seconds())} "
                f"before the start of the {box.kind} box (was it set back?); finish it "
                "once the clock passes its start, or cancel it"
            )
        if not store.sessions.contains(session):
            store.sessions.add(session)
        store.box.clear()
    return session


class BoxChanged(timer.TimerError):
    """The box the user was asked about is no longer the one running as it was (another
    process stopped, paused or extended it meanwhile): nothing was changed."""

    def __init__(self, box: ActiveBox | None) -> None:
        self.box = box
        said = "no box is running now" if box is None else "the box changed since you were asked"
        super().__init__(f"{said}; nothing was cancelled")


def cancel(store: Store, seen: ActiveBox | None = None) -> ActiveBox:
    """Drop the running box; nothing is recorded. With `seen` (the box a question was
    about), only that box as it was: BoxChanged otherwise."""
    if seen is None:
        _running(store)
    with store.transaction():
        box = store.box.get()
        if seen is not None and box != seen:
            raise BoxChanged(box)
        if box is None:
            raise timer.TimerError("no box is running")
        store.box.clear()
    return box


def running(store: Store) -> ActiveBox | None:
    """The running box, as stored."""
    return store.box.get()


def started_between(store: Store, grid: DayGrid) -> int:
    """How many boxes (recorded sessions) started within the grid's days."""
    sessions = store.sessions.between(grid.start, grid.end)
    return sum(1 for s in sessions if grid.start <= s.start < grid.end)


def nothing_recorded(store: Store) -> bool:
    """No history and no cards yet: a first run."""
    return not store.months() and not store.items.all()


@dataclass(frozen=True)
class Recovery:
    """What start-up found: a box still running, or one recorded while nothing ran."""

    running: ActiveBox | None = None
    recorded: Session | None = None


def recover(store: Store) -> Recovery:
    """A countdown whose end passed while netbalance was closed is recorded as ending at
    its planned end (marked recovered). Anything else is left running."""
    box = store.box.get()
    if box is None:
        return Recovery()
    if timer.recover(box, store.clock.now()) is None:
        return Recovery(running=box)
    with store.transaction():
        box = store.box.get()
        if box is None:
            return Recovery()
        session = timer.recover(box, store.clock.now())
        if session is None:
            return Recovery(running=box)
        if not store.sessions.contains(session):
            store.sessions.add(session)
        store.box.clear()
    return Recovery(recorded=session)
