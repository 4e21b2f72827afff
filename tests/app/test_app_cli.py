"""The command line and the open app share the running box (through the data file)."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from nbapp import NOW, SIZE, at, cli_command, cli_env, press, settle

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.widgets.timer_bar import TimerBar


def cli(store: Store, settings_path: Path, *args: str, now: datetime = NOW) -> str:
    """`python -m netbalance ARGS` on the app's data file, the clock frozen at `now`."""
    result = subprocess.run(
        cli_command(*args),
        env=cli_env(Path(store.path), settings_path, now),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, ""), result
    return result.stdout


async def test_a_box_started_by_the_cli_shows_in_the_app_and_stopping_it_there_ends_it(
    app: NetbalanceApp, store: Store, clock: FakeClock, settings_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.timer_view is not None and app.timer_view.state == "idle"

        cli(store, settings_path, "start", "network", "--minutes", "15")
        app.watch_files()  # what the app's interval does every 1.5 s
        await settle(pilot)
        view = app.timer_view
        assert view is not None and view.box is not None
        assert (view.box.kind, view.box.planned_seconds, view.clock) == (
            Kind.NETWORK,
            15 * 60,
            "15:00",
        )
        assert "NETWORK" in str(app.screen.query_one(TimerBar).render())

        clock.advance(minutes=4)
        await press(pilot, "s", "n")  # finish, no break
        assert store.box.get() is None

    assert cli(store, settings_path, "status", now=at(4)).strip() == "idle"
    recorded = [s for s in store.sessions.all() if s.start == NOW and s.kind is Kind.NETWORK]
    assert [s.active_seconds for s in recorded] == [4 * 60]


async def test_a_box_started_in_the_app_shows_in_the_cli_and_a_cli_stop_clears_the_app(
    app: NetbalanceApp, store: Store, settings_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "enter")
        assert cli(store, settings_path, "status", now=at(5)).strip() == "produce 20:00 left"

        cli(store, settings_path, "stop", now=at(5))
        app.watch_files()
        await settle(pilot)
        assert app.timer_view is not None and app.timer_view.state == "idle"
        assert "idle" in str(app.screen.query_one(TimerBar).render())
        await press(pilot, "s")  # nothing left to finish here
        assert app.store.box.get() is None
    assert [s.active_seconds for s in store.sessions.all() if s.start == NOW] == [5 * 60]


async def test_watching_the_files_without_a_change_reloads_nothing(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        version = app.data_version
        app.watch_files()
        await settle(pilot)
        assert app.data_version == version


def test_demo_is_a_sandbox_removed_at_exit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`netbalance --demo`: its data, settings and exports stay in its own folder, the
    user's are never read or written, and the folder is gone once it closes."""
    import asyncio
    import os

    from netbalance.cli import main

    user = tmp_path / "user"
    monkeypatch.setenv("NETBALANCE_CONFIG", str(user / "config.toml"))
    monkeypatch.setenv("NETBALANCE_DB", str(user / "nb.json"))
    seen: dict[str, object] = {}

    def run(self: NetbalanceApp) -> None:  # the app, driven by keys, without a terminal
        async def session() -> None:
            async with self.run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                await pilot.press("e")  # export the week
                await pilot.pause()
                await self.workers.wait_for_complete()
                assert self.sandbox is not None
                seen["sandbox"] = self.sandbox
                seen["exports"] = sorted(os.listdir(os.path.join(self.sandbox, "exports")))
                seen["notices"] = [n.message for n in self._notifications]
                await pilot.press("q")

        asyncio.run(session())

    monkeypatch.setattr(NetbalanceApp, "run", run)
    assert main(["--demo"]) == 0
    sandbox = str(seen["sandbox"])
    assert seen["exports"], "the export went into the demo's folder"
    assert any(sandbox in str(n) and "removed when you quit" in str(n) for n in seen["notices"])
    assert not os.path.exists(sandbox)
    assert not user.exists()  # nothing of the user's was written
