"""A large LinkedIn import: one undo step, nobody twice, namesakes kept apart, and the
store's bulk insert numbering documents as TinyDB would."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from netbalance.actions import imports
from netbalance.core.clock import FakeClock
from netbalance.core.contacts import _URL_HEAD, normal_url
from netbalance.core.models import Contact, new_ids, replace
from netbalance.store import datafile, files, journal
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


def _encoded(lines: list[Any]) -> bytes:
    body = journal._Encoded(lines)
    joined = b"".join(body.pieces())
    assert body.size == len(joined)
    return joined


def test_journal_lines_are_written_as_orjson_has_them() -> None:
    lines: list[Any] = [
        {"step": "s", "at": "t", "action": None, "changes": [["contacts", "x", None, {}]]}
    ]
    assert _encoded(lines) == orjson.dumps(lines[0]) + b"\n"
    two = [*lines, {"undo": "s"}]
    assert _encoded(two) == b"".join(orjson.dumps(line) + b"\n" for line in two)


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 2000])
def test_a_step_written_in_pieces_is_the_step_written_whole(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(journal, "CHUNK", chunk)
    changes = tuple(
        journal.Change("contacts", f"id{n}", None if n % 3 else {"n": n}, {"name": f"Ünï “{n}”"})
        for n in range(10)
    )
    for action in (None, "import 10 contacts"):
        step = journal.Step("s", "2026-11-28T09:00:00+00:00", action, changes)
        whole = orjson.dumps(step.as_line()) + b"\n"
        assert _encoded([step]) == whole
        line = journal.StepLine(step.id, step.at, action, lambda: iter(changes))
        assert _encoded([line, {"undo": "s"}]) == whole + b'{"undo":"s"}\n'
        assert line.as_line() == step.as_line()


@pytest.mark.parametrize("every", [1, 2, 3, 5, 100])
def test_a_data_file_written_in_pieces_is_the_file_written_whole(every: int) -> None:
    data: dict[str, Any] = {
        "_meta": {"1": {"schema": 7}},
        "contacts": {str(n): {"id": f"c{n}", "name": f"Ünï “{n}”", "links": []} for n in range(7)},
        "items": {},
        "weeks": {"1": {"id": "w"}},
    }
    for tables in (data, {"contacts": data["contacts"]}, {}, {"items": {}}):
        pieces = list(datafile.encoded(tables, every))
        assert b"".join(pieces) == orjson.dumps(tables)


def test_a_write_in_parts_is_the_bytes_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "BLOCK", 5)
    target = tmp_path / "f"
    parts = [b"head\n", (bytes([65 + n]) * n for n in range(12)), b"", b"tail"]
    files.atomic_write(str(target), *parts)
    assert (
        target.read_bytes()
        == b"head\n" + b"".join(bytes([65 + n]) * n for n in range(12)) + b"tail"
    )
    assert oct(target.stat().st_mode & 0o777) == oct(files.FILE_MODE)


def test_a_failure_while_the_pieces_are_made_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "f"
    target.write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"new"
        raise TypeError("cannot encode")

    with pytest.raises(TypeError):
        files.atomic_write(str(target), pieces())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f"]


def test_the_stored_contacts_of_an_import_read_as_the_contacts_planned(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    data = connections(30)
    planned = imports.contacts(store, "linkedin", data, "Connections.csv", dry_run=True).added
    written = imports.contacts(store, "linkedin", data, "Connections.csv").added
    assert len(written) == 30
    assert [replace(c, id="") for c in written] == [replace(c, id="") for c in planned]
    assert written[:2] == list(written)[:2] and written[-1] == store.contacts.all()[-1]
    assert sorted(c.id for c in written) == sorted(c.id for c in store.contacts.all())


def test_an_import_after_other_changes_in_its_transaction_notes_each_change(
    tmp_path: Path,
) -> None:
    """Documents added many at once are noted as one entry, unless a record of theirs
    was noted before in the transaction: then the step is as if noted one by one."""
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    ada = Contact(id="a" * 8, name="Ada", created=NOW, updated=NOW)
    store.contacts.add(ada)
    many = [Contact(id=f"b{n:07d}", name=f"P {n}", created=NOW, updated=NOW) for n in range(3)]
    with store.transaction():
        store.contacts.remove(ada)
        store.contacts.add_many([replace(ada, name="Ada L"), *many])
        store.contacts.add_many([Contact(id="c" * 8, name="C", created=NOW, updated=NOW)])
        store.contacts.update(replace(many[0], name="Renamed"))
    steps, _done = store.steps()
    changes = steps[-1].changes
    assert [c.record_id for c in changes] == ["a" * 8, *(c.id for c in many), "c" * 8]
    assert changes[0].before is not None and changes[0].after is not None  # removed, put back
    assert changes[1].after is not None and changes[1].after["name"] == "Renamed"
    store.undo()
    assert [(c.id, c.name) for c in store.contacts.all()] == [("a" * 8, "Ada")]
    store.redo()
    assert len(store.contacts.all()) == 5


def test_ids_made_many_at_a_time_are_version_4_uuids() -> None:
    ids = new_ids(500)
    assert len(set(ids)) == 500
    for made in ids:
        parsed = uuid.UUID(made)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, made)
    assert {made[19] for made in ids} == set("89ab")  # the variant's digit takes all four


def test_a_linkedin_url_reads_as_the_pattern_reads_it() -> None:
    for url in (
        "https://www.linkedin.com/in/ada/?x=1",
        "https://www.LinkedIn.com/in/Ada//",
        "https://www.www.linkedin.com/in/ada",
        "http://www.linkedin.com/in/ada#top",
        "https://de.linkedin.com/in/ada",
        "linkedin.com/in/ada",
    ):
        text = url.strip().split("?", 1)[0].split("#", 1)[0]
        assert normal_url(url) == _URL_HEAD.sub("", text).rstrip("/").lower()


@pytest.mark.parametrize("room", [0, 5, 21, 22, 23, 200])
def test_a_head_written_after_its_body_is_the_file_written_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, room: int
) -> None:
    """However much room was left for the head (too little, just right, too much), the
    file is the head and the body, the body made once."""
    monkeypatch.setattr(files, "BLOCK", 7)  # the body moved a few bytes at a time
    made = 0

    def body() -> Iterator[bytes]:
        nonlocal made
        made += 1
        for n in range(40):
            yield f"line {n} “{n * n}”\n".encode()

    target = tmp_path / "f.jsonl"
    target.write_bytes(b"old, longer than the new file " * 100)
    files.atomic_write_headed(str(target), journal._head_line, body(), room)
    whole = b"".join(body())
    assert target.read_bytes() == journal._head_line(len(whole)) + whole
    assert made == 2  # once for the file, once here
    assert len(journal._head_line(len(whole))) == 22  # the room that is just right
    assert oct(target.stat().st_mode & 0o777) == oct(files.FILE_MODE)


@pytest.mark.parametrize("rows", [1, 40, 3001])
def test_a_new_journal_is_written_as_its_lines_encoded_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    monkeypatch.setattr(journal, "CHUNK", 7)
    docs = [{"id": f"c{n}", "name": "Ünï " * (n % 5), "links": []} for n in range(rows)]
    changes = [("contacts", doc["id"], None, doc) for doc in docs]
    line = journal.StepLine("s", "2026-11-28T09:00:00+00:00", None, lambda: iter(changes), rows)
    lines: list[Any] = [{"undo": "x"}, line, {"redo": "s"}]
    body = b"".join(
        orjson.dumps(one.as_line() if isinstance(one, journal.StepLine) else one) + b"\n"
        for one in lines
    )
    for guess, count in enumerate((rows, 1, None)):  # a count far off: a worse guess
        line.count = count
        path = tmp_path / f"nb{guess}.journal.jsonl"
        journal.Journal(str(path)).append(lines)
        assert path.read_bytes() == journal._head_line(len(body)) + body
        assert journal._Encoded(lines).size == len(body)
    assert journal.Journal(str(tmp_path / "nb0.journal.jsonl")).state().done == 1
