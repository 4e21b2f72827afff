"""Minutes per kind per local day, and the produce-to-network ratio over windows.

network minutes = network sessions + the minutes of interactions that are not linked to
a session (a linked interaction's time is already a network session: no double count).
A session's active time (start to end minus pauses) is spread over the local days it
touches in proportion to its wall time on each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from netbalance.core import timer
from netbalance.core.models import ActiveBox, Interaction, Kind, Session
from netbalance.core.named import NamedTuple
from netbalance.core.weeks import DayGrid, local_date, week_start_of


class Minutes:
    """Produce and network minutes; `+` adds two of them (a tuple's `+` would join).

    A plain class rather than a dataclass: `dataclasses` imports `inspect`, which would
    cost `netbalance report` about 6 ms. Immutable, and equal by its two figures."""

    __slots__ = ("network", "produce")
    produce: float
    network: float

    def __init__(self, produce: float = 0.0, network: float = 0.0) -> None:
        object.__setattr__(self, "produce", produce)
        object.__setattr__(self, "network", network)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Minutes are immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Minutes):
            return NotImplemented
        return (self.produce, self.network) == (other.produce, other.network)

    def __hash__(self) -> int:
        return hash((self.produce, self.network))

    def __repr__(self) -> str:
        return f"Minutes(produce={self.produce!r}, network={self.network!r})"

    def __add__(self, other: Minutes) -> Minutes:
        return Minutes(self.produce + other.produce, self.network + other.network)

    @property
    def total(self) -> float:
        return self.produce + self.network

    @property
    def ratio(self) -> float | None:
        return ratio(self.produce, self.network)

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.produce, self.network)


def ratio(produce: float, network: float) -> float | None:
    """produce ÷ network; None when there is no network time to divide by."""
    if network <= 0:
        return None
    return produce / network


def format_ratio(produce: float, network: float) -> str:
    """`3.2 : 1`; only produce → `all produce`; only network → `all network`;
    nothing → `—`."""
    if produce <= 0 and network <= 0:
        return "—"
    if network <= 0:
        return "all produce"
    if produce <= 0:
        return "all network"
    return f"{produce / network:.1f} : 1"


def minutes_by_day(
    grid: DayGrid,
    sessions: Iterable[Session],
    interactions: Iterable[Interaction] = (),
) -> dict[date, Minutes]:
    """Produce and network minutes on each day of the grid (days with none included)."""
    produce = dict.fromkeys(grid.days, 0.0)
    network = dict.fromkeys(grid.days, 0.0)
    for session in sessions:
        wall = (session.end - session.start).total_seconds()
        if wall <= 0:
            continue
        share = session.active_seconds / wall
        target = produce if session.kind is Kind.PRODUCE else network
        for day, seconds in grid.split(session.start, session.end):
            target[day] += seconds * share / 60
    for interaction in interactions:
        if interaction.session_id is not None or interaction.minutes <= 0:
            continue
        when = grid.day_of(interaction.when)
        if when is not None:
            network[when] += interaction.minutes
    return {day: Minutes(produce[day], network[day]) for day in grid.days}


def total(per_day: dict[date, Minutes], first: date, last: date) -> Minutes:
    """The sum over the days from `first` to `last`, both included."""
    result = Minutes()
    for day, minutes in per_day.items():
        if first <= day <= last:
            result = result + minutes
    return result


class Windows(NamedTuple):
    """The ratio windows the product speaks of."""

    today: Minutes
    this_week: Minutes
    last_7_days: Minutes
    last_30_days: Minutes


def window_grid(today: date, tz_name: str, week_start: int = 1) -> DayGrid:
    """The days every window needs: 30 days back or the week's start, through today."""
    first = min(today - timedelta(days=29), week_start_of(today, week_start))
    return DayGrid.build(first, (today - first).days + 1, tz_name)


def windows(
    sessions: Iterable[Session],
    interactions: Iterable[Interaction],
    *,
    today: date,
    tz_name: str,
    week_start: int = 1,
) -> Windows:
    grid = window_grid(today, tz_name, week_start)
    return window_totals(minutes_by_day(grid, sessions, interactions), today, week_start)


def window_totals(per_day: dict[date, Minutes], today: date, week_start: int = 1) -> Windows:
    """Each window's sum of the days in `per_day`."""
    return Windows(
        today=total(per_day, today, today),
        this_week=total(per_day, week_start_of(today, week_start), today),
        last_7_days=total(per_day, today - timedelta(days=6), today),
        last_30_days=total(per_day, today - timedelta(days=29), today),
    )


def running_by_day(box: ActiveBox, now: datetime, today: date, tz_name: str) -> dict[date, Minutes]:
    """The running box's time so far on each local day up to today, as finishing it now
    would record it: split at local midnight like any session, so a box started before
    midnight adds only its part since midnight to today."""
    so_far = timer.finish(box, now)
    first = min(local_date(so_far.start, tz_name), today)
    grid = DayGrid.build(first, (today - first).days + 1, tz_name)
    return minutes_by_day(grid, [so_far])
