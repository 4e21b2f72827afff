"""When a session happened, as a person types it after the fact.

`parse_when(text, now, tz)` → (start, end) in UTC. It accepts:

- a span today: `09:00-10:30` (also `09:00 - 10:30`, `9:00-now`);
- a day, a start and a length: `yesterday 14:00 50m`, `2026-11-20 09:00 1h30m`,
  `mon 09:00 90m` (a weekday is the latest such day, today included);
- a day and a span: `2026-11-20 09:00-10:30`;
- two ISO instants: `2026-11-20T09:00:00+00:00 2026-11-20T10:00:00+00:00` (a `-` or
  `/` between them is allowed), or one ISO instant and a length.

Wall times are read in the user's zone `tz`; an instant without an offset too. A wall
time that a DST change skips is refused; one that happens twice is the first. Lengths
are counted in real time (`50m` is 50 minutes even across a DST change).

`parse_instant(text, now, tz, day)` reads one instant (`--start`, a split time, `--at`):
`14:00` on `day`, `yesterday 14:00`, `2026-11-20 14:00`, an ISO instant, or a length
before now (`-15m`, `-1h30m`).

Anything else raises `WhenError`, one line naming the text and the accepted forms.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from netbalance.core.weeks import WEEKDAYS

ACCEPTED = "09:00-10:30, yesterday 14:00 50m, 2026-11-20 09:00 1h30m or ISO instants"
ONE_TIME = "14:00, yesterday 14:00, mon 09:00, -15m or an ISO instant"  # parse_instant's

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LENGTH = re.compile(r"^(?:(\d{1,3})h)?(?:(\d{1,4})m(?:in)?)?$")
_ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
_LONGEST_INPUT = 200


class WhenError(ValueError):
    """Text that is not a time; the message is one line naming it."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def parse_length(text: str) -> timedelta:
    """`50m`, `1h30m`, `90m`, `2h`, `1h 30m` → a positive length."""
    value = text.strip().lower().replace(" ", "")
    match = _LENGTH.match(value)
    if not value or not match or not (match.group(1) or match.group(2)):
        raise WhenError(f"not a length: {_shown(text)}; use 50m, 1h30m or 90m")
    length = timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))
    if length <= timedelta(0):
        raise WhenError(f"a length must be more than zero, not {_shown(text)}")
    return length


def _is_length(token: str) -> bool:
    match = _LENGTH.match(token.lower())
    return bool(token and match and (match.group(1) or match.group(2)))


def _day(token: str, today: date) -> date | None:
    """A day word or date → the day; None when the token is not a day."""
    word = token.lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if _DATE.match(word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise WhenError(f"no such date: {_shown(token)}") from None
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return today - timedelta(days=(today.weekday() - number) % 7)
    return None


def _wall(day: date, token: str, tz: tzinfo) -> datetime:
    """`HH:MM` on a local day → the UTC instant; a time skipped by DST is refused."""
    match = _TIME.match(token)
    if not match:
        raise WhenError(f"not a time of day: {_shown(token)}; use HH:MM like 09:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise WhenError(f"not a time of day: {_shown(token)}; use HH:MM like 09:00")
    return local_instant(datetime(day.year, day.month, day.day, hour, minute), tz)


def local_instant(naive: datetime, tz: tzinfo) -> datetime:
    """A local wall time → UTC. The first of two readings at a fall-back; a wall time
    the spring-forward skips raises WhenError."""
    aware = naive.replace(tzinfo=tz, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != naive:
        raise WhenError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in your time zone (the clocks "
            "went forward); pick a time outside the gap"
        )
    return instant


def _iso(token: str, tz: tzinfo) -> datetime:
    try:
        instant = datetime.fromisoformat(token)
    except ValueError:
        raise WhenError(f"not an ISO instant: {_shown(token)}") from None
    if instant.tzinfo is None:
        return local_instant(instant.replace(microsecond=0), tz)
    return instant.astimezone(UTC).replace(microsecond=0)


def _tokens(text: str, hint: str = ACCEPTED) -> list[str]:
    """Split on spaces, and around a `-` between two times (`09:00-10:30`)."""
    if len(text) > _LONGEST_INPUT:
        raise WhenError(f"too long to be a time: {_shown(text)}")
    if any(not (char.isprintable() or char == " ") for char in text):
        raise WhenError(f"not a time: {_shown(text)}; use {hint}")
    tokens: list[str] = []
    for part in text.replace("/", " / ").split():
        if _ISO_INSTANT.match(part) or _DATE.match(part):
            tokens.append(part)
            continue
        pieces = part.split("-")
        for index, piece in enumerate(pieces):
            if index:
                tokens.append("-")
            if piece:
                tokens.append(piece)
    return tokens


def _point(
    tokens: list[str], today: date, tz: tzinfo, now: datetime, hint: str = ACCEPTED
) -> tuple[datetime, int]:
    """One instant at the head of tokens → (instant, tokens used); `hint`: the forms a
    refusal names."""
    if not tokens:
        raise WhenError(f"a time is missing; use {hint}")
    head = tokens[0]
    if head.lower() == "now":
        return now, 1
    if _ISO_INSTANT.match(head):
        return _iso(head, tz), 1
    day = _day(head, today)
    if day is not None:
        if len(tokens) < 2:
            raise WhenError(f"a time of day is missing after {_shown(head)}; use {hint}")
        return _wall(day, tokens[1], tz), 2
    if not _TIME.match(head):
        raise WhenError(f"cannot read {_shown(head)} as a time; use {hint}")
    return _wall(today, head, tz), 1


# Times are kept well inside what a datetime holds, so that the days, weeks and 24-hour
# windows worked out around them stay inside it too.
EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, tzinfo=UTC)


def _out_of_range(text: str) -> WhenError:
    return WhenError(f"{_shown(text)} is out of range: pick a time between the years 2 and 9998")


def _in_range(instant: datetime, text: str) -> datetime:
    if not EARLIEST <= instant <= LATEST:
        raise _out_of_range(text)
    return instant


def parse_when(text: str, now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """A span a person typed → (start, end), UTC. Checks only that it reads; whether it
    makes sense as a session (order, future, length) is `history.check_span`'s job."""
    try:
        start, end = _span(text, now, tz)
        return _in_range(start, text), _in_range(end, text)
    except OverflowError:  # a time near the years 1 or 9999, moved by a zone or a length
        raise _out_of_range(text) from None


def _span(text: str, now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    now = now.astimezone(UTC)
    today = now.astimezone(tz).date()
    tokens = _tokens(text.strip())
    if not tokens:
        raise WhenError(f"a time is missing; use {ACCEPTED}")
    start, used = _point(tokens, today, tz, now)
    rest = tokens[used:]
    if rest and rest[0] in ("-", "/", "to", ".."):
        rest = rest[1:]
        if not rest:
            raise WhenError(f"the end is missing in {_shown(text)}; use {ACCEPTED}")
        if len(rest) == 1 and _TIME.match(rest[0]) and not _ISO_INSTANT.match(tokens[0]):
            # `09:00-10:30`: the end on the start's local day
            end = _wall(start.astimezone(tz).date(), rest[0], tz)
            used_end = 1
        else:
            end, used_end = _point(rest, today, tz, now)
        rest = rest[used_end:]
    elif rest and _is_length(rest[0]):
        end = start + parse_length(rest[0])
        rest = rest[1:]
    elif rest and _ISO_INSTANT.match(rest[0]):
        end, used_end = _point(rest, today, tz, now)
        rest = rest[used_end:]
    else:
        raise WhenError(f"cannot read {_shown(text)}: give an end or a length; use {ACCEPTED}")
    if rest:
        raise WhenError(f"cannot read {_shown(text)}: {_shown(' '.join(rest))} is left over")
    return start, end


def parse_instant(text: str, now: datetime, tz: tzinfo, day: date | None = None) -> datetime:
    """One instant: `14:00` (on `day`, else today), `yesterday 14:00`, `2026-11-20 14:00`,
    `now`, an ISO instant, or a length before now (`-15m`)."""
    try:
        return _in_range(_instant(text, now, tz, day), text)
    except OverflowError:
        raise _out_of_range(text) from None


_AGO = re.compile(r"^-\s*(\S+)$")


def _instant(text: str, now: datetime, tz: tzinfo, day: date | None) -> datetime:
    now = now.astimezone(UTC)
    today = now.astimezone(tz).date()
    ago = _AGO.match(text.strip())
    if ago and _is_length(ago.group(1)):  # `-15m`, `-1h30m`: that long before now
        return now - parse_length(ago.group(1))
    tokens = _tokens(text.strip(), ONE_TIME)
    if not tokens:
        raise WhenError(f"a time is missing; use {ONE_TIME}")
    if len(tokens) == 1 and _TIME.match(tokens[0]):
        return _wall(day or today, tokens[0], tz)
    instant, used = _point(tokens, today, tz, now, ONE_TIME)
    if used != len(tokens):
        raise WhenError(f"cannot read {_shown(text)} as one time; use {ONE_TIME}")
    return instant
