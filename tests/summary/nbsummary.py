"""Helpers for the summary tests: records built by hand, and one fixed week.

THE_WEEK is ISO week 2026-W48 (Mon 23 – Sun 29 Nov 2026) in UTC, summed up after it
ended. Its numbers, worked out by hand, are asserted in test_summary.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from netbalance.core.models import Contact, Interaction, Item, Kind, Session
from netbalance.core.summary import Plan, WeeklySummary, summarize

MONDAY = date(2026, 11, 23)
AFTER = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OLD = datetime(2026, 1, 1, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def session(
    sid: str,
    kind: Kind,
    start: datetime,
    minutes: float,
    *,
    paused: int = 0,
    planned: int | None = None,
    item: Item | None = None,
    contact: Contact | None = None,
    note: str = "",
) -> Session:
    end = start + timedelta(minutes=minutes)
    return Session(
        id=sid,
        kind=kind,
        start=start,
        end=end,
        created=end,
        updated=end,
        paused_seconds=paused,
        item_id=item.id if item else None,
        item_title=item.title if item else None,
        contact_id=contact.id if contact else None,
        contact_name=contact.name if contact else None,
        note=note,
        planned_seconds=planned * 60 if planned else None,
    )


def contact(cid: str, name: str, *, created: datetime = OLD, cadence: int | None = None) -> Contact:
    return Contact(id=cid, name=name, created=created, updated=created, cadence_days=cadence)


def interaction(
    iid: str,
    who: Contact,
    when: datetime,
    minutes: int,
    *,
    channel: str = "call",
    exchange: str = "",
    shared: Item | None = None,
    follow_up: date | None = None,
    session_id: str | None = None,
    note: str = "",
) -> Interaction:
    return Interaction(
        id=iid,
        contact_id=who.id,
        when=when,
        created=when,
        updated=when,
        channel=channel,
        minutes=minutes,
        note=note,
        exchange=exchange,
        shared_item_id=shared.id if shared else None,
        follow_up=follow_up,
        session_id=session_id,
    )


def item(iid: str, title: str, column: str, *, shipped: datetime | None = None) -> Item:
    return Item(
        id=iid, title=title, column=column, position=1.0, created=OLD, updated=OLD, shipped=shipped
    )


@dataclass(frozen=True)
class Records:
    sessions: list[Session]
    interactions: list[Interaction]
    items: list[Item]
    contacts: list[Contact]


def the_week_records() -> Records:
    chapter = item("item-a", "Write chapter 3", "Doing")
    talk = item("item-b", "Talk slides", "Shipped", shipped=at(27, 10))
    jane = contact("c-jane", "Jane Doe", cadence=30)
    bob = contact("c-bob", "Bob Stone", created=at(24, 11))
    carl = contact("c-carl", "Carl Berg", created=at(1, 9, month=9), cadence=14)
    sessions = [
        session("p1", Kind.PRODUCE, at(23, 9), 60, planned=60, item=chapter),
        session("p2", Kind.PRODUCE, at(23, 10, 10), 25, paused=300, planned=25),
        session("n1", Kind.NETWORK, at(24, 14), 30, planned=30, contact=jane),
        session("p3", Kind.PRODUCE, at(25, 23, 30), 75, item=chapter),  # across midnight
        session("n2", Kind.NETWORK, at(27, 8, 30), 30, planned=30, contact=jane),
        session("p4", Kind.PRODUCE, at(27, 13), 50, planned=50, item=talk),
        session("p5", Kind.PRODUCE, at(28, 10), 25, planned=25),
    ]
    interactions = [
        interaction("i0", carl, at(20, 10, month=10), 20),
        interaction(
            "i1",
            bob,
            at(26, 12),
            45,
            exchange="shared",
            shared=talk,
            follow_up=date(2026, 12, 2),
            note="sent the slides",
        ),
        interaction("i2", jane, at(27, 9), 30, channel="video", session_id="n2"),
    ]
    return Records(sessions, interactions, [chapter, talk], [jane, bob, carl])


def the_week(now: datetime = AFTER, plan: Plan | None = None) -> WeeklySummary:
    records = the_week_records()
    return summarize(
        MONDAY,
        sessions=records.sessions,
        interactions=records.interactions,
        items=records.items,
        contacts=records.contacts,
        plan=plan or Plan(),
        tz_name="UTC",
        now=now,
    )
