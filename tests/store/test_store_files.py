"""What the store leaves on disk: no leftovers, private modes, daily backups."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from nbstore_helpers import Make, read_json, snapshot

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.store.backups import KEEP_DAYS
from netbalance.store.errors import WriteError
from netbalance.store.store import Store


def _mode(path: str) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _temps(folder: str) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith(".nbtmp-"))


def test_leftover_temp_files_are_cleaned_on_the_next_save(
    store: Store, make: Make, path: str
) -> None:
    store.items.add(make.item())
    store.sessions.add(make.session(start=datetime(2026, 5, 1, tzinfo=UTC)))
    folder = os.path.dirname(path)
    leftovers = {
        ".nbtmp-nb.json.4242": b'{"meta":{"1":{"schema_versi',  # a killed save
        ".nbtmp-nb.json.77": b"",
        ".nbtmp-nb.2026-05.json.4242": b"\0" * 100,
        ".nbtmp-other.json.4242": b"not ours",  # another data file's: left alone
    }
    for name, content in leftovers.items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(content)

    again = Store.open(path, store.clock)  # leftovers never confuse reading
    assert len(again.items.all()) == 1 and len(again.sessions.all()) == 1

    again.items.add(make.item(title="second"))  # saves the main file only
    assert _temps(folder) == [".nbtmp-nb.2026-05.json.4242", ".nbtmp-other.json.4242"]
    again.sessions.add(make.session(start=datetime(2026, 5, 2, tzinfo=UTC)))
    assert _temps(folder) == [".nbtmp-other.json.4242"]
    assert len(Store.open(path, store.clock).sessions.all()) == 2


@pytest.mark.usefixtures("umask_022")
def test_files_folders_backups_and_lock_are_private(
    open_store: Callable[..., Store], clock: FakeClock, make: Make, path: str
) -> None:
    folder = os.path.dirname(path)
    assert not os.path.exists(folder)
    store = open_store()
    assert not os.path.exists(folder)  # opening creates nothing
    for _day in range(2):  # the second day's first save makes the backups
        store.items.add(make.item())
        store.sessions.add(make.session(start=clock.now()))
        boxes.start(store, Kind.PRODUCE, minutes=25)
        boxes.cancel(store)
        clock.advance(days=1)

    stem = path[: -len(".json")]
    assert _mode(folder) == 0o700
    assert _mode(f"{stem}.backups") == 0o700
    assert store.months() == ["2026-11"]  # both days' sessions are in one history file
    files = [path, f"{stem}.2026-11.json", f"{stem}.box.json", f"{stem}.lock"]
    backups = [os.path.join(f"{stem}.backups", name) for name in os.listdir(f"{stem}.backups")]
    # main, history and box file of the second day; the box file of the first (its cancel)
    assert len(backups) == 4
    for name in files + backups:
        assert _mode(name) == 0o600, name


@pytest.mark.usefixtures("umask_022")
def test_a_file_made_readable_by_others_is_private_again_after_a_save(
    store: Store, make: Make, path: str
) -> None:
    store.items.add(make.item())
    os.chmod(path, 0o644)
    store.items.add(make.item())
    assert _mode(path) == 0o600


def test_daily_backups_keep_the_previous_state_for_seven_days(
    store: Store, clock: FakeClock, make: Make, path: str
) -> None:
    stem = path[: -len(".json")]
    folder = f"{stem}.backups"
    store.items.add(make.item(title="day 0 first"))
    assert store.backups.newest(path) is None  # nothing existed before the first save
    store.items.add(make.item(title="day 0 second"))
    day0 = os.path.join(folder, "nb.json.2026-11-28.json")
    assert store.backups.newest(path) == day0
    assert [d["title"] for d in read_json(day0)["items"].values()] == ["day 0 first"]
    store.items.add(make.item(title="day 0 third"))  # later saves of the day: kept as is
    assert [d["title"] for d in read_json(day0)["items"].values()] == ["day 0 first"]

    for day in range(1, 11):
        clock.advance(days=1)
        store.items.add(make.item(title=f"day {day}"))

    dated = sorted(name for name in os.listdir(folder) if name.startswith("nb.json."))
    assert len(dated) == KEEP_DAYS == 7
    assert dated[0] == "nb.json.2026-12-02.json" and dated[-1] == "nb.json.2026-12-08.json"
    newest = store.backups.newest(path)
    assert newest == os.path.join(folder, "nb.json.2026-12-08.json")
    titles = [d["title"] for d in read_json(newest)["items"].values()]
    assert titles[-1] == "day 9"  # the state before day 10's first save
    assert len(titles) == 12


def test_backups_of_each_file_rotate_separately(
    store: Store, clock: FakeClock, make: Make, path: str
) -> None:
    stem = path[: -len(".json")]
    history = f"{stem}.2026-11.json"
    for day in range(9):  # the clock runs into December; the sessions stay in November
        store.sessions.add(make.session(start=datetime(2026, 11, 1 + day, 9, tzinfo=UTC)))
        boxes.start(store, Kind.PRODUCE, minutes=25)
        boxes.cancel(store)
        clock.advance(days=1)
    assert store.months() == ["2026-11"]
    names = os.listdir(f"{stem}.backups")
    assert len([n for n in names if n.startswith("nb.2026-11.json.")]) == 7
    assert len([n for n in names if n.startswith("nb.box.json.")]) == 7
    assert store.backups.newest(history) == os.path.join(
        f"{stem}.backups", "nb.2026-11.json.2026-12-06.json"
    )
    # a backup is a full copy of that day's state, not the current file
    sessions = read_json(store.backups.newest(history) or "")["sessions"]
    assert len(sessions) == 8
    assert len(read_json(history)["sessions"]) == 9


def test_backup_is_unaffected_by_later_saves(
    store: Store, clock: FakeClock, make: Make, path: str
) -> None:
    store.items.add(make.item(title="a"))
    store.items.add(make.item(title="b"))
    newest = store.backups.newest(path)
    assert newest is not None
    with open(newest, "rb") as handle:
        kept = handle.read()
    for n in range(5):
        clock.advance(hours=1)
        store.items.add(make.item(title=f"more {n}"))
    with open(newest, "rb") as handle:
        assert handle.read() == kept


def test_temp_and_backup_names_never_look_like_history_files(
    store: Store, make: Make, path: str, clock: FakeClock
) -> None:
    store.sessions.add(make.session(start=datetime(2026, 1, 5, tzinfo=UTC)))
    clock.advance(days=1)
    store.sessions.add(make.session(start=datetime(2026, 1, 6, tzinfo=UTC)))
    stem = path[: -len(".json")]
    assert store.backups.newest(f"{stem}.2026-01.json") is not None  # a backup was made
    folder = os.path.dirname(path)
    for name in [
        ".nbtmp-nb.2031-07.json.5",  # a killed save's temporary file
        "nb.2031-07.json.2026-11-28.json",  # a backup's name, outside the backups folder
        "nb.2031-07.json.pre-schema-2.json",
        "other.2031-07.json",  # another data file's history
    ]:
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(b"x")
    assert Store.open(path, clock).months() == ["2026-01"]


def test_a_failed_write_changes_nothing_and_leaves_no_temp_file(
    store: Store, make: Make, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = store.items.add(make.item())
    folder = os.path.dirname(path)
    before = snapshot(folder)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteError) as caught:
        store.items.add(make.item(title="does not fit"))
    monkeypatch.undo()
    message = str(caught.value)
    assert path in message and "No space left" in message and "\n" not in message
    after = snapshot(folder)
    backups = {name: after.pop(name) for name in list(after) if name.startswith("nb.backups/")}
    assert after == before  # the old files, no temp file left
    assert set(backups.values()) <= {before["nb.json"]}  # at most the day's backup of it
    assert store.items.all() == [item]  # memory re-read from the file
    store.items.add(make.item(title="fits again"))
    assert len(Store.open(path, store.clock).items.all()) == 2
