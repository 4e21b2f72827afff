"""Due dates as typed: ISO dates, weekdays, today / tomorrow, +3d / +2w."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.core.dates import ACCEPTED, WEEKDAYS, DueDateError, brief, parse_due
from netbalance.core.models import Item
from netbalance.tui.widgets.card import CardColours, card_lines

SATURDAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2020-02-29", date(2020, 2, 29)),  # the past is allowed: overdue at once
        ("today", SATURDAY),
        ("  Today ", SATURDAY),
        ("tomorrow", date(2026, 11, 29)),
        ("fri", date(2026, 12, 4)),
        ("Friday", date(2026, 12, 4)),
        ("sun", date(2026, 11, 29)),
        ("mon", date(2026, 11, 30)),
        ("sat", date(2026, 12, 5)),  # today's own name: a week ahead
        ("saturday", date(2026, 12, 5)),
        ("+0d", SATURDAY),
        ("+3d", date(2026, 12, 1)),
        ("+3D", date(2026, 12, 1)),
        ("+2w", date(2026, 12, 12)),
        ("+400d", SATURDAY + timedelta(days=400)),
    ],
)
def test_accepted_forms(text: str, due: date) -> None:
    assert parse_due(text, SATURDAY) == due


@given(st.dates(max_value=date(9000, 1, 1)), st.sampled_from(WEEKDAYS), st.booleans())
def test_a_weekday_is_the_next_one_after_today(today: date, name: str, short: bool) -> None:
    due = parse_due(name[:3] if short else name, today)
    assert due.weekday() == WEEKDAYS.index(name)
    assert 1 <= (due - today).days <= 7


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", ""),
        ("next week", ""),
        ("fr", ""),
        ("fridays", ""),
        ("3d", ""),
        ("+3", ""),
        ("+3m", ""),
        ("-1d", ""),
        ("+123456d", ""),
        ("2026-13-01", " (no such day)"),
        ("2026-02-30", " (no such day)"),
        ("20261201", ""),
        ("2026-W48-1", ""),
        ("01/12/2026", ""),
    ],
)
def test_anything_else_is_refused_naming_the_input_and_the_forms(text: str, why: str) -> None:
    with pytest.raises(DueDateError) as raised:
        parse_due(text, SATURDAY)
    assert str(raised.value) == f"not a due date: {text!r}{why}; use {ACCEPTED}"
    assert isinstance(raised.value, ValueError)


def test_a_long_input_is_shortened_and_control_characters_escaped_in_the_message() -> None:
    with pytest.raises(DueDateError) as raised:
        parse_due("x" * 100 + "\n", SATURDAY)
    message = str(raised.value)
    assert "x" * 39 + "…'" in message
    assert "\n" not in message


def test_a_date_past_the_calendar_is_refused() -> None:
    with pytest.raises(DueDateError, match=r"'\+2w' \(too far ahead\)"):
        parse_due("+2w", date(9999, 12, 25))


@pytest.mark.parametrize(
    ("due", "today", "shown"),
    [
        (date(2026, 12, 4), SATURDAY, "Fri 04 Dec"),
        (date(2026, 1, 2), SATURDAY, "Fri 02 Jan"),  # this year, long past
        (date(9999, 12, 31), SATURDAY, "Fri 31 Dec 9999"),
        (date(2027, 1, 4), date(2026, 12, 31), "Mon 04 Jan 2027"),  # next week, next year
        (date(2025, 12, 31), date(2026, 1, 1), "Wed 31 Dec 2025"),  # overdue since last year
        (date(2, 1, 1), SATURDAY, "Tue 01 Jan 0002"),
    ],
)
def test_a_due_date_shown_briefly_has_its_year_when_not_this_year(
    due: date, today: date, shown: str
) -> None:
    assert brief(due, today) == shown


def test_a_card_due_in_another_year_says_which() -> None:
    now = datetime(2026, 11, 28, 9, tzinfo=UTC)
    colours = CardColours(muted="grey50", overdue="red", produce="green")

    def due_line(due: date) -> str:
        item = Item("i", "Essay", "Backlog", 1.0, created=now, updated=now, due=due)
        lines = [line.plain for line in card_lines(item, 0, SATURDAY, colours, width=30)]
        return next(line for line in lines if "due" in line)

    assert due_line(date(9999, 12, 31)) == "due Fri 31 Dec 9999"
    assert due_line(date(2026, 12, 4)) == "due Fri 04 Dec"
    assert due_line(date(2025, 11, 28)) == "overdue Fri 28 Nov 2025"
