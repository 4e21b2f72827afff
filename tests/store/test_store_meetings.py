"""The copy of a month's meetings (store/meetings.py): the weekly summary's look-back
reads it instead of the month's history file, only while it is a copy of that file as it
is now, and gets the same records either way."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from nbstore_helpers import T0, Make

from netbalance.core.models import Kind, replace
from netbalance.store import meetings, parsed
from netbalance.store.store import Store

JULY = "2026-07"
START, END = T0 - timedelta(days=150), T0 + timedelta(days=1)


def _history(store: Store, month: str) -> str:
    return store.month_file(month).path


def _fill(store: Store, make: Make) -> None:
    """July: a box with a person, a box alone, two interactions; November: one of each."""
    july = T0 - timedelta(days=130)
    with store.transaction():
        store.sessions.add(replace(make.session(july, kind=Kind.NETWORK), contact_id="ada"))
        store.sessions.add(replace(make.session(july + timedelta(hours=2)), contact_id=None))
        store.interactions.add(make.interaction("ada", july))
        store.interactions.add(make.interaction("grace", july + timedelta(days=3)))
        store.sessions.add(replace(make.session(), contact_id="ada"))
        store.interactions.add(make.interaction("ada"))


def _met(store: Store) -> tuple[list[object], list[object]]:
    return (
        store.sessions.between(START, END, meetings=True),
        store.interactions.between(START, END, meetings=True),
    )


def test_a_month_not_read_yet_is_read_from_its_copy_with_the_same_records(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _fill(store, make)
    first = open_store()
    expected = _met(first)  # no copy yet: July's history file is read, its copy made
    assert len(expected[0]) == 2 and len(expected[1]) == 3  # the box alone is no meeting
    assert os.path.exists(meetings.path_of(_history(store, JULY)))
    assert not os.path.exists(_history(store, JULY).removesuffix(".json") + parsed.SUFFIX)
    assert first.month_file(JULY).loaded

    again = open_store()
    assert _met(again) == expected
    assert not again.month_file(JULY).loaded  # read from the copy alone


def test_a_copy_of_the_month_before_a_change_is_not_read(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _fill(store, make)
    _met(open_store())  # the copy made
    late = make.interaction("hopper", T0 - timedelta(days=120))
    open_store().interactions.add(late)  # another process changes July

    again = open_store()
    assert late in again.interactions.between(START, END, meetings=True)
    assert again.month_file(JULY).loaded  # the history file, not the stale copy
    history = _history(store, JULY)
    copy = parsed.read(meetings.path_of(history), Path(history).read_bytes())  # made anew
    assert copy is not None and any(doc["id"] == late.id for doc in copy["interactions"].values())


def test_a_store_kept_open_sees_a_change_another_process_made_after_its_copy(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    """The app reads a copy once and keeps it, while its history file is unchanged."""
    _fill(store, make)
    _met(open_store())
    app = open_store()
    before = _met(app)
    late = make.interaction("hopper", T0 - timedelta(days=120))
    open_store().interactions.add(late)
    assert _met(app)[1] == sorted([*before[1], late], key=lambda i: i.when)


def test_a_broken_or_foreign_copy_is_not_read(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    """Checked as every parsed copy is (tests/store/test_store_parsed.py has the rest)."""
    _fill(store, make)
    expected = _met(open_store())
    history = _history(store, JULY)
    copy_path = meetings.path_of(history)
    whole = Path(copy_path).read_bytes()
    assert whole
    parsed.write(copy_path, Path(history).read_bytes() + b" ", {"sessions": {}})
    foreign = Path(copy_path).read_bytes()  # of the file with a space more
    for broken in (b"", whole[: len(whole) // 2], foreign):
        Path(copy_path).write_bytes(broken)
        again = open_store()
        assert _met(again) == expected
        assert again.month_file(JULY).loaded
        source = Path(history).read_bytes()
        made = meetings.read(history, source)  # made again from the history file
        assert made == meetings.meetings(orjson.loads(source))


def test_a_copy_that_cannot_be_written_changes_nothing(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _fill(store, make)
    os.mkdir(meetings.path_of(_history(store, JULY)))  # in the way of the copy
    expected = _met(open_store())
    assert _met(open_store()) == expected
    assert os.path.isdir(meetings.path_of(_history(store, JULY)))


def test_inside_a_transaction_the_history_file_is_read(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    """A change reads the files it may change as they are now, never a copy."""
    _fill(store, make)
    _met(open_store())
    again = open_store()
    with again.transaction():
        assert _met(again)[1]
        assert again.month_file(JULY).loaded


def test_the_summary_of_a_week_is_the_same_with_copies_and_without(tmp_path: str) -> None:
    from netbalance.actions.summary import weekly_summary
    from netbalance.core.clock import FakeClock
    from netbalance.core.weeks import week_start_of
    from netbalance.demo.sample import generate, write
    from netbalance.settings.config import Settings

    path = os.path.join(os.fspath(tmp_path), "nb.json")
    clock = FakeClock(T0)
    write(Store.open(path, clock), generate(T0, weeks=30, tz_name="UTC", seed=3))
    settings = Settings(time_zone="UTC")
    week = week_start_of(T0.date(), settings.week_start) - timedelta(days=7)

    without = weekly_summary(Store.open(path, clock), week, settings)
    copies = [name for name in os.listdir(tmp_path) if name.endswith(meetings.SUFFIX)]
    assert len(copies) >= 4  # the look-back's months
    store = Store.open(path, clock)
    assert weekly_summary(store, week, settings) == without
    assert not any(store.month_file(name.split(".")[1]).loaded for name in copies)
    assert without.due_now  # the look-back has something to find


def test_copies_stay_on_their_device(tmp_path: str) -> None:
    """Kept out of Syncthing and git by the layout's ignore lines, and no sign that a
    device saved anything (a report on it writes copies)."""
    from fnmatch import fnmatch
    from types import SimpleNamespace

    from netbalance.store import devices, pending

    root = os.path.join(os.fspath(tmp_path), "nb.json")
    copy = "nb.devices/laptop/nb.2026-07.meetings"
    assert any(fnmatch(copy, line) for line in devices.ignore_lines(root))
    assert not any(
        fnmatch("nb.devices/laptop/nb.2026-07.json", line) for line in devices.ignore_lines(root)
    )
    assert any(fnmatch("nb.2026-07.meetings", f"nb{s}") for s in devices.LOCAL_SUFFIXES)

    folder = os.path.join(os.fspath(tmp_path), "nb.devices", "laptop")
    os.makedirs(folder)
    for name, seconds in (("nb.json", 1_000_000), ("nb.2026-07.meetings", 2_000_000)):
        with open(os.path.join(folder, name), "w") as handle:
            handle.write("{}")
        os.utime(os.path.join(folder, name), (seconds, seconds))
    seen = pending.last_seen(SimpleNamespace(root=root))  # type: ignore[arg-type]
    assert seen["laptop"] is not None and seen["laptop"].timestamp() == 1_000_000


def test_a_month_changed_while_it_is_read_leaves_no_copy_of_the_wrong_bytes(
    store: Store,
    open_store: Callable[..., Store],
    make: Make,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """July saved by another process between the look at its bytes and its parse: the
    copy is made from neither, for the month parsed is not the bytes looked at."""
    from netbalance.store.datafile import DataFile

    _fill(store, make)
    history = _history(store, JULY)
    looked_at = Path(history).read_bytes()
    late = make.interaction("hopper", T0 - timedelta(days=120))
    real_load = DataFile._load

    def saved_meanwhile(data_file: DataFile, *, copy: bool = True) -> None:
        if data_file.path == history and not late_saved:
            late_saved.append(True)
            open_store().interactions.add(late)
        real_load(data_file, copy=copy)

    late_saved: list[bool] = []
    monkeypatch.setattr(DataFile, "_load", saved_meanwhile)
    assert late in _met(open_store())[1]
    assert late_saved
    kept = parsed.read(meetings.path_of(history), looked_at)
    assert kept is None or all(doc["id"] != late.id for doc in kept["interactions"].values())


def test_a_copy_kept_as_json_before_goes_as_the_copy_is_made_again(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    _fill(store, make)
    history = _history(store, JULY)
    old = Path(history.removesuffix(".json") + ".meetings.json")
    old.write_bytes(b'{"meta":{"1":{"role":"meetings"}}}')
    _met(open_store())
    assert os.path.exists(meetings.path_of(history)) and not old.exists()
