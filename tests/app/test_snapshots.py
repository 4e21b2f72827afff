"""Snapshots of the screens a person looks at: demo data, the clock frozen at NOW
(Thursday 2026-11-26 15:00 UTC), 120×40, in a dark and a light theme.

Regenerate deliberately (`pytest tests/app/test_snapshots.py --snapshot-update`), then look
at every changed SVG before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from nbapp import NOW, SIZE, AppFactory

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.settings.config import Settings
from netbalance.store.store import Store

THEMES = ["netbalance-dark", "netbalance-light"]
SnapCompare = Callable[..., bool]


@pytest.fixture(params=THEMES)
def themed(request: pytest.FixtureRequest, app_factory: AppFactory) -> AppFactory:
    """The app factory, in each snapshot theme."""

    def build(**kwargs: Any) -> Any:
        return app_factory(settings=Settings(time_zone="UTC", theme=request.param), **kwargs)

    return build


def running_box(store: Store, clock: FakeClock) -> None:
    """A 25-minute produce box on a card in Doing, started 7 min 30 s before NOW."""
    doing = sorted(
        (i for i in store.items.all() if i.column == "Doing" and not i.archived),
        key=lambda i: i.position,
    )
    item = doing[0]
    clock.set(NOW - timedelta(minutes=7, seconds=30))
    boxes.start(store, Kind.PRODUCE, minutes=25, item_id=item.id, item_title=item.title)
    clock.set(NOW)


def test_dashboard(snap_compare: SnapCompare, themed: AppFactory) -> None:
    assert snap_compare(themed(), terminal_size=SIZE)


def test_dashboard_with_a_running_box(
    snap_compare: SnapCompare, themed: AppFactory, store: Store, clock: FakeClock
) -> None:
    running_box(store, clock)
    assert snap_compare(themed(), terminal_size=SIZE)


def test_focus_view(
    snap_compare: SnapCompare, themed: AppFactory, store: Store, clock: FakeClock
) -> None:
    running_box(store, clock)
    assert snap_compare(themed(), terminal_size=SIZE, press=["z"])


def test_length_modal(snap_compare: SnapCompare, themed: AppFactory) -> None:
    assert snap_compare(themed(), terminal_size=SIZE, press=["p"])


def test_history_mode(snap_compare: SnapCompare, themed: AppFactory) -> None:
    """This week's sessions and interactions by day, with the day totals (demo data)."""
    assert snap_compare(themed(), terminal_size=SIZE, press=["4"])


def test_review_mode(snap_compare: SnapCompare, themed: AppFactory) -> None:
    """Last week's review on its Shipped step: the cards, who heard of them, who should."""
    assert snap_compare(themed(), terminal_size=SIZE, press=["5", "right"])
