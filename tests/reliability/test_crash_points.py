"""A kill just before each file system call of a save, in turn.

For each save below, a forked child opens the store, then makes every file system call
that changes the folder (open, write, fsync — of a file or of the folder —, replace,
rename, link, unlink, truncate, mkdir) count, and SIGKILLs itself just before the k-th;
this runs for every k up to the number of calls the whole save makes. After each kill the
parent checks: every data file and backup parses, the records that were there are all
still there, the save's change is wholly there or wholly absent, and a new process opens
the store and saves again (into the main file and two history files at once), after
which no temporary file is left. Run with `pytest -s` to see the counts.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from nbrel_helpers import check_folder

from netbalance.actions import boxes
from netbalance.core import timer
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, Kind, Session, new_id
from netbalance.store import datafile, journal
from netbalance.store import files as store_files
from netbalance.store.store import Store

# the calls a save makes that change the folder or a file in it
CALLS = ("open", "write", "fsync", "replace", "rename", "link", "unlink", "remove")
CALLS += ("truncate", "ftruncate", "mkdir")
DAY = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)  # the folder is made on this day …
LATER = DAY + timedelta(days=1, hours=2)  # … and the save comes the next (a daily backup)


@dataclass(frozen=True)
class Snapshot:
    """The ids of every record, and the running box."""

    tables: dict[str, frozenset[str]]
    box: str | None

    @classmethod
    def of(cls, path: str) -> Snapshot:
        store = Store.open(path, FakeClock(LATER))
        tables = {
            "sessions": frozenset(s.id for s in store.sessions.all()),
            "items": frozenset(i.id for i in store.items.all()),
            "contacts": frozenset(c.id for c in store.contacts.all()),
            "interactions": frozenset(i.id for i in store.interactions.all()),
        }
        box = store.box.get()
        return cls(tables, box.id if box is not None else None)


@dataclass(frozen=True)
class Change:
    """What a save adds (table → ids) and which box it ends."""

    added: dict[str, frozenset[str]]
    ends_box: str | None = None


Save = Callable[[Store], None]


def _session(start: datetime, note: str = "") -> Session:
    return Session(
        id=new_id(),
        kind=Kind.PRODUCE,
        start=start,
        end=start + timedelta(minutes=25),
        created=DAY,
        updated=DAY,
        note=note,
    )


def _add_card() -> tuple[Save, Change]:
    card = Item(
        id=new_id(), title="new", column="Backlog", position=9, created=LATER, updated=LATER
    )
    return (lambda store: store.items.add(card)), Change({"items": frozenset({card.id})})


def _finish_box(box_id: str) -> Callable[[], tuple[Save, Change]]:
    def make() -> tuple[Save, Change]:
        def save(store: Store) -> None:
            boxes.stop(store, force=True)  # as it is: the template's sessions meet the box

        return save, Change({"sessions": frozenset({box_id})}, ends_box=box_id)

    return make


def _add_card_torn_journal() -> tuple[Save, Change]:
    """As `_add_card`, on a journal whose last line a kill tore: the journal is rewritten."""
    save, change = _add_card()

    def torn(store: Store) -> None:
        with open(store.journal.path, "ab") as journal:
            journal.write(b'{"step": "torn')
        save(store)

    return torn, change


def _import_two_months() -> tuple[Save, Change]:
    batch = [_session(DAY - timedelta(days=d), "import") for d in range(1, 6)]
    batch += [_session(datetime(2027, 1, 3, 9, tzinfo=UTC) + timedelta(days=d)) for d in range(5)]

    def save(store: Store) -> None:
        with store.transaction():  # as `netbalance import` does
            store.sessions.add_many(batch)

    return save, Change({"sessions": frozenset(s.id for s in batch)})


def _contact_and_interaction() -> tuple[Save, Change]:
    contact = Contact(id=new_id(), name="Ada", created=LATER, updated=LATER)
    met = Interaction(
        id=new_id(), contact_id=contact.id, when=LATER, created=LATER, updated=LATER, minutes=30
    )

    def save(store: Store) -> None:
        with store.transaction():
            store.contacts.add(contact)
            store.interactions.add(met)

    return save, Change({"contacts": frozenset({contact.id}), "interactions": frozenset({met.id})})


def _import_contacts(torn: bool = False) -> Callable[[], tuple[Save, Change]]:
    """An import of contacts as `netbalance import linkedin` writes it: the main file and
    the journal's step are written in many pieces (the test makes the pieces small); with
    `torn`, the journal is rewritten (its last line torn), else appended to."""

    def make() -> tuple[Save, Change]:
        people = [
            Contact(id=new_id(), name=f"Person {n}", created=LATER, updated=LATER) for n in range(9)
        ]

        def save(store: Store) -> None:
            if torn:
                with open(store.journal.path, "ab") as journal:
                    journal.write(b'{"step": "torn')
            store.contacts.insert_many(iter(people))

        return save, Change({"contacts": frozenset(c.id for c in people)})

    return make


def _template(folder: str) -> tuple[str, str]:
    """A store with history in December, cards, contacts, an undo journal and a running
    box; returns (data path, box id)."""
    os.makedirs(folder)
    path = os.path.join(folder, "nb.json")
    clock = FakeClock(DAY)
    store = Store.open(path, clock)
    store.sessions.add_many(_session(DAY - timedelta(hours=6 * n)) for n in range(40))
    store.items.add_many(
        Item(
            id=new_id(),
            title=f"card {n}",
            column="Backlog",
            position=float(n),
            created=DAY,
            updated=DAY,
        )
        for n in range(20)
    )
    store.contacts.add(Contact(id=new_id(), name="Grace", created=DAY, updated=DAY))
    box = timer.start(Kind.PRODUCE, DAY, minutes=25)
    store.box.put(box)
    return path, box.id


def _counting(kill_at: int | None, calls: list[str]) -> None:
    """Make every file system call count (its name into `calls`); SIGKILL this process
    just before call number `kill_at`."""
    for name in CALLS:
        real = getattr(os, name)

        def wrapper(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            label = _name
            if _name == "fsync":
                import stat

                label = "fsync dir" if stat.S_ISDIR(os.fstat(args[0]).st_mode) else "fsync"
            calls.append(label)
            if len(calls) == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)

        setattr(os, name, wrapper)


def _run_child(path: str, save: Save, kill_at: int | None) -> tuple[int, list[str]]:
    """Fork a child that opens the store and saves, killed before call `kill_at` (None:
    never); its wait status and, when it lived, the calls it made."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read_end)
            store = Store.open(path, FakeClock(LATER))
            store.box.get()
            calls: list[str] = []
            _counting(kill_at, calls)
            save(store)
            payload = orjson.dumps(calls)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        raw = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    return status, orjson.loads(raw) if raw else []


def _check_after_kill(path: str, before: Snapshot, change: Change) -> bool:
    """Everything parses, nothing that was there is lost, the change is all or nothing,
    and a new process saves again (every data file: that removes the temporary files
    of the killed save); True when the change was on disk."""
    folder = os.path.dirname(path)
    check_folder(folder)
    after = Snapshot.of(path)
    for table, ids in before.tables.items():
        assert ids <= after.tables[table], f"lost records of {table}"
    there = [ids <= after.tables[table] for table, ids in change.added.items()]
    there += [not ids & after.tables[table] for table, ids in change.added.items()]
    present = all(there[: len(change.added)])
    absent = all(there[len(change.added) :])
    if change.ends_box is not None:
        running = after.box == change.ends_box
        present = present and not running
        absent = absent and running
    assert present or absent, f"half of the save is on disk: {change} → {after}"
    unchanged = {t: after.tables[t] - change.added.get(t, frozenset()) for t in after.tables}
    assert unchanged == before.tables, "records appeared from nowhere"

    # a new process (this one: the killed child is gone) opens the store and saves again
    store = Store.open(path, FakeClock(LATER + timedelta(hours=1)))
    again = [
        _session(DAY - timedelta(days=2), "again"),
        _session(datetime(2027, 1, 20, tzinfo=UTC)),
    ]
    card = Item(id=new_id(), title="again", column="Next", position=1, created=LATER, updated=LATER)
    with store.transaction():
        store.sessions.add_many(again)
        store.items.add(card)
        running = store.box.get()
        if running is not None:
            store.box.put(running)  # the box file is saved too
        else:
            store.box.clear()
    store.steps()  # the journal reads
    check_folder(folder)
    final = Snapshot.of(path)
    assert {s.id for s in again} <= final.tables["sessions"] and card.id in final.tables["items"]
    leftovers = [name for name in os.listdir(folder) if name.startswith(".nbtmp-")]
    leftovers += [name for name in os.listdir(folder) if name.startswith("nb.rollback")]
    assert leftovers == [], f"left behind after saving again: {leftovers}"
    return present


SAVES: list[tuple[str, str]] = [
    ("add a card", "main file + journal"),
    ("add a card, the journal torn", "main file + journal rewritten"),
    ("finish a box", "history + box + journal"),
    ("import sessions into two months", "two history files, one new + journal"),
    ("add a contact and an interaction", "main file + history + journal"),
    ("import contacts", "main file + journal, each in pieces"),
    ("import contacts, the journal torn", "main file + journal rewritten, each in pieces"),
]


@pytest.mark.parametrize(("name", "files"), SAVES)
def test_a_kill_before_each_file_system_call_of_a_save(
    tmp_path: os.PathLike[str], name: str, files: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # big files are written a few records at a time, in blocks of a few bytes: here, so
    # that every save of the main file and the journal is many writes
    monkeypatch.setattr(datafile, "CHUNK", 4)
    monkeypatch.setattr(journal, "CHUNK", 2)
    monkeypatch.setattr(store_files, "BLOCK", 512)
    base = os.fspath(tmp_path)
    path, box_id = _template(os.path.join(base, "template"))
    makers: dict[str, Callable[[], tuple[Save, Change]]] = {
        "add a card": _add_card,
        "add a card, the journal torn": _add_card_torn_journal,
        "finish a box": _finish_box(box_id),
        "import sessions into two months": _import_two_months,
        "add a contact and an interaction": _contact_and_interaction,
        "import contacts": _import_contacts(),
        "import contacts, the journal torn": _import_contacts(torn=True),
    }
    save, change = makers[name]()
    before = Snapshot.of(path)

    def fresh_copy(number: int) -> str:
        folder = os.path.join(base, f"run{number}")
        shutil.copytree(os.path.dirname(path), folder, copy_function=shutil.copy2)
        return os.path.join(folder, "nb.json")

    status, calls = _run_child(fresh_copy(0), save, None)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, "the save failed unkilled"
    assert _check_after_kill(os.path.join(base, "run0", "nb.json"), before, change)
    assert {"open", "write", "fsync", "replace", "fsync dir"} <= set(calls)
    if name.startswith("import contacts"):  # the main file and the journal: in pieces
        assert calls.count("write") >= 6, calls

    present = absent = 0
    for k in range(1, len(calls) + 1):
        run_path = fresh_copy(k)
        status, _ = _run_child(run_path, save, k)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"call {k}"
        if _check_after_kill(run_path, before, change):
            present += 1
        else:
            absent += 1
        shutil.rmtree(os.path.dirname(run_path))
    counts = ", ".join(f"{call} {n}" for call, n in Counter(calls).items())
    print(
        f"\nkill before each call: {name} ({files}): {len(calls)} calls ({counts}); "
        f"{len(calls)} kills: change wholly absent {absent}, wholly there {present}, partly 0; "
        f"0 unparseable; saved again after each"
    )
    assert present + absent == len(calls) and absent > 0
