"""A large LinkedIn import: one undo step, nobody twice, namesakes kept apart, and the
store's bulk insert numbering documents as TinyDB would."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson

from netbalance.actions import imports
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact
from netbalance.store import journal
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
ROWS = 3000


def connections(rows: int) -> bytes:
    lines = ["\ufeffNotes:", '"A preamble, as LinkedIn writes it."', "", HEADER]
    for n in range(rows):
        # every tenth person has a namesake at the same company with a profile of their own
        name = f"Ada,Lovelace {n // 10 * 10 if n % 10 == 1 else n}"
        email = f"person{n}@example.com" if n % 3 else ""
        lines.append(
            f"{name},https://www.linkedin.com/in/person-{n},{email},"
            f"Company {n % 7},Engineer,{1 + n % 28:02d} Mar 2024"
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_large_import_is_one_undo_step_and_adds_nobody_twice(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    data = connections(ROWS)
    plan = imports.contacts(store, "linkedin", data, "Connections.csv")
    assert (len(plan.added), len(plan.merged), len(plan.bad)) == (ROWS, 0, 0)
    kept = store.contacts.all()
    assert len(kept) == ROWS == len({contact.id for contact in kept})
    assert len({contact.links for contact in kept}) == ROWS  # the namesakes stay apart
    steps, done = store.steps()
    assert (len(steps), done) == (1, 1)
    assert len(steps[0].changes) == ROWS

    again = imports.contacts(store, "linkedin", data, "Connections.csv")
    assert (len(again.added), len(again.merged), len(again.skipped)) == (0, 0, ROWS)
    assert len(store.contacts.all()) == ROWS
    assert store.steps()[0] == steps  # nothing to write, no step

    with store.allow_drop([(store.path, ROWS, 0)]):  # a big drop: asked for first
        store.undo()
    assert store.contacts.all() == []
    reopened = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    assert reopened.contacts.all() == []


def test_a_bad_row_among_many_names_its_line_and_writes_nothing(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    text = connections(ROWS).decode().replace("person-1234,", "person-1234,not an email,", 1)
    try:
        imports.contacts(store, "linkedin", text.encode(), "Connections.csv")
    except imports.BadRows as problem:
        assert [str(note) for note in problem.plan.bad] == [
            "line 1239: 8 fields where the header has 7 (an unquoted comma?)"
        ]
    else:
        raise AssertionError("a bad row was imported")
    assert not (tmp_path / "nb.json").exists()


def test_bulk_insert_numbers_documents_after_those_kept(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    first = Contact(id="a" * 8, name="First", created=NOW, updated=NOW)
    store.contacts.add(first)
    many = [Contact(id=f"b{n:07d}", name=f"P {n}", created=NOW, updated=NOW) for n in range(5)]
    store.contacts.add_many(many)
    store.contacts.add(Contact(id="c" * 8, name="Last", created=NOW, updated=NOW))
    stored = orjson.loads((tmp_path / "nb.json").read_bytes())["contacts"]
    assert list(stored) == [str(n) for n in range(1, 8)]
    assert [doc["id"] for doc in stored.values()] == ["a" * 8, *(c.id for c in many), "c" * 8]


def test_journal_lines_are_written_as_orjson_has_them() -> None:
    lines = [{"step": "s", "at": "t", "action": None, "changes": [["contacts", "x", None, {}]]}]
    assert journal._dumps(lines) == orjson.dumps(lines[0]) + b"\n"
    two = [*lines, {"undo": "s"}]
    assert journal._dumps(two) == b"".join(orjson.dumps(line) + b"\n" for line in two)
