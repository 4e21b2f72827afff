"""Minutes per local day, the ratio and its windows."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.core.models import Interaction, Kind, Session
from netbalance.core.stats import (
    Minutes,
    format_ratio,
    minutes_by_day,
    ratio,
    total,
    window_grid,
    windows,
)
from netbalance.core.weeks import DayGrid

CREATED = datetime(2026, 1, 1, tzinfo=UTC)
BERLIN = "Europe/Berlin"
_ids = itertools.count()


def at(
    tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    """A local wall time as the stored UTC instant."""
    local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz), fold=fold)
    return local.astimezone(UTC)


def same(actual: Minutes, produce: float, network: float) -> bool:
    return (actual.produce, actual.network) == pytest.approx((produce, network))


def session(
    kind: Kind, start: datetime, end: datetime, *, paused: int = 0, sid: str | None = None
) -> Session:
    return Session(
        id=sid or f"s{next(_ids)}",
        kind=kind,
        start=start,
        end=end,
        created=CREATED,
        updated=CREATED,
        paused_seconds=paused,
    )


def interaction(when: datetime, minutes: int, session_id: str | None = None) -> Interaction:
    return Interaction(
        id=f"i{next(_ids)}",
        contact_id="c1",
        when=when,
        created=CREATED,
        updated=CREATED,
        minutes=minutes,
        session_id=session_id,
    )


def produce(start: datetime, minutes: float, *, paused: int = 0) -> Session:
    return session(Kind.PRODUCE, start, start + timedelta(minutes=minutes), paused=paused)


def network(start: datetime, minutes: float, *, sid: str | None = None) -> Session:
    return session(Kind.NETWORK, start, start + timedelta(minutes=minutes), sid=sid)


# --- minutes_by_day ---------------------------------------------------------------------


def test_every_day_of_the_grid_is_present_even_when_empty() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(grid, [])
    assert list(per_day) == list(grid.days)
    assert all(m == Minutes(0.0, 0.0) for m in per_day.values())


def test_kinds_are_counted_apart() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(
        grid,
        [
            produce(at(BERLIN, 2026, 11, 24, 9), 50),
            produce(at(BERLIN, 2026, 11, 24, 11), 25),
            network(at(BERLIN, 2026, 11, 24, 14), 30),
        ],
    )
    assert per_day[date(2026, 11, 24)] == Minutes(produce=75.0, network=30.0)
    assert per_day[date(2026, 11, 23)] == Minutes()


def test_a_session_across_midnight_counts_on_both_days() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(grid, [produce(at(BERLIN, 2026, 11, 25, 23, 15), 90)])
    assert per_day[date(2026, 11, 25)].produce == pytest.approx(45)
    assert per_day[date(2026, 11, 26)].produce == pytest.approx(45)
    assert sum(m.produce for m in per_day.values()) == pytest.approx(90)


def test_midnight_is_the_users_midnight_not_utc() -> None:
    # 23:00-01:00 UTC is 18:00-20:00 in New York: all on one day there
    start = datetime(2026, 11, 25, 23, tzinfo=UTC)
    ny = minutes_by_day(
        DayGrid.build(date(2026, 11, 23), 7, "America/New_York"), [produce(start, 120)]
    )
    assert ny[date(2026, 11, 25)].produce == pytest.approx(120)
    assert ny[date(2026, 11, 26)].produce == 0
    berlin = minutes_by_day(DayGrid.build(date(2026, 11, 23), 7, BERLIN), [produce(start, 120)])
    assert berlin[date(2026, 11, 26)].produce == pytest.approx(120)


def test_a_session_over_the_spring_gap_counts_real_time() -> None:
    """01:30 to 03:30 on the clock on 2026-03-29 in Berlin is one hour of real time."""
    grid = DayGrid.build(date(2026, 3, 23), 7, BERLIN)
    work = session(Kind.PRODUCE, at(BERLIN, 2026, 3, 29, 1, 30), at(BERLIN, 2026, 3, 29, 3, 30))
    per_day = minutes_by_day(grid, [work])
    assert per_day[date(2026, 3, 29)].produce == pytest.approx(60)
    assert sum(m.produce for m in per_day.values()) == pytest.approx(60)


def test_a_session_over_the_autumn_repeat_counts_real_time() -> None:
    """01:30 CEST to 02:30 CET on 2026-10-25 in Berlin is two hours of real time."""
    grid = DayGrid.build(date(2026, 10, 19), 7, BERLIN)
    work = session(
        Kind.NETWORK, at(BERLIN, 2026, 10, 25, 1, 30), at(BERLIN, 2026, 10, 25, 2, 30, fold=1)
    )
    per_day = minutes_by_day(grid, [work])
    assert per_day[date(2026, 10, 25)].network == pytest.approx(120)


def test_the_25_hour_day_can_hold_25_hours() -> None:
    grid = DayGrid.build(date(2026, 10, 25), 1, BERLIN)
    per_day = minutes_by_day(grid, [session(Kind.PRODUCE, grid.start, grid.end)])
    assert per_day[date(2026, 10, 25)].produce == pytest.approx(25 * 60)


def test_paused_time_is_not_counted() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(grid, [produce(at(BERLIN, 2026, 11, 24, 9), 120, paused=30 * 60)])
    assert per_day[date(2026, 11, 24)].produce == pytest.approx(90)


def test_paused_time_across_midnight_still_sums_to_the_active_time() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    work = produce(at(BERLIN, 2026, 11, 24, 23), 120, paused=40 * 60)
    per_day = minutes_by_day(grid, [work])
    assert per_day[date(2026, 11, 24)].produce == pytest.approx(40)
    assert per_day[date(2026, 11, 25)].produce == pytest.approx(40)


def test_sessions_outside_the_grid_count_only_inside() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(
        grid,
        [
            produce(grid.start - timedelta(hours=5), 60),  # entirely before
            produce(grid.end + timedelta(hours=1), 60),  # entirely after
            produce(grid.start - timedelta(minutes=30), 60),  # half inside
        ],
    )
    assert sum(m.produce for m in per_day.values()) == pytest.approx(30)
    assert per_day[date(2026, 11, 23)].produce == pytest.approx(30)


def test_empty_or_backwards_sessions_count_nothing_and_do_not_crash() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    start = at(BERLIN, 2026, 11, 24, 9)
    per_day = minutes_by_day(
        grid, [produce(start, 0), session(Kind.PRODUCE, start, start - timedelta(minutes=5))]
    )
    assert sum(m.total for m in per_day.values()) == 0


def test_fully_paused_session_counts_nothing() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(grid, [produce(at(BERLIN, 2026, 11, 24, 9), 30, paused=30 * 60)])
    assert per_day[date(2026, 11, 24)].produce == 0


# --- interactions -----------------------------------------------------------------------


def test_an_interaction_logged_on_its_own_adds_network_minutes() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(grid, [], [interaction(at(BERLIN, 2026, 11, 25, 12), 45)])
    assert per_day[date(2026, 11, 25)] == Minutes(produce=0.0, network=45.0)


def test_an_interaction_linked_to_a_session_is_not_counted_twice() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    call = network(at(BERLIN, 2026, 11, 25, 12), 30, sid="call")
    per_day = minutes_by_day(
        grid, [call], [interaction(at(BERLIN, 2026, 11, 25, 12, 30), 30, session_id="call")]
    )
    assert per_day[date(2026, 11, 25)].network == pytest.approx(30)


def test_linked_and_unlinked_interactions_together() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    call = network(at(BERLIN, 2026, 11, 25, 12), 30, sid="call")
    per_day = minutes_by_day(
        grid,
        [call, produce(at(BERLIN, 2026, 11, 25, 8), 180)],
        [
            interaction(at(BERLIN, 2026, 11, 25, 12, 30), 30, session_id="call"),
            interaction(at(BERLIN, 2026, 11, 25, 18), 20),
            interaction(at(BERLIN, 2026, 11, 26, 9), 10),
        ],
    )
    assert same(per_day[date(2026, 11, 25)], produce=180, network=50)
    assert per_day[date(2026, 11, 26)].network == 10


def test_an_interaction_counts_on_its_local_day() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # 00:30 on the 26th in Berlin
    per_day = minutes_by_day(grid, [], [interaction(late, 15)])
    assert per_day[date(2026, 11, 26)].network == 15
    assert per_day[date(2026, 11, 25)].network == 0


def test_interactions_outside_the_grid_or_without_minutes_count_nothing() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 7, BERLIN)
    per_day = minutes_by_day(
        grid,
        [],
        [
            interaction(grid.start - timedelta(seconds=1), 60),
            interaction(grid.end, 60),
            interaction(at(BERLIN, 2026, 11, 25, 12), 0),
        ],
    )
    assert sum(m.network for m in per_day.values()) == 0


# --- ratio ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("produce_minutes", "network_minutes", "text"),
    [
        (192, 60, "3.2 : 1"),
        (180, 60, "3.0 : 1"),
        (60, 60, "1.0 : 1"),
        (30, 90, "0.3 : 1"),
        (0, 30, "all network"),
        (120, 0, "all produce"),
        (0.5, 0, "all produce"),
        (0, 0, "—"),
        (1000, 1, "1000.0 : 1"),
    ],
)
def test_format_ratio(produce_minutes: float, network_minutes: float, text: str) -> None:
    assert format_ratio(produce_minutes, network_minutes) == text
    assert Minutes(produce_minutes, network_minutes).ratio_text == text


def test_ratio_value() -> None:
    assert ratio(90, 30) == 3.0
    assert ratio(0, 30) == 0.0
    assert ratio(90, 0) is None
    assert ratio(0, 0) is None
    assert Minutes(50, 20).ratio == 2.5


def test_minutes_add_and_total() -> None:
    assert Minutes(10, 5) + Minutes(1.5, 2) == Minutes(11.5, 7)
    assert Minutes(10, 5).total == 15


def test_total_includes_both_ends() -> None:
    per_day = {date(2026, 11, d): Minutes(d, 1) for d in range(23, 30)}
    assert total(per_day, date(2026, 11, 24), date(2026, 11, 26)) == Minutes(24 + 25 + 26, 3)
    assert total(per_day, date(2026, 11, 25), date(2026, 11, 25)) == Minutes(25, 1)
    assert total(per_day, date(2026, 12, 1), date(2026, 12, 5)) == Minutes()


# --- windows ----------------------------------------------------------------------------

THURSDAY = date(2026, 11, 26)


def sample() -> tuple[list[Session], list[Interaction]]:
    def noon(day: int, month: int = 11) -> datetime:
        return at(BERLIN, 2026, month, day, 12)

    sessions = [
        produce(noon(26), 60),  # today (Thursday)
        produce(noon(23), 20),  # Monday
        produce(noon(22), 30),  # Sunday
        network(noon(21), 20),  # Saturday
        produce(noon(19), 40),  # 8 days ago: only in 30 days
        produce(noon(28, 10), 15),  # 30 days ago, the first day of the window
        produce(noon(27, 10), 600),  # 31 days ago, ends at 22:00: outside every window
        produce(noon(27), 500),  # tomorrow: outside every window
    ]
    interactions = [
        interaction(noon(20), 10),  # 6 days ago: the first day of the 7
        interaction(noon(25), 5),
    ]
    return sessions, interactions


def test_windows_with_monday_weeks() -> None:
    sessions, interactions = sample()
    result = windows(sessions, interactions, today=THURSDAY, tz_name=BERLIN, week_start=1)
    assert same(result.today, 60, 0)
    assert same(result.this_week, 80, 5)
    assert same(result.last_7_days, 110, 35)
    assert same(result.last_30_days, 165, 35)


def test_windows_with_sunday_weeks() -> None:
    sessions, interactions = sample()
    result = windows(sessions, interactions, today=THURSDAY, tz_name=BERLIN, week_start=7)
    assert same(result.this_week, 110, 5)
    # the other windows do not depend on the week start
    assert same(result.today, 60, 0)
    assert same(result.last_7_days, 110, 35)
    assert same(result.last_30_days, 165, 35)


def test_the_week_begins_today_on_its_first_day() -> None:
    sessions, interactions = sample()
    monday = date(2026, 11, 23)
    result = windows(sessions, interactions, today=monday, tz_name=BERLIN, week_start=1)
    assert same(result.today, 20, 0)
    assert result.this_week == result.today


def test_today_follows_the_users_zone() -> None:
    late = produce(datetime(2026, 11, 26, 23, 30, tzinfo=UTC), 20)
    berlin = windows([late], [], today=THURSDAY, tz_name=BERLIN)
    new_york = windows([late], [], today=THURSDAY, tz_name="America/New_York")
    assert berlin.today.produce == 0  # already Friday in Berlin
    assert new_york.today.produce == pytest.approx(20)


def test_window_grid_covers_thirty_days_through_today() -> None:
    grid = window_grid(THURSDAY, BERLIN, 1)
    assert grid.days[-1] == THURSDAY
    assert grid.days[0] == THURSDAY - timedelta(days=29)
    assert len(grid.days) == 30


# --- properties -------------------------------------------------------------------------

ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")


@given(
    tz=st.sampled_from(ZONES),
    first=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    start_at=st.floats(min_value=0, max_value=1),
    length=st.integers(min_value=1, max_value=2 * 24 * 3600),
    paused_share=st.floats(min_value=0, max_value=1),
    kind=st.sampled_from(Kind),
)
def test_per_day_minutes_sum_to_the_active_minutes(
    tz: str, first: date, start_at: float, length: int, paused_share: float, kind: Kind
) -> None:
    grid = DayGrid.build(first, 7, tz)
    room = int((grid.end - grid.start).total_seconds()) - length
    start = grid.start + timedelta(seconds=int(start_at * max(0, room)))
    end = min(start + timedelta(seconds=length), grid.end)
    work = session(kind, start, end, paused=int(paused_share * (end - start).total_seconds()))
    per_day = minutes_by_day(grid, [work])
    counted = sum(m.produce if kind is Kind.PRODUCE else m.network for m in per_day.values())
    other = sum(m.network if kind is Kind.PRODUCE else m.produce for m in per_day.values())
    assert counted == pytest.approx(work.minutes, abs=1e-6)
    assert other == 0
    for day, m in per_day.items():
        assert m.total >= 0
        index = grid.days.index(day)
        day_minutes = (grid.bounds[index + 1] - grid.bounds[index]).total_seconds() / 60
        assert m.total <= day_minutes + 1e-6


@given(
    offsets=st.lists(
        st.tuples(
            st.integers(min_value=-40 * 24 * 60, max_value=2 * 24 * 60),
            st.integers(min_value=1, max_value=600),
            st.sampled_from(Kind),
        ),
        max_size=15,
    ),
    week_start=st.integers(min_value=1, max_value=7),
)
def test_windows_nest(offsets: list[tuple[int, int, Kind]], week_start: int) -> None:
    """today ⊆ this week ⊆ last 7 days ⊆ last 30 days, for every kind."""
    base = at(BERLIN, 2026, 11, 26, 12)
    sessions = [
        session(kind, base + timedelta(minutes=off), base + timedelta(minutes=off + length))
        for off, length, kind in offsets
    ]
    result = windows(sessions, [], today=THURSDAY, tz_name=BERLIN, week_start=week_start)
    for kind in ("produce", "network"):
        today, week = getattr(result.today, kind), getattr(result.this_week, kind)
        seven, thirty = getattr(result.last_7_days, kind), getattr(result.last_30_days, kind)
        assert 0 <= today <= week + 1e-9
        assert week <= seven + 1e-9
        assert seven <= thirty + 1e-9
