"""When a contact is due: the one rule of every surface that shows it (the Contacts mode
and the `contact` commands through `core.contacts.derive`, the weekly summary — report,
exports, dashboard, Review — through `core.summary.contact_due`).

- a network box with the person is a meeting, as an interaction is;
- a follow-up is pending when its date lies after the day of the last meeting (a later
  conversation before the date does not clear it), or when it was set by the newest
  interaction and nothing came on a later day; one that an interaction follows up
  (`follows_up`: logged by shipping its follow-up card) is done;
- of several pending follow-ups the earliest counts: a promise already overdue does not
  disappear because a later one was made; meeting the person after its date settles it;
- next due is that follow-up's date, whatever the cadence; without one, the last
  meeting's day (or the day the contact was added) + cadence; a snooze pushes either to
  the snooze's day at least.

No dataclasses here: the report commands import this module on their fast path.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo

from netbalance.core.models import Contact, Interaction, Kind, Session
from netbalance.core.named import NamedTuple


class Tally:
    """What one contact's interactions add up to, before the contact's own fields (cadence,
    snooze, the day it was added) make it a `Derived`. A plain class with slots, not a
    dataclass: the report commands import this module, and `dataclasses` is not cheap."""

    __slots__ = ("count", "follow_ups", "last_follow_up", "last_when", "minutes")

    def __init__(
        self,
        count: int = 0,
        minutes: int = 0,
        last_when: datetime | None = None,
        last_follow_up: date | None = None,
        follow_ups: list[date] | None = None,
    ) -> None:
        self.count = count
        self.minutes = minutes
        self.last_when = last_when  # the newest interaction (the later one on a tie)
        self.last_follow_up = last_follow_up  # that interaction's follow-up date
        self.follow_ups = follow_ups  # every follow-up date not followed up since

    def __repr__(self) -> str:
        return (
            f"Tally(count={self.count}, minutes={self.minutes}, last_when={self.last_when!r}, "
            f"last_follow_up={self.last_follow_up!r}, follow_ups={self.follow_ups!r})"
        )


def tally(interactions: Iterable[Interaction]) -> tuple[dict[str, Tally], set[str]]:
    """Contact id → its tally, and the ids of the sessions that interactions carry."""
    tallies: dict[str, Tally] = {}
    linked: set[str] = set()
    listed = list(interactions)
    done = {i.follows_up for i in listed if i.follows_up is not None}
    for interaction in listed:
        found = tallies.get(interaction.contact_id)
        if found is None:
            found = tallies[interaction.contact_id] = Tally()
        found.count += 1
        found.minutes += interaction.minutes
        follow_up = None if interaction.id in done else interaction.follow_up
        if found.last_when is None or interaction.when >= found.last_when:
            found.last_when = interaction.when
            found.last_follow_up = follow_up
        if follow_up is not None:
            if found.follow_ups is None:
                found.follow_ups = []
            found.follow_ups.append(follow_up)
        if interaction.session_id is not None:
            linked.add(interaction.session_id)
    return tallies, linked


def last_boxes(sessions: Iterable[Session], before: datetime | None = None) -> dict[str, datetime]:
    """Contact id → the start of its newest network box (started before `before`): a box
    with a person is a meeting, whether or not an interaction was logged for it."""
    found: dict[str, datetime] = {}
    for session in sessions:
        contact_id = session.contact_id
        if session.kind is not Kind.NETWORK or not contact_id:
            continue
        if before is not None and session.start >= before:
            continue
        known = found.get(contact_id)
        if known is None or session.start > known:
            found[contact_id] = session.start
    return found


def last_met(tally: Tally | None, last_box: datetime | None) -> datetime | None:
    """The newest meeting: the newest interaction or network box."""
    last = tally.last_when if tally is not None else None
    if last is None or (last_box is not None and last_box > last):
        return last_box
    return last


def last_met_day(tally: Tally | None, last_box: datetime | None, tz: tzinfo) -> date | None:
    """The day (in `tz`) of the newest meeting, or None."""
    met = last_met(tally, last_box)
    return None if met is None else met.astimezone(tz).date()


class DueDay(NamedTuple):
    """When a contact is due, and why (`due_day`)."""

    follow_up: date | None  # the earliest pending follow-up
    due: date | None  # None: never due (no follow-up pending, no cadence)
    reason: str  # "follow-up", "cadence", or "" when never due


def pending_follow_up(tally: Tally | None, met_day: date | None, tz: tzinfo) -> date | None:
    """The earliest follow-up still owed (the module's rule): one after the day of the
    last meeting, or one set by the newest interaction when nothing came on a later day.
    The earliest: a promise that is overdue does not disappear because a later one was
    made."""
    return min(pending_follow_ups(tally, met_day, tz), default=None)


def pending_follow_ups(tally: Tally | None, met_day: date | None, tz: tzinfo) -> list[date]:
    """Every follow-up still owed, by its date (the module's rule)."""
    if tally is None or not tally.follow_ups:
        return []
    pending = [day for day in tally.follow_ups if met_day is None or day > met_day]
    newest = tally.last_when
    if (
        tally.last_follow_up is not None
        and newest is not None
        and (met_day is None or newest.astimezone(tz).date() >= met_day)
    ):
        pending.append(tally.last_follow_up)
    return pending


def settled_follow_ups(
    asked: Iterable[Interaction],
    interactions: Iterable[Interaction],
    sessions: Iterable[Session],
    before: datetime,
    tz: tzinfo,
) -> set[str]:
    """Of the interactions `asked` (each with a follow-up), the ids of those no longer
    owed by `before`, judged on the meetings since they were made (`interactions`, the
    network boxes among `sessions`): the person met after the date, or the follow-up
    followed up (its card shipped)."""
    tallies, _linked = tally(interactions)
    boxes = last_boxes(sessions, before=before)
    settled: set[str] = set()
    for interaction in asked:
        found = tallies.get(interaction.contact_id)
        met_day = last_met_day(found, boxes.get(interaction.contact_id), tz)
        if interaction.follow_up not in pending_follow_ups(found, met_day, tz):
            settled.add(interaction.id)
    return settled


def due_day(
    contact: Contact,
    tally: Tally | None,
    met_day: date | None,
    tz: tzinfo,
    since: date | None = None,
) -> DueDay:
    """The day `contact` is due: its earliest pending follow-up, whatever the cadence;
    else the last meeting's day (`met_day`; or the day the contact was added, or `since`
    when the history was read from that day only and the contact is older) + cadence;
    a snooze pushes either to the snooze's day at least. The one rule of every surface
    that shows a due date."""
    follow_up = pending_follow_up(tally, met_day, tz)
    if follow_up is not None:
        due, reason = follow_up, "follow-up"  # on its own date, whatever the cadence
    elif contact.cadence_days is not None:
        base = met_day
        if base is None:
            base = contact.created.astimezone(tz).date()
            if since is not None and base < since:
                base = since
        due, reason = base + timedelta(days=contact.cadence_days), "cadence"
    else:
        return DueDay(None, None, "")
    if contact.snoozed_until is not None and contact.snoozed_until > due:
        due = contact.snoozed_until
    return DueDay(follow_up, due, reason)
