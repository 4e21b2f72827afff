"""Suite 2 in the app: a save that fails on a failing disk (the k-th write, fsync or
rename, EIO or ENOSPC, once or forever) is a notice, the app keeps running and keeps
showing what is on disk, the files are byte-identical, and the same key works once the
fault is gone. Saves: finish a box (`s`) and undo it (`u`)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from faults import CODES, Faults
from textual.screen import ModalScreen

from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, new_id
from netbalance.settings.config import Settings
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
MODES = [(code, forever) for code in ("EIO", "ENOSPC") for forever in (False, True)]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir())
        if entry.is_file() and not entry.name.endswith(".lock") and not is_copy(entry.name)
    }


def _notices(app: NetbalanceApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_app_keeps_running_on_a_failing_disk(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("netbalance.tui.desktop.notify", lambda title, body: True)
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    folder = tmp_path / "data"
    clock = FakeClock(NOW)
    store = Store.open(str(folder / "nb.json"), clock)
    store.items.add(
        Item(id=new_id(), title="Write", column="Backlog", position=1.0, created=NOW, updated=NOW)
    )
    app = make_app(Settings(time_zone="UTC", theme="netbalance-dark"), store, clock=clock)
    runs = identical = landed = 0
    async with app.run_test(size=(120, 40)) as pilot:

        async def attempt(key: str, k: int, code: str, forever: bool) -> str:
            """Press `key` with the k-th call failing: "none" (fewer calls than k),
            "identical" or "landed" (a forever fault kept the files from being put back)."""
            nonlocal runs, identical, landed
            before = _files(folder)
            box_before = app.running_box()
            app.clear_notifications()
            faults = Faults(k, CODES[code], forever=forever, short=forever)
            faults.install()
            try:
                await pilot.press(key)
                await pilot.pause()
            finally:
                faults.uninstall()
            shown = f"{key}: {faults.describe()}: {_notices(app)}"
            if not faults.injected:
                return "none"
            runs += 1
            assert app.is_running, shown
            notices = _notices(app)
            assert any("could not save" in n and os.strerror(CODES[code]) in n for n in notices)
            assert not [n for n in os.listdir(folder) if n.startswith(".nbtmp-")], shown
            if _files(folder) == before:
                identical += 1
                assert app.running_box() == box_before, shown  # shows what is on disk
                return "identical"
            assert forever and any("could not be put back" in n for n in notices), shown
            landed += 1
            app.watch_files()
            await pilot.pause()
            return "landed"

        k = 1
        while True:
            code, forever = MODES[k % len(MODES)]
            app.start_box(Kind.PRODUCE, 25)
            await pilot.pause()
            clock.advance(minutes=10)
            sessions = len(store.sessions.all())
            tried = await attempt("s", k, code, forever)
            if app.running_box() is not None:
                await pilot.press("s")  # the fault is gone: finishing works
                await pilot.pause()
            assert app.running_box() is None, (k, tried, _notices(app), app.screen)
            assert len(store.sessions.all()) == sessions + 1
            while isinstance(app.screen, ModalScreen):  # the offer of a break
                app.pop_screen()
                await pilot.pause()
            if tried == "landed":
                # the session landed but the journal's step did not: nothing to undo,
                # as after a kill between the two
                sessions += 1
            else:
                await attempt("u", k, code, forever)
                if len(store.sessions.all()) == sessions + 1:
                    app.clear_notifications()
                    await pilot.press("u")
                    await pilot.pause()
                    assert any("undid" in n for n in _notices(app)), _notices(app)
            assert len(store.sessions.all()) == sessions
            if tried == "none":
                break
            k += 1
            clock.advance(minutes=30)
        assert app.is_running
    print(
        f"\nI/O faults in the app: {runs} faulted saves, notices shown: {runs}, "
        f"files byte-identical: {identical}, landed as after a kill: {landed}, "
        f"then the key worked: {runs}"
    )
    assert runs >= 10
