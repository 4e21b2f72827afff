"""Two Store instances on one path behave like two processes: neither loses the other's
changes, and a failed transaction changes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from nbstore_helpers import Make, read_json, snapshot
from tinydb import Query

from netbalance.actions import boxes
from netbalance.core.models import Kind
from netbalance.core.timer import TimerError
from netbalance.store.errors import UnknownId
from netbalance.store.store import Store


def test_refresh_sees_another_instances_change(
    open_store: Callable[..., Store], make: Make
) -> None:
    first, second = open_store(), open_store()
    assert first.items.all() == []
    item = second.items.add(make.item())
    session = second.sessions.add(make.session())
    assert first.refresh() is True
    assert first.items.all() == [item]
    assert first.sessions.all() == [session]
    assert first.refresh() is False  # nothing changed since


def test_both_instances_insert_without_refresh_and_nothing_is_lost(
    open_store: Callable[..., Store], make: Make, path: str
) -> None:
    """TinyDB keeps a private `_next_id` per table: a stale one would reuse a doc id and
    overwrite the other process's record."""
    first, second = open_store(), open_store()
    assert second.items.all() == []  # second parses the file now
    first.items.add(make.item(title="seed"))
    assert second.items.all() == []  # and stays stale until refresh
    assert second.refresh() and len(second.items.all()) == 1
    added = []
    for n in range(20):
        writer = first if n % 2 else second
        added.append(writer.items.add(make.item(title=f"item {n}")).id)
        added.append(writer.contacts.add(make.contact(name=f"person {n}")).id)
    data = read_json(path)
    assert len(data["items"]) == 21 and len(data["contacts"]) == 20
    stored = {doc["id"] for table in ("items", "contacts") for doc in data[table].values()}
    assert set(added) <= stored
    assert sorted(map(int, data["items"])) == list(range(1, 22))  # no doc id reused
    for reader in (first, second, open_store()):
        reader.refresh()
        assert len(reader.items.all()) == 21 and len(reader.contacts.all()) == 20


def test_history_file_created_by_another_instance_is_read_in_the_transaction(
    open_store: Callable[..., Store], make: Make
) -> None:
    first, second = open_store(), open_store()
    assert first.sessions.all() == []
    when = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert first.sessions.between(when, when + timedelta(days=1)) == []  # knows June 2026 as empty
    theirs = second.sessions.add(make.session(start=when))
    ours = first.sessions.add(make.session(start=when + timedelta(hours=2)))
    assert {s.id for s in open_store().sessions.all()} == {theirs.id, ours.id}


def test_stale_query_cache_is_not_used(open_store: Callable[..., Store], make: Make) -> None:
    first, second = open_store(), open_store()
    wanted = Query().title == "ship it"
    assert first.main.table("items").search(wanted) == []  # now cached in first
    second.items.add(make.item(title="ship it"))
    with first.transaction():
        assert len(first.use(first.main).table("items").search(wanted)) == 1


def test_running_box_started_elsewhere_is_seen_when_starting(
    open_store: Callable[..., Store],
) -> None:
    first, second = open_store(), open_store()
    assert first.box.get() is None
    boxes.start(second, Kind.NETWORK, minutes=15)
    with pytest.raises(TimerError, match="network box"):
        boxes.start(first, Kind.PRODUCE, minutes=25)
    box = first.box.get()
    assert box is not None and box.kind is Kind.NETWORK


def test_delete_of_a_record_another_instance_deleted(
    open_store: Callable[..., Store], make: Make, path: str
) -> None:
    first, second = open_store(), open_store()
    contact = first.contacts.add(make.contact())
    second.refresh()
    assert second.contacts.all() == [contact]
    first.contacts.remove(contact)
    before = snapshot(os.path.dirname(path))
    with pytest.raises(UnknownId):
        second.contacts.remove(contact)
    assert snapshot(os.path.dirname(path)) == before


def test_failed_transaction_leaves_files_identical_and_memory_reread(
    store: Store, make: Make, path: str
) -> None:
    item = store.items.add(make.item())
    session = store.sessions.add(make.session())
    boxes.start(store, Kind.PRODUCE, minutes=25)
    folder = os.path.dirname(path)
    before = snapshot(folder)

    with pytest.raises(RuntimeError, match="boom"), store.transaction():
        store.items.add(make.item(title="never"))
        store.items.remove(item)
        store.sessions.add(make.session(start=datetime(2027, 3, 1, tzinfo=UTC)))
        store.sessions.remove(session)
        store.box.clear()
        assert store.items.all()[0].title == "never"  # changed in memory
        raise RuntimeError("boom")

    assert snapshot(folder) == before
    assert store.items.all() == [item]
    assert store.sessions.all() == [session]
    assert store.box.get() is not None
    assert not store.lock.held
    # the lock was released: the same and another instance can change the data again
    store.items.add(make.item(title="after"))
    assert len(Store.open(path, store.clock).items.all()) == 2


def test_failed_save_of_one_record_leaves_nothing_half_done(
    store: Store, make: Make, path: str
) -> None:
    """An error from the repository itself (updating a record that is not stored)."""
    store.items.add(make.item())
    before = snapshot(os.path.dirname(path))
    with pytest.raises(UnknownId):
        store.items.update(make.item(title="not stored"))
    assert snapshot(os.path.dirname(path)) == before
    assert [i.title for i in store.items.all()] == ["Write the paper"]
