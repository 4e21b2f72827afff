"""The rollback record of a save of several files that did not finish.

It names its writer and the exact states involved; only a writer under the lock applies
it, only when every file it names is in one of those states, and after keeping each file
it replaces as a backup. A reader changes nothing: it reads the kept states instead. A
record that does not apply (arrived by sync, another host's, older than the files it
names) is set aside in the backups folder, never applied.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta

import orjson
import pytest
from nbstore_helpers import Make, snapshot

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.store.datafile import DataFile
from netbalance.store.store import Store


def _killed_after(
    saves: int, path: str, clock: FakeClock, change: Callable[[Store], object]
) -> None:
    """Run `change` in a forked child, killed (`os._exit`) right after its `saves`-th
    file was saved: a save of several files that did not finish."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            store = Store.open(path, clock)
            real = DataFile.save
            done = [0]

            def dying(data_file: DataFile, day: str) -> None:
                real(data_file, day)
                done[0] += 1
                if done[0] == saves:
                    os._exit(9)

            DataFile.save = dying  # type: ignore[method-assign]
            change(store)
        finally:
            os._exit(1)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 9


def _box_finished_half_way(path: str, clock: FakeClock, make: Make) -> str:
    """A store with a November session and a running box, whose finish was killed after
    the history file was saved and before the box file was: returns the box id."""
    store = Store.open(path, clock)
    store.sessions.add(make.session(start=clock.now() - timedelta(hours=3)))
    box = boxes.start(store, Kind.PRODUCE, minutes=25)
    clock.advance(minutes=10)
    _killed_after(1, path, clock, boxes.finish)
    return box.id


def _aside(path: str) -> list[str]:
    folder = os.path.join(os.path.dirname(path), "nb.backups")
    return sorted(name for name in os.listdir(folder) if ".rollback." in name)


def test_a_reader_sees_an_unfinished_save_wholly_absent_and_changes_nothing(
    path: str, clock: FakeClock, make: Make
) -> None:
    box_id = _box_finished_half_way(path, clock, make)
    folder = os.path.dirname(path)
    on_disk = snapshot(folder)
    assert box_id in on_disk["nb.2026-11.json"].decode()  # half of it is on disk
    assert "nb.rollback" in on_disk

    reader = Store.open(path, clock)  # `netbalance log`, `status` …
    assert box_id not in {s.id for s in reader.sessions.all()}
    running = reader.box.get()
    assert running is not None and running.id == box_id
    assert snapshot(folder) == on_disk  # a reader applied nothing


def test_a_writer_puts_the_files_back_after_keeping_what_it_replaces(
    path: str, clock: FakeClock, make: Make
) -> None:
    box_id = _box_finished_half_way(path, clock, make)
    folder = os.path.dirname(path)
    half = snapshot(folder)["nb.2026-11.json"]

    writer = Store.open(path, clock)
    writer.items.add(make.item())  # the next save, under the lock

    names = os.listdir(folder)
    assert not [name for name in names if name.startswith("nb.rollback")]
    assert box_id not in {s.id for s in writer.sessions.all()}
    running = writer.box.get()
    assert running is not None and running.id == box_id
    kept = [
        name
        for name in os.listdir(os.path.join(folder, "nb.backups"))
        if name.startswith("nb.2026-11.json.before-rollback-")
    ]
    assert len(kept) == 1  # the state it replaced, which `netbalance restore` lists
    with open(os.path.join(folder, "nb.backups", kept[0]), "rb") as handle:
        assert handle.read() == half
    assert boxes.finish(writer).id == box_id  # and the box finishes as usual


def test_a_record_older_than_the_files_it_names_is_set_aside_not_applied(
    path: str, clock: FakeClock, make: Make
) -> None:
    _box_finished_half_way(path, clock, make)
    folder = os.path.dirname(path)
    month = os.path.join(folder, "nb.2026-11.json")
    data = orjson.loads(open(month, "rb").read())  # noqa: SIM115
    for doc in data["sessions"].values():
        doc["note"] = "changed by a sync tool since"
    with open(month, "wb") as handle:
        handle.write(orjson.dumps(data))
    before = snapshot(folder)

    reader = Store.open(path, clock)  # reads the files as they are
    assert {s.note for s in reader.sessions.all()} == {"changed by a sync tool since"}
    writer = Store.open(path, clock)
    writer.items.add(make.item())

    after = snapshot(folder)
    assert after["nb.2026-11.json"] == before["nb.2026-11.json"]  # not put back
    assert after["nb.box.json"] == before["nb.box.json"]
    assert "nb.rollback" not in after
    aside = _aside(path)
    assert len(aside) == 3  # the record and the two states it kept
    assert sorted(aside)[0].startswith("nb.rollback.set-aside-")


@pytest.mark.parametrize(
    "record",
    [
        {"rollback": [["nb.2026-12.json", None]]},  # a stray record of the old kind
        {"writer": {"host": "laptop-at-home", "pid": 4242}, "files": []},  # another host's
        "not json",
    ],
    ids=["stray", "another host", "garbage"],
)
def test_a_record_that_does_not_apply_never_removes_a_file(
    path: str, clock: FakeClock, make: Make, record: object
) -> None:
    store = Store.open(path, clock)
    december = clock.now() + timedelta(days=5)
    store.sessions.add(make.session(start=december))
    clock.advance(days=6)
    folder = os.path.dirname(path)
    if isinstance(record, dict) and "files" in record:
        month = os.path.join(folder, "nb.2026-12.json")
        digest = __import__("hashlib").sha256(open(month, "rb").read()).hexdigest()  # noqa: SIM115
        record["files"] = [
            {"name": "nb.2026-12.json", "keep": None, "before": None, "after": digest}
        ]
    raw = record.encode() if isinstance(record, str) else orjson.dumps(record)
    with open(os.path.join(folder, "nb.rollback"), "wb") as handle:
        handle.write(raw)

    assert len(Store.open(path, clock).sessions.all()) == 1  # `netbalance log`
    assert os.path.exists(os.path.join(folder, "nb.2026-12.json"))
    Store.open(path, clock).items.add(make.item())  # a writer
    assert len(Store.open(path, clock).sessions.all()) == 1
    assert not os.path.exists(os.path.join(folder, "nb.rollback"))
    [aside] = _aside(path)
    with open(os.path.join(folder, "nb.backups", aside), "rb") as handle:
        assert handle.read() == raw  # kept as it was


def test_a_reader_whose_kept_state_a_writer_put_back_meanwhile_never_reads_it_as_empty(
    path: str, clock: FakeClock, make: Make
) -> None:
    box_id = _box_finished_half_way(path, clock, make)
    reader = Store.open(path, clock)  # reads lazily: nothing parsed yet
    Store.open(path, clock).items.add(make.item())  # a writer puts the files back
    assert [s.id != box_id for s in reader.sessions.all()] == [True]  # not empty
    running = reader.box.get()
    assert running is not None and running.id == box_id
    assert reader.refresh()  # the record is gone: the files are read as they are
    assert len(reader.items.all()) == 1


def test_a_reader_never_reads_a_copy_of_meetings_past_an_unfinished_save(
    path: str, clock: FakeClock, make: Make
) -> None:
    """While a rollback record applies, the look-back reads the kept state of a month,
    even where a copy of its meetings matches the half-saved file (made by a reader that
    looked before the record was there)."""
    from netbalance.store import meetings

    store = Store.open(path, clock)
    store.sessions.add(make.session(start=clock.now() - timedelta(hours=3)))  # November's
    box = boxes.start(store, Kind.NETWORK, minutes=25, contact_id="ada", contact_name="Ada")
    clock.advance(minutes=10)
    _killed_after(1, path, clock, boxes.finish)
    history = os.path.join(os.path.dirname(path), "nb.2026-11.json")
    with open(history, "rb") as handle:
        source = handle.read()
    meetings.write(history, source, orjson.loads(source))

    reader = Store.open(path, clock)
    start = clock.now() - timedelta(days=1)
    met = reader.sessions.between(start, clock.now() + timedelta(days=1), meetings=True)
    assert met and box.id not in {session.id for session in met}


def test_a_reader_never_reads_a_parsed_copy_past_an_unfinished_save(
    path: str, clock: FakeClock, make: Make
) -> None:
    """While a rollback record applies, the main file's kept state is read, even where a
    parsed copy matches the half-saved main file (made by a reader that looked before the
    record was there)."""
    from netbalance.store import parsed

    Store.open(path, clock).items.add(make.item())
    card = make.item(title="Half saved")

    def card_and_box(store: Store) -> None:
        with store.transaction():
            store.items.add(card)
            boxes.start(store, Kind.PRODUCE, minutes=25)

    _killed_after(1, path, clock, card_and_box)  # the main file saved, not the box
    with open(path, "rb") as handle:
        source = handle.read()
    half_saved = orjson.loads(source)
    assert card.id in {doc["id"] for doc in half_saved["items"].values()}
    parsed.write(path.removesuffix(".json") + parsed.SUFFIX, source, half_saved)

    reader = Store.open(path, clock)
    assert [item.title for item in reader.items.all()] == ["Write the paper"]
