"""The running box, kept in the store: what the CLI and the app both do with it.

Each action is one transaction: read the stored box (as another process may have left
it), apply the state machine in `core.timer`, store the result.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from netbalance.core import timer  # core.history: where a box ends or starts back in time
from netbalance.core.instants import format_clock, format_length
from netbalance.core.models import ActiveBox, Kind, Session
from netbalance.core.named import NamedTuple
from netbalance.store.store import Store

if TYPE_CHECKING:
    from netbalance.core.weeks import DayGrid


def describe(box: ActiveBox, now: datetime, tz: tzinfo | None = None) -> str:
    """`produce box from 09:00 (12:40 left)` — names a box in an error or a notice;
    without `tz` the clock time is left out."""
    remaining = timer.remaining_seconds(box, now)
    if remaining is None:
        when = f"{format_clock(timer.elapsed_seconds(box, now))} elapsed"
    else:
        when = f"{format_clock(remaining)} left"
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
    tags: tuple[str, ...] = (),
    at: datetime | None = None,
    tz: tzinfo = UTC,
) -> ActiveBox:
    """Start a box now, or at `at` (`start --at`): a time in the last 24 hours, after
    every recorded session, at which a countdown of `minutes` would still be running;
    refused otherwise, naming the session it would be over."""
    with store.transaction():
        current = store.box.get()
        now = store.clock.now()
        if current is not None:
            raise timer.TimerError(f"a {describe(current, now)} is running; stop it first")
        if at is not None:
            _check_start(store, kind, at, minutes, now, tz)
        box = timer.start(
            kind,
            now,
            minutes=minutes,
            item_id=item_id,
            item_title=item_title,
            contact_id=contact_id,
            contact_name=contact_name,
            note=note,
            tags=tags,
            started=at,
        )
        store.box.put(box)
    return box


def _check_start(
    store: Store, kind: Kind, at: datetime, minutes: int | None, now: datetime, tz: tzinfo
) -> None:
    """`start --at`: not in the future, at most 24 hours back, a countdown still running
    now, and over no recorded session (named)."""
    from netbalance.core import history

    when = f"{at.astimezone(tz):%a %d %b %H:%M}"
    if at > now:
        raise timer.TimerError(f"{when} is in the future; a box starts now at the latest")
    if now - at > history.LONGEST:
        raise timer.TimerError(
            f"{when} is more than 24 h ago; record that time with `netbalance add` instead"
        )
    if minutes is not None and at + timedelta(minutes=minutes) <= now:
        end = (at + timedelta(minutes=minutes)).astimezone(tz)
        local = at.astimezone(tz)
        typed = (
            f"{local:%H:%M}"
            if local.date() == now.astimezone(tz).date()
            else f"{local:%Y-%m-%d %H:%M}"
        )
        raise timer.TimerError(
            f"a {minutes} m {kind} box from {when} would have ended at {end:%H:%M}; record it "
            f"with `netbalance add {kind} {typed} {minutes}m`, or start a longer one "
            "(--minutes) or a stopwatch"
        )
    others = history.overlapping(store.sessions.between(*history.neighbourhood(at, now)), at, now)
    if others:
        last = max(others, key=lambda s: s.end)
        raise timer.TimerError(
            f"a box from {when} would be over {history.describe(last, tz)}; start it at "
            f"{last.end.astimezone(tz):%H:%M} or later"
        )


def last_session(store: Store) -> Session | None:
    """The most recently started recorded session (the newest month file that has one)."""
    for month in reversed(store.months()):
        year, number = int(month[:4]), int(month[5:7])
        low = datetime(year, number, 1, tzinfo=UTC)
        high = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=UTC)
        found = [s for s in store.sessions.between(low, high) if low <= s.start < high]
        if found:
            return max(found, key=lambda s: (s.start, s.end))
    return None


class Restarted(NamedTuple):
    """`restart`: the box started and the session it repeats."""

    box: ActiveBox
    again: Session


def restart(
    store: Store,
    *,
    minutes: int | None = None,
    stopwatch: bool = False,
    note: str | None = None,
    at: datetime | None = None,
    tz: tzinfo = UTC,
) -> Restarted:
    """The last box again: its kind, its length (a countdown of its planned minutes, a
    stopwatch for a stopwatch or a session added after the fact), its card or contact
    (as named now; a deleted one is left out) and its tags, with `note` (none by
    default: a note says what one box did); `minutes` and `stopwatch` change the length."""
    again = last_session(store)
    if again is None:
        raise timer.TimerError("nothing to restart: no box was recorded yet")
    length = None if again.planned_seconds is None else max(1, again.planned_seconds // 60)
    if stopwatch:
        length = None
    elif minutes is not None:
        length = minutes
    item = None if again.item_id is None else store.items.get(again.item_id)
    contact = None if again.contact_id is None else store.contacts.get(again.contact_id)
    box = start(
        store,
        again.kind,
        minutes=length,
        item_id=again.item_id if item is not None else None,
        item_title=item.title if item is not None else None,
        contact_id=again.contact_id if contact is not None else None,
        contact_name=contact.name if contact is not None else None,
        note=note or "",
        tags=again.tags,
        at=at,
        tz=tz,
    )
    return Restarted(box, again)


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


class Finished(NamedTuple):
    """A box finished: its session as stored. `already`: it had been recorded before —
    its box file came back after its stop (a sync tool, a restored backup) — so nothing
    new was recorded and the stale box is cleared."""

    session: Session
    already: bool = False


class TooShort(timer.TimerError):
    """The box ran for less than the minimum (`boxes.minimum_minutes`): it is not
    recorded as a box. Nothing was changed: cancel it, keep it running, or record it as
    it is (`--force`)."""

    def __init__(self, session: Session, minimum_minutes: int) -> None:
        self.session = session
        super().__init__(
            f"the {session.kind} box ran {format_length(session.active_seconds)}, under the "
            f"{minimum_minutes} m a box is recorded from (boxes.minimum_minutes); nothing "
            "was recorded"
        )


class NeedsEnd(timer.TimerError):
    """Recording the box as it is would break what every recorded session keeps (as
    `add` does: at most 24 hours, over no other session). Nothing was changed: the user
    gives the time it ended (`stop --at TIME`, the app's form, prefilled with
    `suggested`) or records it as it is (`--force`)."""

    def __init__(self, problem: str, box: ActiveBox, suggested: datetime) -> None:
        super().__init__(problem)
        self.problem = problem
        self.box = box
        self.suggested = suggested


def _neighbours(store: Store, box: ActiveBox, end: datetime) -> list[Session]:
    """The recorded sessions a session of the box until `end` could meet (and its own,
    when it was recorded already)."""
    from netbalance.core import history

    return store.sessions.between(*history.neighbourhood(box.started, end))


def _recorded_already(box: ActiveBox, neighbours: list[Session]) -> Session | None:
    """The session this box was recorded as (it carries the box's id), if it was."""
    return next((s for s in neighbours if s.id == box.id), None)


def _problem(session: Session, neighbours: list[Session], tz: tzinfo) -> str | None:
    """Why `session` may not be recorded as it is: longer than 24 hours, or over
    another session (the rules `add` keeps); None when it may."""
    from netbalance.core import history

    start, end = session.start.astimezone(tz), session.end.astimezone(tz)
    what = f"the {session.kind} box from {start:%a %d %b %H:%M} recorded until {end:%a %d %b %H:%M}"
    span = session.end - session.start
    if span > history.LONGEST:
        hours = span.total_seconds() / 3600
        return f"{what} would last {hours:.1f} h; a recorded session is at most 24 h"
    others = history.overlapping(neighbours, session.start, session.end, ignore=[session.id])
    if not others:
        return None
    more = f" and {len(others) - 1} more" if len(others) > 1 else ""
    return f"{what} would overlap {history.describe(others[0], tz)}{more}"


def _suggested_end(box: ActiveBox, session: Session, neighbours: list[Session]) -> datetime:
    """A sensible end to offer: the box's own end, but no later than 24 hours after its
    start nor than the start of the next recorded session."""
    from netbalance.core import history

    end = min(session.end, box.started + history.LONGEST)
    later = [s.start for s in neighbours if s.id != box.id and s.start >= box.started]
    return min([end, *later])


def _check_end(box: ActiveBox, at: datetime | None, now: datetime, tz: tzinfo) -> None:
    """`stop --at`: a time after the box's start and not in the future."""
    if at is None:
        return
    when = at.astimezone(tz)
    if at > now:
        raise timer.TimerError(
            f"{when:%a %d %b %H:%M} is in the future; a box is recorded until now at the latest"
        )
    if at < box.started:
        raise timer.TimerError(
            f"{when:%a %d %b %H:%M} is before the start of the {box.kind} box, "
            f"{box.started.astimezone(tz):%a %d %b %H:%M}"
        )


def finish(store: Store, *, note: str | None = None) -> Session:
    """Record the running box now (see `stop`): the session as stored."""
    return stop(store, note=note).session


def stop(
    store: Store,
    *,
    note: str | None = None,
    at: datetime | None = None,
    force: bool = False,
    tz: tzinfo = UTC,
    wait: float | None = None,
    minimum_minutes: int = 0,
) -> Finished:
    """Record the running box as a session and clear it, in one transaction. The session
    is saved before the box is cleared, and carries the box's id, so a crash between the
    two is recognised and never records it twice; a box found recorded already (its box
    file came back after its stop) is cleared, and says so (`Finished.already`).

    `at` records it until that time (`stop --at`): refused before the start or in the
    future. A session that would be longer than 24 hours or over another session is
    refused with NeedsEnd, and one shorter than `minimum_minutes` with TooShort, unless
    `force` (record it as it is). `wait`: how long to wait
    for another process's lock (LockTimeout after that; the app tries again later).

    A clock that reads before the box's start (it was set back) leaves nothing to
    record: the box is refused rather than stored as an empty session, and keeps
    running until the clock passes its start, or until it is cancelled."""
    _check_end(_running(store), at, store.clock.now(), tz)
    with store.waiting(wait) if wait is not None else nullcontext(), store.transaction():
        box = _running(store)
        now = store.clock.now()
        _check_end(box, at, now, tz)
        session = timer.finish(box, now, note=note, until=at)
        if at is None and now < box.started and session.active_seconds == 0:
            raise timer.TimerError(
                f"the clock reads {format_length((box.started - now).total_seconds())} "
                f"before the start of the {box.kind} box (was it set back?); finish it "
                "once the clock passes its start, or cancel it"
            )
        neighbours = _neighbours(store, box, max(session.end, now))
        stored = _recorded_already(box, neighbours)
        if stored is not None:
            store.box.clear()
            return Finished(stored, already=True)
        if not force and session.active_seconds < minimum_minutes * 60:
            raise TooShort(session, minimum_minutes)
        problem = None if force else _problem(session, neighbours, tz)
        if problem is not None:
            raise NeedsEnd(problem, box, _suggested_end(box, session, neighbours))
        store.sessions.add(session)
        store.box.clear()
    return Finished(session)


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


class Recovery(NamedTuple):
    """What start-up found: a box still running, or one recorded while nothing ran
    (`already`: recorded before, its box file came back after its stop)."""

    running: ActiveBox | None = None
    recorded: Session | None = None
    already: bool = False


def recover(store: Store, *, wait: float | None = None) -> Recovery:
    """A countdown whose end passed while netbalance was closed is recorded as ending at
    its planned end (marked recovered), unless that session would be over another one
    (or longer than 24 hours): then it is left for the user to finish (`stop --at`, the
    app's question). Anything else is left running. `wait` as for `stop`."""
    box = store.box.get()
    if box is None:
        return Recovery()
    if timer.recover(box, store.clock.now()) is None:
        return Recovery(running=box)
    with store.waiting(wait) if wait is not None else nullcontext(), store.transaction():
        box = store.box.get()
        if box is None:
            return Recovery()
        session = timer.recover(box, store.clock.now())
        if session is None:
            return Recovery(running=box)
        neighbours = _neighbours(store, box, session.end)
        stored = _recorded_already(box, neighbours)
        if stored is not None:
            store.box.clear()
            return Recovery(recorded=stored, already=True)
        if _problem(session, neighbours, UTC) is not None:
            return Recovery(running=box)
        store.sessions.add(session)
        store.box.clear()
    return Recovery(recorded=session)
