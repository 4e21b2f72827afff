"""The app on a data folder shared by several devices: what another device changes shows
within a poll and is said once; a box running on another device is said at start and
when a box starts here."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from nbapp import NOW, AppFactory, messages, press, screen_text, start_box

from netbalance.core.clock import FakeClock
from netbalance.core.models import ActiveBox, Item, Kind
from netbalance.store.store import Store
from netbalance.tui.widgets.timer_bar import TimerBar


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / ".stfolder").mkdir()  # a Syncthing folder: laid out for devices
    return tmp_path / "data" / "nb.json"


def as_device(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setenv("NETBALANCE_STATE", str(tmp_path / f"state-{name}"))


async def test_a_card_added_on_another_device_shows_within_a_poll(
    app_factory: AppFactory,
    clock: FakeClock,
    shared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    as_device(monkeypatch, tmp_path, "desktop")
    here = Store.open(str(shared), clock)
    app = app_factory(store=here)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2")
        as_device(monkeypatch, tmp_path, "laptop")
        laptop = Store.open(str(shared), clock)
        laptop.items.add(Item(str(uuid.uuid4()), "Written on the laptop", "Backlog", 1.0, NOW, NOW))
        laptop_name = (tmp_path / "state-laptop" / "device").read_text().strip()
        as_device(monkeypatch, tmp_path, "desktop")
        app.watch_files()
        await pilot.pause()
        assert "Written on the laptop" in screen_text(app)
        said = [m for m in messages(app) if m.startswith("Merged")]
        assert said == [f"Merged: Merged 1 change from {laptop_name} (1 new)."]
        app.watch_files()  # nothing new: said once
        await pilot.pause()
        assert len([m for m in messages(app) if m.startswith("Merged")]) == 1


async def test_a_box_running_on_another_device_is_said(
    app_factory: AppFactory,
    clock: FakeClock,
    shared: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    as_device(monkeypatch, tmp_path, "laptop")
    laptop = Store.open(str(shared), clock)
    with laptop.transaction():
        laptop.box.put(ActiveBox(str(uuid.uuid4()), Kind.PRODUCE, NOW, NOW, planned_seconds=1500))
    laptop_name = (tmp_path / "state-laptop" / "device").read_text().strip()
    clock.advance(minutes=13)
    as_device(monkeypatch, tmp_path, "desktop")
    app = app_factory(store=Store.open(str(shared), clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        expected = f"Another device: A produce box runs on {laptop_name} (12:00 left)."
        assert expected in messages(app)
        bar = app.query_one(TimerBar).render().plain
        assert bar.startswith(f" idle  ·  produce 12:00 left on {laptop_name}  ·  p produce box")
        app.clear_notifications()
        await start_box(pilot, Kind.NETWORK)
        assert app.running_box() is not None  # allowed: the user may mean it
        assert expected in messages(app)
