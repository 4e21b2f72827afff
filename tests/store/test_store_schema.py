"""Schema versions: older files are migrated after a backup; newer ones are never written."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from nbstore_helpers import Make, read_json, snapshot

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, replace
from netbalance.store import schema
from netbalance.store.errors import NewerSchemaError
from netbalance.store.store import Store

SESSION_START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


@pytest.fixture
def v1_files(store: Store, make: Make, path: str) -> dict[str, bytes]:
    """A store written at schema 1: main file with an item, a history file with a session."""
    assert schema.SCHEMA_VERSION == 1
    store.items.add(make.item(title="old item"))
    store.sessions.add(make.session(start=SESSION_START))
    stem = path[: -len(".json")]
    return {"main": _read(path), "history": _read(f"{stem}.2026-05.json")}


@pytest.fixture
def to_v2(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Schema 2 adds `v2: true` to every document; returns the roles it migrated."""
    calls: list[str] = []

    def one_to_two(data: schema.Data) -> schema.Data:
        calls.append(data[schema.META]["1"]["role"])
        for name, table in data.items():
            if name != schema.META:
                for doc in table.values():
                    doc["v2"] = True
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: one_to_two})
    return calls


def test_open_migrates_the_main_file_after_a_backup(
    v1_files: dict[str, bytes], to_v2: list[str], path: str, clock: FakeClock
) -> None:
    store = Store.open(path, clock)
    assert to_v2 == ["main"]
    stem = path[: -len(".json")]
    backup = os.path.join(f"{stem}.backups", "nb.json.pre-schema-2.json")
    assert _read(backup) == v1_files["main"]
    data = read_json(path)
    assert data["meta"]["1"]["schema_version"] == 2
    assert all(doc["v2"] for doc in data["items"].values())
    assert [item.title for item in store.items.all()] == ["old item"]

    # opened again: nothing more to migrate, the backup stays as it was
    Store.open(path, clock).items.all()
    assert to_v2 == ["main"]
    assert _read(backup) == v1_files["main"]


def test_history_file_is_migrated_when_read_and_written_at_the_new_version(
    v1_files: dict[str, bytes], to_v2: list[str], path: str, clock: FakeClock, make: Make
) -> None:
    store = Store.open(path, clock)
    stem = path[: -len(".json")]
    history_backup = os.path.join(f"{stem}.backups", "nb.2026-05.json.pre-schema-2.json")
    assert len(store.sessions.all()) == 1
    assert to_v2 == ["main", "history"]
    assert _read(history_backup) == v1_files["history"]
    store.sessions.add(make.session(start=SESSION_START.replace(day=5)))
    data = read_json(f"{stem}.2026-05.json")
    assert data["meta"]["1"]["schema_version"] == 2
    assert [doc.get("v2", False) for doc in data["sessions"].values()] == [True, False]


def test_concurrent_first_open_does_not_drop_a_change_made_meanwhile(
    v1_files: dict[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    clock: FakeClock,
    make: Make,
) -> None:
    """Process A migrates the file in memory; before it takes the lock, process B migrates
    it too and adds an item. A's save of its migrated copy must not drop B's item."""
    added: list[str] = []

    def one_to_two(data: schema.Data) -> schema.Data:
        if not added:
            added.append("running B")
            other = Store.open(path, clock)  # B: migrates and saves
            added.append(other.items.add(make.item(title="added by B")).id)
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: one_to_two})
    store = Store.open(path, clock)  # A
    titles = sorted(doc["title"] for doc in read_json(path)["items"].values())
    assert titles == ["added by B", "old item"]
    assert read_json(path)["meta"]["1"]["schema_version"] == 2
    assert {item.title for item in store.items.all()} == {"added by B", "old item"}


def _with_version(raw: bytes, version: int) -> bytes:
    data: dict[str, Any] = orjson.loads(raw)
    data["meta"]["1"]["schema_version"] = version
    return orjson.dumps(data)


@pytest.fixture
def newer_main(v1_files: dict[str, bytes], path: str) -> bytes:
    raw = _with_version(v1_files["main"], 99)
    with open(path, "wb") as handle:
        handle.write(raw)
    return raw


def test_newer_file_is_readable(newer_main: bytes, path: str, clock: FakeClock) -> None:
    store = Store.open(path, clock)
    assert [item.title for item in store.items.all()] == ["old item"]
    assert len(store.sessions.all()) == 1
    assert _read(path) == newer_main


@pytest.mark.parametrize(
    "change",
    ["add item", "edit item", "delete item", "add session", "start box", "add contact"],
)
def test_newer_file_is_never_written(
    newer_main: bytes, path: str, clock: FakeClock, make: Make, change: str
) -> None:
    folder = os.path.dirname(path)
    before = snapshot(folder)
    store = Store.open(path, clock)
    actions: dict[str, Callable[[], object]] = {
        "add item": lambda: store.items.add(make.item()),
        "edit item": lambda: store.items.update(replace(store.items.all()[0], title="new")),
        "delete item": lambda: store.items.remove(store.items.all()[0]),
        "add session": lambda: store.sessions.add(make.session(start=SESSION_START)),
        "start box": lambda: boxes.start(store, Kind.PRODUCE, minutes=25),
        "add contact": lambda: store.contacts.add(make.contact()),
    }
    with pytest.raises(NewerSchemaError) as caught:
        actions[change]()
    message = str(caught.value)
    assert path in message and "99" in message and "\n" not in message
    assert snapshot(folder) == before
    assert _read(path) == newer_main


def test_newer_history_file_is_never_written(
    v1_files: dict[str, bytes], path: str, clock: FakeClock, make: Make
) -> None:
    stem = path[: -len(".json")]
    newer = _with_version(v1_files["history"], 99)
    with open(f"{stem}.2026-05.json", "wb") as handle:
        handle.write(newer)
    store = Store.open(path, clock)
    assert len(store.sessions.all()) == 1
    with pytest.raises(NewerSchemaError):
        store.sessions.add(make.session(start=SESSION_START))
    assert _read(f"{stem}.2026-05.json") == newer
    assert _read(path) == v1_files["main"]
