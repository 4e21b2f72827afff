"""The shell: modes, quitting, the first run, start-up with a stored box, settings problems."""

from __future__ import annotations

from datetime import timedelta

import pytest
from nbapp import NOW, SIZE, AppFactory, at, messages, press, settle, start_box
from textual.widgets import HelpPanel, Label, Static

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.core.weeks import DayGrid, week_start_of
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.board import BoardScreen
from netbalance.tui.screens.contacts import ContactsScreen
from netbalance.tui.screens.dashboard import DashboardScreen
from netbalance.tui.screens.history import HistoryScreen
from netbalance.tui.widgets.contact_table import ContactTable
from netbalance.tui.widgets.history_table import HistoryTable
from netbalance.tui.widgets.key_bar import KeyBar
from netbalance.tui.widgets.timer_bar import TimerBar


def stored_box(store: Store, clock: FakeClock, minutes_ago: float, **kwargs: object) -> str:
    """A box started `minutes_ago` by another process (or before a crash); its id."""
    clock.set(NOW - timedelta(minutes=minutes_ago))
    box = boxes.start(store, **kwargs)  # type: ignore[arg-type]
    clock.set(NOW)
    return box.id


# --- modes --------------------------------------------------------------------------------


async def test_keys_1_to_4_switch_modes_each_with_its_data_and_the_timer_bar(
    app: NetbalanceApp, store: Store
) -> None:
    items = [i for i in store.items.all() if not i.archived]
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_mode == "dashboard"
        await start_box(pilot)

        await press(pilot, "2")
        assert (app.current_mode, type(app.screen)) == ("board", BoardScreen)
        heads = [str(label.render()) for label in app.screen.query(".column-head").results(Label)]
        # "Doing  3 of 3" on the first line of each head: the cards in that column
        assert sum(int(h.split("\n")[0].split()[1]) for h in heads) == len(items)
        assert "PRODUCE" in str(app.screen.query_one(TimerBar).render())

        await press(pilot, "3")
        assert (app.current_mode, type(app.screen)) == ("contacts", ContactsScreen)
        contacts = app.screen.query_one("#contacts", ContactTable)
        assert {row.id for row in contacts.rows} == {c.id for c in store.contacts.all()}
        assert "PRODUCE" in str(app.screen.query_one(TimerBar).render())

        await press(pilot, "4")
        assert (app.current_mode, type(app.screen)) == ("history", HistoryScreen)
        shown = set(app.screen.query_one("#history", HistoryTable).ids)
        first = week_start_of(app.today(), 1)
        grid = DayGrid.build(first, 7, "UTC")
        week = {session.id for session in store.sessions.between(grid.start, grid.end)}
        assert week and week <= shown  # with day headings and interactions between them
        assert "PRODUCE" in str(app.screen.query_one(TimerBar).render())

        await press(pilot, "1")
        assert (app.current_mode, type(app.screen)) == ("dashboard", DashboardScreen)
        assert "PRODUCE" in str(app.screen.query_one(TimerBar).render())


async def test_question_mark_opens_the_keys_panel(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "question_mark")
        assert len(app.screen.query(HelpPanel)) == 1


# --- quitting -----------------------------------------------------------------------------


async def test_q_with_nothing_running_exits_quietly(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "q")
        assert app._exit
        assert app._exit_renderables == []
    assert app.return_code == 0
    assert store.box.get() is None


async def test_q_with_a_box_running_exits_and_the_box_keeps_running(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot, Kind.NETWORK, 30)
        started = store.box.get()
        clock.advance(minutes=6)
        await press(pilot, "q")
        assert app._exit
        said = " ".join(str(r) for r in app._exit_renderables)
    assert app.return_code == 0
    assert store.box.get() == started
    assert "network box keeps running" in said
    assert "24:00 left" in said
    assert "netbalance status" in said


# --- start-up with a stored box -------------------------------------------------------------


async def test_a_countdown_that_ended_while_closed_is_recorded_at_its_end_on_start_up(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    box_id = stored_box(store, clock, 40, kind=Kind.PRODUCE, minutes=25, item_title="Chapter 3")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert store.box.get() is None
        assert app.timer_view is not None and app.timer_view.state == "idle"
        said = messages(app)
    session = store.sessions.get(box_id)
    assert session is not None and session.recovered
    assert (session.kind, session.start, session.end) == (Kind.PRODUCE, at(-40), at(-15))
    assert session.active_seconds == 25 * 60
    assert session.item_title == "Chapter 3"
    assert any("Box recorded" in line and "14:45" in line for line in said), said


async def test_a_box_still_running_at_start_up_shows_with_the_right_remaining_time(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    box_id = stored_box(
        store, clock, 10.5, kind=Kind.NETWORK, minutes=30, contact_name="Ada Lovelace"
    )
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.timer_view
        assert view is not None
        assert (view.state, view.clock) == ("running", "19:30")
        bar = str(app.screen.query_one(TimerBar).render())
        assert "NETWORK" in bar and "19:30 left" in bar and "Ada" in bar
        assert store.box.get() is not None
        assert store.sessions.get(box_id) is None


def footer_keys(app: NetbalanceApp) -> list[str]:
    return [key.key for key in app.screen.query_one(KeyBar).keys]


async def test_the_footer_offers_the_box_keys_for_a_box_found_at_start_up(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    stored_box(store, clock, 5, kind=Kind.PRODUCE, minutes=25)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
    assert {"space", "plus", "s", "x"} <= set(keys)
    assert "p" not in keys and "n" not in keys


async def test_with_a_box_running_the_footer_offers_its_keys_and_n_starts_no_other(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert {"p", "n"} <= set(footer_keys(app))
        await start_box(pilot)
        keys = footer_keys(app)
        assert {"space", "plus", "s", "x"} <= set(keys)
        assert "p" not in keys and "n" not in keys
        first = store.box.get()
        await press(pilot, "n")
        assert isinstance(app.screen, DashboardScreen)
    assert store.box.get() == first


async def test_at_80_columns_the_running_box_keys_come_first_on_the_key_bar(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    """A line of 80 columns cannot hold every key of the dashboard: with a box running,
    its pause, extend, finish and cancel keys are the ones drawn, ahead of the mode's."""
    stored_box(store, clock, 5, kind=Kind.PRODUCE, minutes=25)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert footer_keys(app)[:4] == ["space", "plus", "s", "x"]
        line = str(app.screen.query_one(KeyBar).render())
    assert line.startswith("space Pause + Extend s Finish x Cancel ")
    assert "Prev week" in line  # the mode's keys follow, as far as they fit


async def test_a_paused_box_at_start_up_stays_paused(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    stored_box(store, clock, 60, kind=Kind.PRODUCE, minutes=25)
    clock.set(at(-50))
    boxes.pause(store)
    clock.set(NOW)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.timer_view is not None
        assert (app.timer_view.state, app.timer_view.clock) == ("paused", "15:00")
    assert store.box.get() is not None


# --- the first run ----------------------------------------------------------------------


async def test_the_first_run_welcomes_with_the_keys_that_matter(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome", Static)
        assert welcome.display and welcome.visible
        assert not app.screen.query_one("#balance").display
        text = str(welcome.render())
        for key in ("p ", "n ", "? "):
            assert f"\n  {key}" in text, key
        assert "produce" in text and "network" in text

        await start_box(pilot)  # the first box: the balance replaces the welcome
        assert not welcome.display
        assert app.screen.query_one("#balance").display
        await press(pilot, "s", "n")
        assert not welcome.display


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_welcome_fits_the_terminal_with_its_right_border(
    app_factory: AppFactory, empty_store: Store, size: tuple[int, int]
) -> None:
    app = app_factory(store=empty_store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome", Static)
        # inside the dashboard's padding: its right border is drawn, no line cut off
        assert welcome.region.right <= size[0] - 2, (welcome.region, size)
        assert welcome.region.width >= min(84, size[0] - 4)


async def test_with_data_the_dashboard_shows_the_balance_not_the_welcome(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#welcome").display
        assert app.screen.query_one("#balance").display
        windows = app.windows()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        today = screen.balance_cell("today", "ratio")
        assert today == windows.today.ratio_text


# --- settings problems ----------------------------------------------------------------------


async def test_a_settings_problem_is_a_warning_and_the_app_still_runs(
    app_factory: AppFactory, settings_path: object
) -> None:
    problem = f"{settings_path}: boxes.produce_default = 0 is not a whole number; using the default"
    app = app_factory(problems=[problem])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert [n.message for n in warnings] == [problem]
        await press(pilot, "p", "enter")
    assert app.store.box.get() is not None


async def test_a_bound_key_puts_the_heap_tidy_up_off_as_any_key_does(app: NetbalanceApp) -> None:
    """A tidy-up takes a full collection (over 100 ms on years of data): it waits for a
    quiet moment, and a key that a binding takes (a card move, a mode switch) is typing
    too, not only a key nothing binds."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        told: list[str] = []
        heard = app.heap.key
        app.heap.key = lambda: told.append("key") or heard()  # type: ignore[method-assign]
        for key in ("2", "down", "1", "y"):  # mode switches, a lane key, no binding
            told.clear()
            await press(pilot, key)
            assert told == ["key"], key
