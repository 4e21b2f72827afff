"""What all of history says about every contact (core.contacts' derived values), read
for the Contacts mode in a worker thread, fast enough for 50,000 interactions.

What makes it fast:

- it tallies the stored documents as they are, without decoding each into an
  `Interaction` (the newest `when` is found by comparing the stored text: instants are
  stored in one UTC ISO form, so text order is time order, as `between` relies on). Only
  what is shown is decoded: each contact's newest instant and follow-up dates, and a
  contact's own history when it is selected (`Counted.history`);
- each month's tally is kept in memory keyed on its history file's signature (inode,
  size, mtime: every save is a rename), so counting again after a save, or opening the
  mode again, reads only the months that changed. The first count in a process reads
  every month;
- what is kept is plain tuples of text and numbers (and each month's table of
  documents, as parsed), which the garbage collector stops following: keeping 50,000
  interactions makes no later collection slower.

It reads through a Store of its own (safe in a worker thread) and never writes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from netbalance.core import contacts as rules
from netbalance.core.clock import Clock
from netbalance.core.contacts import DerivedValues
from netbalance.core.due import Tally
from netbalance.core.instants import from_iso
from netbalance.core.models import Contact, Interaction, Kind
from netbalance.store import codec
from netbalance.store.errors import DataFileError, StoreError
from netbalance.store.files import Signature, file_signature
from netbalance.store.store import Store

Doc = dict[str, Any]
NETWORK = Kind.NETWORK.value

# One contact's interactions in one month: (count, minutes, the newest `when` (the later
# one on a tie), that one's follow-up, every follow-up, the documents' keys in the table,
# the id of each follow-up's interaction, the id of the newest one).
_Sum = tuple[int, int, str, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class _Month:
    """A month's history file, tallied."""

    table: dict[str, Doc]  # its interactions as parsed, by document key
    sums: dict[str, _Sum]  # by contact id
    linked: frozenset[str]  # the sessions that interactions carry
    sessions: tuple[tuple[str, Doc], ...]  # network sessions with a contact, by id
    done: frozenset[str]  # the interactions whose follow-up another one followed up


@dataclass(frozen=True)
class Counted:
    """What the worker read: the derived values, and where each contact's history is."""

    derived: DerivedValues
    months: tuple[_Month, ...]

    def history(self, contact_id: str) -> list[Interaction]:
        """A contact's interactions, newest first (decoded now: only this one's)."""
        found = []
        for month in self.months:
            sums = month.sums.get(contact_id)
            if sums is None:
                continue
            for key in sums[5]:
                try:
                    found.append(codec.interaction_from_doc(month.table[key]))
                except (KeyError, TypeError, ValueError):
                    continue  # the store's own reads name a malformed record
        found.sort(key=lambda interaction: interaction.when, reverse=True)
        return found


@dataclass(frozen=True)
class _History:
    """All months combined: what the derived values are made from."""

    tallies: dict[str, Tally]
    extra: dict[str, int]  # minutes of network sessions no interaction carries
    boxes: dict[str, datetime]  # the start of each contact's newest network box


@dataclass
class _Kept:
    """What is kept of one data file: each month's tally and the last combination."""

    months: dict[str, tuple[Signature, _Month]] = field(default_factory=dict)  # by path
    combined: tuple[tuple[tuple[str, Signature], ...], _History] | None = None


class _Cache:
    """What is kept of the last few data files (a process normally has one)."""

    KEEP_STORES = 4

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stores: dict[str, _Kept] = {}

    def of(self, stem: str) -> _Kept:
        with self.lock:
            kept = self.stores.pop(stem, None) or _Kept()
            self.stores[stem] = kept  # the newest last
            while len(self.stores) > self.KEEP_STORES:
                del self.stores[next(iter(self.stores))]
            return kept


_cache = _Cache()


def count(path: str, clock: Clock, contacts: Iterable[Contact], tz: tzinfo) -> Counted:
    """The derived values of `contacts` from all of the history of the data file at
    `path`. Raises StoreError when a history file cannot be read or holds a malformed
    record."""
    reader = Store(path, clock)
    kept = _cache.of(reader.stem)
    months: list[_Month] = []
    key: list[tuple[str, Signature]] = []
    for name in reader.months():
        data_file = reader.month_file(name)
        # the signature first: the file read is at least as new, so a change made
        # meanwhile shows as another signature next time
        signature = file_signature(data_file.path)
        known = kept.months.get(data_file.path)
        if signature is not None and known is not None and known[0] == signature:
            month = known[1]
        else:
            month = _tally(data_file.data, data_file.path)
            if signature is None:
                continue  # gone since it was listed
            kept.months[data_file.path] = (signature, month)
        months.append(month)
        key.append((data_file.path, signature))
    for gone in set(kept.months) - {month_path for month_path, _ in key}:
        kept.months.pop(gone, None)
    if kept.combined is not None and kept.combined[0] == tuple(key):
        history = kept.combined[1]
    else:
        history = _combine(months)
        kept.combined = (tuple(key), history)
    derived = DerivedValues(contacts, history.tallies, history.extra, tz, history.boxes)
    return Counted(derived, tuple(months))


@dataclass(slots=True)
class _Sums:
    """A `_Sum` while it is added up."""

    count: int = 0
    minutes: int = 0
    last: str = ""
    last_follow_up: str | None = None
    follow_ups: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    follow_up_ids: list[str] = field(default_factory=list)
    last_id: str = ""


def _tally(data: dict[str, dict[str, Doc]], path: str) -> _Month:
    table = data.get("interactions", {})
    sums: dict[str, _Sums] = {}
    linked: set[str] = set()
    done: set[str] = set()
    doc: Doc = {}
    try:
        for key, doc in table.items():
            contact_id: str = doc["contact_id"]
            found = sums.get(contact_id)
            if found is None:
                found = sums[contact_id] = _Sums()
            found.count += 1
            found.minutes += doc.get("minutes", 0)
            found.keys.append(key)
            when: str = doc["when"]
            follow_up = doc.get("follow_up")
            if when >= found.last:
                found.last = when
                found.last_follow_up = follow_up
                found.last_id = doc["id"]
            if follow_up is not None:
                found.follow_ups.append(follow_up)
                found.follow_up_ids.append(doc["id"])
            follows_up = doc.get("follows_up")
            if follows_up is not None:
                done.add(follows_up)
            session_id = doc.get("session_id")
            if session_id is not None:
                linked.add(session_id)
        sessions = tuple(
            (doc["id"], doc)
            for doc in data.get("sessions", {}).values()
            if doc.get("kind") == NETWORK and doc.get("contact_id")
        )
    except (KeyError, TypeError, ValueError) as error:
        problem = f"a malformed record {doc.get('id', '')!r}: {error!r}"
        raise DataFileError(path, problem, None) from None
    kept: dict[str, _Sum] = {
        contact_id: (
            found.count,
            found.minutes,
            found.last,
            found.last_follow_up,
            tuple(found.follow_ups),
            tuple(found.keys),
            tuple(found.follow_up_ids),
            found.last_id,
        )
        for contact_id, found in sums.items()
    }
    return _Month(table, kept, frozenset(linked), sessions, frozenset(done))


def _combine(months: list[_Month]) -> _History:
    """The months' tallies (oldest first) combined."""
    totals: dict[str, _Sums] = {}
    linked: set[str] = set()
    done: set[str] = set()
    for month in months:
        linked.update(month.linked)
        done.update(month.done)
        for contact_id, (
            count,
            minutes,
            last,
            last_follow_up,
            follow_ups,
            _keys,
            follow_up_ids,
            last_id,
        ) in month.sums.items():
            total = totals.get(contact_id)
            if total is None:
                total = totals[contact_id] = _Sums()
            total.count += count
            total.minutes += minutes
            if last >= total.last:
                total.last, total.last_follow_up, total.last_id = last, last_follow_up, last_id
            if follow_ups:
                total.follow_ups.extend(follow_ups)
                total.follow_up_ids.extend(follow_up_ids)
    newest: dict[str, str] = {}  # contact id → its newest box's start, as stored
    for month in months:
        for _session_id, doc in month.sessions:
            start = doc.get("start")
            if isinstance(start, str) and start > newest.get(doc["contact_id"], ""):
                newest[doc["contact_id"]] = start
    try:
        tallies = {contact_id: _decoded(total, done) for contact_id, total in totals.items()}
        boxes = {contact_id: from_iso(start) for contact_id, start in newest.items()}
        sessions = [
            codec.session_from_doc(doc)
            for month in months
            for session_id, doc in month.sessions
            if session_id not in linked
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(f"a malformed history record: {error!r}") from None
    return _History(tallies, rules.session_minutes(sessions, linked), boxes)


def _decoded(total: _Sums, done: set[str]) -> Tally:
    """A contact's sums as a tally: follow-ups that another interaction followed up are
    done (`core.contacts.tally`)."""
    return Tally(
        count=total.count,
        minutes=total.minutes,
        last_when=from_iso(total.last) if total.last else None,
        last_follow_up=None if total.last_id in done else _day(total.last_follow_up),
        follow_ups=[
            date.fromisoformat(day)
            for day, record_id in zip(total.follow_ups, total.follow_up_ids, strict=True)
            if record_id not in done
        ]
        or None,
    )


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
