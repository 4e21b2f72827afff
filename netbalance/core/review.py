"""The weekly review: a week walked through in five steps, from plain values.

1. balance — the week against its plan (its own, or the settings') and against the four
   weeks before it, with the trend of the ratio;
2. shipped — each card shipped that week, who it was shared with (interactions naming
   it: `shared_with`, worked out, never stored) and who should hear of it: contacts
   sharing its tags, people who asked or helped in interactions that name it or its
   tags, people due;
3. people — who is due now, the follow-ups set during the week, people met for the
   first time;
4. next — the next week's budgets and focus cards (at most the WIP limit);
5. write — a short reflection; the review is done once it is written.

Pure: the actions read the records (`actions.review`) and hand them over.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime

from netbalance.core.models import Contact, Interaction, Item, WeekPlan
from netbalance.core.named import NamedTuple
from netbalance.core.stats import format_ratio, ratio
from netbalance.core.summary import DueContact, WeeklySummary

BEFORE_WEEKS = 4  # the weeks the reviewed one is compared with
MAX_SUGGESTIONS = 5
MAX_DUE_SUGGESTIONS = 2  # people due who share nothing with the card
RELATED = ("asked", "helped")  # what people did in an interaction that makes them related
STEADY = 0.1  # a ratio within 10 % of the weeks before is steady


class WeekTotals(NamedTuple):
    week: str
    first_day: date
    produce: float  # minutes
    network: float

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.produce, self.network)


class Trend(NamedTuple):
    """The week's ratio against the weeks before: rising (more produce for each hour of
    network), falling, steady, or none (nothing to compare)."""

    direction: str  # "rising" | "falling" | "steady" | ""
    text: str


class Contacted(NamedTuple):
    """Someone a card was shared with, and when."""

    contact_id: str
    name: str
    when: datetime


class Suggestion(NamedTuple):
    contact_id: str
    name: str
    why: str  # "shares #writing", "asked about it", "due: 3 d overdue"


class ShippedCard(NamedTuple):
    item: Item
    shared_with: tuple[Contacted, ...]
    suggestions: tuple[Suggestion, ...]


class Person(NamedTuple):
    """Someone the people step brings up, and why."""

    contact_id: str
    name: str
    section: str  # "due" | "follow-up" | "new"
    why: str
    due: date | None = None


class NextWeek(NamedTuple):
    week: str
    first_day: date
    produce_hours: float
    network_hours: float
    own: bool  # the week has a plan of its own already
    focus: tuple[Item, ...]  # chosen (the plan's), else the WIP column's cards
    candidates: tuple[Item, ...]  # every open card, the WIP column's first
    wip_limit: int  # 0: none
    wip_column: str


class Review(NamedTuple):
    week: str
    first_day: date
    summary: WeeklySummary  # the week, measured against its plan
    before: tuple[WeekTotals, ...]  # the weeks before, oldest first
    trend: Trend
    shipped: tuple[ShippedCard, ...]
    people: tuple[Person, ...]
    next_week: NextWeek
    record: WeekPlan | None  # the week's own plan and review, if any

    @property
    def done(self) -> bool:
        return self.record is not None and self.record.reviewed is not None

    @property
    def reflection(self) -> str:
        return self.record.reflection if self.record is not None else ""

    @property
    def step(self) -> str:
        """Where the review was left ("" when never opened)."""
        return self.record.review_step if self.record is not None else ""


# the balance ----------------------------------------------------------------------------


def trend(week: WeekTotals, before: Sequence[WeekTotals]) -> Trend:
    """The week's ratio against the ratio of the weeks before, taken together."""
    produce = sum(w.produce for w in before)
    network = sum(w.network for w in before)
    if produce + network <= 0:
        return Trend("", "nothing recorded in the weeks before to compare with")
    then, now = ratio(produce, network), ratio(week.produce, week.network)
    against = f"{week.ratio_text} against {format_ratio(produce, network)} before"
    if week.produce + week.network <= 0:
        return Trend("", "nothing recorded this week to compare")
    if then is None or now is None:
        if then is None and now is None:
            return Trend("steady", f"steady: all produce, as before ({against})")
        if now is None:
            return Trend("rising", f"rising: all produce this week ({against})")
        return Trend("falling", f"falling: network time came back ({against})")
    if now > then * (1 + STEADY):
        return Trend("rising", f"rising: more produce for each hour of network ({against})")
    if now < then * (1 - STEADY):
        return Trend("falling", f"falling: more network for each hour of produce ({against})")
    return Trend("steady", f"steady ({against})")


# shipped ---------------------------------------------------------------------------------


def shared_with(
    interactions: Iterable[Interaction], names: Mapping[str, str]
) -> dict[str, tuple[Contacted, ...]]:
    """Card id → who it was shared with (each person once, when first), from the
    interactions that name it: derived, never stored twice."""
    found: dict[str, dict[str, Contacted]] = {}
    for interaction in sorted(interactions, key=lambda i: (i.when, i.id)):
        if not interaction.shared_item_id:
            continue
        people = found.setdefault(interaction.shared_item_id, {})
        if interaction.contact_id not in people:
            name = names.get(interaction.contact_id, "(deleted contact)")
            people[interaction.contact_id] = Contacted(
                interaction.contact_id, name, interaction.when
            )
    return {item_id: tuple(people.values()) for item_id, people in found.items()}


def _folded(words: Iterable[str]) -> set[str]:
    return {word.casefold() for word in words if word}


def _mentions(note: str, item: Item) -> bool:
    """Whether a note names the card: its title, one of its tags (`#tag` or the word), or
    a telling word of its title (five letters or more: "paper" in "Write the paper")."""
    text = note.casefold()
    if not text:
        return False
    if item.title.casefold() in text:
        return True
    words = set(re.findall(r"\w+", text))
    telling = {word for word in re.findall(r"\w+", item.title.casefold()) if len(word) >= 5}
    return bool((_folded(item.tags) | telling) & words)


def suggestions(
    item: Item,
    contacts: Sequence[Contact],
    interactions: Iterable[Interaction],
    due: Sequence[DueContact],
    already: Iterable[str],
) -> tuple[Suggestion, ...]:
    """Who should hear of a shipped card, each once: contacts sharing its tags and people
    who asked or helped in interactions naming it (most reasons first), then a couple of
    the people most overdue (`due`: most overdue first). Those it was shared with
    already are left out."""
    skip = set(already)
    reasons: dict[str, list[str]] = {}
    names = {contact.id: contact.name for contact in contacts}
    tags = _folded(item.tags)
    if tags:
        for contact in contacts:
            common = [tag for tag in contact.tags if tag.casefold() in tags]
            if common:
                reasons.setdefault(contact.id, []).append(
                    "shares " + ", ".join(f"#{tag}" for tag in common)
                )
    for interaction in interactions:
        if interaction.exchange in RELATED and _mentions(interaction.note, item):
            said = f"{interaction.exchange} about it"
            found = reasons.setdefault(interaction.contact_id, [])
            if said not in found:
                found.append(said)
    topical = set(reasons)
    due_ones = 0
    for person in due:  # most overdue first; a few of them, after those it concerns
        if person.contact_id in skip or (
            person.contact_id not in topical and due_ones >= MAX_DUE_SUGGESTIONS
        ):
            continue
        days = person.days_overdue
        reasons.setdefault(person.contact_id, []).append(
            "due today" if days == 0 else f"due: {days} d overdue"
        )
        names.setdefault(person.contact_id, person.name)
        due_ones += person.contact_id not in topical
    ranked = sorted(
        (
            (contact_id, why)
            for contact_id, why in reasons.items()
            if contact_id not in skip and contact_id in names
        ),
        key=lambda pair: (pair[0] not in topical, -len(pair[1]), names[pair[0]].casefold()),
    )
    return tuple(
        Suggestion(contact_id, names[contact_id], " · ".join(why))
        for contact_id, why in ranked[:MAX_SUGGESTIONS]
    )


# people -------------------------------------------------------------------------------------


def people(
    due_now: Sequence[DueContact],
    week_interactions: Iterable[Interaction],
    first_met: Iterable[tuple[str, str]],
    names: Mapping[str, str],
    settled: Collection[str] = frozenset(),
) -> tuple[Person, ...]:
    """Who is due now (most overdue first), the follow-ups set in the week (soonest
    first; those `settled` by now, by their interactions' ids, say so), and the people
    met for the first time that week ((id, how) pairs)."""
    found: list[Person] = []
    for contact in due_now:
        days = contact.days_overdue
        late = "due today" if days == 0 else f"{days}{'+' if contact.at_least else ''} d overdue"
        found.append(
            Person(
                contact.contact_id, contact.name, "due", f"{late} ({contact.reason})", contact.due
            )
        )
    follow_ups = sorted(
        (i for i in week_interactions if i.follow_up is not None),
        key=lambda i: (i.follow_up or date.min, i.when),
    )
    for interaction in follow_ups:
        assert interaction.follow_up is not None
        note = f": {interaction.note}" if interaction.note else ""
        done = " (done)" if interaction.id in settled else ""
        found.append(
            Person(
                interaction.contact_id,
                names.get(interaction.contact_id, "(deleted contact)"),
                "follow-up",
                f"follow up {interaction.follow_up:%a %d %b}{done}{note}",
                interaction.follow_up,
            )
        )
    for contact_id, how in first_met:
        found.append(Person(contact_id, names.get(contact_id, "(deleted contact)"), "new", how))
    return tuple(found)


# next week ------------------------------------------------------------------------------------


def open_cards(items: Iterable[Item], columns: Sequence[str], wip_column: str) -> tuple[Item, ...]:
    """The cards a week's focus can be chosen from: open ones (not shipped or
    archived), the WIP column's first, then the columns nearest shipping."""
    order = [column.casefold() for column in reversed(columns[:-1])]
    wip = wip_column.casefold()
    if wip in order:
        order.remove(wip)
        order.insert(0, wip)
    rank = {column: index for index, column in enumerate(order)}
    open_ones = [
        item
        for item in items
        if item.shipped is None and not item.archived and item.column.casefold() in rank
    ]
    open_ones.sort(key=lambda item: (rank[item.column.casefold()], item.position, item.id))
    return tuple(open_ones)
