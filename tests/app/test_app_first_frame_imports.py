"""The app's first frame imports only what it draws: the keys panel (HelpPanel, with
Markdown and its parser: ~40 ms) is imported when `?` opens it, not before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
