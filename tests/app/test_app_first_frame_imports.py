"""The app's first frame imports only what it draws: the keys panel (HelpPanel, with
Markdown and its parser: ~40 ms) is imported when `?` opens it, not before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import asyncio, json, sys
from datetime import UTC, datetime
from netbalance.core.clock import FakeClock
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import make_app

async def main() -> None:
    clock = FakeClock(datetime(2026, 11, 26, 15, 0, tzinfo=UTC))
    store = Store.open(sys.argv[1], clock)
    app = make_app(Settings(time_zone="UTC"), store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = sorted(sys.modules)
        await pilot.press("question_mark")
        await pilot.pause()
        print(json.dumps([first, sorted(sys.modules)]))

asyncio.run(main())
"""


def test_the_keys_panel_is_imported_when_it_opens_not_for_the_first_frame(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "NETBALANCE_CONFIG": str(tmp_path / "config.toml"), "TZ": "UTC"}
    result = subprocess.run(
        [sys.executable, "-c", CODE, str(tmp_path / "nb.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    first, after = json.loads(result.stdout.strip().splitlines()[-1])
    assert "textual.widgets._help_panel" not in first
    assert "textual.widgets._help_panel" in after  # the check itself can see it


# `netbalance --db PATH` in a fresh process, the app's run replaced by a headless one: the
# modules imported when the dashboard starts reading its details, which it does once the
# frame with this week's numbers is drawn.
FROM_THE_COMMAND_LINE = """
import asyncio, json, sys
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.dashboard import DashboardScreen

first_frame = []
load_details = DashboardScreen._load_details

def at_the_details(self, *args, **kwargs):
    if not first_frame:
        first_frame.append(sorted(sys.modules))
    return load_details(self, *args, **kwargs)

def run(self):
    async def session():
        async with self.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            print(json.dumps([self.store.path, first_frame[0]]))
    asyncio.run(session())

DashboardScreen._load_details = at_the_details
NetbalanceApp.run = run
from netbalance.cli import main
sys.exit(main(sys.argv[1:]))
"""

# What the first frame draws without: other modes' screens, forms and dialogs, exports,
# the weekly summary (read once the frame is drawn), the command palette's provider, the
# argument parser (the app's own words are read without it), and libraries only other
# paths use.
NOT_FOR_THE_FIRST_FRAME = (
    "argparse",
    "netbalance.cli.parser",
    "netbalance.tui.screens.board",
    "netbalance.tui.screens.contacts",
    "netbalance.tui.screens.history",
    "netbalance.tui.screens.review",
    "netbalance.tui.screens.form",
    "netbalance.tui.screens.confirm",
    "netbalance.tui.screens.length",
    "netbalance.tui.commands",
    "netbalance.tui.exporting",
    "netbalance.exports",
    "netbalance.imports",
    "netbalance.store.merge",
    "netbalance.actions.sync",
    "netbalance.core.summary",
    "netbalance.core.board",
    "netbalance.core.contacts",
    "netbalance.core.history",  # where a box ends or starts back in time
    "netbalance.core.when",  # times the user types
    "netbalance.actions.reminders",  # only where notify-send is; the PATH here has none
    "netbalance.demo",
    "textual.widgets._help_panel",
    "textual.widgets._data_table",
    "textual.widgets._markdown",
    "pendulum",
    "tomlkit",
    "vobject",
    "icalendar",
)


@pytest.mark.parametrize("words", [["--db", "{db}"], ["--db={db}"]])
def test_the_app_from_the_command_line_imports_only_what_its_first_frame_draws(
    tmp_path: Path, words: list[str]
) -> None:
    db = str(tmp_path / "nb.json")
    env = {**os.environ, "NETBALANCE_CONFIG": str(tmp_path / "config.toml"), "TZ": "UTC"}
    env.pop("NETBALANCE_DB", None)
    env["PATH"] = os.path.dirname(sys.executable)  # no notify-send: no reminder to count
    result = subprocess.run(
        [sys.executable, "-c", FROM_THE_COMMAND_LINE, *(w.format(db=db) for w in words)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    path, modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert path == db
    assert "netbalance.tui.screens.dashboard" in modules  # the check itself can see one
    imported = [
        name
        for name in modules
        if any(
            name == unwanted or name.startswith(unwanted + ".")
            for unwanted in NOT_FOR_THE_FIRST_FRAME
        )
    ]
    assert imported == []


@pytest.mark.parametrize(
    ("words", "demo", "db"),
    [
        ([], False, None),
        (["--demo"], True, None),
        (["--db", "x.json"], False, "x.json"),
        (["--db=x.json", "--demo"], True, "x.json"),
        (["--demo", "--db", "x.json"], True, "x.json"),
    ],
)
def test_the_apps_own_words_are_read_without_the_parser(
    words: list[str], demo: bool, db: str | None
) -> None:
    from netbalance.cli import _app_only
    from netbalance.cli.app_command import run

    args = _app_only(words)
    assert (args.demo, getattr(args, "db", None), args.run) == (demo, db, run)


@pytest.mark.parametrize(
    "words",
    [
        ["--db"],
        ["--db="],
        ["--db", "--demo"],
        ["--db", "a", "--db", "b"],
        ["--demo", "--demo"],
        ["--de"],
        ["--help"],
        ["--version"],
        ["status"],
        ["report", "--db", "x.json"],
        ["--db", "x.json", "report"],
        ["--"],
    ],
)
def test_every_other_command_line_is_left_to_the_parser(words: list[str]) -> None:
    from netbalance.cli import _app_only

    assert _app_only(words) is None
