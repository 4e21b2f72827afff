"""Fixtures for the app tests: a frozen clock, a store in a fresh folder (empty or filled
with the demo data), settings, and an `app` factory that builds the app the way the CLI
does (`make_app`). The helpers live in `nbapp`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from nbapp import NOW, AppFactory, Desktop

from netbalance.core.clock import FakeClock
from netbalance.demo import sample as demo
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app


@cache
def demo_data() -> demo.DemoData:
    """Twelve weeks of sample data ending at NOW, the same in every test."""
    return demo.generate(NOW, weeks=12, seed=1, tz_name="UTC")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "nb.json"


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.toml"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, db_path: Path, settings_path: Path) -> None:
    """No test reads the user's data, settings or themes (the user themes folder is next to
    the settings file), nor a frozen instant of the developer's shell."""
    monkeypatch.delenv("NETBALANCE_NOW", raising=False)
    monkeypatch.setenv("NETBALANCE_DB", str(db_path))
    monkeypatch.setenv("NETBALANCE_CONFIG", str(settings_path))


@pytest.fixture(autouse=True)
def desktop(monkeypatch: pytest.MonkeyPatch) -> Desktop:
    """Desktop notifications are recorded here, never sent; the day's reminder of who is
    due goes out only in the tests that say a notifier is there (`available`)."""
    fake = Desktop()
    monkeypatch.setattr("netbalance.tui.desktop.notify", fake.notify)
    monkeypatch.setattr("netbalance.tui.desktop.can_notify", fake.can_notify)
    return fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def empty_store(db_path: Path, clock: FakeClock) -> Store:
    """A store on a data file that does not exist yet: the first run."""
    return Store.open(str(db_path), clock)


@pytest.fixture
def store(empty_store: Store) -> Store:
    """The demo data: 12 weeks ending at NOW."""
    demo.write(empty_store, demo_data())
    return empty_store


@pytest.fixture
def small_store(empty_store: Store) -> Store:
    """A slice of the demo data (two cards per column, a few contacts, this week's
    sessions): every screen has something to show, and cycling through every screen in
    every theme stays quick."""
    data = demo_data()
    items = []
    for column in ("Backlog", "Next", "Doing", "Shipped"):
        items += [item for item in data.items if item.column == column][:2]
    contacts = data.contacts[:6]
    known = {contact.id for contact in contacts}
    week = NOW - timedelta(days=7)
    demo.write(
        empty_store,
        demo.DemoData(
            sessions=tuple(s for s in data.sessions if s.start >= week),
            items=tuple(items),
            contacts=contacts,
            interactions=tuple(i for i in data.interactions if i.contact_id in known),
        ),
    )
    return empty_store


@pytest.fixture
def settings() -> Settings:
    return Settings(time_zone="UTC", theme="netbalance-dark")


@pytest.fixture
def app_factory(
    request: pytest.FixtureRequest, settings: Settings, clock: FakeClock, settings_path: Path
) -> AppFactory:
    """`app_factory()` → the app on the demo store; keywords replace any part of it
    (`store=empty_store` for the first run: the demo store is only filled when used)."""

    def build(
        *,
        store: Store | None = None,
        settings: Settings = settings,
        clock: FakeClock = clock,
        problems: Sequence[str] = (),
        settings_path: Path = settings_path,
    ) -> NetbalanceApp:
        if store is None:
            store = request.getfixturevalue("store")
        return make_app(
            settings, store, clock=clock, problems=problems, settings_path=str(settings_path)
        )

    return build


@pytest.fixture
def app(app_factory: AppFactory) -> NetbalanceApp:
    return app_factory()


@pytest.fixture
def bell(monkeypatch: pytest.MonkeyPatch, app: NetbalanceApp) -> list[Any]:
    """Each ring of the app's terminal bell."""
    rings: list[Any] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    return rings
