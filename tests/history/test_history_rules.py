"""The rules of past time: validation, overlaps refused or trimmed, splits."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netbalance.core import history
from netbalance.core.history import HistoryError, OverlapError
from netbalance.core.models import ActiveBox, Kind, Session
from netbalance.core.when import WhenError

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
_ids = (f"new{n:03d}" for n in itertools.count())


def new_id() -> str:
    return next(_ids)


def at(hour: float) -> datetime:
    return datetime(2026, 11, 28, tzinfo=UTC) + timedelta(hours=hour)


def session(record_id: str, start: float, end: float, kind: Kind = Kind.PRODUCE) -> Session:
    return Session(id=record_id, kind=kind, start=at(start), end=at(end), created=NOW, updated=NOW)


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (at(10), at(9), "the end Sat 28 Nov 09:00 is before the start 10:00"),
        (at(10), at(10), "ends when it starts"),
        (at(13), at(14), "the start Sat 28 Nov 13:00 is in the future"),
        (at(11), at(13), "the end Sat 28 Nov 13:00 is in the future"),
        (at(-20), at(5), "longer than 24 h"),
    ],
)
def test_each_validation_rule_is_one_line_naming_the_problem(
    start: datetime, end: datetime, words: str
) -> None:
    with pytest.raises(HistoryError) as caught:
        history.check_span(start, end, NOW, UTC)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_exactly_24_hours_ending_now_is_allowed() -> None:
    history.check_span(NOW - timedelta(hours=24), NOW, NOW, UTC)


def test_an_overlap_is_refused_naming_the_other_session() -> None:
    other = session("abcdef123", 9, 10, Kind.NETWORK)
    new = session("n", 9.5, 11)
    with pytest.raises(OverlapError) as caught:
        history.place(new, [other], NOW, UTC, trim=False, new_id=new_id)
    assert str(caught.value) == ("it overlaps the network session abcdef (Sat 28 Nov 09:00–10:00)")
    assert caught.value.others == [other]


def test_touching_sessions_do_not_overlap() -> None:
    before, after = session("a", 8, 9), session("b", 10, 11)
    assert (
        history.place(
            session("n", 9, 10), [before, after], NOW, UTC, trim=False, new_id=new_id
        ).updated
        == []
    )


def test_an_edited_session_does_not_overlap_itself() -> None:
    old = session("a", 8, 9)
    moved = session("a", 8.5, 9.5)
    assert history.place(moved, [old], NOW, UTC, trim=False, new_id=new_id).updated == []


def test_trim_ends_the_earlier_and_starts_the_later() -> None:
    early, late = session("early", 8, 10), session("late", 10.5, 11.5)
    changes = history.place(session("n", 9, 11), [early, late], NOW, UTC, trim=True, new_id=new_id)
    by_id = {s.id: s for s in changes.updated}
    assert (by_id["early"].start, by_id["early"].end) == (at(8), at(9))
    assert (by_id["late"].start, by_id["late"].end) == (at(11), at(11.5))
    assert changes.removed == [] and changes.added == []
    assert "trimmed the produce session early (Sat 28 Nov 08:00–10:00) to end at 09:00" in (
        changes.trimmed
    )


def test_trim_removes_a_session_inside_and_cuts_one_around() -> None:
    inside, around = session("inside", 9.25, 9.5), session("around", 6, 8)
    changes = history.place(session("n", 9, 10), [inside], NOW, UTC, trim=True, new_id=new_id)
    assert changes.removed == [inside]
    changes = history.place(session("n", 6.5, 7), [around], NOW, UTC, trim=True, new_id=new_id)
    assert [(s.start, s.end) for s in changes.updated] == [(at(6), at(6.5))]
    assert [(s.start, s.end, s.id.startswith("new")) for s in changes.added] == [
        (at(7), at(8), True)
    ]


def test_trimming_scales_the_pauses() -> None:
    paused = Session(
        id="p",
        kind=Kind.PRODUCE,
        start=at(8),
        end=at(10),
        created=NOW,
        updated=NOW,
        paused_seconds=1200,
    )
    changes = history.place(session("n", 9, 11), [paused], NOW, UTC, trim=True, new_id=new_id)
    assert changes.updated[0].paused_seconds == 600


def test_the_running_box_is_never_overlapped() -> None:
    box = ActiveBox(id="b", kind=Kind.NETWORK, started=at(11), updated=NOW)
    with pytest.raises(HistoryError, match="running network box"):
        history.place(session("n", 10, 11.5), [], NOW, UTC, trim=True, new_id=new_id, box=box)
    history.place(session("n", 10, 11), [], NOW, UTC, trim=False, new_id=new_id, box=box)


def test_split_keeps_links_and_shares_pauses() -> None:
    whole = Session(
        id="w",
        kind=Kind.NETWORK,
        start=at(8),
        end=at(10),
        created=NOW,
        updated=NOW,
        paused_seconds=600,
        contact_id="c",
        contact_name="Ada",
        note="lunch",
    )
    first, second = history.split(whole, at(9.5), NOW, UTC, new_id)
    assert (first.id, first.start, first.end) == ("w", at(8), at(9.5))
    assert (second.start, second.end) == (at(9.5), at(10))
    assert second.id != "w" and second.contact_name == "Ada" and second.note == "lunch"
    assert first.paused_seconds + second.paused_seconds == 600


@pytest.mark.parametrize("hour", [8, 10, 7, 11])
def test_split_outside_the_session_is_refused(hour: float) -> None:
    with pytest.raises(HistoryError, match="is not inside the produce session w"):
        history.split(session("w", 8, 10), at(hour), NOW, UTC, new_id)


BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str) -> datetime:
    """`2026-11-27 23:00` in Berlin → UTC (the first reading of a time that happens twice)."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


def spanning(start: str, end: str) -> Session:
    return Session(
        id="w", kind=Kind.PRODUCE, start=local(start), end=local(end), created=NOW, updated=NOW
    )


@pytest.mark.parametrize(
    ("start", "end", "text", "meant"),
    [
        # across midnight: a bare time is on whichever day it falls inside the session
        ("2026-11-26 23:00", "2026-11-27 01:30", "00:30", "2026-11-27 00:30"),
        ("2026-11-26 23:00", "2026-11-27 01:30", "23:45", "2026-11-26 23:45"),
        ("2026-11-26 22:00", "2026-11-27 21:00", "06:00", "2026-11-27 06:00"),
        ("2026-11-27 09:00", "2026-11-27 11:00", "10:15", "2026-11-27 10:15"),
        # a day and a time, or an instant, mean what they say
        ("2026-11-26 23:00", "2026-11-27 01:30", "2026-11-27 00:10", "2026-11-27 00:10"),
        ("2026-11-26 23:00", "2026-11-27 01:30", "2026-11-26T23:50:00+01:00", "2026-11-26 23:50"),
    ],
)
def test_a_bare_split_time_is_the_one_inside_the_session(
    start: str, end: str, text: str, meant: str
) -> None:
    whole = spanning(start, end)
    instant = history.split_point(text, whole, NOW, BERLIN)
    assert instant == local(meant)
    first, second = history.split(whole, instant, NOW, BERLIN, new_id)
    assert (first.end, second.start) == (instant, instant)


@pytest.mark.parametrize(
    ("start", "end", "text", "words"),
    [
        # a 24-hour session over the 23-hour day of the spring change: 12:30 twice
        (
            "2026-03-28 12:00",
            "2026-03-29 13:00",
            "12:30",
            "give the day too, e.g. `2026-03-29 12:30`",
        ),
        # the hour the clocks go back: 02:30 CEST and 02:30 CET
        ("2026-10-25 00:30", "2026-10-25 04:00", "02:30", "give the instant with its offset"),
        (
            "2026-11-26 23:00",
            "2026-11-27 01:30",
            "02:00",
            "02:00 is not inside the produce session",
        ),
        ("2026-11-26 23:00", "2026-11-27 01:30", "12:00", "is not inside"),
        # the spring change skips 02:30
        ("2026-03-29 01:00", "2026-03-29 04:00", "02:30", "does not exist in your time zone"),
    ],
)
def test_a_split_time_outside_or_twice_inside_is_refused_in_one_line(
    start: str, end: str, text: str, words: str
) -> None:
    with pytest.raises((HistoryError, WhenError)) as refused:
        history.split_point(text, spanning(start, end), NOW, BERLIN)
    message = str(refused.value)
    assert words in message and "\n" not in message


def test_twice_inside_names_both_readings_and_the_way_to_say_which() -> None:
    whole = spanning("2026-10-25 00:30", "2026-10-25 04:00")
    with pytest.raises(HistoryError) as refused:
        history.split_point("02:30", whole, NOW, BERLIN)
    message = str(refused.value)
    assert "Sun 25 Oct 02:30 CEST and Sun 25 Oct 02:30 CET" in message
    hinted = message.rsplit("`", 2)[1]
    assert hinted == "2026-10-25T02:30+01:00"
    assert history.split_point(hinted, whole, NOW, BERLIN) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )
