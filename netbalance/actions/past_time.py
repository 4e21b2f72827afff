"""Past time corrected in the store: add, edit, split, delete a session.

Shared by the command line and the History mode. Each function reads what it needs and
writes in ONE transaction (one user action, one undo step); a refusal (HistoryError,
OverlapError) is raised inside it, so nothing is written.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from netbalance.core import history
from netbalance.core.history import Changes
from netbalance.core.models import Session, new_id
from netbalance.store.repos import UnknownId
from netbalance.store.store import Store


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


def write(store: Store, changes: Changes) -> None:
    """Save changes (inside the caller's transaction, or in one of their own)."""
    with store.transaction():
        for session in changes.removed:
            store.sessions.remove(session)
        for session in changes.updated:
            store.sessions.update(session)
        if changes.added:
            store.sessions.add_many(changes.added)


def place(store: Store, session: Session, tz: tzinfo, *, trim: bool) -> Changes:
    """Add or edit a session in one transaction; raises (nothing written) on a refusal."""
    with store.transaction():
        changes = plan_place(store, session, tz, trim=trim)
        write(store, changes)
    return changes


def current(store: Store, session_id: str) -> Session:
    found = store.sessions.get(session_id)
    if found is None:
        raise UnknownId("session", session_id)
    return found


def split(store: Store, session_id: str, at: datetime, tz: tzinfo) -> tuple[Session, Session]:
    """Cut a stored session in two at `at`, in one transaction."""
    with store.transaction():
        first, second = history.split(current(store, session_id), at, store.clock.now(), tz, new_id)
        write(store, Changes(added=[second], updated=[first]))
    return first, second


def delete(store: Store, session_id: str) -> Session:
    with store.transaction():
        session = current(store, session_id)
        store.sessions.remove(session)
    return session
