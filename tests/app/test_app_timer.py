"""The focus timer from the keyboard: every key of the timer, checked on the stored data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nbapp import NOW, SIZE, AppFactory, Desktop, advance, at, messages, press, start_box
from textual.widgets import Digits, Input

from netbalance.actions import boxes
from netbalance.core import timer
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, Session
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.box_end import BoxEndScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.dashboard import DashboardScreen
from netbalance.tui.screens.focus import FocusScreen
from netbalance.tui.screens.length import LengthScreen
from netbalance.tui.widgets.timer_bar import TimerBar

# --- starting a box: the length modal ---------------------------------------------------


async def test_p_opens_the_length_modal_and_enter_starts_the_default_produce_box(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p")
        assert isinstance(app.screen, LengthScreen)
        assert store.box.get() is None
        await press(pilot, "enter")
        assert not isinstance(app.screen, LengthScreen)
    box = store.box.get()
    assert box is not None
    assert (box.kind, box.planned_seconds, box.started) == (Kind.PRODUCE, 25 * 60, NOW)
    assert box.paused_at is None


async def test_n_and_the_arrow_keys_choose_a_network_preset(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "n", "up", "enter")
    box = store.box.get()
    assert box is not None
    assert (box.kind, box.planned_seconds) == (Kind.NETWORK, 15 * 60)


async def test_digits_typed_in_the_modal_start_a_box_of_that_length(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "4", "0", "enter")
        assert not isinstance(app.screen, LengthScreen)
        assert app.current_mode == "dashboard"  # the digits were not mode keys
    box = store.box.get()
    assert box is not None
    assert (box.kind, box.planned_seconds) == (Kind.PRODUCE, 40 * 60)


async def test_a_length_out_of_range_is_refused_in_the_modal(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "0", "enter")
        assert isinstance(app.screen, LengthScreen)
        assert "1 to 1440 minutes" in str(app.screen.query_one("#length-error").render())
        await press(pilot, "escape")
    assert store.box.get() is None


async def test_escape_closes_the_modal_and_stores_nothing(app: NetbalanceApp, store: Store) -> None:
    sessions = len(store.sessions.all())
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "escape")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "n", "3", "escape")
        assert isinstance(app.screen, DashboardScreen)
    assert store.box.get() is None
    assert len(store.sessions.all()) == sessions


# --- a running box ----------------------------------------------------------------------


async def test_space_pauses_and_resumes_and_the_pause_is_not_counted(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=5)
        await press(pilot, "space")
        box = store.box.get()
        assert box is not None
        assert box.paused_at == at(5)
        assert app.timer_view is not None and app.timer_view.state == "paused"

        await advance(pilot, clock, minutes=3)
        assert app.timer_view.clock == "20:00"  # frozen while paused
        await press(pilot, "space")
        box = store.box.get()
        assert box is not None
        assert (box.paused_at, box.paused_seconds) == (None, 180)

        await advance(pilot, clock, minutes=2)
        assert app.timer_view.state == "running"
        assert app.timer_view.clock == "18:00"


async def test_plus_extends_the_box_by_five_minutes(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=1)
        await press(pilot, "plus")
        box = store.box.get()
        assert box is not None and box.planned_seconds == 25 * 60 + 300
        assert app.timer_view is not None and app.timer_view.clock == "29:00"
        await press(pilot, "plus")
    box = store.box.get()
    assert box is not None and box.planned_seconds == 25 * 60 + 600


async def test_s_finishes_early_records_the_time_spent_and_offers_a_break(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=10)
        await press(pilot, "space")
        await advance(pilot, clock, minutes=4)
        await press(pilot, "space")
        await advance(pilot, clock, minutes=2)
        await press(pilot, "s")

        assert store.box.get() is None
        new = [s for s in store.sessions.all() if s.id not in before]
        assert len(new) == 1
        session = new[0]
        assert (session.kind, session.start, session.end) == (Kind.PRODUCE, NOW, at(16))
        assert (session.active_seconds, session.paused_seconds) == (12 * 60, 4 * 60)
        assert not session.recovered

        assert isinstance(app.screen, ConfirmScreen)
        assert "12 m recorded" in app.screen.question
        # the question on a line of its own: never wrapped between 5 and m at 80 columns
        assert app.screen.question.splitlines()[-1] == "Take a short break of 5 m?"
        await press(pilot, "y")
        assert app.timer_view is not None and app.timer_view.state == "break"
        bar = app.screen.query_one(TimerBar)
        assert "BREAK" in str(bar.render())
        assert "05:00 left" in str(bar.render())

        await advance(pilot, clock, minutes=1)
        assert "04:00 left" in str(app.screen.query_one(TimerBar).render())
        await press(pilot, "b")
        assert app.timer_view.state == "idle"
        assert "idle" in str(app.screen.query_one(TimerBar).render())


async def test_a_break_that_runs_out_rings_and_says_so(
    app: NetbalanceApp, clock: FakeClock, bell: list[object]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=2)
        await press(pilot, "s", "y")
        await advance(pilot, clock, minutes=5)
        assert app.timer_view is not None and app.timer_view.state == "idle"
        assert len(bell) == 1
        assert any("Break over" in line for line in messages(app))


async def test_n_skips_the_break_and_every_nth_box_offers_the_long_one(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    app = app_factory(settings=Settings(time_zone="UTC", long_break_every=2, long_break=20))
    async with app.run_test(size=SIZE) as pilot:
        questions = []
        for _ in range(2):
            await start_box(pilot)
            await advance(pilot, clock, minutes=1)
            await press(pilot, "s")
            assert isinstance(app.screen, ConfirmScreen)
            questions.append(app.screen.question)
            await press(pilot, "n")  # no break (and no network box either)
            assert isinstance(app.screen, DashboardScreen)
            assert app.timer_view is not None and app.timer_view.state == "idle"
            assert store.box.get() is None
    assert ["long" in q for q in questions] == [False, True]
    assert "long break of 20 m" in questions[1]


async def test_x_asks_first_n_keeps_the_box_y_cancels_it_and_records_nothing(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    sessions = len(store.sessions.all())
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        started = store.box.get()
        await advance(pilot, clock, minutes=7)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "18:00" in app.screen.question
        await press(pilot, "n")
        assert store.box.get() == started
        assert app.timer_view is not None and app.timer_view.state == "running"
        await press(pilot, "x", "escape")  # Esc is no as well
        assert store.box.get() == started

        await press(pilot, "x", "y")
        assert store.box.get() is None
        assert app.timer_view.state == "idle"
        assert isinstance(app.screen, DashboardScreen)
    assert len(store.sessions.all()) == sessions


async def test_timer_keys_change_nothing_with_no_box_and_say_why(
    app: NetbalanceApp, store: Store
) -> None:
    sessions = len(store.sessions.all())
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "space", "plus", "s", "x", "b")
        assert isinstance(app.screen, DashboardScreen)
        said = messages(app)
        assert len(said) == 5 and all(m.startswith(": No ") for m in said), said
        assert said[0] == ": No box is running: p starts a produce box, n a network box."
        assert said[-1] == ": No break is running."
    assert store.box.get() is None
    assert len(store.sessions.all()) == sessions


# --- the end of a countdown --------------------------------------------------------------


async def test_a_countdown_that_ends_while_the_app_runs_is_recorded_rings_and_offers_a_break(
    app: NetbalanceApp,
    store: Store,
    clock: FakeClock,
    bell: list[object],
    desktop: Desktop,
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        assert app.timer_view is not None
        boxes_today = app.timer_view.boxes_today
        await start_box(pilot, Kind.NETWORK, 15)
        await advance(pilot, clock, minutes=14, seconds=59)
        assert store.box.get() is not None and bell == []
        assert app.timer_view is not None and app.timer_view.clock == "00:01"

        await advance(pilot, clock, minutes=3)  # the app was busy: the tick comes late
        assert store.box.get() is None
        new = [s for s in store.sessions.all() if s.id not in before]
        assert len(new) == 1
        assert (new[0].kind, new[0].start, new[0].end) == (Kind.NETWORK, NOW, at(15))
        assert new[0].active_seconds == 15 * 60
        assert len(bell) == 1
        assert desktop.calls == [("Network box done", "15 m recorded")]
        assert isinstance(app.screen, ConfirmScreen)
        # said by the break question; no notice over it, where it would cover its buttons
        assert "Network box done: 15 m recorded" in app.screen.question
        assert messages(app) == []
        assert app.timer_view.boxes_today == boxes_today + 1

        await advance(pilot, clock, seconds=1)  # later ticks do not ring again
        assert len(bell) == 1
        assert len([s for s in store.sessions.all() if s.id not in before]) == 1


async def test_a_paused_countdown_does_not_end(
    app: NetbalanceApp, store: Store, clock: FakeClock, bell: list[object]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=10)
        await press(pilot, "space")
        await advance(pilot, clock, hours=2)
        assert store.box.get() is not None
        assert bell == []
        await press(pilot, "space")
        await advance(pilot, clock, minutes=15)
        assert store.box.get() is None
    assert any(
        s.start == NOW
        and s.active_seconds == 25 * 60
        and s.end == NOW + timedelta(hours=2, minutes=25)
        for s in store.sessions.all()
    )


# --- the focus view -----------------------------------------------------------------------


async def test_z_opens_the_focus_view_and_escape_returns(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, minutes=2, seconds=30)
        await press(pilot, "z")
        assert isinstance(app.screen, FocusScreen)
        assert str(app.screen.query_one("#focus-kind").render()) == "PRODUCE"
        digits = app.screen.query_one("#focus-digits", Digits)
        assert digits.value == "22:30"
        await advance(pilot, clock, seconds=30)
        assert digits.value == "22:00"
        await press(pilot, "space")  # the timer keys work in the focus view too
        assert str(app.screen.query_one("#focus-caption").render()) == "paused"
        box = store.box.get()
        assert box is not None and box.paused_at == at(3)
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
        await press(pilot, "z", "z")
        assert isinstance(app.screen, DashboardScreen)


# --- a stopwatch, a keymap ----------------------------------------------------------------


async def test_the_stopwatch_preset_counts_up_and_finishing_records_the_time(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p", "end", "enter")  # the last entry: stopwatch
        box = store.box.get()
        assert box is not None and box.planned_seconds is None
        await advance(pilot, clock, hours=2, minutes=3)
        assert app.timer_view is not None
        assert (app.timer_view.state, app.timer_view.caption) == ("running", "elapsed")
        assert store.box.get() is not None  # a stopwatch never ends by itself
        await press(pilot, "s")
    assert any(s.start == NOW and s.active_seconds == 123 * 60 for s in store.sessions.all())


async def test_a_keymap_from_the_settings_rebinds_a_key(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory(settings=Settings(time_zone="UTC", keymap={"box.produce": "o"}))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "o", "enter")
    box = store.box.get()
    assert box is not None and box.kind is Kind.PRODUCE


# --- the box ends while something else is asked -------------------------------------------


async def test_a_box_that_ends_while_its_cancel_question_is_open_drops_the_question(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await press(pilot, "x")  # asked, and the user walks away
        await advance(pilot, clock, minutes=26)
        assert store.box.get() is None  # recorded at its end
        await press(pilot, "n")  # no break
        assert isinstance(app.screen, DashboardScreen), getattr(app.screen, "question", "")
        assert [n for n in app._notifications if n.severity == "error"] == []


async def test_a_box_recorded_by_another_process_at_its_end_is_no_error(
    app: NetbalanceApp, store: Store, clock: FakeClock, bell: list[object]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        clock.advance(minutes=25, seconds=1)
        boxes.finish(Store.open(store.path, clock))  # `netbalance stop`, or a second app
        await advance(pilot, clock, seconds=1)  # the app ticks before its file watch
        assert [n.message for n in app._notifications if n.severity == "error"] == []
        assert app.timer_view is not None and app.timer_view.state == "idle"


# --- a box that cannot simply be recorded -------------------------------------------------


def _new_sessions(store: Store, before: set[str]) -> list[Session]:
    return sorted(
        (s for s in Store.open(store.path, store.clock).sessions.all() if s.id not in before),
        key=lambda s: s.start,
    )


async def test_s_on_a_box_recorded_already_says_so_records_nothing_and_offers_no_break(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        with open(store.box_file.path, "rb") as handle:
            restored = handle.read()
        await advance(pilot, clock, minutes=10)
        await press(pilot, "s", "n")  # finished, no break
        with open(store.box_file.path, "wb") as handle:  # a sync tool brings it back
            handle.write(restored)
        app.watch_files()
        await advance(pilot, clock, minutes=5)
        assert app.timer_view is not None and app.timer_view.state == "running"

        await press(pilot, "s")
        assert not isinstance(app.screen, ConfirmScreen)  # no "15 m recorded", no break
        assert any("recorded already: 10 m" in line for line in messages(app))
        assert app.timer_view.state == "idle"
    [session] = _new_sessions(store, before)
    assert session.active_seconds == 10 * 60
    assert store.box.get() is None


async def test_s_on_a_stopwatch_left_running_for_days_asks_until_when(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, None)
        await advance(pilot, clock, days=5)
        await press(pilot, "s")
        assert isinstance(app.screen, BoxEndScreen)
        field = app.screen.query_one("#box-end-time", Input)
        assert field.value == "2026-11-27 15:00"  # at most 24 hours after its start
        assert _new_sessions(store, before) == [] and store.box.get() is not None

        await press(pilot, "escape")  # leaves the box as it is
        assert isinstance(app.screen, DashboardScreen)
        assert store.box.get() is not None and _new_sessions(store, before) == []

        await press(pilot, "s")  # asked again
        assert isinstance(app.screen, BoxEndScreen)
        field = app.screen.query_one("#box-end-time", Input)
        field.value = "2026-11-29 15:00"
        await press(pilot, "enter")
        assert isinstance(app.screen, BoxEndScreen)  # refused in the form, kept open
        error = str(app.screen.query_one("#box-end-error").render())
        assert "at most 24 h" in error
        field.value = "2026-11-26 17:30"
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)  # the break question, as after s
        assert "2 h 30 m recorded" in app.screen.question
    [session] = _new_sessions(store, before)
    assert (session.start, session.end) == (NOW, at(150))
    assert store.box.get() is None


async def test_a_countdown_ending_over_another_session_asks_once_until_when(
    app: NetbalanceApp, store: Store, clock: FakeClock, bell: list[object]
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        other = Store.open(store.path, clock)  # a session recorded meanwhile elsewhere
        met = timer.finish(timer.start(Kind.NETWORK, at(10), minutes=10), at(20))
        other.sessions.add(met)
        await advance(pilot, clock, minutes=26)
        assert isinstance(app.screen, BoxEndScreen)
        assert "would overlap the network session" in app.screen.problem
        field = app.screen.query_one("#box-end-time", Input)
        assert field.value == "2026-11-26 15:10"  # the start of the next session
        await advance(pilot, clock, seconds=2)  # later ticks do not ask again
        assert len([s for s in app.screen_stack if isinstance(s, BoxEndScreen)]) == 1
        assert store.box.get() is not None and bell == []

        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Produce box done: 10 m recorded" in app.screen.question
    assert [(s.start, s.end) for s in _new_sessions(store, before)] == [
        (NOW, at(10)),
        (at(10), at(20)),
    ]


async def test_a_box_cancelled_elsewhere_is_shown_idle_after_a_key_that_failed(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    boxes.start(Store.open(store.path, clock), Kind.PRODUCE, minutes=25)  # the CLI's start
    async with app.run_test(size=SIZE) as pilot:
        app.watch_files()
        await advance(pilot, clock, seconds=1)
        assert app.timer_view is not None and app.timer_view.state == "running"
        boxes.cancel(Store.open(store.path, clock))  # `netbalance cancel`
        await press(pilot, "plus")  # before the poll: refused, "no box is running"
        app.watch_files()  # the poll
        await advance(pilot, clock, seconds=1)
        assert app.timer_view.state == "idle"
        assert "idle" in str(app.screen.query_one(TimerBar).render())


async def test_a_countdown_ending_while_another_process_holds_the_files_waits_and_is_recorded(
    app: NetbalanceApp, store: Store, clock: FakeClock, bell: list[object]
) -> None:
    before = {s.id for s in store.sessions.all()}
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        holder = Store.open(store.path, clock)  # a long import holds the lock
        holder.lock.acquire()
        try:
            await advance(pilot, clock, minutes=25, seconds=1)
            assert app.timer_view is not None and app.timer_view.state == "over"
            assert "waiting to be recorded" in str(app.screen.query_one(TimerBar).render())
            await advance(pilot, clock, seconds=3)
            waiting = [line for line in messages(app) if line.startswith("Waiting")]
            assert len(waiting) == 1  # said once
            assert store.box.get() is not None and bell == []
            assert not app.check_action("start_box", ("produce",))  # the box is still there
        finally:
            holder.lock.release()
        await advance(pilot, clock, seconds=1)  # the next tick, once the files are free
        assert store.box.get() is None
        assert len(bell) == 1
        assert isinstance(app.screen, ConfirmScreen)
        assert "Produce box done: 25 m recorded" in app.screen.question
    [session] = _new_sessions(store, before)
    assert (session.start, session.end) == (NOW, at(25))


async def test_a_box_shorter_than_the_minimum_is_not_recorded_the_app_asks(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    sessions = len(store.sessions.all())
    async with app.run_test(size=SIZE) as pilot:
        await start_box(pilot)
        await advance(pilot, clock, seconds=25)
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "ran 25 s, under the 1 m" in app.screen.question
        await press(pilot, "n")  # keep it running
        assert store.box.get() is not None
        await press(pilot, "s", "y")  # drop it
        assert store.box.get() is None
    assert len(store.sessions.all()) == sessions  # nothing recorded either way


# --- the day's reminder of who is due ------------------------------------------------------


async def test_the_app_reminds_of_who_is_due_once_a_day(
    app: NetbalanceApp, store: Store, clock: FakeClock, desktop: Desktop
) -> None:
    """At start a desktop notification names who is due (the demo has people overdue);
    a box's end the same day sends no second one; the next day's first box end does."""
    from netbalance.actions import contacts as people
    from netbalance.core.contacts import due_list

    desktop.available = True
    due = due_list(
        store.contacts.all(), people.derived(store, store.contacts.all(), app.zone), NOW.date()
    )
    assert len(due) > 3
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        ((title, body),) = desktop.calls
        assert title == f"netbalance: {len(due)} people are due"
        first = due[0]
        assert body.startswith(f"{first.contact.name} ({first.overdue_days} d overdue")
        assert body.endswith(f", and {len(due) - 3} more")

        await start_box(pilot, Kind.PRODUCE, 25)
        await advance(pilot, clock, minutes=25)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [call[0] for call in desktop.calls[1:]] == ["Produce box done"]

        while not isinstance(app.screen, DashboardScreen):  # the offer of a break
            app.pop_screen()
            await pilot.pause()
        clock.set(NOW + timedelta(days=1))
        await start_box(pilot, Kind.PRODUCE, 25)
        await advance(pilot, clock, minutes=25)
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = [call[0] for call in desktop.calls]
        assert len(titles) == 4 and titles[-2] == "Produce box done"
        assert titles[-1].startswith("netbalance: ") and titles[-1].endswith(" are due")


async def test_no_reminder_where_no_notifications_exist(
    app: NetbalanceApp, desktop: Desktop, db_path: Any
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert desktop.calls == []
    assert not (db_path.parent / "nb.reminded").exists()


async def test_a_box_that_ends_under_a_form_shows_idle_beneath_it(
    app_factory: AppFactory, clock: FakeClock
) -> None:
    """A card form open as the box ends, the break question over it: the mode drawn
    dimmed beneath both shows the box ended (the timer bar idle, the idle keys), not the
    last second of the box."""
    from nbapp import screen_text

    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2")
        await start_box(pilot, Kind.PRODUCE, minutes=2)
        await press(pilot, "e")
        await advance(pilot, clock, minutes=1)
        assert "PRODUCE  01:00 left" in screen_text(app)
        await advance(pilot, clock, minutes=2)
        assert isinstance(app.screen, ConfirmScreen)  # the break, over the form
        shown = screen_text(app)
        assert "PRODUCE" not in shown and "idle  ·  p produce box" in shown
        assert "Pause" not in shown and "Finish" not in shown
