"""A span of days a report, a log or an export covers: a week (the default), a day, a
month, a year or any `--from D --to D`, in the user's zone.

`parse_span(...)` reads what was typed into a `Span` (its first day, its number of days,
its unit and its label: `2026-W48`, `2026-11-28`, `2026-11`, `2026`,
`2026-11-01..2026-11-15`). A day is `2026-11-20`, `today`, `yesterday`, a weekday (the
latest such day, today included) or days or weeks before today (`-7d`, `-2w`); a month
`2026-11`, `this` or `last`; a year `2026`, `this` or `last`. Anything else raises
WeekError, one line naming the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from netbalance.core.named import NamedTuple
from netbalance.core.weeks import WEEKDAYS, WeekError, parse_week, week_label

EARLIEST = date(2, 1, 1)
LATEST = date(9998, 12, 24)
LONGEST_DAYS = 100 * 366  # a span of a century at most: days, tables and reads stay sane
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")
_AGO = re.compile(r"^-(\d{1,5})([dw])$")


class Span(NamedTuple):
    first: date
    days: int
    unit: str  # week, day, month, year or range
    label: str

    @property
    def last(self) -> date:
        return self.first + timedelta(days=self.days - 1)

    @property
    def is_week(self) -> bool:
        return self.unit == "week"


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def parse_day(text: str, today: date) -> date:
    """`2026-11-20`, `today`, `yesterday`, a weekday (the latest, today included) or days
    or weeks before today (`-7d`, `-2w`)."""
    word = text.strip().lower()
    ago = _AGO.match(word)
    if ago:
        days = int(ago.group(1)) * (7 if ago.group(2) == "w" else 1)
        if days > (today - EARLIEST).days:
            raise WeekError(f"{_shown(text)} is out of range: pick a day after the year 2")
        return today - timedelta(days=days)
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today - timedelta(days=(today.weekday() - number) % 7)
    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise WeekError(
            f"cannot read the day {_shown(text)}: use a date like 2026-11-20, today, "
            "yesterday, a weekday or -7d"
        ) from None
    return _in_range(day, text)


def _in_range(day: date, text: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise WeekError(f"{_shown(text)} is out of range: pick a day between the years 2 and 9998")
    return day


def parse_month(text: str, today: date) -> tuple[date, int]:
    """`2026-11`, `this` or `last` → (its first day, its number of days)."""
    word = text.strip().lower()
    if word in ("this", ""):
        year, month = today.year, today.month
    elif word == "last":
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    else:
        match = _MONTH.match(word)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise WeekError(f"cannot read the month {_shown(text)}: use 2026-11, this or last")
        year, month = int(match.group(1)), int(match.group(2))
    if not EARLIEST.year <= year <= LATEST.year - 1:
        raise WeekError(
            f"{_shown(text)} is out of range: pick a month between the years 2 and 9997"
        )
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, (following - first).days


def parse_year(text: str, today: date) -> tuple[date, int]:
    """`2026`, `this` or `last` → (1 January, its number of days)."""
    word = text.strip().lower()
    if word in ("this", ""):
        year = today.year
    elif word == "last":
        year = today.year - 1
    elif _YEAR.match(word):
        year = int(word)
    else:
        raise WeekError(f"cannot read the year {_shown(text)}: use 2026, this or last")
    if not EARLIEST.year <= year <= LATEST.year - 1:
        raise WeekError(f"{_shown(text)} is out of range: pick a year between 2 and 9997")
    return date(year, 1, 1), (date(year + 1, 1, 1) - date(year, 1, 1)).days


def parse_span(
    today: date,
    week_start: int = 1,
    *,
    week: str | None = None,
    day: str | None = None,
    month: str | None = None,
    year: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Span:
    """The span the options name (at most one of week, day, month, year and from/to;
    none: this week). `--from` alone runs to today, `--to` alone is refused."""
    if end is not None and start is None:
        raise WeekError("--to goes with --from: give the first day too (--from D --to D)")
    if start is not None:
        first = parse_day(start, today)
        last = parse_day(end, today) if end is not None else today
        if last < first:
            raise WeekError(
                f"--to {last.isoformat()} is before --from {first.isoformat()}: "
                "give the earlier day first"
            )
        days = (last - first).days + 1
        if days > LONGEST_DAYS:
            raise WeekError(f"a span is at most {LONGEST_DAYS} days, not {days}")
        return Span(first, days, "range", f"{first.isoformat()}..{last.isoformat()}")
    if day is not None:
        first = parse_day(day, today)
        return Span(first, 1, "day", first.isoformat())
    if month is not None:
        first, days = parse_month(month, today)
        return Span(first, days, "month", f"{first:%Y-%m}")
    if year is not None:
        first, days = parse_year(year, today)
        return Span(first, days, "year", f"{first.year:04d}")
    first = parse_week(week or "this", today, week_start)
    return Span(first, 7, "week", week_label(first))
