"""Snapshots of the board: demo data, the clock frozen at NOW (Thursday 2026-11-26 15:00
UTC), 120×40, in a dark and a light theme.

Regenerate deliberately (`pytest tests/app/test_app_board_snapshots.py --snapshot-update`),
then look at every changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from nbapp import SIZE, AppFactory
from textual.pilot import Pilot

from netbalance.settings.config import Settings

SnapCompare = Callable[..., bool]


async def open_board(pilot: Pilot[object]) -> None:
    """`2`, then wait for the worker that counts the time spent per card: the snapshot
    shows the times whatever the speed of the machine."""
    await pilot.press("2")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["netbalance-dark", "netbalance-light"])
def test_board(snap_compare: SnapCompare, app_factory: AppFactory, theme: str) -> None:
    app = app_factory(settings=Settings(time_zone="UTC", theme=theme))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_board)
