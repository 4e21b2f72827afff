"""Past time, corrected: the rules for adding, editing and splitting sessions.

Pure functions over sessions; the caller reads the neighbours from the store and writes
the `Changes` back in one transaction. Every refusal is a `HistoryError` whose message is
one line naming the problem (the overlapping session by its short id, kind and times).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo

from netbalance.core.models import ActiveBox, Session, replace, short_id
from netbalance.core.when import WhenError, parse_instant

LONGEST = timedelta(hours=24)


class HistoryError(ValueError):
    """A change to history that is refused; the message is one line."""


class OverlapError(HistoryError):
    """The span overlaps recorded sessions (named in the message)."""

    def __init__(self, message: str, others: list[Session]) -> None:
        super().__init__(message)
        self.others = others


class Changes:
    """What one user action does to the stored sessions. (A plain class: `dataclasses`
    imports `inspect`, which `netbalance log` would pay for.)"""

    def __init__(
        self,
        added: list[Session] | None = None,
        updated: list[Session] | None = None,
        removed: list[Session] | None = None,
        trimmed: list[str] | None = None,
    ) -> None:
        self.added = added or []
        self.updated = updated or []
        self.removed = removed or []
        self.trimmed = trimmed or []  # what happened to others, said


def _clock(instant: datetime, marked: bool) -> str:
    return f"{instant:%H:%M %Z}" if marked else f"{instant:%H:%M}"


def clock_span(start: datetime, end: datetime, tz: tzinfo) -> str:
    """`09:00–10:30`. Across a DST change each time carries its zone's abbreviation
    (`02:30 CEST–02:30 CET`): the hour the clocks go back happens twice."""
    low, high = start.astimezone(tz), end.astimezone(tz)
    marked = low.utcoffset() != high.utcoffset()
    return f"{_clock(low, marked)}–{_clock(high, marked)}"


def span_text(start: datetime, end: datetime, tz: tzinfo) -> str:
    """`Thu 26 Nov 09:00–10:30` (the end's day too when it differs; the zone's
    abbreviations across a DST change, as in `clock_span`)."""
    low, high = start.astimezone(tz), end.astimezone(tz)
    marked = low.utcoffset() != high.utcoffset()
    if low.date() == high.date():
        return f"{low:%a %d %b} {clock_span(start, end, tz)}"
    return f"{low:%a %d %b} {_clock(low, marked)}–{high:%a %d %b} {_clock(high, marked)}"


def describe(session: Session, tz: tzinfo) -> str:
    """`the produce session 3fa2b1 (Thu 26 Nov 09:00–10:30)`."""
    return (
        f"the {session.kind} session {short_id(session.id)} "
        f"({span_text(session.start, session.end, tz)})"
    )


def check_span(start: datetime, end: datetime, now: datetime, tz: tzinfo) -> None:
    """A recorded session: the end after the start, not in the future, at most 24 h."""
    low, high = start.astimezone(tz), end.astimezone(tz)
    if end < start:
        raise HistoryError(f"the end {high:%a %d %b %H:%M} is before the start {low:%H:%M}")
    if end == start:
        raise HistoryError(f"the session ends when it starts ({low:%a %d %b %H:%M})")
    if start > now:
        raise HistoryError(
            f"the start {low:%a %d %b %H:%M} is in the future; only past time is recorded"
        )
    if end > now:
        raise HistoryError(
            f"the end {high:%a %d %b %H:%M} is in the future; only past time is recorded"
        )
    if end - start > LONGEST:
        hours = (end - start).total_seconds() / 3600
        raise HistoryError(f"the session is longer than 24 h ({hours:.1f} h); split it up")


def overlapping(
    sessions: Iterable[Session], start: datetime, end: datetime, ignore: Iterable[str] = ()
) -> list[Session]:
    """The sessions that share some time with [start, end), in time order."""
    skipped = set(ignore)
    found = [s for s in sessions if s.id not in skipped and s.start < end and s.end > start]
    return sorted(found, key=lambda s: s.start)


def check_box(box: ActiveBox | None, start: datetime, end: datetime, tz: tzinfo) -> None:
    """A recorded session may not reach into the running box's time."""
    if box is not None and end > box.started:
        raise HistoryError(
            f"it overlaps the running {box.kind} box, started "
            f"{box.started.astimezone(tz):%a %d %b %H:%M}; finish or cancel it first"
        )


def _resized(session: Session, start: datetime, end: datetime, now: datetime) -> Session:
    """The session over [start, end), its pauses scaled to the new length."""
    old = max(1.0, (session.end - session.start).total_seconds())
    new = (end - start).total_seconds()
    paused = min(int(new), round(session.paused_seconds * new / old))
    return replace(session, start=start, end=end, paused_seconds=paused, updated=now)


def trim_around(
    others: list[Session],
    start: datetime,
    end: datetime,
    now: datetime,
    tz: tzinfo,
    new_id: Callable[[], str],
) -> Changes:
    """Shorten the other sessions so none overlaps [start, end): one that starts before
    ends at `start`; one that ends after starts at `end`; one around it is cut in two;
    one inside it is removed."""
    changes = Changes()
    for other in others:
        said = describe(other, tz)
        before = other.start < start
        after = other.end > end
        if before and after:
            first = _resized(other, other.start, start, now)
            second = replace(
                _resized(other, end, other.end, now),
                id=new_id(),
                created=now,
                planned_seconds=None,
            )
            changes.updated.append(first)
            changes.added.append(second)
            changes.trimmed.append(f"cut {said} in two, around the new time")
        elif before:
            changes.updated.append(_resized(other, other.start, start, now))
            changes.trimmed.append(f"trimmed {said} to end at {start.astimezone(tz):%H:%M}")
        elif after:
            changes.updated.append(_resized(other, end, other.end, now))
            changes.trimmed.append(f"trimmed {said} to start at {end.astimezone(tz):%H:%M}")
        else:
            changes.removed.append(other)
            changes.trimmed.append(f"removed {said}, which lay inside the new time")
    return changes


def place(
    session: Session,
    neighbours: Iterable[Session],
    now: datetime,
    tz: tzinfo,
    *,
    trim: bool,
    new_id: Callable[[], str],
    box: ActiveBox | None = None,
) -> Changes:
    """Check a new or edited session against the rules and its neighbours. Returns the
    changes to the *other* sessions (the trims); the caller adds or updates `session`.
    Without `trim`, an overlap raises OverlapError naming the first overlapping session."""
    check_span(session.start, session.end, now, tz)
    check_box(box, session.start, session.end, tz)
    others = overlapping(neighbours, session.start, session.end, ignore=[session.id])
    if others and not trim:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        raise OverlapError(
            f"it overlaps {describe(others[0], tz)}{more}",
            others,
        )
    return trim_around(others, session.start, session.end, now, tz, new_id)


def neighbourhood(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The window to read from the store to find every session overlapping [start, end)
    (stored sessions are at most 24 h long)."""
    return start - LONGEST, end + LONGEST


def split(
    session: Session, at: datetime, now: datetime, tz: tzinfo, new_id: Callable[[], str]
) -> tuple[Session, Session]:
    """Cut a session in two at `at`: the first keeps its id, the second gets a new one;
    links and note are kept by both, pauses shared by length."""
    if not session.start < at < session.end:
        raise HistoryError(
            f"{at.astimezone(tz):%a %d %b %H:%M} is not inside "
            f"{describe(session, tz)}; split at a time between its start and end"
        )
    first = _resized(session, session.start, at, now)
    second = _resized(session, at, session.end, now)
    second = replace(
        second,
        id=new_id(),
        created=now,
        planned_seconds=None,
        paused_seconds=min(
            int((session.end - at).total_seconds()),
            max(0, session.paused_seconds - first.paused_seconds),
        ),
    )
    return first, second


_BARE_TIME = re.compile(r"\d{1,2}:\d{2}")


def split_point(text: str, session: Session, now: datetime, tz: tzinfo) -> datetime:
    """The instant a person means by a split time. A bare time (`00:30`) is the one inside
    the session: on whichever of its days that time falls between its start and end (the
    end's day for a session across midnight). Where it falls inside twice (a session over
    a day of 23 hours, the hour the clocks go back), the message names both and asks for
    the day or the offset. Anything else (`yesterday 00:30`, an ISO instant) is read as
    `parse_instant` reads it; whether it lies inside is `split`'s check."""
    word = text.strip()
    if not _BARE_TIME.fullmatch(word):
        return parse_instant(text, now, tz, session.start.astimezone(tz).date())
    first = session.start.astimezone(tz).date().toordinal()
    last = session.end.astimezone(tz).date().toordinal()
    inside: list[datetime] = []
    skipped: WhenError | None = None
    for ordinal in range(first, last + 1):
        try:
            instant = parse_instant(word, now, tz, date.fromordinal(ordinal))
        except WhenError as problem:  # the clocks skip that time on that day
            skipped = problem
            continue
        for reading in (instant, _second_reading(instant, tz)):
            if reading is not None and session.start < reading < session.end:
                inside.append(reading)
    if len(inside) == 1:
        return inside[0]
    if not inside:
        if skipped is not None and first == last:
            raise skipped
        raise HistoryError(
            f"{word} is not inside {describe(session, tz)}; split at a time between its "
            "start and end"
        )
    low, high = inside[0].astimezone(tz), inside[-1].astimezone(tz)
    if low.date() != high.date():
        hint = f"give the day too, e.g. `{high:%Y-%m-%d} {word}`"
    else:
        hint = f"give the instant with its offset, e.g. `{high.isoformat(timespec='minutes')}`"
    raise HistoryError(
        f"{word} falls inside {describe(session, tz)} twice, {low:%a %d %b %H:%M %Z} and "
        f"{high:%a %d %b %H:%M %Z}; {hint}"
    )


def _second_reading(instant: datetime, tz: tzinfo) -> datetime | None:
    """The other instant with the same wall time, in the hour the clocks go back."""
    wall = instant.astimezone(tz).replace(tzinfo=None)
    later = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if later == instant or later.astimezone(tz).replace(tzinfo=None) != wall:
        return None
    return later
