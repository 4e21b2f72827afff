"""The contact log written out for other programs: every contact as CSV (one row each,
with what the log says of them; cells made inert for spreadsheets) or as one vCard 3.0
file. Pure renderers: `actions.writing` writes the file.

A vCard carries every field of the contact: its id as UID, the notes as NOTE, and the
fields vCard has no property for as X-NETBALANCE-HOW-MET, X-NETBALANCE-CADENCE,
X-NETBALANCE-SNOOZED-UNTIL and X-NETBALANCE-CREATED, which `imports.vcard` reads back:
an export imported into a fresh file is the same contacts (text made inert aside), and
imported again into the file it came from adds and merges nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from netbalance.core.contacts import (
    VCARD_CADENCE,
    VCARD_CREATED,
    VCARD_HOW_MET,
    VCARD_SNOOZED_UNTIL,
    Derived,
)
from netbalance.core.instants import optional_iso, to_iso
from netbalance.core.models import Contact
from netbalance.exports.csv_rows import cell

CSV_HEADER = (
    "id",
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "links",
    "tags",
    "how met",
    "notes",
    "cadence days",
    "last contact",
    "interactions",
    "network minutes",
    "next due",
)


def to_csv(contacts: Sequence[Contact], derived: dict[str, Derived], tz_name: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for contact in contacts:
        values = derived.get(contact.id, Derived())
        writer.writerow(
            cell(value, lines=True)
            for value in (
                contact.id,
                contact.name,
                contact.organisation,
                contact.role,
                contact.email,
                contact.phone,
                " ".join(contact.links),
                ", ".join(contact.tags),
                contact.how_met,
                contact.notes,
                "" if contact.cadence_days is None else str(contact.cadence_days),
                optional_iso(values.last_contact) or "",
                str(values.interactions),
                str(values.minutes),
                "" if values.next_due is None else values.next_due.isoformat(),
            )
        )
    return out.getvalue()


def _inert(text: str) -> str:
    """Control and bidi characters shown as `\\x1b` (a vCard printed in a terminal cannot
    drive it), line breaks kept."""
    from netbalance.core.text import printable_lines

    return printable_lines(text)


def to_vcf(contacts: Iterable[Contact]) -> str:
    """Contacts as one vCard 3.0 file; user text made inert (`_inert`)."""
    import vobject

    cards: list[str] = []
    for contact in (_inert_contact(c) for c in contacts):
        card = vobject.vCard()
        card.add("fn").value = contact.name
        given, _, family = contact.name.rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if contact.organisation:
            card.add("org").value = [contact.organisation]
        if contact.role:
            card.add("title").value = contact.role
        if contact.email:
            email = card.add("email")
            email.value = contact.email
            email.type_param = "INTERNET"
        if contact.phone:
            card.add("tel").value = contact.phone
        for link in contact.links:
            card.add("url").value = link
        if contact.tags:
            card.add("categories").value = list(contact.tags)
        if contact.notes:
            card.add("note").value = contact.notes
        card.add("uid").value = contact.id
        for name, value in _own_fields(contact):
            card.add(name).value = value
        cards.append(card.serialize())
    return "".join(cards)


def _own_fields(contact: Contact) -> list[tuple[str, str]]:
    """The fields vCard has no property for, as (property, text); empty ones left out."""
    snoozed = contact.snoozed_until
    fields = [
        (VCARD_HOW_MET, contact.how_met),
        (VCARD_CADENCE, "" if contact.cadence_days is None else str(contact.cadence_days)),
        (VCARD_SNOOZED_UNTIL, "" if snoozed is None else snoozed.isoformat()),
        (VCARD_CREATED, to_iso(contact.created)),
    ]
    return [(name, value) for name, value in fields if value]


def _inert_contact(contact: Contact) -> Contact:
    from netbalance.core.models import replace

    return replace(
        contact,
        name=_inert(contact.name),
        organisation=_inert(contact.organisation),
        role=_inert(contact.role),
        email=_inert(contact.email),
        phone=_inert(contact.phone),
        how_met=_inert(contact.how_met),
        notes=_inert(contact.notes),
        links=tuple(_inert(link) for link in contact.links),
        tags=tuple(_inert(tag) for tag in contact.tags),
    )
