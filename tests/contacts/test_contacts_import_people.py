"""LinkedIn rows read as a person's fields, not as contacts: the documents written straight
from those fields are the documents a contact of them makes, and their duplicate keys are
the contact's."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import orjson

from netbalance.actions import imports
from netbalance.core.clock import FakeClock
from netbalance.core.contacts import duplicate_keys, keys_of
from netbalance.core.models import Contact, new_ids, replace
from netbalance.imports import contacts as importing
from netbalance.imports import linkedin
from netbalance.store import codec
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def connections(*rows: str) -> bytes:
    return ("\ufeffNotes:\r\n\r\n" + HEADER + "\r\n" + "".join(r + "\r\n" for r in rows)).encode()


FILE = connections(
    "Ada,Lovelace,https://www.linkedin.com/in/ada/,ada@example.com,Analytical,Eng,12 Mar 2024",
    "Grace,Hopper,,,Navy,,",
    '"  José ","García  ",,JOSE@Example.com,"Acme,  Inc",CTO,2024-03-12',
    "Alan,Turing,HTTPS://LinkedIn.com/in/Alan?x=1,,Bletchley Park,,",
    "Grace,Hopper,,grace@navy.example,Navy,Admiral,",  # the Grace Hopper above: merged
)


def test_a_persons_duplicate_keys_are_their_contacts() -> None:
    parsed = linkedin.parse(FILE, "Connections.csv", NOW)
    assert len(parsed.people) == 5 and parsed.contact_rows == []
    for person, row in zip(parsed.people, parsed.rows, strict=True):
        _line, _id, name, organisation, _role, email, url, _how_met = person
        links = (url,) if url else ()
        keys = keys_of(name, organisation, email, links)
        assert set(keys) == duplicate_keys(row.contact) and len(set(keys)) == len(keys)
    folded: dict[str, str] = {}
    ada = parsed.rows[0].contact
    assert keys_of(ada.name, ada.organisation, ada.email, ada.links, folded) == [
        "url:linkedin.com/in/ada",
        "email:ada@example.com",
        "name:ada lovelace|analytical",
    ]
    assert folded == {"Analytical": "analytical"}
    # two links to one profile are one key, as in duplicate_keys' set
    links = ("https://www.linkedin.com/in/ada/", "linkedin.com/in/ada?x=1", "https://ada.example")
    assert keys_of("Ada", "", "", links) == ["url:linkedin.com/in/ada", "name:ada|"]


def test_the_documents_written_are_those_of_the_contacts_planned(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    dry = imports.contacts(store, "linkedin", FILE, "Connections.csv", dry_run=True)
    assert isinstance(dry.added, importing.Added)
    # four new people, one of them (Grace Hopper) a contact merged from a later row
    assert [type(entry) for entry in dry.added.entries] == [list, Contact, list, list]
    planned = list(dry.added)
    written = imports.contacts(store, "linkedin", FILE, "Connections.csv").added
    stored = orjson.loads((tmp_path / "nb.json").read_bytes())["contacts"]
    assert len(stored) == len(planned) == len(written) == 4
    for doc, contact in zip(stored.values(), written, strict=True):
        # byte for byte, keys in the same order, as `contact_to_doc` writes the contact
        assert orjson.dumps(doc) == orjson.dumps(codec.contact_to_doc(contact))
    assert [replace(c, id="") for c in written] == [replace(c, id="") for c in planned]
    grace = next(c for c in written if c.name == "Grace Hopper")
    assert (grace.email, grace.role, grace.organisation) == (
        "grace@navy.example",
        "Admiral",
        "Navy",
    )
    jose = next(c for c in written if c.name == "José García")
    assert (jose.organisation, jose.email, jose.how_met) == (
        "Acme,  Inc",
        "JOSE@Example.com",
        "LinkedIn, 2024-03-12",
    )


def test_a_new_contacts_document_made_by_field_name_is_contact_to_docs() -> None:
    contact = Contact(
        id="c1",
        name="Ada",
        created=NOW,
        updated=NOW,
        organisation="Analytical",
        role="Engineer",
        email="ada@example.com",
        phone="+44",
        links=("https://linkedin.com/in/ada",),
        tags=("math",),
        how_met="LinkedIn",
        notes="first",
    )
    made = codec.new_contact_doc(
        "c1",
        "Ada",
        "2026-11-28T09:00:00+00:00",
        "2026-11-28T09:00:00+00:00",
        organisation="Analytical",
        role="Engineer",
        email="ada@example.com",
        phone="+44",
        links=["https://linkedin.com/in/ada"],
        tags=["math"],
        how_met="LinkedIn",
        notes="first",
    )
    assert orjson.dumps(made) == orjson.dumps(codec.contact_to_doc(contact))
    assert codec.contact_from_doc(made) == contact


def test_an_edited_contacts_document_keeps_its_field_order() -> None:
    edited = Contact(
        id="c1",
        name="Ada",
        created=NOW,
        updated=datetime(2026, 11, 29, tzinfo=UTC),
        cadence_days=30,
        snoozed_until=date(2026, 12, 24),
        revision=3,
    )
    doc = codec.contact_to_doc(edited)
    assert list(doc) == [
        "id",
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "links",
        "tags",
        "how_met",
        "notes",
        "cadence_days",
        "snoozed_until",
        "rev",
        "created",
        "updated",
    ]
    assert codec.contact_from_doc(doc) == edited
    never_snoozed = codec.contact_to_doc(replace(edited, snoozed_until=None))
    assert "snoozed_until" not in never_snoozed and list(never_snoozed)[-2:] == [
        "created",
        "updated",
    ]


def test_ids_laid_out_a_column_at_a_time_are_whole_random_uuids() -> None:
    assert new_ids(0) == []
    [one] = new_ids(1)
    assert uuid.UUID(one).version == 4 and str(uuid.UUID(one)) == one
    ids = new_ids(600)
    assert all(len(made) == 36 and uuid.UUID(made).version == 4 for made in ids)
    for position in range(36):
        seen = {made[position] for made in ids}
        if position in (8, 13, 18, 23):
            assert seen == {"-"}
        elif position == 14:
            assert seen == {"4"}
        elif position == 19:
            assert seen == set("89ab")
        else:  # every other digit is the random source's, each of the 16 turning up
            assert seen == set("0123456789abcdef"), position
