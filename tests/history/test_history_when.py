"""Reading WHEN: the forms a person types, in their zone, DST days included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netbalance.core.when import WhenError, parse_instant, parse_length, parse_when

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # a Saturday
BERLIN = ZoneInfo("Europe/Berlin")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09:00-10:30", utc(2026, 11, 28, 9), utc(2026, 11, 28, 10, 30)),
        ("9:00 - 10:30", utc(2026, 11, 28, 9), utc(2026, 11, 28, 10, 30)),
        ("yesterday 14:00 50m", utc(2026, 11, 27, 14), utc(2026, 11, 27, 14, 50)),
        ("2026-11-20 09:00 1h30m", utc(2026, 11, 20, 9), utc(2026, 11, 20, 10, 30)),
        ("2026-11-20 09:00 90m", utc(2026, 11, 20, 9), utc(2026, 11, 20, 10, 30)),
        ("2026-11-20 09:00-10:00", utc(2026, 11, 20, 9), utc(2026, 11, 20, 10)),
        ("today 11:00-now", utc(2026, 11, 28, 11), NOW),
        ("mon 09:00 2h", utc(2026, 11, 23, 9), utc(2026, 11, 23, 11)),
        ("sat 09:00 1h", utc(2026, 11, 28, 9), utc(2026, 11, 28, 10)),
        (
            "2026-11-20T09:00:00+00:00 2026-11-20T10:00:00+00:00",
            utc(2026, 11, 20, 9),
            utc(2026, 11, 20, 10),
        ),
        (
            "2026-11-20T09:00:00Z/2026-11-20T10:00:00Z",
            utc(2026, 11, 20, 9),
            utc(2026, 11, 20, 10),
        ),
        ("2026-11-20T10:00+01:00 45m", utc(2026, 11, 20, 9), utc(2026, 11, 20, 9, 45)),
    ],
)
def test_the_documented_forms(text: str, start: datetime, end: datetime) -> None:
    assert parse_when(text, NOW, UTC) == (start, end)


def test_wall_times_are_read_in_the_users_zone() -> None:
    start, end = parse_when("09:00-10:30", NOW, BERLIN)
    assert (start, end) == (utc(2026, 11, 28, 8), utc(2026, 11, 28, 9, 30))


def test_the_local_day_decides_yesterday_near_midnight() -> None:
    late = utc(2026, 11, 28, 23, 30)  # already Sunday 00:30 in Berlin
    start, _ = parse_when("yesterday 10:00 1h", late, BERLIN)
    assert start == utc(2026, 11, 28, 9)


def test_a_length_across_the_spring_change_is_real_time() -> None:
    # 2026-03-29: Berlin goes from 02:00 to 03:00
    start, end = parse_when("2026-03-29 01:30 1h", NOW, BERLIN)
    assert end - start == timedelta(hours=1)
    assert end.astimezone(BERLIN).strftime("%H:%M") == "03:30"


def test_a_wall_span_across_the_spring_change_counts_one_hour_less() -> None:
    start, end = parse_when("2026-03-29 01:00-04:00", NOW, BERLIN)
    assert end - start == timedelta(hours=2)


def test_a_wall_time_skipped_by_the_spring_change_is_refused() -> None:
    with pytest.raises(WhenError, match="does not exist"):
        parse_when("2026-03-29 02:30 1h", NOW, BERLIN)


def test_a_wall_time_that_happens_twice_is_the_first() -> None:
    # 2026-10-25: Berlin goes back from 03:00 to 02:00; 02:30 happens twice
    start, end = parse_when("2026-10-25 02:30 30m", NOW, BERLIN)
    assert start == utc(2026, 10, 25, 0, 30)  # 02:30 CEST (+02:00)
    assert end - start == timedelta(minutes=30)


def test_a_wall_span_across_the_autumn_change_counts_one_hour_more() -> None:
    start, end = parse_when("2026-10-25 01:00-04:00", NOW, BERLIN)
    assert end - start == timedelta(hours=4)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "missing"),
        ("09:00", "give an end or a length"),
        ("25:00-26:00", "not a time of day"),
        ("09:00 5x", "give an end or a length"),
        ("2026-02-30 09:00 1h", "no such date"),
        ("09:00-10:00 extra", "left over"),
        ("09:00 0m", "more than zero"),
        ("09:00 -", "end is missing"),
        ("x" * 300, "too long"),
        ("09:00\x1b[2J-10:00", "not a time"),
    ],
)
def test_unreadable_text_is_one_line_naming_it(text: str, words: str) -> None:
    with pytest.raises(WhenError, match=words) as caught:
        parse_when(text, NOW, UTC)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "minutes"), [("50m", 50), ("1h30m", 90), ("90m", 90), ("2h", 120), ("1h 5m", 65)]
)
def test_lengths(text: str, minutes: int) -> None:
    assert parse_length(text) == timedelta(minutes=minutes)


def test_one_instant_on_the_sessions_day() -> None:
    day = datetime(2026, 11, 20).date()
    assert parse_instant("14:00", NOW, UTC, day) == utc(2026, 11, 20, 14)
    assert parse_instant("yesterday 14:00", NOW, UTC, day) == utc(2026, 11, 27, 14)
    assert parse_instant("2026-11-19T08:00:00Z", NOW, UTC, day) == utc(2026, 11, 19, 8)
    with pytest.raises(WhenError):
        parse_instant("14:00 1h", NOW, UTC, day)


_PIECES = st.sampled_from(
    [
        "09:00",
        "-",
        "10:30",
        "yesterday",
        "today",
        "mon",
        "50m",
        "1h30m",
        "2026-11-20",
        "now",
        "2026-11-20T09:00:00+00:00",
        "/",
        "24:00",
        "2026-13-40",
        "h",
        "m",
        "0h",
        " ",
        "T",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=6).map(" ".join)))
def test_any_text_reads_or_is_refused_with_a_when_error(text: str) -> None:
    for zone in (UTC, BERLIN):
        try:
            start, end = parse_when(text, NOW, zone)
        except WhenError as problem:
            assert "\n" not in str(problem)
        else:
            assert start.tzinfo is not None and end.tzinfo is not None


@pytest.mark.parametrize("typed", ["blorp", "2026-12-01", "yesterday", "tomorrow 10:00"])
def test_one_time_refused_names_the_forms_of_one_time(typed: str) -> None:
    """`--at`, a split time, the log form's When: a refusal names the forms of one time,
    never a span's (`yesterday 14:00 50m` is not one time)."""
    from netbalance.core.when import ONE_TIME, WhenError, parse_instant

    with pytest.raises(WhenError) as refused:
        parse_instant(typed, datetime(2026, 11, 28, 9, 0, tzinfo=UTC), UTC)
    assert str(refused.value).endswith(f"; use {ONE_TIME}"), str(refused.value)
    assert "50m" not in str(refused.value)
