"""POSIX TZ rules: what $TZ may hold instead of a zone name.

`std offset [dst [offset] [,start[/time],end[/time]]]` (POSIX.1-2017, 8.3): for example
`EST5EDT,M3.2.0,M11.1.0`, `UTC+3`, `<+0530>-5:30`. A rule means what the C library makes
of it: its offsets are hours *west* of UTC (`UTC+3` is three hours behind UTC), a DST
rule without its changes takes the C library's (`M3.2.0,M11.1.0`), and change times run
from -167 to 167 hours (RFC 8536, 3.3.1).

The standard library reads such rules in the footer of a zone file (TZif, RFC 8536), so
a rule becomes the footer of a file with no transitions: `zoneinfo` then works out every
change, the fold of a repeated hour and the gap of a skipped one, as for an IANA zone.
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
_CHANGE = rf",(?:J\d{{1,3}}|\d{{1,3}}|M\d{{1,2}}\.\d\.\d)(?:/{_TIME})?"
_RULE = re.compile(
    rf"{_NAME}(?P<std>{_OFFSET})"
    rf"(?:(?P<dst_name>{_NAME})(?P<dst>{_OFFSET})?(?P<changes>{_CHANGE}{_CHANGE})?)?",
    re.ASCII,
)
_DEFAULT_CHANGES = ",M3.2.0,M11.1.0"
# a change on day `n` of the year counted from 0, 29 February included (not `Jn`, `Mm.w.d`)
_ZERO_BASED_DAY = re.compile(rf"(?<=,)(\d{{1,3}})(?:/({_TIME}))?(?=,|$)", re.ASCII)
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
    footer, changes = rule, match["changes"]
    if match["dst_name"] is not None and changes is None:
        footer += _DEFAULT_CHANGES
    elif changes is not None and _ZERO_BASED_DAY.search(changes):
        footer = rule[: match.start("changes")] + _ZERO_BASED_DAY.sub(_read_right, changes)
    return _footer_zone(footer, rule)


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
