"""Running an import: the parsers of `imports/` read a file, these write what it adds,
all or nothing, for the `import` commands and the Contacts mode alike.

- Contacts (LinkedIn's `Connections.csv`, vCard): the file is parsed, planned against
  the contacts kept (new, merged, skipped, bad), and written in one transaction, planned
  again there on the contacts as they are then. A bad row and no `skip_bad`: BadRows,
  nothing written.
- Past time (Watson, Timewarrior): the entries not yet in history (same start, end and
  kind) are written in one transaction, so importing twice adds nothing; an open
  Timewarrior interval becomes the running box when none runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from netbalance.core.collector import kept_out
from netbalance.core.lazy import Lazy
from netbalance.core.models import ActiveBox, Contact, Session, new_id
from netbalance.imports import contacts as importing
from netbalance.imports.contacts import BadRows, Parsed, Plan, Progress

if TYPE_CHECKING:
    from netbalance.imports.past_time import Entry, OpenEntry
    from netbalance.store.store import Store

Doc = dict[str, Any]
Parser = Callable[[bytes, str, datetime, Progress | None], Parsed]


def contact_parser(kind: str) -> Parser:
    """The parser of `linkedin` or `vcard`."""
    if kind == "linkedin":
        from netbalance.imports.linkedin import parse
    elif kind == "vcard":
        from netbalance.imports.vcard import parse
    else:
        raise ValueError(f"no importer for {kind!r}")
    return parse


def contacts(
    store: Store,
    kind: str,
    data: bytes,
    source: str,
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> Plan:
    """Import a file's contacts: all or nothing. ImportFileError for a file that cannot be
    read at all, BadRows when a row is bad and `skip_bad` is off (nothing is written).

    What is written is planned once, outside the writer lock, and again under it only when
    another process changed the contacts meanwhile. The cyclic garbage collector waits
    meanwhile (an import of 100,000 rows makes millions of objects and no cycle: its
    passes over them were a third of the time), and each new contact is let go of as its
    document is made: the plan's `added` then reads the stored documents."""
    with kept_out():  # its records have no cycles: see core/collector.py
        now = store.clock.now()
        parsed: Parsed | None = contact_parser(kind)(data, source, now, progress)
        assert parsed is not None
        del data  # read: the caller may have let go of it too
        generation = store.main_generation
        current = store.contacts.all()
        result = importing.plan(current, parsed, now)
        if result.bad and not skip_bad and not dry_run:
            raise BadRows(source, result)
        if dry_run or not result.changes:
            return result
        with store.transaction():
            # planned again only when another process changed the contacts meanwhile:
            # the plan of tens of thousands of rows is most of an import's time
            if store.main_generation != generation:
                current = store.contacts.all()
                result = importing.plan(current, parsed, now)
            parsed = None  # its rows: the contacts `result` adds
            previous = {contact.id: contact for contact in current} if result.updated else {}
            for contact in result.updated:
                store.contacts.update(contact, previous=previous[contact.id])
            if result.added:
                from netbalance.store.codec import contact_from_doc

                assert isinstance(result.added, importing.Added)  # as `plan` makes it
                docs = store.contacts.insert_docs(_new_docs(result.added))
                result.added = Lazy(docs, contact_from_doc)  # read when asked for
        return result


T = TypeVar("T")


def _handed_out(records: list[T]) -> Iterator[T]:
    """The records in order, each let go of by the list as it is handed out (the list is
    empty at the end)."""
    records.reverse()
    while records:
        yield records.pop()


def _new_docs(added: importing.Added) -> list[Doc]:
    """The stored documents of the contacts a plan adds: a person of the file straight
    from their fields, by name (no Contact is made of them), any other contact by
    `contact_to_doc`. Each is let go of as its document is made."""
    from netbalance.core.instants import to_iso
    from netbalance.store.codec import contact_to_doc, new_contact_doc

    created = to_iso(added.created)
    docs: list[Doc] = []
    for entry in _handed_out(added.entries):
        if isinstance(entry, Contact):
            docs.append(contact_to_doc(entry))
            continue
        _line, record_id, name, organisation, role, email, url, how_met = entry
        docs.append(
            new_contact_doc(
                record_id,
                name,
                created,
                created,
                organisation=organisation,
                role=role,
                email=email,
                links=[url] if url else [],
                how_met=how_met,
            )
        )
    return docs


@dataclass
class PastTime:
    """What an import of past time brings (or would bring, on a dry run)."""

    entries: list[Entry]  # the new ones
    known: int  # entries already in history
    box: ActiveBox | None  # an open interval that becomes the running box
    box_note: str  # what became of an open interval, said


def _plan(store: Store, entries: list[Entry], running: OpenEntry | None) -> PastTime:
    from netbalance.core.history import LONGEST
    from netbalance.imports.past_time import fresh_entries

    now = store.clock.now()
    existing: list[Session] = []
    if entries:
        low = min(entry.start for entry in entries)
        high = max(entry.end for entry in entries)
        existing = store.sessions.between(low, high)
    fresh, known = fresh_entries(entries, existing)
    box, box_note = None, ""
    if running is not None:
        current = store.box.get()
        if current is not None and current.started == running.start:
            box_note = "the running interval is already the running box"
        elif current is not None:
            box_note = "the running interval was not imported: a box is running here"
        elif now - running.start > LONGEST:
            box_note = "the running interval was not imported: it has run for more than 24 h"
        else:
            box = ActiveBox(
                id=new_id(),
                kind=running.kind,
                started=running.start,
                updated=now,
                note=running.note,
                tags=running.tags,
            )
            box_note = f"the running interval is now the running {running.kind} box (stopwatch)"
    return PastTime(fresh, known, box, box_note)


def past_time(
    store: Store, entries: list[Entry], running: OpenEntry | None, *, dry_run: bool = False
) -> PastTime:
    """Write the entries that are new (and an open interval as the running box), in one
    transaction; on a dry run, say what would be written."""
    if dry_run:
        return _plan(store, entries, running)
    with store.transaction():  # writes nothing when nothing is new
        plan = _plan(store, entries, running)
        if plan.entries:
            store.sessions.add_new(plan.entries, store.clock.now())
        if plan.box is not None:
            store.box.put(plan.box)
    return plan
