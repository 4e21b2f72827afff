"""Contacts brought in from a file: what a parser found, how it meets the contact log,
and the report.

A parser (linkedin.py, vcard.py) turns a file into `Parsed`: the contacts it read, each
with its line number (or, for LinkedIn's rows, each person's checked fields: a contact is
made of them only when a look-alike needs one), the rows it skipped (no name), and the
bad rows. `plan` then
matches them against the contacts already kept (`core.contacts.same_person`: the same
id, LinkedIn URL or email, or the same name and organisation unless different profiles
or emails tell them apart): a new person is added, a known one merged (empty fields
filled, links and tags added) or skipped when the file adds nothing; one that could be
any of several is skipped, naming them. Pure: `actions.imports` runs an import
and writes its plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netbalance.core.contacts import (
    describe,
    duplicate_keys,
    keys_of,
    merge,
    same_person,
    shares_address,
)
from netbalance.core.lazy import Lazy
from netbalance.core.models import Contact

Progress = Callable[[float], None]

# A new person as a file gives them, every field checked as `core.contacts` checks a
# contact typed in: [line, id, name, organisation, role, email, LinkedIn URL or "", how
# met]. Not a Contact and its Row: an export has 100,000 rows, nearly all of them someone
# new, whose stored documents are made straight from these fields. A list, not a tuple:
# as each person's document is made, the memory of their list (a list object and an
# array of eight) is taken up again by the document's (a dict and its lists), where a
# tuple's would stay empty beside them (a peak 10 MB higher for 100,000 rows).
Person = list[Any]


def person_contact(person: Person, created: datetime) -> Contact:
    """The contact a person's row makes, created (and last updated) at `created`."""
    _line, record_id, name, organisation, role, email, url, how_met = person
    return Contact(
        id=record_id,
        name=name,
        created=created,
        updated=created,
        organisation=organisation,
        role=role,
        email=email,
        links=(url,) if url else (),
        how_met=how_met,
    )


class ImportFileError(ValueError):
    """The file cannot be read at all (missing, not text, no header); one line."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    contact: Contact
    # the contact's id is the file's (a vCard's UID): two rows with ids of their own are
    # two records of the program that wrote the file, never merged into one
    own_id: bool = False


@dataclass(frozen=True, slots=True)
class Note:
    """A row the import left out (bad, or with nothing to import), and why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class Parsed:
    source: str
    contact_rows: list[Row] = field(default_factory=list)  # rows read as contacts (vCard)
    skipped: list[Note] = field(default_factory=list)
    bad: list[Note] = field(default_factory=list)
    # rows read as a person's fields (LinkedIn), after `contact_rows`; their contacts
    # are created at `created` (the instant the file was read)
    people: list[Person] = field(default_factory=list)
    created: datetime | None = None

    @property
    def rows(self) -> list[Row]:
        """Every row as its contact and its line, a person's made a contact here (a look
        at what a file holds: `plan` reads `contact_rows` and `people` themselves)."""
        rows = list(self.contact_rows)
        if self.people:
            assert self.created is not None
            rows += [Row(person[0], person_contact(person, self.created)) for person in self.people]
        return rows


class Added(Lazy[Contact | Person, Contact]):
    """The contacts a plan adds, in order: each a contact, or a person of the file whose
    contact is made only when asked for (an import adds 100,000 of them, and writes their
    documents straight from their fields: `entries`)."""

    def __init__(self, entries: list[Contact | Person], created: datetime) -> None:
        super().__init__(entries, self._contact)
        self.created = created

    def _contact(self, entry: Contact | Person) -> Contact:
        if isinstance(entry, Contact):
            return entry
        return person_contact(entry, self.created)


@dataclass
class Plan:
    added: Sequence[Contact] = field(default_factory=list)
    updated: list[Contact] = field(default_factory=list)  # existing contacts merged into
    merged: list[Note] = field(default_factory=list)
    skipped: list[Note] = field(default_factory=list)
    bad: list[Note] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.updated)


def plan(existing: Sequence[Contact], parsed: Parsed, now: datetime) -> Plan:
    """What importing `parsed` would do to `existing`: nothing is ever duplicated, within
    the file or against the log, and no two people are made one (`same_person`: the same
    id, LinkedIn URL or email, or the same name and organisation with no profile or email
    telling them apart). Two rows with ids of their own (a netbalance export's UIDs) are
    two records, never merged into each other.

    A person of the file who shares no key with anyone (most of a big file) stays the
    fields the file gave: a contact is made of them only when a later row could be them."""
    result = Plan(skipped=list(parsed.skipped), bad=list(parsed.bad))
    created = parsed.created if parsed.created is not None else now
    by_id: dict[str, Contact | Person] = {}
    index = _Index()
    kept: set[str] = set()

    def remember(contact: Contact, keys: Sequence[str] | None = None) -> None:
        by_id[contact.id] = contact
        index.add(contact.id, duplicate_keys(contact) if keys is None else keys)

    def known(record_id: str) -> Contact:
        found = by_id[record_id]
        if isinstance(found, Contact):
            return found
        contact = by_id[record_id] = person_contact(found, created)
        return contact

    for contact in existing:
        kept.add(contact.id)
        remember(contact)
    added: dict[str, Contact | Person] = {}
    updated: dict[str, Contact] = {}
    own_ids: set[str] = set()  # contacts added from rows with ids of their own
    no_others: set[str] = set()

    def look_alike(line: int, incoming: Contact, found: Iterable[str], own_id: bool) -> None:
        """A row that shares a key with a contact (or has its id): who it is, and what
        becomes of it."""
        keys = sorted(found)
        match = _match(incoming, keys, by_id, known, index, own_ids if own_id else no_others, now)
        if match is None:
            added[incoming.id] = incoming
            remember(incoming, keys)
            if own_id:
                own_ids.add(incoming.id)
            return
        if isinstance(match, list):
            listed = "; ".join(describe(contact) for contact in match[:3])
            more = f" and {len(match) - 3} more" if len(match) > 3 else ""
            result.skipped.append(
                Note(
                    line,
                    f"{incoming.name}: could be any of {len(match)} contacts ({listed}{more}); "
                    "merged into none: add or edit them by hand",
                )
            )
            return
        current = known(match)
        combined = merge(current, incoming, now)
        where = "kept" if match in kept else "earlier in the file"
        if combined is current:
            result.skipped.append(
                Note(line, f"{incoming.name}: already there ({where}), nothing new")
            )
            return
        remember(combined)
        if match in added:
            added[match] = combined
        else:
            updated[match] = combined
        result.merged.append(Note(line, f"{incoming.name}: merged into the contact {where}"))

    folded: dict[str, str] = {}  # organisation → its folded form (duplicate_keys)
    for row in parsed.contact_rows:
        incoming = row.contact
        found = keys_of(
            incoming.name, incoming.organisation, incoming.email, incoming.links, folded
        )
        if incoming.id not in by_id and index.add_if_new(incoming.id, found):
            # no contact shares a key with it (most rows of a big file): someone new
            added[incoming.id] = by_id[incoming.id] = incoming
            if row.own_id:
                own_ids.add(incoming.id)
            continue
        look_alike(row.line, incoming, found, row.own_id)
    for person in parsed.people:
        line, record_id, name, organisation, _role, email, url, _how_met = person
        found = keys_of(name, organisation, email, (url,) if url else (), folded)
        if record_id not in by_id and index.add_if_new(record_id, found):
            added[record_id] = by_id[record_id] = person  # someone new: kept as read
            continue
        look_alike(line, person_contact(person, created), found, False)
    result.added = Added(list(added.values()), created)
    result.updated = list(updated.values())
    result.skipped.sort(key=lambda note: note.line)
    return result


class _Index:
    """Duplicate key → the ids of the contacts with it, in the order they came.

    A key is kept as its hash, and one id as itself (a list only for a key several
    contacts share): an import of 100,000 rows keeps 300,000 keys. A hash two keys
    share only makes a candidate more; `same_person` decides who is whom."""

    def __init__(self) -> None:
        self._ids: dict[int, str | list[str]] = {}

    def add(self, record_id: str, keys: Iterable[str]) -> None:
        ids = self._ids
        for key in keys:
            hashed = hash(key)
            found = ids.get(hashed)
            if found is None:
                ids[hashed] = record_id
            elif isinstance(found, str):
                if found != record_id:
                    ids[hashed] = [found, record_id]
            elif record_id not in found:
                found.append(record_id)

    def add_if_new(self, record_id: str, keys: Iterable[str]) -> bool:
        """`add` when no contact has any of `keys` yet (True); else nothing (False)."""
        ids = self._ids
        hashes = [hash(key) for key in keys]
        for hashed in hashes:
            if hashed in ids:
                return False
        for hashed in hashes:
            ids[hashed] = record_id
        return True

    def candidates(self, keys: Iterable[str], others: set[str]) -> list[str]:
        """The ids under any of `keys` but `others`, each once, in the order found."""
        found: list[str] = []
        get = self._ids.get
        for key in keys:
            ids = get(hash(key))
            if ids is None:
                continue
            for record_id in (ids,) if isinstance(ids, str) else ids:
                if record_id not in others and record_id not in found:
                    found.append(record_id)
        return found


def _match(
    incoming: Contact,
    keys: Sequence[str],
    by_id: Mapping[str, object],
    known: Callable[[str], Contact],
    index: _Index,
    others: set[str],
    now: datetime,
) -> str | list[Contact] | None:
    """The id of the one contact `incoming` is (None: nobody yet), or the contacts it
    could be when several are and nothing tells which (unless it adds nothing to one).
    `keys` are its duplicate keys, sorted; `others` are other people whatever they look
    like: the file's other records. `known` gives the contact of an id of `by_id`."""
    if incoming.id in by_id:
        return incoming.id
    candidates = index.candidates(keys, others)
    if not candidates:
        return None
    contacts = [known(found) for found in candidates]
    matches = [contact for contact in contacts if same_person(contact, incoming)]
    if len(matches) > 1:
        sure = [contact for contact in matches if shares_address(contact, incoming)]
        if len(sure) == 1:
            matches = sure
    if len(matches) > 1:
        for contact in matches:
            if merge(contact, incoming, now) is contact:
                return contact.id  # already there: nothing to choose
        return matches
    return matches[0].id if matches else None


def report(plan: Plan, *, dry_run: bool, written: bool, skip_bad: bool = True) -> list[str]:
    """The report: a summary line, then one line per bad, merged or skipped row."""
    lines = [f"bad: {note}" for note in plan.bad]
    lines += [f"merged: {note}" for note in plan.merged]
    lines += [f"skipped: {note}" for note in plan.skipped]
    counts = (
        f"{len(plan.added)} new, {len(plan.merged)} merged, {len(plan.skipped)} skipped, "
        f"{len(plan.bad)} bad"
    )
    if dry_run and plan.bad and not skip_bad:
        lines.append(
            f"dry run: {len(plan.bad)} bad rows, so the import would write nothing; "
            f"with --skip-bad it would import {counts}"
        )
    elif dry_run:
        lines.append(f"dry run: would import {counts}; nothing was written")
    elif written:
        lines.append(f"imported {counts}")
    else:
        lines.append(f"nothing to import: {counts}")
    return lines


def decode(data: bytes, source: str) -> str:
    """The file's text: UTF-8 (a BOM is dropped). Bad bytes name their line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data.count(b"\n", 0, problem.start) + 1
        raise ImportFileError(
            f"{source}: line {line} is not UTF-8 text; save the file as UTF-8 and try again"
        ) from None


class BadRows(ValueError):
    """Bad rows and no --skip-bad: nothing was written."""

    def __init__(self, source: str, plan: Plan) -> None:
        self.plan = plan
        count = len(plan.bad)
        super().__init__(
            f"{source}: {count} bad row{'s' if count != 1 else ''}; nothing was imported "
            "(fix them, or skip them to import the rest)"
        )
