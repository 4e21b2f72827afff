"""Days and weeks in the user's time zone.

A local day runs from local midnight to the next local midnight, so DST days last 23 or
25 hours exactly. Weeks start on a configurable ISO weekday (1 = Monday … 7 = Sunday);
a week is labelled with the ISO week of the Monday inside it (`2026-W48`).

Zones come from the standard library's `zoneinfo` (the IANA database, and POSIX TZ rules
such as `EST5EDT,M3.2.0,M11.1.0` that $TZ may hold): every command that counts days
imports this module, and `zoneinfo` costs a millisecond where pendulum costs more than
Python's own start-up.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from netbalance.core.named import NamedTuple

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A week the user named that cannot be read."""


def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name (`Europe/Berlin`) or of a POSIX TZ rule, what $TZ may
    hold instead (`EST5EDT,M3.2.0,M11.1.0`, `UTC+3`: see `core.posix_tz`). A name is
    looked up first, as the C library does (`EST5EDT` is a name too)."""
    found = _RULES.get(name)
    if found is not None:
        return found
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        from netbalance.core.posix_tz import rule_zone

        found = rule_zone(name)
        if found is None:
            raise WeekError(f"unknown time zone {name!r}") from error
    _RULES[name] = found  # ZoneInfo keeps the zones it found; this, the rules read
    return found


_RULES: dict[str, ZoneInfo] = {}


def local_midnight(day: date, tz_name: str) -> datetime:
    """The UTC instant at which `day` begins in the zone.

    Where a DST change falls at midnight, local midnight can happen twice (the day
    begins at the first) or not at all (the day begins at the first instant after the
    gap), so both readings of the wall time are tried and the earliest one on `day` wins.
    """
    tz = zone(tz_name)
    candidates = [
        datetime(day.year, day.month, day.day, tzinfo=tz, fold=fold).astimezone(UTC)
        for fold in (0, 1)
    ]
    on_day = [instant for instant in candidates if local_date(instant, tz_name) == day]
    return min(on_day) if on_day else candidates[1]


def local_date(instant: datetime, tz_name: str) -> date:
    return instant.astimezone(zone(tz_name)).date()


def week_start_of(day: date, week_start: int = 1) -> date:
    """The first day of the week that holds `day`."""
    offset = (day.isoweekday() - week_start) % 7
    return day - timedelta(days=offset)


def week_label(first_day: date) -> str:
    monday = first_day + timedelta(days=(1 - first_day.isoweekday()) % 7)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str, today: date, week_start: int = 1) -> date:
    """`this`, `last`, `next`, `2026-W48` or any date inside the week → its first day."""
    value = text.strip().lower()
    if value in ("this", ""):
        return week_start_of(today, week_start)
    if value == "last":
        return week_start_of(today, week_start) - timedelta(days=7)
    if value == "next":
        return week_start_of(today, week_start) + timedelta(days=7)
    match = _ISO_WEEK.match(value)
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        try:
            day = date.fromisocalendar(year, week, 1)
        except ValueError as error:
            raise WeekError(f"no week {week} in {year}: {text!r}") from error
    else:
        try:
            day = date.fromisoformat(value)
        except ValueError as error:
            raise WeekError(
                f"cannot read week {text!r}: use this, last, 2026-W48 or a date like 2026-11-28"
            ) from error
    try:
        first = week_start_of(day, week_start)
    except OverflowError:  # the first week of the year 1 starts before it, on a Sunday
        first = date.min
    if not date(2, 1, 1) <= first <= date(9998, 12, 31):  # its days and zones stay in range
        raise WeekError(f"week {text!r} is out of range: pick one between the years 2 and 9998")
    return first


class DayGrid(NamedTuple):
    """Consecutive local days and their UTC boundaries, for splitting time at midnight."""

    days: tuple[date, ...]
    bounds: tuple[datetime, ...]  # len(days) + 1 instants

    @classmethod
    def build(cls, first_day: date, count: int, tz_name: str) -> DayGrid:
        days = tuple(first_day + timedelta(days=i) for i in range(count))
        bounds = tuple(
            local_midnight(first_day + timedelta(days=i), tz_name) for i in range(count + 1)
        )
        return cls(days, bounds)

    @property
    def start(self) -> datetime:
        return self.bounds[0]

    @property
    def end(self) -> datetime:
        return self.bounds[-1]

    def day_of(self, instant: datetime) -> date | None:
        """The local day holding an instant, or None outside the grid."""
        if instant < self.start or instant >= self.end:
            return None
        return self.days[bisect_right(self.bounds, instant) - 1]

    def split(self, start: datetime, end: datetime) -> list[tuple[date, float]]:
        """Seconds of [start, end) on each local day of the grid."""
        # in UTC: Python subtracts two datetimes of one zone by wall time, so a local
        # 01:30-03:30 across the spring gap would count two hours instead of one
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        if end <= self.start or start >= self.end or end <= start:
            return []
        index = max(0, bisect_right(self.bounds, start) - 1)
        parts: list[tuple[date, float]] = []
        while index < len(self.days) and self.bounds[index] < end:
            low = max(start, self.bounds[index])
            high = min(end, self.bounds[index + 1])
            if high > low:
                parts.append((self.days[index], (high - low).total_seconds()))
            index += 1
        return parts
