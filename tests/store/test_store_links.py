"""A data file that is a symlink (linked into a synced folder): the store resolves it once,
writes through to the target, keeps every other file and the lock beside the target, and
the link stays a link."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from nbstore_helpers import Make

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.store.errors import LockTimeout
from netbalance.store.store import Store


def _linked(tmp_path: Path, clock: FakeClock, make: Make) -> tuple[Path, Path]:
    """A store in `synced/` with a card, a session and a journal; `data/nb.json` links to
    its main file. Returns (link, target)."""
    target = tmp_path / "synced" / "nb.json"
    store = Store.open(str(target), clock)
    store.items.add(make.item(title="first"))
    store.sessions.add(make.session(start=clock.now() - timedelta(hours=2)))
    link = tmp_path / "data" / "nb.json"
    link.parent.mkdir(mode=0o700)
    link.symlink_to(target)
    return link, target


def test_a_linked_data_file_is_written_through_and_stays_a_link(
    tmp_path: Path, clock: FakeClock, make: Make
) -> None:
    link, target = _linked(tmp_path, clock, make)
    store = Store.open(str(link), clock)
    store.items.add(make.item(title="second"))  # the main file and the journal
    boxes.start(store, Kind.PRODUCE, minutes=25)
    clock.advance(minutes=10)
    boxes.finish(store)  # a history file and the box file, in one save of several files
    store.undo()  # and the journal's undo

    assert link.is_symlink() and link.resolve() == target
    assert sorted(os.listdir(link.parent)) == ["nb.json"]  # nothing beside the link
    through_target = Store.open(str(target), clock)
    assert sorted(i.title for i in through_target.items.all()) == ["first", "second"]
    assert len(through_target.sessions.all()) == 1  # the finished box was undone
    assert (target.parent / "nb.lock").exists()
    assert (target.parent / "nb.box.json").exists()
    assert store.steps()[1] == len(through_target.steps()[0]) - 1  # one journal, undone once


def test_the_link_and_its_target_are_one_store_with_one_lock(
    tmp_path: Path, clock: FakeClock, make: Make
) -> None:
    link, target = _linked(tmp_path, clock, make)
    by_link = Store.open(str(link), clock)
    by_target = Store.open(str(target), clock)
    by_target.lock.timeout = 0.05
    with by_link.transaction():
        by_link.items.add(make.item(title="while held"))
        with pytest.raises(LockTimeout), by_target.transaction():
            by_target.items.add(make.item(title="at the same time"))
    assert [i.title for i in Store.open(str(target), clock).items.all()] == [
        "first",
        "while held",
    ]
    boxes.start(by_target, Kind.NETWORK, minutes=15)
    running = boxes.running(Store.open(str(link), clock))  # the same box file
    assert running is not None and running.kind is Kind.NETWORK


@pytest.mark.parametrize("name", ["nb.box.json", "nb.2026-11.json", "nb.journal.jsonl"])
def test_any_file_of_the_store_linked_elsewhere_is_written_through(
    tmp_path: Path, clock: FakeClock, make: Make, name: str
) -> None:
    path = tmp_path / "data" / "nb.json"
    store = Store.open(str(path), clock)
    store.sessions.add(make.session(start=clock.now() - timedelta(hours=2)))
    boxes.start(store, Kind.PRODUCE, minutes=25)
    elsewhere = tmp_path / "synced" / name
    elsewhere.parent.mkdir(mode=0o700)
    shutil.move(path.parent / name, elsewhere)
    (path.parent / name).symlink_to(elsewhere)
    if name.endswith(".jsonl"):  # a line a kill tore: the next save rewrites the journal
        with open(elsewhere, "ab") as journal:
            journal.write(b'{"step": "torn')

    again = Store.open(str(path), clock)
    clock.advance(minutes=10)
    session = boxes.finish(again)  # the history file, the box file, the journal
    again.items.add(make.item())

    assert (path.parent / name).is_symlink()
    reread = Store.open(str(path), clock)
    assert reread.box.get() is None
    assert session.id in {s.id for s in reread.sessions.all()}
    assert len(reread.steps()[0]) == 3
    assert elsewhere.stat().st_size > 0
