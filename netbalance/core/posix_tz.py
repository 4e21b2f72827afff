"""POSIX TZ rules: what $TZ may hold instead of a zone name.

`std offset [dst [offset] [,start[/time],end[/time]]]` (POSIX.1-2017, 8.3): for example
`EST5EDT,M3.2.0,M11.1.0`, `UTC+3`, `<+0530>-5:30`. A rule means what the C library makes
of it: its offsets are hours *west* of UTC (`UTC+3` is three hours behind UTC), a DST
rule without its changes takes the C library's (`M3.2.0,M11.1.0`), and change times run
from -167 to 167 hours (RFC 8536, 3.3.1).

The standard library reads such rules in the footer of a zone file (TZif, RFC 8536), so
a rule becomes the footer of a file with no transitions: `zoneinfo` then works out every
change, the fold of a repeated hour and the gap of a skipped one, as for an IANA zone.
Two days it reads wrong (J59, and a day counted from 0) are written as it reads them
right. It works a rule out one year at a time, so a rule whose changes cross the new year
or swap order between years (no zone has one) is refused, as is an offset of a day: with
those, days could not be counted.
"""

from __future__ import annotations

import re
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

_NAME = r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)"
_MINUTES = r"(?::[0-5]?\d){0,2}"  # and seconds
_OFFSET = rf"[+-]?\d{{1,2}}{_MINUTES}"
_TIME = rf"[+-]?\d{{1,3}}{_MINUTES}"  # of a change: -167 to 167 hours
_CHANGE = rf"(?:J\d{{1,3}}|\d{{1,3}}|M\d{{1,2}}\.\d\.\d)(?:/{_TIME})?"
_RULE = re.compile(
    rf"{_NAME}(?P<std>{_OFFSET})(?:(?P<dst_name>{_NAME})(?P<dst>{_OFFSET})?"
    rf"(?P<changes>,(?P<start>{_CHANGE}),(?P<end>{_CHANGE}))?)?",
    re.ASCII,
)
_CHANGE_PARTS = re.compile(
    rf"(?:J(?P<julian>\d+)|(?P<day>\d+)|M(?P<month>\d+)\.(?P<week>\d)\.(?P<weekday>\d))"
    rf"(?:/(?P<time>{_TIME}))?",
    re.ASCII,
)
_DEFAULT_CHANGES = ",M3.2.0,M11.1.0"
# a change on day `n` of the year counted from 0, 29 February included (not `Jn`, `Mm.w.d`)
_ZERO_BASED_DAY = re.compile(rf"(?<=,)(\d{{1,3}})(?:/({_TIME}))?(?=,|$)", re.ASCII)
_J59 = re.compile(r"(?<=,)J59(?=/|,|$)")
_DAY = 24 * 3600


def rule_zone(rule: str) -> ZoneInfo | None:
    """The zone of a POSIX TZ rule; None if `rule` is not one."""
    match = _RULE.fullmatch(rule)
    if match is None:
        return None
    std = -seconds(match["std"])  # utcoffset() counts east of UTC
    dst = std + 3600 if match["dst"] is None else -seconds(match["dst"])
    if max(abs(std), abs(dst), abs(dst - std)) >= _DAY:  # a datetime's offset, a local
        return None  # day's length (24 h less the change) stay within a day
    if match["changes"] is not None and not _year_by_year(match["start"], match["end"], std, dst):
        return None
    footer, changes = rule, match["changes"]
    if match["dst_name"] is not None and changes is None:
        footer += _DEFAULT_CHANGES
    elif changes is not None:
        # `zoneinfo` puts J59 on 29 February in a leap year: it is day 58 from 0, always
        changes = _J59.sub("58", changes)
        footer = rule[: match.start("changes")] + _ZERO_BASED_DAY.sub(_read_right, changes)
    return _footer_zone(footer, rule)


_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)


def _year_by_year(start: str, end: str, std: int, dst: int) -> bool:
    """Whether the two changes can be worked out year by year, as `zoneinfo` does (the
    local year to read a wall time, the UTC year to read an instant): each change, the
    hour it skips or repeats included, falls inside its year in local time and in UTC,
    and the two come in the same order every year, far enough apart. A change across the
    new year (`0/-1`, `J365/25`), or changes whose order differs from year to year, would
    read one way from a wall time and another from an instant: no day could be counted."""
    early = abs(dst - std) + max(0, std, dst)  # room before a change: its gap, UTC's lag
    late = abs(dst - std) + max(0, -std, -dst)
    orders: set[str] = set()
    for leap in (0, 1):
        year = (365 + leap) * _DAY
        first, second = _when(start, leap), _when(end, leap)
        if first is None or second is None:
            return False
        for low, high in (first, second):
            if low < early or high + late > year:
                return False
        if first[1] + early + late < second[0]:
            orders.add("start first")
        elif second[1] + early + late < first[0]:
            orders.add("end first")  # DST across the new year: the southern hemisphere
        else:
            return False
    return len(orders) == 1


def _when(change: str, leap: int) -> tuple[int, int] | None:
    """The earliest and latest local time in its year (seconds from 1 January 00:00) a
    change can happen at; None if it names no day."""
    parts = _CHANGE_PARTS.fullmatch(change)
    days = None if parts is None else _days(parts, leap)
    if parts is None or days is None:
        return None
    at = seconds(parts["time"]) if parts["time"] else 2 * 3600
    return days[0] * _DAY + at, days[1] * _DAY + at


def _days(parts: re.Match[str], leap: int) -> tuple[int, int] | None:
    """The first and last day of the year (from 0) a change can fall on; None if none."""
    if parts["julian"] is not None:  # J1 … J365, 29 February never counted
        number = int(parts["julian"])
        day = number - 1 + (leap if number >= 60 else 0)
        return (day, day) if 1 <= number <= 365 else None
    if parts["day"] is not None:  # 0 … 365, 29 February counted
        number = int(parts["day"])
        return (number, number) if number <= 365 else None
    month, week, weekday = int(parts["month"]), int(parts["week"]), int(parts["weekday"])
    if not (1 <= month <= 12 and 1 <= week <= 5 and weekday <= 6):
        return None
    before = _DAYS_BEFORE_MONTH[month - 1] + (leap if month > 2 else 0)
    length = _DAYS_BEFORE_MONTH[month] - _DAYS_BEFORE_MONTH[month - 1] + (leap if month == 2 else 0)
    low = (week - 1) * 7 if week < 5 else length - 7  # the week's first day, from 0
    return before + low, before + low + 6


def seconds(text: str) -> int:
    """`5`, `-5:30`, `+3:00:15` → seconds."""
    sign = -1 if text.startswith("-") else 1
    hours, minutes, rest = [*map(int, text.lstrip("+-").split(":")), 0, 0][:3]
    return sign * (hours * 3600 + minutes * 60 + rest)


def _footer_zone(footer: str, key: str) -> ZoneInfo | None:
    try:
        return ZoneInfo.from_file(BytesIO(_tzif(footer)), key=key)
    except ValueError:  # the right shape, yet no such day (month 13, J366 …)
        return None


def _tzif(footer: str) -> bytes:
    """A version 2 TZif file with no transitions, one (unused) local time type, and
    `footer` as its rule."""
    counts = b"".join(n.to_bytes(4, "big") for n in (0, 0, 0, 0, 1, 4))
    header = b"TZif2" + bytes(15) + counts
    data = bytes(6) + b"UTC\0"  # the local time type: offset 0, no DST; its name
    return header + data + header + data + b"\n" + footer.encode("ascii") + b"\n"


_READS_DAY_LATE: list[bool] = []


def _reads_day_late() -> bool:
    """Whether `zoneinfo` puts a change on day `n` (counted from 0) on day `n - 1`, as
    Python 3.11's does: day 10 of 2001 is 11 January, not the 10th. Asked once, so a
    Python that reads it right is taken as it is."""
    if not _READS_DAY_LATE:
        probe = _footer_zone("AAA0BBB-1,10/0,J300/0", "probe")
        late = probe is not None and bool(datetime(2001, 1, 10, 12, tzinfo=probe).dst())
        _READS_DAY_LATE.append(late)
    return _READS_DAY_LATE[0]


def _read_right(day: re.Match[str]) -> str:
    """A change on day `n` (counted from 0) written so that `zoneinfo` puts it on that
    day: as day `n + 1`, or day 365 as day 365 24 hours later."""
    if not _reads_day_late():
        return day[0]
    number, time = int(day[1]), day[2]
    if number < 365:
        return f"{number + 1}" + (f"/{time}" if time else "")
    later = (seconds(time) if time else 2 * 3600) + _DAY
    sign, later = ("-" if later < 0 else ""), abs(later)
    return f"365/{sign}{later // 3600}:{later // 60 % 60:02d}:{later % 60:02d}"
