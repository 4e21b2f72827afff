"""An edit and a delete of a stored record on the terms of `core.revisions`, the same for
cards, contacts and sessions: an edit merged with what was saved meanwhile (or refused on
a clash), a record deleted meanwhile never brought back, a delete only of the revision the
user was asked about. Each runs in the caller's transaction, or in one of its own."""

from __future__ import annotations

from collections.abc import Callable

from netbalance.core.revisions import RecordChanged, RecordGone, merge

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.store.repos import Record, _Repository
    from netbalance.store.store import Store


def edit(
    store: Store,
    repository: _Repository[Record],
    seen: Record,
    wanted: Record,
    named: Callable[[Record], str],
) -> Record:
    """`wanted` (made from `seen`) merged with the record as stored and saved; the record
    as stored. RecordGone when it was deleted, EditConflict on a clash."""
    with store.transaction():
        stored = repository.get(seen.id)
        if stored is None:
            raise RecordGone(named(seen))
        merged = merge(seen, stored, wanted, named(seen))
        return stored if merged == stored else repository.update(merged, previous=stored)


def delete(
    store: Store, repository: _Repository[Record], seen: Record, named: Callable[[Record], str]
) -> Record:
    """Delete the record at the revision the user saw; the record deleted. RecordChanged
    when it changed since (ask again), RecordGone when it is gone already."""
    with store.transaction():
        stored = repository.get(seen.id)
        if stored is None:
            raise RecordGone(named(seen))
        if stored.revision != seen.revision:
            raise RecordChanged(named(stored), stored)
        repository.remove(stored)
    return stored
