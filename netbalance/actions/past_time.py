"""Past time corrected: add, edit, split, delete a session — the `add`, `edit`, `split`
and `delete` commands and the History mode alike.

Each change is worked out on the data as read (bad input fails before a lock file or a
folder is made), then again inside ONE transaction on the data as it is then, and saved
once: one user action, one undo step. A refusal (HistoryError, OverlapError) is raised
inside it, so nothing is written.

An edit from the History form names the session as the user saw it: a change made
meanwhile by another process is merged field by field or refused (`core.revisions`), and
a session deleted meanwhile is never recorded again by the stale form. A delete names the
session it asked about: changed since, it asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from netbalance.actions import records
from netbalance.core import history
from netbalance.core.history import Changes
from netbalance.core.models import Interaction, Session, new_id
from netbalance.core.revisions import RecordGone, merge

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.store.store import Store


def named(session: Session, tz: tzinfo | None = None) -> str:
    return f"the {history.describe(session, tz)}" if tz else f"the {session.kind} session"


# reading ---------------------------------------------------------------------------


def resolve(store: Store, prefix: str) -> Session:
    """A session by its id or an unambiguous start of it (UnknownId otherwise)."""
    return store.sessions.resolve(prefix)


def current(store: Store, session_id: str) -> Session:
    """The session as stored now; RecordGone when it was deleted."""
    found = store.sessions.get(session_id)
    if found is None:
        raise RecordGone("the session")
    return found


def between(store: Store, start: datetime, end: datetime) -> list[Session]:
    """The sessions that overlap [start, end), in time order."""
    return store.sessions.between(start, end)


def interactions_between(store: Store, start: datetime, end: datetime) -> list[Interaction]:
    """The interactions logged in [start, end), in time order."""
    return store.interactions.between(start, end)


# changes ---------------------------------------------------------------------------


def plan_place(store: Store, session: Session, tz: tzinfo, *, trim: bool) -> Changes:
    """The changes that record `session` (new, or an edit of the stored one with its id):
    the session itself and the trims of the others. Reads only; raises on a refusal."""
    low, high = history.neighbourhood(session.start, session.end)
    changes = history.place(
        session,
        store.sessions.between(low, high),
        store.clock.now(),
        tz,
        trim=trim,
        new_id=new_id,
        box=store.box.get(),
    )
    if store.sessions.get(session.id) is not None:
        changes.updated.append(session)
    else:
        changes.added.append(session)
    return changes


def _write(store: Store, changes: Changes) -> Changes:
    """Save changes inside the caller's transaction; the sessions as stored."""
    for session in changes.removed:
        store.sessions.remove(session)
    changes.updated = [store.sessions.update(session) for session in changes.updated]
    if changes.added:
        store.sessions.add_many(changes.added)
    return changes


def record(store: Store, work: Callable[[], Changes]) -> Changes:
    """Work out a change on the data as read, then again on the data as it is and save
    it, in one transaction. `work` reads through these actions (plan_place, current)."""
    work()
    with store.transaction():
        return _write(store, work())


def add(store: Store, session: Session, tz: tzinfo, *, trim: bool) -> Changes:
    """Record a new session; raises (nothing written) on a refusal."""
    return record(store, lambda: plan_place(store, session, tz, trim=trim))


def edit(store: Store, seen: Session, wanted: Session, tz: tzinfo, *, trim: bool) -> Changes:
    """The session as the user edited it from `seen`, merged with what is stored now
    (EditConflict on a clash, RecordGone when deleted meanwhile)."""

    def work() -> Changes:
        stored = store.sessions.get(seen.id)
        if stored is None:
            raise RecordGone(named(seen, tz))
        return plan_place(store, merge(seen, stored, wanted, named(seen, tz)), tz, trim=trim)

    return record(store, work)


def split(store: Store, seen: Session, at: datetime, tz: tzinfo) -> tuple[Session, Session]:
    """Cut the session in two at `at`, in one transaction (the session as stored now)."""
    with store.transaction():
        first, second = history.split(current(store, seen.id), at, store.clock.now(), tz, new_id)
        _write(store, Changes(added=[second], updated=[first]))
    return first, second


def delete(store: Store, seen: Session) -> Session:
    """Delete the session the user was asked about: RecordChanged when it changed since
    (ask again), RecordGone when it is gone already."""
    return records.delete(store, store.sessions, seen, named)
