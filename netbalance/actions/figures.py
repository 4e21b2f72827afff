"""The produce and network minutes of a span of days, and their ratio: one read and one
rule (`core.stats.minutes_by_day`: sessions split at local midnight, plus the minutes of
interactions not linked to a session) for every surface that shows them — `log`, the
History mode, the dashboard's windows and trend; `report`, every export and the
dashboard's week go through the weekly summary, which counts its week with the same rule.
Two surfaces showing one week show the same numbers."""

from __future__ import annotations

from datetime import date, timedelta

from netbalance.core.named import NamedTuple
from netbalance.core.stats import (
    Minutes,
    Windows,
    minutes_by_day,
    total,
    window_grid,
    window_totals,
)
from netbalance.core.weeks import DayGrid, week_start_of

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.core.models import Interaction, Session
    from netbalance.store.store import Store


def per_day(store: Store, grid: DayGrid) -> dict[date, Minutes]:
    """Produce and network minutes on each day of the grid."""
    return minutes_by_day(
        grid,
        store.sessions.between(grid.start, grid.end),
        store.interactions.between(grid.start, grid.end),
    )


class Counted(NamedTuple):
    """The records of a span of days and the minutes they make on each day."""

    sessions: list[Session]
    interactions: list[Interaction]
    per_day: dict[date, Minutes]


def counted(store: Store, grid: DayGrid) -> Counted:
    """The sessions and interactions of the grid's days, in time order, and each day's
    minutes counted from them (one read for a surface that lists them too: History)."""
    sessions = store.sessions.between(grid.start, grid.end)
    interactions = store.interactions.between(grid.start, grid.end)
    return Counted(sessions, interactions, minutes_by_day(grid, sessions, interactions))


def week(store: Store, first_day: date, tz_name: str) -> tuple[dict[date, Minutes], Minutes]:
    """A week's minutes per day and in all."""
    days = per_day(store, DayGrid.build(first_day, 7, tz_name))
    return days, total(days, first_day, first_day + timedelta(days=6))


def span(store: Store, grid: DayGrid) -> Minutes:
    """The minutes of the grid's days in all (`log` of any span)."""
    return total(per_day(store, grid), grid.days[0], grid.days[-1])


def windows(
    store: Store, today: date, tz_name: str, week_start: int, *, this_week_only: bool = False
) -> Windows:
    """Today, this week, the last 7 and the last 30 days. `this_week_only`: only this
    week's days are read, and the last 7 and 30 days count only those (the app's first
    frame shows today and this week, and the others once they are read)."""
    if this_week_only:
        first = week_start_of(today, week_start)
        grid = DayGrid.build(first, (today - first).days + 1, tz_name)
    else:
        grid = window_grid(today, tz_name, week_start)
    return window_totals(per_day(store, grid), today, week_start)


def weekly(
    store: Store, last_first_day: date, weeks: int, tz_name: str
) -> list[tuple[date, Minutes]]:
    """Produce and network minutes of `weeks` weeks, the last starting on
    `last_first_day`, oldest first."""
    first = last_first_day - timedelta(days=7 * (weeks - 1))
    days = per_day(store, DayGrid.build(first, 7 * weeks, tz_name))
    return [
        (start, total(days, start, start + timedelta(days=6)))
        for start in (first + timedelta(days=7 * i) for i in range(weeks))
    ]
