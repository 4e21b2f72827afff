"""Local days and weeks: DST days of 23 and 25 hours, midnight splits, week names."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.core.weeks import (
    DayGrid,
    WeekError,
    local_date,
    local_midnight,
    parse_week,
    week_label,
    week_start_of,
    zone,
)

HOUR = 3600.0


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def local(
    tz: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0, *, fold: int = 0
) -> datetime:
    """A wall time in a zone (fold=1: the second of a repeated hour)."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz), fold=fold)


def day_lengths(grid: DayGrid) -> dict[date, float]:
    return {
        day: (grid.bounds[i + 1] - grid.bounds[i]).total_seconds() / HOUR
        for i, day in enumerate(grid.days)
    }


# --- DST days ---------------------------------------------------------------------------


def test_berlin_spring_forward_day_lasts_23_hours() -> None:
    grid = DayGrid.build(date(2026, 3, 28), 3, "Europe/Berlin")
    assert grid.days == (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30))
    assert grid.bounds == (
        utc(2026, 3, 27, 23),
        utc(2026, 3, 28, 23),
        utc(2026, 3, 29, 22),
        utc(2026, 3, 30, 22),
    )
    assert day_lengths(grid) == {
        date(2026, 3, 28): 24,
        date(2026, 3, 29): 23,
        date(2026, 3, 30): 24,
    }


def test_berlin_fall_back_day_lasts_25_hours() -> None:
    grid = DayGrid.build(date(2026, 10, 24), 3, "Europe/Berlin")
    assert grid.bounds[1] == utc(2026, 10, 24, 22)  # midnight CEST
    assert grid.bounds[2] == utc(2026, 10, 25, 23)  # midnight CET
    assert day_lengths(grid)[date(2026, 10, 25)] == 25
    assert day_lengths(grid)[date(2026, 10, 24)] == 24


def test_new_york_spring_forward_day_lasts_23_hours() -> None:
    grid = DayGrid.build(date(2026, 3, 8), 1, "America/New_York")
    assert grid.bounds == (utc(2026, 3, 8, 5), utc(2026, 3, 9, 4))
    assert grid.end - grid.start == timedelta(hours=23)


def test_new_york_fall_back_day_lasts_25_hours() -> None:
    grid = DayGrid.build(date(2026, 11, 1), 1, "America/New_York")
    assert grid.bounds == (utc(2026, 11, 1, 4), utc(2026, 11, 2, 5))
    assert grid.end - grid.start == timedelta(hours=25)


def test_a_week_in_berlin_over_the_spring_change_lasts_167_hours() -> None:
    grid = DayGrid.build(date(2026, 3, 23), 7, "Europe/Berlin")
    assert grid.end - grid.start == timedelta(hours=7 * 24 - 1)


@pytest.mark.parametrize(
    ("tz", "day", "begins", "hours"),
    [
        # clocks go from 01:00 back to 00:00: midnight happens twice, the day begins at
        # the first and lasts 25 hours
        ("Atlantic/Azores", date(2026, 10, 25), utc(2026, 10, 25, 0), 25),
        ("America/Havana", date(2026, 11, 1), utc(2026, 11, 1, 4), 25),
        # clocks go from 00:00 to 01:00: no midnight, the day begins at 01:00
        ("Atlantic/Azores", date(2026, 3, 29), utc(2026, 3, 29, 1), 23),
        ("America/Santiago", date(2026, 9, 6), utc(2026, 9, 6, 4), 23),
    ],
)
def test_dst_change_at_midnight_keeps_the_day_whole(
    tz: str, day: date, begins: datetime, hours: int
) -> None:
    grid = DayGrid.build(day - timedelta(days=1), 3, tz)
    assert grid.bounds[1] == begins
    assert day_lengths(grid)[day] == hours
    assert day_lengths(grid)[day - timedelta(days=1)] == 24


ZONES = (
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Atlantic/Azores",
    "America/Havana",
    "America/Santiago",
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",
    "Pacific/Chatham",
)


@given(
    tz=st.sampled_from(ZONES),
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
)
def test_local_midnight_is_the_first_instant_of_the_local_day(tz: str, day: date) -> None:
    midnight = local_midnight(day, tz)
    assert midnight.tzinfo is not None
    assert local_date(midnight, tz) == day
    assert local_date(midnight - timedelta(seconds=1), tz) == day - timedelta(days=1)


@given(
    tz=st.sampled_from(ZONES),
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
    count=st.integers(min_value=1, max_value=40),
)
def test_grid_days_are_consecutive_and_between_23_and_25_hours(
    tz: str, first: date, count: int
) -> None:
    grid = DayGrid.build(first, count, tz)
    assert len(grid.days) == count
    assert len(grid.bounds) == count + 1
    assert grid.days[0] == first
    assert all(b - a == timedelta(days=1) for a, b in pairwise(grid.days))
    for hours in day_lengths(grid).values():
        assert 23 <= hours <= 25


# --- day_of -----------------------------------------------------------------------------


def test_day_of_uses_local_days() -> None:
    grid = DayGrid.build(date(2026, 11, 27), 3, "Europe/Berlin")
    assert grid.day_of(utc(2026, 11, 27, 22, 59, 59)) == date(2026, 11, 27)
    assert grid.day_of(utc(2026, 11, 27, 23)) == date(2026, 11, 28)  # local midnight
    assert grid.day_of(utc(2026, 11, 28, 12)) == date(2026, 11, 28)


def test_day_of_is_none_outside_the_grid() -> None:
    grid = DayGrid.build(date(2026, 11, 27), 3, "Europe/Berlin")
    assert grid.day_of(grid.start - timedelta(seconds=1)) is None
    assert grid.day_of(grid.start) == date(2026, 11, 27)
    assert grid.day_of(grid.end - timedelta(seconds=1)) == date(2026, 11, 29)
    assert grid.day_of(grid.end) is None


def test_day_of_accepts_any_offset() -> None:
    grid = DayGrid.build(date(2026, 11, 27), 3, "Europe/Berlin")
    assert grid.day_of(local("America/New_York", 2026, 11, 27, 18, 30)) == date(2026, 11, 28)


def test_day_of_puts_both_repeated_hours_on_the_fall_back_day() -> None:
    grid = DayGrid.build(date(2026, 10, 24), 3, "Europe/Berlin")
    first = local("Europe/Berlin", 2026, 10, 25, 2, 30, fold=0)
    second = local("Europe/Berlin", 2026, 10, 25, 2, 30, fold=1)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert grid.day_of(first) == grid.day_of(second) == date(2026, 10, 25)
    assert grid.day_of(local("Europe/Berlin", 2026, 10, 25, 23, 30)) == date(2026, 10, 25)


# --- split ------------------------------------------------------------------------------


def test_split_at_local_midnight() -> None:
    grid = DayGrid.build(date(2026, 11, 27), 3, "Europe/Berlin")
    parts = grid.split(
        local("Europe/Berlin", 2026, 11, 27, 23, 30), local("Europe/Berlin", 2026, 11, 28, 0, 45)
    )
    assert parts == [(date(2026, 11, 27), 30 * 60.0), (date(2026, 11, 28), 45 * 60.0)]


def test_split_in_new_york_uses_new_york_midnight() -> None:
    grid = DayGrid.build(date(2026, 11, 27), 3, "America/New_York")
    # 23:30 UTC is 18:30 in New York: one day there, though UTC midnight is crossed
    parts = grid.split(utc(2026, 11, 27, 23, 30), utc(2026, 11, 28, 1))
    assert parts == [(date(2026, 11, 27), 90 * 60.0)]


def test_split_over_three_days_counts_the_short_dst_day_exactly() -> None:
    grid = DayGrid.build(date(2026, 3, 28), 3, "Europe/Berlin")
    parts = grid.split(
        local("Europe/Berlin", 2026, 3, 28, 22), local("Europe/Berlin", 2026, 3, 30, 1)
    )
    assert parts == [
        (date(2026, 3, 28), 2 * HOUR),
        (date(2026, 3, 29), 23 * HOUR),
        (date(2026, 3, 30), 1 * HOUR),
    ]


def test_split_across_the_spring_gap_is_real_time() -> None:
    grid = DayGrid.build(date(2026, 3, 29), 1, "Europe/Berlin")
    parts = grid.split(
        local("Europe/Berlin", 2026, 3, 29, 1, 30), local("Europe/Berlin", 2026, 3, 29, 3, 30)
    )
    assert parts == [(date(2026, 3, 29), 1 * HOUR)]


def test_split_clips_to_the_grid() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 2, "Europe/Berlin")
    parts = grid.split(grid.start - timedelta(hours=5), grid.end + timedelta(hours=5))
    assert parts == [(date(2026, 11, 23), 24 * HOUR), (date(2026, 11, 24), 24 * HOUR)]


def test_split_outside_or_empty_gives_nothing() -> None:
    grid = DayGrid.build(date(2026, 11, 23), 2, "Europe/Berlin")
    before = grid.start - timedelta(hours=1)
    assert grid.split(before - timedelta(hours=2), before) == []
    assert grid.split(grid.end, grid.end + timedelta(hours=1)) == []
    assert grid.split(grid.start - timedelta(hours=1), grid.start) == []
    middle = grid.start + timedelta(hours=3)
    assert grid.split(middle, middle) == []
    assert grid.split(middle, middle - timedelta(minutes=1)) == []


@given(
    tz=st.sampled_from(ZONES),
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31)),
    start_at=st.floats(min_value=0, max_value=1),
    length=st.integers(min_value=1, max_value=3 * 24 * 3600),
)
def test_split_parts_sum_to_the_wall_time_inside_the_grid(
    tz: str, first: date, start_at: float, length: int
) -> None:
    grid = DayGrid.build(first, 5, tz)
    span = int((grid.end - grid.start).total_seconds())
    start = grid.start + timedelta(seconds=int(start_at * (span - 1)))
    end = start + timedelta(seconds=length)
    parts = grid.split(start, end)
    inside = (min(end, grid.end) - start).total_seconds()
    assert sum(seconds for _, seconds in parts) == inside
    days = [day for day, _ in parts]
    assert days == sorted(set(days))
    assert days[0] == grid.day_of(start)
    lengths = day_lengths(grid)
    assert all(0 < seconds <= lengths[day] * HOUR for day, seconds in parts)


# --- weeks ------------------------------------------------------------------------------

SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "week_start", "first"),
    [
        ("this", 1, date(2026, 11, 23)),
        ("", 1, date(2026, 11, 23)),
        ("  This ", 1, date(2026, 11, 23)),
        ("last", 1, date(2026, 11, 16)),
        ("next", 1, date(2026, 11, 30)),
        ("this", 7, date(2026, 11, 22)),
        ("last", 7, date(2026, 11, 15)),
        ("next", 7, date(2026, 11, 29)),
        ("2026-W48", 1, date(2026, 11, 23)),
        ("2026-w48", 1, date(2026, 11, 23)),
        ("2026W48", 1, date(2026, 11, 23)),
        ("2026-W48", 7, date(2026, 11, 22)),
        ("2026-W01", 1, date(2025, 12, 29)),  # ISO week 1 starts in the year before
        ("2026-W1", 1, date(2025, 12, 29)),
        ("2026-W53", 1, date(2026, 12, 28)),  # 2026 starts on a Thursday: 53 weeks
        ("2026-11-26", 1, date(2026, 11, 23)),
        ("2026-11-22", 1, date(2026, 11, 16)),  # a Sunday ends a Monday week
        ("2026-11-22", 7, date(2026, 11, 22)),  # and starts a Sunday week
        ("2027-01-01", 1, date(2026, 12, 28)),
    ],
)
def test_parse_week(text: str, week_start: int, first: date) -> None:
    assert parse_week(text, SATURDAY, week_start) == first


def test_parse_week_on_the_first_day_of_the_week() -> None:
    monday = date(2026, 11, 23)
    assert parse_week("this", monday, 1) == monday
    assert parse_week("last", monday, 1) == date(2026, 11, 16)
    sunday = date(2026, 11, 22)
    assert parse_week("this", sunday, 7) == sunday
    assert parse_week("this", sunday, 1) == date(2026, 11, 16)


@pytest.mark.parametrize("text", ["2025-W53", "2027-W53", "2026-W00", "2026-W54", "2026-W99"])
def test_parse_week_refuses_weeks_that_do_not_exist(text: str) -> None:
    with pytest.raises(WeekError) as caught:
        parse_week(text, SATURDAY)
    assert text in str(caught.value)


@pytest.mark.parametrize(
    "text", ["fortnight", "last week", "2026-13-01", "2026-02-30", "W48", "2026-W", "48"]
)
def test_parse_week_refuses_garbage_and_quotes_it(text: str) -> None:
    with pytest.raises(WeekError) as caught:
        parse_week(text, SATURDAY)
    assert repr(text) in str(caught.value)


def test_week_error_is_a_value_error() -> None:
    assert issubclass(WeekError, ValueError)


@pytest.mark.parametrize(
    ("day", "week_start", "first"),
    [
        (date(2026, 11, 28), 1, date(2026, 11, 23)),
        (date(2026, 11, 23), 1, date(2026, 11, 23)),
        (date(2026, 11, 22), 1, date(2026, 11, 16)),
        (date(2026, 11, 28), 7, date(2026, 11, 22)),
        (date(2026, 11, 22), 7, date(2026, 11, 22)),
        (date(2026, 11, 21), 7, date(2026, 11, 15)),
        (date(2026, 11, 28), 6, date(2026, 11, 28)),
        (date(2027, 1, 1), 1, date(2026, 12, 28)),
    ],
)
def test_week_start_of(day: date, week_start: int, first: date) -> None:
    assert week_start_of(day, week_start) == first


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    week_start=st.integers(min_value=1, max_value=7),
)
def test_week_start_is_the_right_weekday_within_six_days(day: date, week_start: int) -> None:
    first = week_start_of(day, week_start)
    assert first.isoweekday() == week_start
    assert timedelta(0) <= day - first <= timedelta(days=6)


@pytest.mark.parametrize(
    ("first", "label"),
    [
        (date(2026, 11, 23), "2026-W48"),
        (date(2026, 11, 22), "2026-W48"),  # a Sunday week is named by its Monday
        (date(2025, 12, 29), "2026-W01"),
        (date(2025, 12, 28), "2026-W01"),
        (date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 4), "2027-W01"),
        (date(2026, 3, 2), "2026-W10"),
    ],
)
def test_week_label(first: date, label: str) -> None:
    assert week_label(first) == label


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    week_start=st.integers(min_value=1, max_value=7),
)
def test_a_week_label_reads_back_as_the_same_week(day: date, week_start: int) -> None:
    first = week_start_of(day, week_start)
    assert parse_week(week_label(first), SATURDAY, week_start) == first


# --- zones ------------------------------------------------------------------------------


def test_unknown_zone_is_a_week_error_naming_it() -> None:
    with pytest.raises(WeekError, match="Mars/Olympus"):
        zone("Mars/Olympus")
    with pytest.raises(WeekError):
        DayGrid.build(date(2026, 11, 23), 7, "Mars/Olympus")


def test_local_date_follows_the_zone() -> None:
    instant = utc(2026, 11, 28, 23, 30)
    assert local_date(instant, "UTC") == date(2026, 11, 28)
    assert local_date(instant, "Europe/Berlin") == date(2026, 11, 29)
    assert local_date(instant, "America/New_York") == date(2026, 11, 28)
    assert local_date(utc(2026, 11, 28, 11), "Pacific/Kiritimati") == date(2026, 11, 29)


# --- POSIX TZ rules ($TZ may hold one instead of a zone name) ----------------------------

# a rule and the IANA zone whose rule it is today
RULES_OF_ZONES = [
    ("EST5EDT,M3.2.0,M11.1.0", "America/New_York"),
    ("CET-1CEST,M3.5.0,M10.5.0/3", "Europe/Berlin"),
    ("AEST-10AEDT,M10.1.0,M4.1.0/3", "Australia/Sydney"),  # DST over the new year
    ("NZST-12NZDT,M9.5.0,M4.1.0/3", "Pacific/Auckland"),
    ("IST-1GMT0,M10.5.0,M3.5.0/1", "Europe/Dublin"),  # "DST" an hour behind, in winter
    ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "Australia/Lord_Howe"),  # a half-hour change
    ("UTC+3", "Etc/GMT+3"),  # offsets are west of UTC: three hours behind it
    ("<+0530>-5:30", "Asia/Kolkata"),
    ("ABC5DEF", "America/New_York"),  # DST without its changes: the C library's
]


@pytest.mark.parametrize(("rule", "name"), RULES_OF_ZONES, ids=[r for r, _ in RULES_OF_ZONES])
def test_a_posix_rule_counts_days_as_the_zone_it_describes(rule: str, name: str) -> None:
    """Every local day of 2026 begins at the same instant: 23 and 25 hour days too."""
    assert DayGrid.build(date(2026, 1, 1), 365, rule) == DayGrid.build(date(2026, 1, 1), 365, name)
    instant = utc(2026, 7, 1, 12)
    assert instant.astimezone(zone(rule)).utcoffset() == instant.astimezone(zone(name)).utcoffset()


def test_a_posix_rule_reads_the_wall_times_of_its_changes_like_a_zone() -> None:
    """The repeated hour is read first as daylight time (fold 0), then standard; a wall
    time the spring change skips reads with the offset before it, as for a named zone."""
    for rule, name in RULES_OF_ZONES[:2]:
        for wall in (datetime(2026, 11, 1, 1, 30), datetime(2026, 10, 25, 2, 30)):
            for fold in (0, 1):
                ours = wall.replace(tzinfo=zone(rule), fold=fold)
                theirs = wall.replace(tzinfo=zone(name), fold=fold)
                assert ours.astimezone(UTC) == theirs.astimezone(UTC), (rule, wall, fold)
        for wall in (datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 29, 2, 30)):
            ours, theirs = wall.replace(tzinfo=zone(rule)), wall.replace(tzinfo=zone(name))
            assert ours.utcoffset() == theirs.utcoffset(), (rule, wall)


def _footers() -> dict[str, str]:
    """Each POSIX rule of the tz database (the last line of a zone file) → a zone with it."""
    import importlib.resources
    import zoneinfo
    from pathlib import Path

    def zone_file(key: str) -> bytes:
        for root in zoneinfo.TZPATH:
            if Path(root, key).is_file():
                return Path(root, key).read_bytes()
        return importlib.resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()

    found: dict[str, str] = {}
    for key in sorted(zoneinfo.available_timezones()):
        footer = zone_file(key).rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")
        if footer and not footer.startswith("TZif"):
            found.setdefault(footer, key)
    return found


def test_every_rule_of_the_tz_database_counts_days_as_its_zone() -> None:
    """In 2100 every zone follows its rule (no zone lists its changes that far), so the
    rule alone must give the same local days."""
    footers = _footers()
    assert len(footers) > 50
    for rule, name in footers.items():
        grid = DayGrid.build(date(2100, 1, 1), 366, rule)
        assert grid == DayGrid.build(date(2100, 1, 1), 366, name), (rule, name)


# rules the C library reads: its offsets at each half hour of 2023 and 2024 are the truth
C_LIBRARY_RULES = [
    "EST5EDT,M3.2.0,M11.1.0",
    "UTC+3",
    "UTC-3",
    "<+0530>-5:30",
    "AEST-10AEDT,M10.1.0,M4.1.0/3",
    "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",  # changes at negative times
    "IST-1GMT0,M10.5.0,M3.5.0/1",
    "ABC3DEF2:30,J60/1:30,300/167",  # J (no 29 February), 0-based day, 167 hours
    "ABC3DEF,J60,300",
    "ABC3DEF,59,J300/30",  # day 59 is 29 February in 2024, 1 March in 2023
    "ABC3DEF,J59/0,J300",  # J59 is 28 February, in 2024 too
    "ABC-3DEF,M10.1.0,J59",  # DST across the new year, ending on 28 February
    "ABC3DEF,M3.2.0/-5,M11.1.0/100",
    "ABC+3:15",
]

_C_LIBRARY = """
import json, os, sys, time
from datetime import UTC, datetime, timedelta
found = {}
for rule in json.loads(sys.argv[1]):
    os.environ["TZ"] = rule
    time.tzset()
    t, offsets = datetime(2023, 1, 1, tzinfo=UTC), []
    while t.year < 2025:
        local = time.localtime(t.timestamp())
        offsets.append([local.tm_gmtoff, local.tm_zone])
        t += timedelta(minutes=30)
    found[rule] = offsets
print(json.dumps(found))
"""


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="no tzset on Windows")
def test_a_posix_rule_changes_when_the_c_library_says() -> None:
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", _C_LIBRARY, json.dumps(C_LIBRARY_RULES)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    c_library = json.loads(result.stdout)
    for rule in C_LIBRARY_RULES:
        tz, t, wrong = zone(rule), utc(2023, 1, 1), []
        for seconds, name in c_library[rule]:
            local = t.astimezone(tz)
            offset = local.utcoffset()
            if (offset, local.tzname()) != (timedelta(seconds=seconds), name):
                wrong.append((t, seconds, name, offset, local.tzname()))
            t += timedelta(minutes=30)
        assert wrong == [], (rule, wrong[:3])


def test_a_zone_name_is_looked_up_before_a_rule() -> None:
    """`EST5EDT` is a rule and a zone of the tz database: the zone, as the C library does."""
    assert zone("EST5EDT") == ZoneInfo("EST5EDT")
    assert zone("Europe/Berlin") is ZoneInfo("Europe/Berlin")
    assert zone("UTC+3") is zone("UTC+3")  # a rule is read once
    assert str(zone("UTC+3")) == "UTC+3"


# a rule, and the same rule with one thing wrong
RULE_EDGES = [
    ("UTC+23:59", "UTC+24"),  # an offset stays within a day
    ("ABC-22:30DEF", "ABC-23:30DEF"),  # its DST, an hour ahead, 24:30 ahead of UTC
    ("AAA-11BBB11,J100/0,J200/0", "AAA-12BBB12,J100/0,J200/0"),  # DST 24 h off standard
    ("ABC5", "AB5"),  # a name has three letters at least
    ("EST5EDT,M12.1.0,M11.1.0", "EST5EDT,M13.1.0,M11.1.0"),  # no month 13
    ("EST5EDT,M3.2.0,M11.1.0", "EST5EDT,M3.2.0"),  # a start without an end
    ("EST5EDT,J1,J2", "EST5EDT,J0,J1"),  # J counts from 1
    ("EST5EDT,M3.2.0/167,M11.1.0", "EST5EDT,M3.2.0/168,M11.1.0"),  # at most 167 hours
    ("EST5:59", "EST5:60"),
    ("<+03>-3", "<+03>-3x"),
    ("UTC+3", "UTC+3\n"),
    # a change across the new year, in wall time or in UTC: read year by year, a wall time
    # and an instant would disagree about it
    ("AAA0BBB,J1/2,J300", "AAA0BBB,0/-1,J300"),
    ("AAA0BBB,J1/2,J365/23", "AAA0BBB,J1/2,J365/25"),
    ("AAA-13BBB,M1.1.0/15,J300", "AAA-13BBB,M1.1.0/12,J300"),  # in UTC, the year before
    # two changes whose order differs from year to year
    ("AAA0BBB,1/22,M1.2.0/22", "AAA0BBB,1/22,M1.1.0/22"),
]


@pytest.mark.parametrize(("rule", "wrong"), RULE_EDGES, ids=[r for r, _ in RULE_EDGES])
def test_a_rule_is_a_zone_and_a_rule_with_one_thing_wrong_an_unknown_zone(
    rule: str, wrong: str
) -> None:
    assert DayGrid.build(date(2026, 1, 1), 365, rule).days[-1] == date(2026, 12, 31)
    with pytest.raises(WeekError, match=re.escape(repr(wrong))):
        zone(wrong)
