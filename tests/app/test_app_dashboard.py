"""The dashboard: week navigation, the next box (`g`), the export (`e`), live numbers
while a box runs, and user text shown as typed. Demo data, the clock frozen at NOW
(Thursday 2026-11-26 15:00 UTC, 2026-W48)."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nbapp import SIZE, AppFactory, advance, messages, press, screen_text, settle, start_box

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Kind, Session
from netbalance.settings.config import Settings
from netbalance.store.repos import _Repository
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.dashboard import DashboardScreen

NASTY = "[bold red]Mallory[/] \x1b]0;pwned\x07"


def dashboard(app: NetbalanceApp) -> DashboardScreen:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


def week_title(app: NetbalanceApp) -> str:
    return str(dashboard(app).query_one("#week-panel").border_title)


async def test_arrows_step_through_weeks_and_dot_returns(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert week_title(app).startswith("Week 2026-W48 · 23 Nov – 29 Nov (this week)")
        await press(pilot, "left", "left")
        assert week_title(app) == "Week 2026-W46 · 09 Nov – 15 Nov"
        assert "Shipped in 2026-W46" in screen_text(app)
        await press(pilot, "right")
        assert week_title(app).startswith("Week 2026-W47")
        await press(pilot, "left", "left", "left", "full_stop")
        assert week_title(app).endswith("(this week)")
        await press(pilot, "right")  # there is no next week yet
        assert week_title(app).endswith("(this week)")
        assert any("no next one" in m for m in messages(app))


async def test_paging_weeks_moves_no_panel(app: NetbalanceApp, store: Store) -> None:
    """However many cards a week shipped, the panels below stay where they are: the
    Shipped panel keeps its height."""
    from netbalance.actions.summary import weekly_summary

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        seen: dict[int, tuple[int, int]] = {}  # cards shipped: (panel top, its height)
        for _ in range(8):
            await press(pilot, "left")
            shipped = len(weekly_summary(store, screen.shown_week, app.settings).items_shipped)
            panel = screen.query_one("#shipped").region
            seen[shipped] = (screen.query_one("#progress").region.y, panel.height)
        assert len(seen) > 1, seen  # weeks that shipped different numbers of cards
        assert len(set(seen.values())) == 1, seen


async def test_the_week_shown_matches_the_weekly_summary(app: NetbalanceApp) -> None:
    from netbalance.actions.summary import weekly_summary
    from netbalance.core.instants import format_hours

    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "left")
        summary = weekly_summary(app.store, dashboard(app).shown_week, app.settings)
        text = screen_text(app)
        assert f"produce {format_hours(summary.produce)}" in text
        assert f"network {format_hours(summary.network)}" in text
        assert f"Verdict {summary.week}: {summary.verdict.text}" in text
        assert f"Boxes    {summary.boxes_finished} finished in {summary.week}" in text
        # the balance beside it stays on today, and says so
        this_week = weekly_summary(app.store, dashboard(app).this_week, app.settings).week
        assert f"─ Balance now · {this_week} ─" in text
        await press(pilot, "full_stop")
        text = screen_text(app)
        assert " finished this week, " in text
        assert "─ Balance ─" in text and "Balance now" not in text


async def test_g_starts_the_next_box_linked(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "left")  # the suggestion is always for now, whatever week shows
        suggestion = dashboard(app)._loaded.current.next_box  # type: ignore[union-attr]
        assert f"Next box: {suggestion.text}" in screen_text(app)
        await press(pilot, "g")
    box = store.box.get()
    assert box is not None
    assert box.kind is suggestion.kind
    assert box.planned_seconds == suggestion.minutes * 60
    assert (box.item_id, box.contact_id) == (suggestion.item_id, suggestion.contact_id)
    assert box.item_id or box.contact_id  # linked to a card or a person


async def test_g_with_a_box_running_starts_nothing(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot, Kind.PRODUCE, 25)
        first = store.box.get()
        await press(pilot, "g")
        assert store.box.get() == first
        assert any("box is running" in m for m in messages(app))


async def test_e_exports_the_shown_week_in_the_settings_formats(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    settings = Settings(
        time_zone="UTC", export_folder=str(folder), export_formats=("md", "html", "json")
    )
    app = app_factory(settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "left", "e")
        await app.workers.wait_for_complete()
        await settle(pilot)
        await press(pilot, "e")  # a second export never overwrites the first
        await app.workers.wait_for_complete()
        await settle(pilot)
        notices = [m for m in messages(app) if m.startswith("Exported")]
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "netbalance-2026-W47-2.html",
        "netbalance-2026-W47-2.json",
        "netbalance-2026-W47-2.md",
        "netbalance-2026-W47.html",
        "netbalance-2026-W47.json",
        "netbalance-2026-W47.md",
    ]
    # the folder named once, each file on a line of its own (no path wraps mid-name)
    assert notices[0].startswith(f"Exported: 2026-W47 written to {folder}:\n")
    assert notices[0].splitlines()[1:] == [
        "netbalance-2026-W47.md",
        "netbalance-2026-W47.html",
        "netbalance-2026-W47.json",
    ]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in folder.iterdir())
    doc = json.loads((folder / "netbalance-2026-W47.json").read_text())
    assert doc["week"] == "2026-W47"
    assert "fill:#F2A541" in (folder / "netbalance-2026-W47.html").read_text()  # dark theme


async def test_the_numbers_move_while_a_box_runs(
    app: NetbalanceApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netbalance.tui.widgets.timer_bar import TimerView

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        before = screen._windows
        assert before is not None
        await start_box(pilot, Kind.PRODUCE, 50)
        await advance(pilot, clock, minutes=30)
        label = screen.balance_cell("this_week", "produce")
        from netbalance.core.instants import format_hours

        assert label == format_hours(before.this_week.produce + 30)
        assert format_hours(screen._loaded.current.produce + 30) in screen_text(app)  # type: ignore[union-attr]
        reads: list[object] = []  # a refresh is the cached totals plus the running box
        real_records = _Repository._records

        def counted(repo: _Repository[Session], *args: Any, **kwargs: Any) -> Iterator[Session]:
            reads.append(repo)
            return real_records(repo, *args, **kwargs)

        monkeypatch.setattr(_Repository, "_records", counted)
        for _minute in range(10):
            clock.advance(seconds=60)
            screen.show(TimerView(clock.now(), app.running_box()))
        assert reads == []
        label = screen.balance_cell("this_week", "produce")
        assert label == format_hours(before.this_week.produce + 40)


async def test_a_hostile_name_shows_literally(app_factory: AppFactory, store: Store) -> None:
    from datetime import timedelta

    from nbapp import NOW

    store.contacts.add(
        Contact(
            id="mallory",
            name=NASTY,
            created=NOW - timedelta(days=400),
            updated=NOW - timedelta(days=400),
            cadence_days=1,
        )
    )
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "[bold red]Mallory[/] \\x1b]0;pwned\\x07" in text


async def test_the_panels_stack_in_80_columns(app: NetbalanceApp) -> None:
    """Under 100 columns every row of panels stacks (README), the bottom one too."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = dashboard(app)
        for row in ("#dash-top", "#dash-middle", "#dash-bottom"):
            assert screen.query_one(row).styles.layout.name == "vertical", row
        progress, due = screen.query_one("#progress").region, screen.query_one("#due").region
        assert due.y >= progress.bottom and due.x == progress.x


async def test_the_first_frame_shows_this_week_and_the_last_30_days_follow(
    app: NetbalanceApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first frame reads only this week's days: today and this week as they are,
    the last 30 days as … until the details are read, right after it is drawn."""
    from netbalance.actions.figures import windows
    from netbalance.core.instants import format_hours

    first_frame: list[tuple[str, str, str]] = []
    load_details = DashboardScreen._load_details

    def spy(self: DashboardScreen, week_step: bool = False) -> None:
        if not first_frame:
            first_frame.append(
                (
                    self.balance_cell("today", "produce"),
                    self.balance_cell("this_week", "produce"),
                    self.balance_cell("last_30_days", "produce"),
                )
            )
        load_details(self, week_step)

    monkeypatch.setattr(DashboardScreen, "_load_details", spy)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        whole = windows(store, app.today(), app.zone_name, app.settings.week_start)
        assert whole.last_30_days.produce > whole.this_week.produce > 0
        today, this_week, last_30_days = (
            format_hours(whole.today.produce),
            format_hours(whole.this_week.produce),
            format_hours(whole.last_30_days.produce),
        )
        assert first_frame == [(today, this_week, "…")]
        assert dashboard(app).balance_cell("last_30_days", "produce") == last_30_days
        assert dashboard(app).balance_cell("this_week", "produce") == this_week
