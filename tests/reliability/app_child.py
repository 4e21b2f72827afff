"""Run by test_concurrency.py (not a test): the real app, headless, saving for a while.

    python app_child.py DATA_PATH SECONDS

Builds the app as the command line does (make_app) on DATA_PATH, runs it headless and
drives it with Pilot for SECONDS on the board: in turn it finishes a box (started as the
length dialog would, then `s`, and `n` to the break it offers) and adds a card (`a`, a
title, enter). Prints `ready` once the app runs, then after each
save that returned without an error notice `ok session <box id>` or `ok card <title>`,
or `error <notice>` when the app showed one; `done` at the end.
"""

from __future__ import annotations

import asyncio
import sys
import time
from datetime import UTC, datetime

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # app sessions live in November


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def errors(app: NetbalanceApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def drive(app: NetbalanceApp, clock: FakeClock, seconds: float) -> None:
    from netbalance.tui.screens.board import BoardScreen
    from netbalance.tui.screens.confirm import ConfirmScreen

    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2")  # the board: `a` adds a card there, `s` works everywhere
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), app.screen
        say("ready")
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            n += 1
            seen = len(errors(app))
            if n % 2:
                app.start_box(Kind.PRODUCE, 25)  # as the length dialog does
                await pilot.pause()
                box = app._box
                clock.advance(minutes=20)
                app.tick()
                await pilot.press("s")
                if isinstance(app.screen, ConfirmScreen):  # the break it offers
                    await pilot.press("n")
                clock.advance(minutes=10)
                if box is not None and app._box is None and len(errors(app)) == seen:
                    say(f"ok session {box.id}")
            else:
                title = f"app{n}"
                await pilot.press("a", *title, "enter")
                await pilot.pause()
                if isinstance(app.screen, BoardScreen) and len(errors(app)) == seen:
                    say(f"ok card {title}")
            for message in errors(app)[seen:]:
                say(f"error {' '.join(str(message).split())}")
            if len(errors(app)) > seen:
                app.clear_notifications()
    say("done")


def main() -> None:
    path, seconds = sys.argv[1], float(sys.argv[2])
    clock = FakeClock(START)
    store = Store.open(path, clock)
    app = make_app(Settings(time_zone="UTC", theme="netbalance-dark"), store, clock=clock)
    asyncio.run(drive(app, clock, seconds))


if __name__ == "__main__":
    main()
