"""Every mode and every dialog at 80×24 (the default terminal, a tmux half) and 120×40:
demo data, the clock frozen at NOW, the dark theme (test_snapshots.py has the light one).

Regenerate deliberately (`pytest tests/app/test_snapshots_sizes.py --snapshot-update`),
then look at every changed SVG before committing it: at 80×24 every panel is reachable, a
form shows its buttons and its first field's cursor, no label collides with another."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from nbapp import AppFactory
from test_snapshots import running_box

from netbalance.core.clock import FakeClock
from netbalance.store.store import Store

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
SnapCompare = Callable[..., bool]

# what a person sees, and the keys that show it from the dashboard
SCREENS: dict[str, list[str]] = {
    "dashboard": [],
    "board": ["2"],
    "contacts": ["3"],
    "history": ["4"],
    "keys": ["question_mark"],
    "palette": ["ctrl+p"],
    "length": ["p"],
    "card-form": ["2", "a"],
    "card-edit": ["2", "e"],
    "card-delete": ["2", "delete"],
    "track-record": ["2", "r"],
    "archive-question": ["2", "A"],
    "contact-form": ["3", "e"],
    "interaction-form": ["3", "l"],
    "due-list": ["3", "D"],
    "snooze": ["3", "Z"],
    "session-form": ["4", "a"],
    "session-edit": ["4", "down", "e"],
    "split": ["4", "down", "slash"],
    "review": ["5"],
    "review-shipped": ["5", "right"],
    "review-people": ["5", "right", "right"],
    "share-question": ["5", "right", "m"],
    "plan-form": ["5", "right", "right", "right", "e"],
    "reflection-form": ["5", "right", "right", "right", "right", "e"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_screen_at_both_sizes(
    snap_compare: SnapCompare, app_factory: AppFactory, screen: str, size: str
) -> None:
    assert snap_compare(app_factory(), terminal_size=SIZES[size], press=SCREENS[screen])


@pytest.mark.parametrize("size", SIZES)
def test_the_focus_view_and_the_cancel_question_at_both_sizes(
    snap_compare: SnapCompare,
    app_factory: AppFactory,
    store: Store,
    clock: FakeClock,
    size: str,
) -> None:
    running_box(store, clock)
    assert snap_compare(app_factory(), terminal_size=SIZES[size], press=["z"])
    assert snap_compare(app_factory(), terminal_size=SIZES[size], press=["x"])
