"""The weekly review, read from the store for the Review mode and `netbalance review`
(the rules are `core.review`'s; the changes it leads to are other actions': a shared
interaction, a snooze, a cadence, a follow-up card, the next week's plan, the
reflection).

It reads the week's summary (measured against its own plan), the four weeks before,
the interactions naming the week's shipped cards (to this day), those of the look-back
in which someone asked or helped, who is due now, and the meetings since the week with
the people it set follow-ups for (to say which are settled)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from netbalance.core import review as rules
from netbalance.core.due import settled_follow_ups
from netbalance.core.models import Contact, Interaction
from netbalance.core.summary import LOOKBACK_DAYS
from netbalance.core.weeks import (
    DayGrid,
    local_date,
    local_midnight,
    week_label,
    week_start_of,
    zone,
)

if TYPE_CHECKING:
    from netbalance.settings.config import Settings
    from netbalance.store.codec import Doc
    from netbalance.store.store import Store

REVIEW_THIS_WEEK_FROM = 5  # ISO weekday: from Friday on, "the week" is this one


def default_week(today: date, week_start: int = 1) -> date:
    """The week a review is about unless told: last week, or this one from Friday on
    (its work is mostly done: the review closes it)."""
    this_week = week_start_of(today, week_start)
    friday = this_week + timedelta(days=(REVIEW_THIS_WEEK_FROM - this_week.isoweekday()) % 7)
    return this_week if today >= friday else this_week - timedelta(days=7)


def review(
    store: Store, first_day: date, settings: Settings, now: datetime | None = None
) -> rules.Review:
    """The review of the week that starts on `first_day`, as of `now`."""
    from netbalance.actions import cards
    from netbalance.actions.figures import weekly
    from netbalance.actions.summary import weekly_summary

    now = now or store.clock.now()
    tz_name = settings.zone_name()
    summary = weekly_summary(store, first_day, settings, now)
    this_week = week_start_of(local_date(now, tz_name), settings.week_start)
    current = summary
    if first_day != this_week:
        current = weekly_summary(store, this_week, settings, now)
    totals = [
        rules.WeekTotals(week_label(start), start, minutes.produce, minutes.network)
        for start, minutes in weekly(store, first_day, rules.BEFORE_WEEKS + 1, tz_name)
    ]
    week, before = totals[-1], tuple(totals[:-1])
    contacts = store.contacts.all()
    names = {contact.id: contact.name for contact in contacts}
    grid = DayGrid.build(first_day, 7, tz_name)
    shipped_ids = {item.id for item in summary.items_shipped}
    until = max(now, grid.end) + timedelta(seconds=1)  # what was logged just now too
    shares = store.interactions.between(
        grid.start, until, keep=lambda doc: doc.get("shared_item_id") in shipped_ids
    )
    shared = rules.shared_with(shares, names)
    horizon = local_midnight(first_day - timedelta(days=LOOKBACK_DAYS), tz_name)
    related = store.interactions.between(
        horizon, until, keep=lambda doc: doc.get("exchange") in rules.RELATED
    )
    shipped = tuple(
        rules.ShippedCard(
            item,
            shared.get(item.id, ()),
            rules.suggestions(
                item,
                contacts,
                related,
                current.due_now,
                (person.contact_id for person in shared.get(item.id, ())),
            ),
        )
        for item in summary.items_shipped
    )
    people = rules.people(
        current.due_now,
        summary.interactions,
        _first_met(store, summary.interactions, summary.sessions, contacts, grid, tz_name),
        names,
        _settled(store, summary.interactions, grid, until, tz_name),
    )
    next_first = first_day + timedelta(days=7)
    next_record = store.weeks.of_week(week_label(next_first))
    items = cards.all_cards(store)
    candidates = rules.open_cards(items, settings.board_columns, settings.wip_column)
    wip = settings.wip_column.casefold()
    if next_record is not None and next_record.focus:
        by_id = {item.id: item for item in items}
        focus = tuple(by_id[i] for i in next_record.focus if i in by_id)
    else:
        focus = tuple(item for item in candidates if item.column.casefold() == wip)
    own = next_record is not None and (
        next_record.produce_hours is not None or next_record.network_hours is not None
    )
    produce = next_record.produce_hours if next_record is not None else None
    network = next_record.network_hours if next_record is not None else None
    next_week = rules.NextWeek(
        week=week_label(next_first),
        first_day=next_first,
        produce_hours=settings.produce_budget_hours if produce is None else produce,
        network_hours=settings.network_budget_hours if network is None else network,
        own=own,
        focus=focus,
        candidates=candidates,
        wip_limit=settings.wip_limit if settings.wip_column else 0,
        wip_column=settings.wip_column,
    )
    return rules.Review(
        week=summary.week,
        first_day=first_day,
        summary=summary,
        before=before,
        trend=rules.trend(week, before),
        shipped=shipped,
        people=people,
        next_week=next_week,
        record=store.weeks.of_week(summary.week),
    )


def _settled(
    store: Store,
    week_interactions: tuple[Interaction, ...],
    grid: DayGrid,
    until: datetime,
    tz_name: str,
) -> set[str]:
    """The ids of the week's interactions whose follow-up is settled by now (the due
    rule, `core.due.settled_follow_ups`), read from the meetings since the week began with
    the people they concern."""
    asked = [i for i in week_interactions if i.follow_up is not None]
    if not asked:
        return set()
    who = {i.contact_id for i in asked}

    def theirs(doc: Doc) -> bool:
        return doc.get("contact_id") in who

    since = store.interactions.between(grid.start, until, keep=theirs)
    boxes = store.sessions.between(grid.start, until, keep=theirs)
    return settled_follow_ups(asked, since, boxes, until, zone(tz_name))


def _first_met(
    store: Store,
    interactions: tuple[Interaction, ...],
    sessions: tuple[object, ...],
    contacts: list[Contact],
    grid: DayGrid,
    tz_name: str,
) -> list[tuple[str, str]]:
    """(contact id, when and how) of the people met in the week for the first time: no
    interaction or network box with them before it."""
    from netbalance.core.instants import to_iso
    from netbalance.core.models import Kind, Session

    firsts: dict[str, tuple[datetime, str]] = {}
    for interaction in interactions:
        seen = firsts.get(interaction.contact_id)
        if seen is None or interaction.when < seen[0]:
            firsts[interaction.contact_id] = (interaction.when, interaction.channel)
    for session in sessions:
        if (
            isinstance(session, Session)
            and session.kind is Kind.NETWORK
            and session.contact_id
            and grid.start <= session.start < grid.end
        ):
            seen = firsts.get(session.contact_id)
            if seen is None or session.start < seen[0]:
                firsts[session.contact_id] = (session.start, "a network box")
    known = {contact.id for contact in contacts}
    met = {contact_id for contact_id in firsts if contact_id in known}
    if not met:
        return []
    start = to_iso(grid.start)
    earlier = {
        i.contact_id
        for i in store.interactions.where(
            lambda doc: doc.get("contact_id") in met and doc["when"] < start
        )
    }
    earlier |= {
        s.contact_id or ""
        for s in store.sessions.where(
            lambda doc: doc.get("contact_id") in met and doc["start"] < start
        )
    }
    found = sorted(
        (when, contact_id, how)
        for contact_id, (when, how) in firsts.items()
        if contact_id in met and contact_id not in earlier
    )
    return [
        (contact_id, f"met for the first time {local_date(when, tz_name):%a %d %b} ({how})")
        for when, contact_id, how in found
    ]
