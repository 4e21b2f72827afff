"""The time-box state machine, driven by a FakeClock: no sleeping, no wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.core import timer
from netbalance.core.clock import FakeClock
from netbalance.core.models import ActiveBox, Kind
from netbalance.core.timer import TimerError

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def countdown(clock: FakeClock, length: int = 25, kind: Kind = Kind.PRODUCE) -> ActiveBox:
    return timer.start(kind, clock.now(), minutes=length)


def stopwatch(clock: FakeClock, kind: Kind = Kind.PRODUCE) -> ActiveBox:
    return timer.start(kind, clock.now(), minutes=None)


# --- start ------------------------------------------------------------------------------


def test_start_countdown_records_plan_links_and_start(clock: FakeClock) -> None:
    box = timer.start(
        Kind.PRODUCE,
        clock.now(),
        minutes=25,
        item_id="item-1",
        item_title="Write chapter 3",
        note="first draft",
    )
    assert box.kind is Kind.PRODUCE
    assert box.started == T0
    assert box.planned_seconds == 25 * 60
    assert not box.is_stopwatch
    assert not box.is_paused
    assert box.paused_seconds == 0
    assert box.link == "Write chapter 3"
    assert box.note == "first draft"
    assert timer.remaining_seconds(box, clock.now()) == 25 * 60
    assert timer.elapsed_seconds(box, clock.now()) == 0
    assert timer.planned_end(box) == T0 + minutes(25)


def test_start_network_box_links_contact(clock: FakeClock) -> None:
    box = timer.start(
        Kind.NETWORK, clock.now(), minutes=15, contact_id="c-1", contact_name="Ada Lovelace"
    )
    assert box.kind is Kind.NETWORK
    assert box.link == "Ada Lovelace"
    assert box.contact_id == "c-1"


def test_start_stopwatch_counts_up_and_has_no_remaining(clock: FakeClock) -> None:
    box = stopwatch(clock)
    assert box.is_stopwatch
    assert box.planned_seconds is None
    clock.advance(minutes=7)
    assert timer.elapsed_seconds(box, clock.now()) == 7 * 60
    assert timer.remaining_seconds(box, clock.now()) is None
    assert not timer.is_over(box, clock.now())
    assert timer.planned_end(box) is None
    clock.advance(hours=30)
    assert not timer.is_over(box, clock.now())


def test_every_box_gets_its_own_id(clock: FakeClock) -> None:
    ids = {countdown(clock).id for _ in range(20)}
    assert len(ids) == 20


@pytest.mark.parametrize("length", [0, -5, 24 * 60 + 1, 10_000])
def test_start_refuses_lengths_out_of_bounds(clock: FakeClock, length: int) -> None:
    with pytest.raises(TimerError, match=str(length)):
        timer.start(Kind.PRODUCE, clock.now(), minutes=length)


# --- check_minutes ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 25, 90, 24 * 60])
def test_check_minutes_accepts_one_minute_to_a_day(value: int) -> None:
    assert timer.check_minutes(value) == value


@pytest.mark.parametrize("value", [0, -1, 24 * 60 + 1])
def test_check_minutes_refuses_and_names_the_value(value: int) -> None:
    with pytest.raises(TimerError) as caught:
        timer.check_minutes(value)
    assert str(value) in str(caught.value)
    assert "1440" in str(caught.value)


def test_timer_error_is_a_value_error() -> None:
    # callers (CLI) catch ValueError for a one-line error on bad input
    assert issubclass(TimerError, ValueError)


# --- counting down ----------------------------------------------------------------------


def test_countdown_follows_the_clock_and_stops_at_zero(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    assert timer.elapsed_seconds(box, clock.now()) == 600
    assert timer.remaining_seconds(box, clock.now()) == 900
    assert not timer.is_over(box, clock.now())
    clock.advance(minutes=14, seconds=59)
    assert timer.remaining_seconds(box, clock.now()) == 1
    assert not timer.is_over(box, clock.now())
    clock.advance(seconds=1)
    assert timer.remaining_seconds(box, clock.now()) == 0
    assert timer.is_over(box, clock.now())
    clock.advance(hours=3)
    assert timer.remaining_seconds(box, clock.now()) == 0


def test_suspend_jump_forward_shows_the_right_remaining_time(clock: FakeClock) -> None:
    """A laptop suspended for 30 minutes: the wall clock, not ticks, decides."""
    box = countdown(clock, 50)
    clock.advance(minutes=10)
    assert timer.remaining_seconds(box, clock.now()) == 40 * 60
    clock.advance(minutes=30)  # suspended: no tick happened in between
    assert timer.remaining_seconds(box, clock.now()) == 10 * 60
    assert timer.elapsed_seconds(box, clock.now()) == 40 * 60


def test_suspend_past_the_end_makes_the_box_over(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=20)
    clock.advance(minutes=30)
    assert timer.is_over(box, clock.now())
    assert timer.remaining_seconds(box, clock.now()) == 0


def test_clock_jump_back_never_gives_negative_or_excess_time(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    clock.advance(hours=-1)  # NTP or a manual change moves the clock back an hour
    assert clock.now() < box.started
    assert timer.elapsed_seconds(box, clock.now()) == 0
    assert timer.remaining_seconds(box, clock.now()) == 25 * 60
    sw = timer.start(Kind.NETWORK, T0, minutes=None)
    assert timer.elapsed_seconds(sw, clock.now()) == 0


def test_clock_jump_back_while_paused_adds_no_negative_pause(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    clock.advance(hours=-1)
    box = timer.resume(box, clock.now())
    assert box.paused_seconds == 0
    clock.set(T0 + minutes(12))
    assert timer.elapsed_seconds(box, clock.now()) == 12 * 60
    assert timer.remaining_seconds(box, clock.now()) == 13 * 60


def test_finish_after_a_clock_jump_back_records_no_negative_session(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(hours=-1)
    session = timer.finish(box, clock.now())
    assert session.end == session.start == T0
    assert session.paused_seconds == 0
    assert session.active_seconds == 0


# --- pause and resume -------------------------------------------------------------------


def test_pause_freezes_the_countdown(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    assert box.is_paused
    assert box.paused_at == T0 + minutes(10)
    assert box.updated == clock.now()
    clock.advance(minutes=30)
    assert timer.elapsed_seconds(box, clock.now()) == 600
    assert timer.remaining_seconds(box, clock.now()) == 900
    assert timer.planned_end(box) is None  # no end while paused
    assert not timer.is_over(box, clock.now() + timedelta(days=2))


def test_pauses_accumulate_and_push_the_end_back(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=30)
    box = timer.resume(box, clock.now())
    assert not box.is_paused
    assert box.paused_seconds == 30 * 60
    assert box.updated == clock.now()
    assert timer.remaining_seconds(box, clock.now()) == 15 * 60
    clock.advance(minutes=5)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=5)
    box = timer.resume(box, clock.now())
    assert box.paused_seconds == 35 * 60
    assert timer.remaining_seconds(box, clock.now()) == 10 * 60
    assert timer.planned_end(box) == T0 + minutes(25 + 35)


def test_stopwatch_pause_stops_counting_up(clock: FakeClock) -> None:
    box = stopwatch(clock)
    clock.advance(minutes=20)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=40)
    assert timer.elapsed_seconds(box, clock.now()) == 20 * 60
    box = timer.resume(box, clock.now())
    clock.advance(minutes=5)
    assert timer.elapsed_seconds(box, clock.now()) == 25 * 60


def test_double_pause_is_refused(clock: FakeClock) -> None:
    box = timer.pause(countdown(clock), clock.now())
    with pytest.raises(TimerError, match="already paused"):
        timer.pause(box, clock.now())


def test_resume_when_not_paused_is_refused(clock: FakeClock) -> None:
    box = countdown(clock, kind=Kind.NETWORK)
    with pytest.raises(TimerError, match="network box is not paused"):
        timer.resume(box, clock.now())
    box = timer.resume(timer.pause(box, clock.now()), clock.now())
    with pytest.raises(TimerError):
        timer.resume(box, clock.now())


def test_actions_do_not_mutate_the_box(clock: FakeClock) -> None:
    box = countdown(clock)
    timer.pause(box, clock.now())
    timer.extend(box, clock.now())
    assert box.paused_at is None
    assert box.planned_seconds == 25 * 60


# --- extend -----------------------------------------------------------------------------


def test_extend_adds_five_minutes_by_default(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=24)
    box = timer.extend(box, clock.now())
    assert box.planned_seconds == 30 * 60
    assert box.updated == clock.now()
    assert timer.remaining_seconds(box, clock.now()) == 6 * 60
    assert timer.planned_end(box) == T0 + minutes(30)


def test_extend_by_any_length(clock: FakeClock) -> None:
    box = timer.extend(countdown(clock, 25), clock.now(), 15)
    assert box.planned_seconds == 40 * 60


def test_extend_while_paused_keeps_the_pause(clock: FakeClock) -> None:
    box = timer.pause(countdown(clock, 25), clock.now() + minutes(10))
    box = timer.extend(box, clock.now() + minutes(20))
    assert box.is_paused
    assert timer.remaining_seconds(box, clock.now() + minutes(60)) == 20 * 60


def test_a_stopwatch_cannot_be_extended(clock: FakeClock) -> None:
    with pytest.raises(TimerError, match="stopwatch"):
        timer.extend(stopwatch(clock), clock.now())


def test_extend_refuses_beyond_24_hours(clock: FakeClock) -> None:
    box = countdown(clock, 24 * 60 - 5)
    box = timer.extend(box, clock.now())
    assert box.planned_seconds == 24 * 3600
    with pytest.raises(TimerError, match="24 hours"):
        timer.extend(box, clock.now())
    with pytest.raises(TimerError):
        timer.extend(countdown(clock, 60), clock.now(), 24 * 60)


@pytest.mark.parametrize("value", [0, -5])
def test_extend_refuses_non_positive_minutes(clock: FakeClock, value: int) -> None:
    with pytest.raises(TimerError):
        timer.extend(countdown(clock), clock.now(), value)


# --- finish -----------------------------------------------------------------------------


def test_finish_early_records_the_time_actually_spent(clock: FakeClock) -> None:
    box = timer.start(Kind.PRODUCE, clock.now(), minutes=25, item_id="i", item_title="Card")
    clock.advance(minutes=12)
    session = timer.finish(box, clock.now())
    assert session.id == box.id  # recording the same box twice is recognisable
    assert session.kind is Kind.PRODUCE
    assert session.start == T0
    assert session.end == T0 + minutes(12)
    assert session.active_seconds == 12 * 60
    assert session.planned_seconds == 25 * 60
    assert session.item_id == "i"
    assert session.link == "Card"
    assert session.created == session.updated == clock.now()
    assert not session.recovered


def test_finish_keeps_or_replaces_the_note(clock: FakeClock) -> None:
    box = timer.start(Kind.NETWORK, clock.now(), minutes=15, note="coffee")
    clock.advance(minutes=15)
    assert timer.finish(box, clock.now()).note == "coffee"
    assert timer.finish(box, clock.now(), note="coffee with Ada").note == "coffee with Ada"
    assert timer.finish(box, clock.now(), note="").note == ""


def test_finish_subtracts_pauses(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=5)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=10)
    box = timer.resume(box, clock.now())
    clock.advance(minutes=5)
    session = timer.finish(box, clock.now())
    assert session.end == T0 + minutes(20)
    assert session.paused_seconds == 600
    assert session.active_seconds == 10 * 60


def test_countdown_finished_long_after_its_end_ends_at_the_planned_end(
    clock: FakeClock,
) -> None:
    box = countdown(clock, 25)
    clock.advance(hours=3)
    session = timer.finish(box, clock.now())
    assert session.end == T0 + minutes(25)
    assert session.active_seconds == 25 * 60
    assert session.created == clock.now()


def test_overdue_countdown_with_a_pause_ends_at_the_pushed_back_end(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=5)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=5)
    box = timer.resume(box, clock.now())
    clock.advance(hours=2)
    session = timer.finish(box, clock.now())
    assert session.end == T0 + minutes(30)
    assert session.paused_seconds == 300
    assert session.active_seconds == 25 * 60


def test_finish_while_paused_counts_only_the_time_before_the_pause(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=50)
    session = timer.finish(box, clock.now())
    assert session.active_seconds == 10 * 60
    assert box.paused_at is not None
    assert box.paused_at <= session.end <= clock.now()
    assert 0 <= session.paused_seconds <= (session.end - session.start).total_seconds()


def test_box_paused_after_the_bell_still_ends_at_the_planned_end(clock: FakeClock) -> None:
    """`netbalance pause` on a box that already rang: the pause is no part of the box."""
    box = countdown(clock, 25)
    clock.advance(minutes=40)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=20)
    session = timer.finish(box, clock.now())
    assert session.end == T0 + minutes(25)
    assert session.paused_seconds == 0
    assert session.active_seconds == 25 * 60


def test_box_paused_and_resumed_after_the_bell_ends_at_the_planned_end(
    clock: FakeClock,
) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=40)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=20)
    box = timer.resume(box, clock.now())
    assert timer.is_over(box, clock.now())
    clock.advance(minutes=10)
    session = timer.finish(box, clock.now())
    assert session.end == T0 + minutes(25)
    assert session.active_seconds == 25 * 60


def test_stopwatch_finish_records_everything_but_the_pauses(clock: FakeClock) -> None:
    box = stopwatch(clock, Kind.NETWORK)
    clock.advance(minutes=30)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=7)
    box = timer.resume(box, clock.now())
    clock.advance(hours=2)
    session = timer.finish(box, clock.now())
    assert session.end == clock.now()  # a stopwatch has no planned end to cap it
    assert session.active_seconds == 150 * 60
    assert session.planned_seconds is None
    assert session.kind is Kind.NETWORK


# --- recover ----------------------------------------------------------------------------


def test_recover_records_an_overdue_countdown_at_its_planned_end(clock: FakeClock) -> None:
    box = countdown(clock, 50)
    clock.advance(hours=9)  # closed overnight
    session = timer.recover(box, clock.now())
    assert session is not None
    assert session.recovered
    assert session.id == box.id
    assert session.end == T0 + minutes(50)
    assert session.active_seconds == 50 * 60


def test_recover_respects_earlier_pauses(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=5)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=15)
    box = timer.resume(box, clock.now())
    clock.advance(hours=1)
    session = timer.recover(box, clock.now())
    assert session is not None
    assert session.end == timer.planned_end(box) == T0 + minutes(40)
    assert session.active_seconds == 25 * 60


def test_recover_at_the_exact_end_records_it(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    assert timer.recover(box, T0 + minutes(25) - timedelta(seconds=1)) is None
    session = timer.recover(box, T0 + minutes(25))
    assert session is not None
    assert session.end == T0 + minutes(25)


def test_recover_leaves_a_running_countdown_alone(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=24)
    assert timer.recover(box, clock.now()) is None


def test_recover_leaves_a_stopwatch_for_the_user(clock: FakeClock) -> None:
    box = stopwatch(clock)
    clock.advance(days=3)
    assert timer.recover(box, clock.now()) is None


def test_recover_leaves_a_paused_box_for_the_user(clock: FakeClock) -> None:
    box = countdown(clock, 25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    clock.advance(days=1)
    assert timer.recover(box, clock.now()) is None


# --- properties -------------------------------------------------------------------------

steps = st.lists(
    st.tuples(st.integers(min_value=0, max_value=4 * 3600), st.booleans()),
    max_size=12,
)


@given(
    length=st.one_of(st.none(), st.integers(min_value=1, max_value=180)),
    moves=steps,
)
def test_focused_time_is_the_running_time_and_finish_caps_it(
    length: int | None, moves: list[tuple[int, bool]]
) -> None:
    """With a clock that only moves forward, elapsed time is the time spent running
    (up to the bell for a countdown), and the session holds it, capped at the plan."""
    clock = FakeClock(T0)
    box = timer.start(Kind.PRODUCE, clock.now(), minutes=length)
    running = 0
    for seconds, toggle in moves:
        if not box.is_paused:
            running += seconds
        clock.advance(seconds=seconds)
        if toggle:
            box = timer.resume(box, clock.now()) if box.is_paused else timer.pause(box, clock.now())
        elapsed = timer.elapsed_seconds(box, clock.now())
        remaining = timer.remaining_seconds(box, clock.now())
        if length is None:
            assert elapsed == running
        else:  # once the bell rang, the box is over: only the capped figure matters
            assert min(elapsed, length * 60) == min(running, length * 60)
            assert remaining == max(0, length * 60 - running)
    session = timer.finish(box, clock.now())
    expected = running if length is None else min(running, length * 60)
    assert session.active_seconds == expected
    assert box.started <= session.end <= clock.now()
    assert 0 <= session.paused_seconds <= (session.end - session.start).total_seconds()


@given(
    length=st.integers(min_value=1, max_value=180),
    jumps=st.lists(st.integers(min_value=-3 * 3600, max_value=3 * 3600), max_size=10),
    toggles=st.lists(st.booleans(), min_size=10, max_size=10),
)
def test_clock_jumps_either_way_never_give_impossible_figures(
    length: int, jumps: list[int], toggles: list[bool]
) -> None:
    clock = FakeClock(T0)
    box = timer.start(Kind.NETWORK, clock.now(), minutes=length)
    for jump, toggle in zip(jumps, toggles, strict=False):
        clock.advance(seconds=jump)
        if toggle:
            box = timer.resume(box, clock.now()) if box.is_paused else timer.pause(box, clock.now())
        assert box.paused_seconds >= 0
        assert timer.elapsed_seconds(box, clock.now()) >= 0
        remaining = timer.remaining_seconds(box, clock.now())
        assert remaining is not None
        assert 0 <= remaining <= length * 60
    session = timer.finish(box, clock.now())
    assert session.end >= session.start
    assert 0 <= session.active_seconds <= length * 60
    assert 0 <= session.paused_seconds <= (session.end - session.start).total_seconds()
