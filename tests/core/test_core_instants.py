"""Stored instants (one ISO form, UTC) and how durations are shown."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.core.clock import FakeClock
from netbalance.core.instants import (
    format_clock,
    format_hours,
    format_length,
    from_iso,
    optional_instant,
    optional_iso,
    to_iso,
)

STORED_FORM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")

aware = st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2200, 12, 30),
    timezones=st.one_of(
        st.timezones(),
        st.builds(
            timezone,
            st.integers(min_value=-23 * 60, max_value=23 * 60).map(lambda m: timedelta(minutes=m)),
        ),
    ),
)


# --- to_iso -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
        datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=1))),
        datetime(2026, 11, 28, 4, 0, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2026, 11, 28, 14, 45, tzinfo=timezone(timedelta(hours=5, minutes=45))),
        datetime(2026, 11, 28, 10, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        datetime(2026, 11, 28, 9, 0, 0, 999_999, tzinfo=UTC),  # sub-seconds are dropped
        pendulum.datetime(2026, 11, 28, 22, 0, tz="Pacific/Auckland"),  # NZDT +13
    ],
)
def test_to_iso_gives_one_utc_form_for_any_offset(instant: datetime) -> None:
    assert to_iso(instant) == "2026-11-28T09:00:00+00:00"


def test_to_iso_crosses_the_date_line_into_utc() -> None:
    late = datetime(2026, 11, 28, 23, 30, tzinfo=timezone(timedelta(hours=-3)))
    assert to_iso(late) == "2026-11-29T02:30:00+00:00"


def test_to_iso_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_iso(datetime(2026, 11, 28, 9, 0))


@given(aware)
def test_to_iso_always_has_the_stored_form(instant: datetime) -> None:
    assert STORED_FORM.match(to_iso(instant))


@given(st.lists(aware, min_size=2, max_size=20))
def test_string_order_is_time_order(instants: list[datetime]) -> None:
    """Records sorted by their stored stamp are sorted in time."""
    stamps = [to_iso(instant) for instant in instants]
    by_time = [to_iso(instant) for instant in sorted(instants, key=lambda i: i.astimezone(UTC))]
    assert sorted(stamps) == by_time
    for a, b in itertools.pairwise(stamps):
        assert (a < b) == (from_iso(a) < from_iso(b))
        assert (a == b) == (from_iso(a) == from_iso(b))


@given(aware)
def test_round_trip_keeps_the_instant_to_the_second(instant: datetime) -> None:
    back = from_iso(to_iso(instant))
    assert back.utcoffset() == timedelta(0)
    expected = instant.astimezone(UTC).replace(microsecond=0)
    assert back == expected
    assert to_iso(back) == to_iso(instant)


# --- from_iso ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28T09:00:00+00:00", datetime(2026, 11, 28, 9, tzinfo=UTC)),
        ("2026-11-28T09:00:00Z", datetime(2026, 11, 28, 9, tzinfo=UTC)),
        ("2026-11-28T10:00:00+01:00", datetime(2026, 11, 28, 9, tzinfo=UTC)),
        ("2026-11-28T01:00:00-08:00", datetime(2026, 11, 28, 9, tzinfo=UTC)),
        ("2026-11-28T09:00:00", datetime(2026, 11, 28, 9, tzinfo=UTC)),  # no offset: UTC
        ("2026-11-28T09:00", datetime(2026, 11, 28, 9, tzinfo=UTC)),
    ],
)
def test_from_iso_reads_into_utc(text: str, expected: datetime) -> None:
    instant = from_iso(text)
    assert instant == expected
    assert instant.utcoffset() == timedelta(0)
    assert instant.hour == 9  # the wall time is UTC, not the offset's


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00", "28/11/2026 09:00"])
def test_from_iso_refuses_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        from_iso(text)


def test_optional_forms_pass_none_through() -> None:
    assert optional_iso(None) is None
    assert optional_instant(None) is None
    instant = datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert optional_iso(instant) == "2026-11-28T09:00:00+00:00"
    assert optional_instant("2026-11-28T09:00:00Z") == instant


# --- durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (5, "00:05"),
        (59, "00:59"),
        (60, "01:00"),
        (1421, "23:41"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3909, "1:05:09"),
        (25 * 60, "25:00"),
        (24 * 3600, "24:00:00"),
        (59.9, "00:59"),  # a countdown never shows a second it has not reached
        (-1, "00:00"),
        (-3600, "00:00"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@given(st.integers(min_value=0, max_value=10 * 24 * 3600))
def test_format_clock_reads_back(seconds: int) -> None:
    parts = [int(p) for p in format_clock(seconds).split(":")]
    if len(parts) == 2:
        parts.insert(0, 0)
    hours, minutes, secs = parts
    assert 0 <= minutes < 60 and 0 <= secs < 60
    assert hours * 3600 + minutes * 60 + secs == seconds


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0 m"), (45, "45 m"), (60, "1 h 00 m"), (125, "2 h 05 m"), (59.6, "1 h 00 m")],
)
def test_format_hours(minutes: float, text: str) -> None:
    assert format_hours(minutes) == text


# --- the fake clock the tests rely on ---------------------------------------------------


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2026, 11, 28, 10, 0, 0, 500, tzinfo=timezone(timedelta(hours=1))))
    assert clock.now() == datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)
    assert clock.now() == clock.now()
    clock.advance(minutes=30)
    assert clock.now() == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    clock.advance(hours=-1)
    assert clock.now() == datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    clock.set(datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("America/New_York")))
    assert clock.now() == datetime(2026, 12, 1, 17, tzinfo=UTC)


def test_fake_clock_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 11, 28, 9))


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (25, "25 s"), (59, "59 s"), (60, "1 m"), (25 * 60, "25 m"),
     (3900, "1 h 05 m"), (4039, "1 h 07 m"), (-5, "0 s")],
)  # fmt: skip
def test_a_length_reads_as_every_length_does(seconds: float, text: str) -> None:
    assert format_length(seconds) == text
