"""The weekly summary from the store. It reads only the month files that the week and
its look-back touch, never the whole history: sessions from a week before (further back
only while the produce streak runs on), interactions from `LOOKBACK_DAYS` before."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from netbalance.core.models import Session
from netbalance.core.stats import Minutes, minutes_by_day, total
from netbalance.core.summary import LOOKBACK_DAYS, Plan, WeeklySummary, streak, summarize
from netbalance.core.weeks import DayGrid, local_date, local_midnight

if TYPE_CHECKING:
    from netbalance.config import Settings
    from netbalance.store.store import Store

STEP_DAYS = 28


def weekly_summary(
    store: Store, first_day: date, settings: Settings, now: datetime | None = None
) -> WeeklySummary:
    """The summary of the week that starts on `first_day`, as of `now` (by default the
    store's clock)."""
    tz_name = settings.zone_name()
    grid = DayGrid.build(first_day, 7, tz_name)
    now = now or store.clock.now()
    horizon = first_day - timedelta(days=LOOKBACK_DAYS)
    last = min(local_date(min(now, grid.end), tz_name), grid.days[-1])
    read_from = first_day - timedelta(days=7)
    sessions = store.sessions.between(local_midnight(read_from, tz_name), grid.end)
    while read_from > horizon and streak(sessions, last, tz_name, read_from) >= (
        (last - read_from).days
    ):
        earlier = max(horizon, read_from - timedelta(days=STEP_DAYS))
        known = {session.id for session in sessions}
        before: list[Session] = [
            session
            for session in store.sessions.between(
                local_midnight(earlier, tz_name), local_midnight(read_from, tz_name)
            )
            if session.id not in known
        ]
        sessions = before + sessions
        read_from = earlier
    return summarize(
        first_day,
        sessions=sessions,
        interactions=store.interactions.between(local_midnight(horizon, tz_name), grid.end),
        items=store.items.all(),
        contacts=store.contacts.all(),
        plan=Plan.from_settings(settings),
        tz_name=tz_name,
        now=now,
        sessions_from=read_from,
    )


def weekly_minutes(
    store: Store, last_first_day: date, weeks: int, tz_name: str
) -> list[tuple[date, Minutes]]:
    """Produce and network minutes of `weeks` weeks, the last starting on
    `last_first_day`, oldest first."""
    first = last_first_day - timedelta(days=7 * (weeks - 1))
    grid = DayGrid.build(first, 7 * weeks, tz_name)
    per_day = minutes_by_day(
        grid,
        store.sessions.between(grid.start, grid.end),
        store.interactions.between(grid.start, grid.end),
    )
    return [
        (start, total(per_day, start, start + timedelta(days=6)))
        for start in (first + timedelta(days=7 * i) for i in range(weeks))
    ]
