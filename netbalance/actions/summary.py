"""The weekly summary from the store. It reads only the month files that the week and
its look-back touch, never the whole history: sessions from a week before (further back
only while the produce streak runs on, and those with a contact from `LOOKBACK_DAYS`
before: a box with someone is a meeting), interactions from `LOOKBACK_DAYS` before.

Of the thousands of items and contacts it decodes only those the summary can show or
weigh, picked by a look at their stored documents: items shipped in the week, cards
still open (the next box), items the week's boxes and meetings name; contacts added in
the week, met in the week, with a cadence or with a follow-up (the only ones ever due)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from netbalance.core import plans
from netbalance.core.instants import to_iso
from netbalance.core.models import Contact, Interaction, Item, Kind, Session
from netbalance.core.summary import LOOKBACK_DAYS, Plan, WeeklySummary, streak, summarize
from netbalance.core.weeks import DayGrid, local_date, local_midnight, week_label

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.core.spans import Span
    from netbalance.settings.config import Settings
    from netbalance.store.codec import Doc
    from netbalance.store.store import Store

STEP_DAYS = 28


def weekly_summary(
    store: Store,
    first_day: date,
    settings: Settings,
    now: datetime | None = None,
    span: Span | None = None,
) -> WeeklySummary:
    """The summary of the week that starts on `first_day` (or of `span`: a day, a month,
    a year, any days), as of `now` (by default the store's clock)."""
    tz_name = settings.zone_name()
    if span is not None:
        first_day = span.first
    days = 7 if span is None else span.days
    grid = DayGrid.build(first_day, days, tz_name)
    now = now or store.clock.now()
    # a week's own plan and review (a span of other days has none), read first: when the
    # main file has no parsed copy (store/parsed.py) it is the largest file a summary
    # parses, by orjson, and the month files parsed after it are then parsed by orjson
    # too (before it, the first few hundred KB went through the slower scanner)
    is_week = span is None or span.unit == "week"
    record = store.weeks.of_week(week_label(first_day)) if is_week else None
    horizon = first_day - timedelta(days=LOOKBACK_DAYS)
    last = min(local_date(min(now, grid.end), tz_name), grid.days[-1])
    read_from = first_day - timedelta(days=7)
    sessions = store.sessions.between(local_midnight(read_from, tz_name), grid.end)
    minimum = settings.minimum_minutes
    while read_from > horizon and streak(sessions, last, tz_name, read_from, minimum) >= (
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
    if read_from > horizon:
        # when each contact was last met counts their boxes too, across the look-back
        known = {session.id for session in sessions}
        met: list[Session] = [
            session
            for session in store.sessions.between(
                local_midnight(horizon, tz_name), local_midnight(read_from, tz_name), meetings=True
            )
            if session.id not in known
        ]
        sessions = met + sessions
    interactions = store.interactions.between(
        local_midnight(horizon, tz_name), grid.end, meetings=True
    )
    return summarize(
        first_day,
        sessions=sessions,
        interactions=interactions,
        items=_items_shown(store, grid, sessions, interactions),
        contacts=_contacts_shown(store, grid, sessions, interactions),
        plan=plans.of_week(plan_of(settings), record),
        tz_name=tz_name,
        now=now,
        sessions_from=read_from,
        span_days=days,
        unit="week" if span is None else span.unit,
        label=None if span is None else span.label,
        reflection=record.reflection if record is not None else "",
        reviewed=record.reviewed if record is not None else None,
    )


def plan_of(settings: Settings) -> Plan:
    """What the settings aim for: the target ratio, the budgets, the box lengths (every
    week's default; a week's own plan replaces the budgets and the target)."""
    return Plan(
        target_ratio=settings.target_ratio,
        produce_budget_hours=settings.produce_budget_hours,
        network_budget_hours=settings.network_budget_hours,
        week_start=settings.week_start,
        produce_minutes=settings.produce_default,
        network_minutes=settings.network_default,
        board_columns=settings.board_columns,
        wip_column=settings.wip_column,
        minimum_minutes=settings.minimum_minutes,
    )


def _items_shown(
    store: Store, grid: DayGrid, sessions: list[Session], interactions: list[Interaction]
) -> list[Item]:
    """Items shipped in the week, the open cards and the items named by the week's
    boxes and meetings: every item `summarize` looks at."""
    low, high = to_iso(grid.start), to_iso(grid.end)
    named = {s.item_id for s in sessions if s.item_id and s.start < grid.end and s.end > grid.start}
    named.update(
        i.shared_item_id
        for i in interactions
        if i.shared_item_id and grid.start <= i.when < grid.end
    )

    def shown(doc: Doc) -> bool:
        shipped = doc.get("shipped")
        open_card = shipped is None and not doc.get("archived")
        return open_card or doc["id"] in named or (shipped is not None and low <= shipped < high)

    return store.items.where(shown, near=(low, high), ids=named)


def _contacts_shown(
    store: Store, grid: DayGrid, sessions: list[Session], interactions: list[Interaction]
) -> list[Contact]:
    """Contacts added or met in the week, and those that can be due (a cadence, or a
    follow-up set in the look-back): every contact `summarize` looks at."""
    low, high = to_iso(grid.start), to_iso(grid.end)
    named = {
        s.contact_id
        for s in sessions
        if s.kind is Kind.NETWORK and s.contact_id and s.start < grid.end and s.end > grid.start
    }
    named.update(
        i.contact_id
        for i in interactions
        if i.follow_up is not None or grid.start <= i.when < grid.end
    )

    def shown(doc: Doc) -> bool:
        return bool(doc.get("cadence_days")) or doc["id"] in named or low <= doc["created"] < high

    return store.contacts.where(shown, near=(low, high), ids=named)
