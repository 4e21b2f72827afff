"""Realistic sample data: `netbalance --demo`, screenshots, snapshots and the benchmark.

`generate` is pure: one `random.Random(seed)` drives every choice (ids included), the
instant `now` is passed in, and nothing is read or written. The same arguments give the
same data. Everything lies in the `weeks` weeks before `now`: workdays mostly, local
working hours 08:00–19:00 in `tz_name`, produce boxes of 25/50/90 minutes and network
boxes of 15/30, a produce : network ratio drifting between about 2 and 5 : 1 from week
to week, and now and then a week of networking above producing.

Times are worked out as whole epoch seconds; each local day's 08:00, 19:00 and midnight
are looked up once (zoneinfo), never per record, so ten years generate in a second or two.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Generic, TypeVar

from netbalance.core.models import Contact, Interaction, Item, Kind, Session, replace
from netbalance.demo.words import (
    ASKED,
    BUGS,
    CONTACT_NOTES,
    CONTACT_TAGS,
    DOCS,
    EVENTS,
    FEATURES,
    FIRST_NAMES,
    HELPED,
    ITEM_NOTES,
    ITEM_TAGS,
    ITEM_TITLES,
    LAST_NAMES,
    MODULES,
    NETWORK_NOTES,
    ORGANISATIONS,
    PRODUCE_NOTES,
    ROLES,
    SESSION_WITH,
    TECHS,
    TOPICS,
)

if TYPE_CHECKING:
    from netbalance.store.store import Store

COLUMNS = ("Backlog", "Next", "Doing", "Shipped")
CHANNELS = ("in person", "call", "video", "email", "message", "event", "social", "other")
EXCHANGES = ("shared", "asked", "helped", "introduced")
DOING_LIMIT = 3

DAY = 86_400
HOUR = 3_600
WORK_HOURS = (8, 19)
MIN_GAP = 120  # seconds between two boxes at the least


@dataclass(frozen=True, slots=True)
class Pace:
    """How busy the sample user is."""

    workday_boxes: tuple[int, int]  # sessions on a workday, both ends included
    weekend_boxes: tuple[int, int]  # … on a weekend day with some work
    weekend_chance: float  # chance that a weekend day has some work
    produce_lengths: tuple[tuple[int, float], ...]  # (minutes, weight)
    starting_items: int
    items_per_week: float
    starting_contacts: int
    contacts_per_week: float
    interactions_per_week: float  # logged on their own, not linked to a session
    cadence_share: float  # contacts outside the close circle that have a cadence
    late_chance: float = 0.012  # a workday that ends with a box across midnight


LIGHT = Pace(
    workday_boxes=(3, 7),
    weekend_boxes=(1, 3),
    weekend_chance=0.15,
    produce_lengths=((25, 0.45), (50, 0.35), (90, 0.2)),
    starting_items=16,
    items_per_week=2.0,
    starting_contacts=36,
    contacts_per_week=2.0,
    interactions_per_week=6.0,
    cadence_share=0.2,
)
BUSY = Pace(
    workday_boxes=(18, 24),
    weekend_boxes=(4, 12),
    weekend_chance=0.45,
    produce_lengths=((25, 0.85), (50, 0.12), (90, 0.03)),
    starting_items=30,
    items_per_week=5.9,
    starting_contacts=60,
    contacts_per_week=3.9,
    interactions_per_week=24.0,
    cadence_share=0.04,
)


@dataclass(frozen=True, slots=True)
class Size:
    """A named data set: how many weeks, at which pace."""

    weeks: int
    pace: Pace


SIZES: dict[str, Size] = {
    "demo": Size(weeks=12, pace=LIGHT),  # a few hundred sessions, ~40 items, ~60 contacts
    "heavy": Size(weeks=520, pace=BUSY),  # ten busy years: the benchmark
}


@dataclass(frozen=True, slots=True)
class DemoData:
    """Everything `generate` made, each kind in time order (items by column, position)."""

    sessions: tuple[Session, ...] = ()
    items: tuple[Item, ...] = ()
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "sessions": len(self.sessions),
            "items": len(self.items),
            "contacts": len(self.contacts),
            "interactions": len(self.interactions),
        }


def generate(
    now: datetime,
    *,
    weeks: int,
    seed: int = 1,
    tz_name: str = "UTC",
    pace: Pace = LIGHT,
) -> DemoData:
    """`weeks` weeks of sample data ending at `now` (timezone-aware), all of it ≤ now."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    return _Builder(now, weeks, seed, _zone(tz_name), pace).build()


def sample(name: str, now: datetime, *, seed: int = 1, tz_name: str = "UTC") -> DemoData:
    """One of the named SIZES."""
    size = SIZES[name]
    return generate(now, weeks=size.weeks, seed=seed, tz_name=tz_name, pace=size.pace)


def demo(now: datetime, seed: int = 1, tz_name: str = "UTC") -> DemoData:
    return sample("demo", now, seed=seed, tz_name=tz_name)


def heavy(now: datetime, seed: int = 1, tz_name: str = "UTC") -> DemoData:
    return sample("heavy", now, seed=seed, tz_name=tz_name)


def write(store: Store, data: DemoData) -> None:
    """Store everything in one transaction (one save per file); sample data is not a step
    of the undo journal."""
    with store.transaction(undoable=False):
        store.items.add_many(data.items)
        store.contacts.add_many(data.contacts)
        store.sessions.add_many(data.sessions)
        store.interactions.add_many(data.interactions)


def _zone(name: str) -> tzinfo:
    """The zone as every command reads it (an IANA name, or a POSIX TZ rule)."""
    from netbalance.core.weeks import WeekError, zone

    try:
        return zone(name)
    except WeekError as error:
        raise ValueError(f"unknown time zone {name!r}") from error


T = TypeVar("T")


class _Weighted(Generic[T]):
    """A weighted choice, cheaper than `Random.choices` in a hot loop."""

    def __init__(self, values: tuple[T, ...], weights: tuple[float, ...]) -> None:
        self.values = values
        self.cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
        self.last = len(values) - 1

    def pick(self, rng: random.Random) -> T:
        index = bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.values[min(index, self.last)]


def uuid_text(bits: int) -> str:
    """`str(uuid.UUID(int=bits, version=4))`, about four times faster."""
    bits = (bits & ~(0xC000 << 48)) | (0x8000 << 48)  # the RFC 4122 variant
    bits = (bits & ~(0xF000 << 64)) | (4 << 76)  # version 4
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


# words -------------------------------------------------------------------------

_LOGGED_CHANNELS = _Weighted(
    ("email", "message", "call", "video", "in person", "event", "social", "other"),
    (0.24, 0.22, 0.15, 0.12, 0.12, 0.04, 0.08, 0.03),
)
_CHANNEL_MINUTES = {
    "email": (3, 15), "message": (2, 10), "call": (10, 45), "video": (15, 60),
    "in person": (20, 60), "event": (45, 120), "social": (2, 10), "other": (5, 30),
}  # fmt: skip
_SESSION_CHANNELS = _Weighted(("call", "video", "in person", "message", "email"), (3, 3, 2, 1, 1))
_EXCHANGES = _Weighted(EXCHANGES, (0.3, 0.3, 0.25, 0.15))
_ESTIMATES = _Weighted((None, 1, 2, 3, 4, 6, 8), (2, 3, 4, 4, 3, 2, 1))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in folded.lower() if char.isalnum())


# the builder -------------------------------------------------------------------


@dataclass(slots=True)
class _Work:
    """When an item was worked on: produce sessions in this window may link to it."""

    start: int
    end: int
    item: Item


@dataclass(slots=True)
class _Person:
    contact: Contact
    created: int
    first: str
    quiet_after: int | None = None  # an overdue contact: nobody talks to them after this
    close: bool = False


@dataclass(slots=True)
class _Week:
    ratio: float
    vacation: bool
    logged: float = 0.0  # minutes of interactions logged on their own this week
    produce: float = 0.0
    network: float = 0.0  # minutes of network sessions so far
    share: float = 0.0  # how much of the week has passed

    def owed(self) -> float:
        """Network minutes still wanted to meet the ratio so far (negative: too many)."""
        return self.produce / self.ratio - self.network - self.logged * self.share


class _Builder:
    def __init__(self, now: datetime, weeks: int, seed: int, zone: tzinfo, pace: Pace) -> None:
        self.rng = random.Random(seed)
        self.pace = pace
        self.weeks = weeks
        self.zone = zone
        self.now = int(now.timestamp())
        self.since = self.now - weeks * 7 * DAY
        first = datetime.fromtimestamp(self.since, zone).date()
        self.today = datetime.fromtimestamp(self.now, zone).date()
        count = (self.today - first).days + 1
        self.days = [first + timedelta(days=i) for i in range(count)]
        self.midnights = [self._local(first + timedelta(days=i), 0) for i in range(count + 1)]
        self.starts = [self._local(day, WORK_HOURS[0]) for day in self.days]
        self.ends = [self._local(day, WORK_HOURS[1]) for day in self.days]
        self.produce_lengths = _Weighted(
            tuple(minutes for minutes, _ in pace.produce_lengths),
            tuple(weight for _, weight in pace.produce_lengths),
        )
        self.shortest_produce = min(self.produce_lengths.values)
        self.items: list[Item] = []
        self.work: list[_Work] = []
        self.shipped: list[tuple[int, Item]] = []
        self.people: list[_Person] = []
        self.people_created: list[int] = []
        self.close: list[int] = []  # indexes into people, in order of creation
        self.close_created: list[int] = []
        self.sessions: list[Session] = []
        self.interactions: list[Interaction] = []
        self.network_minutes: dict[int, int] = {}  # interactions' minutes per day index
        self.plan: list[tuple[int, int, _Week]] = []  # (first day, end day, week)
        self.off_days: set[int] = set()  # day indexes of holidays

    # small helpers ----------------------------------------------------------

    def _local(self, day: date, hour: int) -> int:
        return int(datetime(day.year, day.month, day.day, hour, tzinfo=self.zone).timestamp())

    def _id(self) -> str:
        return uuid_text(self.rng.getrandbits(128))

    def _at(self, epoch: int) -> datetime:
        return datetime.fromtimestamp(epoch, UTC)

    def _day_index(self, epoch: int) -> int:
        index = bisect_right(self.midnights, epoch) - 1
        return min(max(index, 0), len(self.days) - 1)

    def _date(self, epoch: int) -> date:
        return self.days[self._day_index(epoch)]

    def _work_time(self, low: int, high: int) -> int:
        """A random instant between low and high, moved into that day's working hours."""
        high = max(low, min(high, self.now))
        epoch = self.rng.randint(low, high)
        i = self._day_index(epoch)
        if i in self.off_days:  # on holiday: a week later or earlier instead
            for shift in (7, -7, 14, -14):
                if 0 <= i + shift < len(self.days) and i + shift not in self.off_days:
                    moved_epoch = epoch + shift * DAY
                    if low <= moved_epoch <= high:
                        epoch, i = moved_epoch, self._day_index(moved_epoch)
                        break
        span = max(1, self.midnights[i + 1] - self.midnights[i])
        fraction = min(max((epoch - self.midnights[i]) / span, 0.0), 1.0)
        moved = self.starts[i] + int(fraction * (self.ends[i] - self.starts[i]))
        return min(max(moved, low), high)

    def _later(self, epoch: int, most: int, chance: float) -> int:
        """Often `epoch`; with `chance`, up to `most` seconds later (an edit, a late
        entry), never after now."""
        epoch = min(epoch, self.now)
        room = min(most, self.now - epoch)
        if self.rng.random() < chance and room > 60:
            epoch += self.rng.randint(60, room)
        return epoch

    def _title(self) -> tuple[str, str]:
        """A card title and the tag that goes with it."""
        rng = self.rng
        template, tag = rng.choice(ITEM_TITLES)
        return tag, template.format(
            n=rng.randint(1, 14),
            bug=rng.choice(BUGS),
            doc=rng.choice(DOCS),
            pr=rng.randint(100, 4999),
            major=rng.randint(0, 4),
            minor=rng.randint(0, 20),
            module=rng.choice(MODULES),
            tech=rng.choice(TECHS),
            event=rng.choice(EVENTS),
            topic=rng.choice(TOPICS),
            feature=rng.choice(FEATURES),
            org=rng.choice(ORGANISATIONS)[0],
        )

    # the whole ----------------------------------------------------------------

    def build(self) -> DemoData:
        self._plan_weeks()
        self._build_items()
        self._build_contacts()
        self._first_meetings()
        self._build_history()
        self._keep_up_cadences()
        self._force_follow_ups()
        order = {column: i for i, column in enumerate(COLUMNS)}
        return DemoData(
            sessions=tuple(sorted(self.sessions, key=lambda s: s.start)),
            items=tuple(sorted(self.items, key=lambda i: (order[i.column], i.position))),
            contacts=tuple(person.contact for person in self.people),
            interactions=tuple(sorted(self.interactions, key=lambda i: (i.when, i.id))),
        )

    # items --------------------------------------------------------------------

    def _build_items(self) -> None:
        rng = self.rng
        total = max(14, self.pace.starting_items + round(self.pace.items_per_week * self.weeks))
        doing = DOING_LIMIT if rng.random() < 0.7 else DOING_LIMIT - 1
        upcoming = max(3, min(8, total // 8))
        backlog = max(4, min(40 + total // 25, total // 5))
        shipped = total - doing - upcoming - backlog
        columns = {
            "Shipped": self._shipped_items(shipped),
            "Doing": self._doing_items(doing),
            "Next": self._next_items(upcoming),
            "Backlog": self._backlog_items(backlog),
        }
        columns["Shipped"].sort(key=lambda item: item.shipped or item.created, reverse=True)
        columns["Doing"].sort(key=lambda item: item.updated)
        rng.shuffle(columns["Backlog"])
        for column, items in columns.items():
            for position, item in enumerate(items, start=1):
                self.items.append(replace(item, position=float(position), column=column))
        positioned = {item.id: item for item in self.items}
        for work in self.work:
            work.item = positioned[work.item.id]
        self.work.sort(key=lambda work: work.start)
        self.shipped = [(when, positioned[item.id]) for when, item in self.shipped]

    def _shipped_items(self, count: int) -> list[Item]:
        """The track record: shipped across the whole span, a couple in the last week;
        the older ones archived."""
        rng = self.rng
        times = sorted(self._work_time(self.since + DAY, self.now - 600) for _ in range(count))
        recent = self.now - 6 * DAY
        have = sum(1 for t in times if t >= recent)
        for i in range(have, min(2, count)):  # replace the latest older ones
            times[-1 - i] = self._work_time(recent, self.now - 600)
        items: list[Item] = []
        for when in sorted(times):
            estimate = self._estimate()
            work_start = max(self.since, when - rng.randint(DAY, (2 + 3 * (estimate or 2)) * DAY))
            created = max(self.since, work_start - rng.randint(0, 21 * DAY))
            age = self.now - when
            archived = age > 28 * DAY and (age > 60 * DAY or rng.random() < 0.5)
            updated = when + rng.randint(14 * DAY, 28 * DAY) if archived else when
            due = self._date(when) + timedelta(days=rng.randint(-4, 7))
            item = self._item("Shipped", created, min(updated, self.now), estimate, due)
            item = replace(item, shipped=self._at(when), archived=archived)
            items.append(item)
            self.work.append(_Work(work_start, when, item))
            self.shipped.append((when, item))
        return items

    def _doing_items(self, count: int) -> list[Item]:
        """In progress for the last two weeks; the first one is past its due date."""
        rng = self.rng
        items: list[Item] = []
        for i in range(count):
            work_start = self._work_time(max(self.since, self.now - 14 * DAY), self.now - HOUR)
            created = max(self.since, work_start - rng.randint(0, 30 * DAY))
            days = -rng.randint(1, 3) if i == 0 else rng.randint(1, 10)
            due = self.today + timedelta(days=days)
            item = self._item("Doing", created, work_start, self._estimate(), due)
            items.append(item)
            self.work.append(_Work(work_start, self.now, item))
        return items

    def _next_items(self, count: int) -> list[Item]:
        rng = self.rng
        items: list[Item] = []
        for i in range(count):
            created = self._work_time(max(self.since, self.now - 45 * DAY), self.now - 600)
            due: date | None = None
            if i == 0:
                due = self.today - timedelta(days=rng.randint(1, 5))
            elif rng.random() < 0.4:
                due = self.today + timedelta(days=rng.randint(1, 30))
            updated = self._later(created, 10 * DAY, 0.3)
            items.append(self._item("Next", created, updated, self._estimate(), due))
        return items

    def _backlog_items(self, count: int) -> list[Item]:
        """Ideas from the whole span; some over a year old were dropped (archived)."""
        rng = self.rng
        items: list[Item] = []
        for _ in range(count):
            created = self._work_time(self.since, self.now - 600)
            due: date | None = None
            if rng.random() < 0.12:
                due = self.today + timedelta(days=rng.randint(-30, 90))
            item = self._item("Backlog", created, created, self._estimate(), due)
            if created < self.now - 365 * DAY and rng.random() < 0.4:
                dropped = min(created + rng.randint(30 * DAY, 300 * DAY), self.now - DAY)
                item = replace(item, archived=True, updated=self._at(dropped))
            items.append(item)
        return items

    def _estimate(self) -> int | None:
        return _ESTIMATES.pick(self.rng)

    def _item(
        self, column: str, created: int, updated: int, estimate: int | None, due: date | None
    ) -> Item:
        rng = self.rng
        tag, title = self._title()
        tags: tuple[str, ...] = (tag,)
        if rng.random() < 0.35:
            extra = rng.choice(ITEM_TAGS)
            tags = tags if extra == tag else (tag, extra)
        return Item(
            id=self._id(),
            title=title,
            column=column,
            position=0.0,
            created=self._at(created),
            updated=self._at(max(updated, created)),
            notes=rng.choice(ITEM_NOTES) if rng.random() < 0.3 else "",
            tags=tags,
            due=due if column != "Shipped" or rng.random() < 0.35 else None,
            estimate=estimate,
        )

    # contacts -----------------------------------------------------------------

    def _build_contacts(self) -> None:
        rng = self.rng
        pace = self.pace
        total = pace.starting_contacts + round(pace.contacts_per_week * self.weeks)
        combos = len(FIRST_NAMES) * len(LAST_NAMES)
        picks = rng.sample(range(combos), min(total, combos))
        picks += [rng.randrange(combos) for _ in range(total - len(picks))]
        people: list[_Person] = []
        for i, pick in enumerate(picks):
            first, last = FIRST_NAMES[pick % len(FIRST_NAMES)], LAST_NAMES[pick // len(FIRST_NAMES)]
            if i < pace.starting_contacts:
                created = self.since + rng.randint(0, 2 * DAY)
                how_met = rng.choice(
                    ("LinkedIn import", "former colleague", "university alumni", "old friend")
                )
            else:
                created = self._work_time(self.since, self.now - 600)
                year = self._date(created).year
                how_met = rng.choice(
                    (
                        f"met at {rng.choice(EVENTS)} {year}",
                        f"intro from {rng.choice(FIRST_NAMES)}",
                        "LinkedIn message",
                        "podcast guest",
                        "open-source contributor",
                        "asked a question after my talk",
                    )
                )
            people.append(self._person(first, last, created, how_met))
        people.sort(key=lambda person: person.created)
        self.people = people
        self.people_created = [person.created for person in people]
        self.close = [i for i, person in enumerate(people) if person.close]
        self.close_created = [people[i].created for i in self.close]

        # cadences: about a third of them lapse, so some contacts are overdue at `now`
        overdue = 0
        eligible: list[_Person] = []
        for person in people:
            cadence = person.contact.cadence_days
            if cadence is None or person.created > self.now - (2 * cadence + 10) * DAY:
                continue
            eligible.append(person)
            if rng.random() < 0.35:
                self._lapse(person, cadence)
                overdue += 1
        for person in eligible:
            if overdue >= 3:
                break
            cadence = person.contact.cadence_days
            if person.quiet_after is None and cadence is not None:
                self._lapse(person, cadence)
                overdue += 1

    def _lapse(self, person: _Person, cadence: int) -> None:
        quiet = self.now - (cadence + self.rng.randint(3, cadence)) * DAY
        person.quiet_after = max(quiet, person.created + DAY)
        person.contact = replace(person.contact, snoozed_until=None)

    def _person(self, first: str, last: str, created: int, how_met: str) -> _Person:
        rng = self.rng
        organisation, domain = "", "mail.example"
        if rng.random() < 0.88:
            organisation, domain = rng.choice(ORGANISATIONS)
        slug = f"{_ascii(first)}.{_ascii(last)}"
        close = rng.random() < 0.1
        has_cadence = rng.random() < (0.6 if close else self.pace.cadence_share)
        cadence = rng.choice((14, 30, 30, 90)) if has_cadence else None
        snoozed = None
        if cadence is not None and rng.random() < 0.05:
            snoozed = self.today + timedelta(days=rng.randint(3, 20))
        contact = Contact(
            id=self._id(),
            name=f"{first} {last}",
            created=self._at(created),
            updated=self._at(self._later(created, 200 * DAY, 0.3)),
            organisation=organisation,
            role=rng.choice(ROLES) if rng.random() < 0.8 else "",
            email=f"{slug}@{domain}" if rng.random() < 0.92 else "",
            phone=f"+1 555 01{rng.randrange(100):02d}" if rng.random() < 0.25 else "",
            links=(
                (f"https://www.linkedin.com/in/{slug.replace('.', '-')}",)
                if rng.random() < 0.35
                else ()
            ),
            tags=tuple(rng.sample(CONTACT_TAGS, rng.choice((1, 1, 2)))),
            how_met=how_met,
            notes=rng.choice(CONTACT_NOTES) if rng.random() < 0.25 else "",
            cadence_days=cadence,
            snoozed_until=snoozed,
        )
        return _Person(contact, created, first, close=close)

    def _pick_person(self, epoch: int) -> _Person | None:
        """Someone known by then: often a close contact, else mostly a recent one."""
        rng = self.rng
        known = bisect_right(self.people_created, epoch)
        if not known:
            return None
        for _ in range(4):
            close = bisect_right(self.close_created, epoch)
            if close and rng.random() < 0.5:
                person = self.people[self.close[rng.randrange(close)]]
            else:
                person = self.people[known - 1 - int(known * rng.random() ** 2.5)]
            if person.quiet_after is None or epoch < person.quiet_after:
                return person
        return None

    # sessions and interactions, day by day -------------------------------------------

    def _plan_weeks(self) -> None:
        """Each (Monday-based) week's target ratio; a few networking weeks and holidays."""
        rng = self.rng
        firsts = [i for i, day in enumerate(self.days) if i == 0 or day.weekday() == 0]
        count = len(firsts)
        networking = {w for w in range(count - 1) if rng.random() < 0.04}
        if count >= 2:  # one of the last few weeks, so the demo's trend shows one
            networking.add(count - 1 - rng.randint(1, min(4, count - 1)))
        for w, first in enumerate(firsts):
            last = firsts[w + 1] if w + 1 < count else len(self.days)
            # networking weeks sit well below 1 : 1; others around 2–5 : 1
            ratio = rng.uniform(0.45, 0.85) if w in networking else rng.triangular(2.2, 5.5, 3.6)
            # holidays: in spans of half a year or more, never in the last two weeks
            holiday = count >= 26 and w not in networking and 0 < w < count - 2
            vacation = holiday and rng.random() < 0.035
            if vacation:
                self.off_days.update(range(first, last))
            self.plan.append((first, last, _Week(ratio=ratio, vacation=vacation)))

    def _build_history(self) -> None:
        active: list[_Work] = []
        upcoming = 0
        for first, last, week in self.plan:
            self._week_interactions(week, first, last)
            week.logged = sum(self.network_minutes.get(i, 0) for i in range(first, last))
            for i in range(first, last):
                week.share = min(1.0, (i - first + 1) / min(5, last - first))
                while upcoming < len(self.work) and self.work[upcoming].start < self.ends[i]:
                    active.append(self.work[upcoming])
                    upcoming += 1
                active = [work for work in active if work.end >= self.starts[i]]
                self._day(week, i, active)

    def _week_interactions(self, week: _Week, first: int, last: int) -> None:
        rng = self.rng
        scale = 0.0 if week.vacation else (last - first) / 7
        for _ in range(round(self.pace.interactions_per_week * scale * rng.uniform(0.6, 1.4))):
            i = rng.randrange(first, last)
            if self.days[i].weekday() >= 5 and rng.random() < 0.7:
                i = rng.randrange(first, last)
            channel = _LOGGED_CHANNELS.pick(rng)
            low, high = _CHANNEL_MINUTES[channel]
            if channel in ("event", "in person") and rng.random() < 0.4:
                when = self.starts[i] + rng.randint(10 * HOUR, 13 * HOUR)  # the evening
            else:
                when = self.starts[i] + rng.randint(0, self.ends[i] - self.starts[i])
            if not self.since <= when <= self.now:
                continue
            person = self._pick_person(when)
            if person is None:
                continue
            self._log(person, when, channel, rng.randint(low, high))
        if week.ratio < 1:  # a networking week: a conference or two
            event = rng.choice(EVENTS)
            for _ in range(rng.randint(2, 3)):
                i = rng.randrange(first, last)
                when = self.starts[i] + rng.randint(HOUR, 8 * HOUR)
                person = self._pick_person(when) if self.since <= when <= self.now else None
                if person is not None:
                    note = f"Long talk at {event}."
                    self._log(person, when, "event", rng.randint(60, 180), note)

    def _log(self, person: _Person, when: int, channel: str, minutes: int, note: str = "") -> None:
        """An interaction logged on its own: its minutes count as network time."""
        self.interactions.append(self._interaction(person, when, channel, minutes, note=note))
        day = self._day_index(when)
        self.network_minutes[day] = self.network_minutes.get(day, 0) + minutes

    def _interaction(
        self,
        person: _Person,
        when: int,
        channel: str,
        minutes: int,
        *,
        session_id: str | None = None,
        note: str = "",
    ) -> Interaction:
        rng = self.rng
        exchange = _EXCHANGES.pick(rng)
        shared: Item | None = None
        if exchange == "shared":
            known = bisect_right(self.shipped, when, key=lambda pair: pair[0])
            if known:
                shared = self.shipped[rng.randrange(max(0, known - 6), known)][1]
            else:
                exchange = "asked"
        if not note:
            if shared is not None:
                note = f'Shared "{shared.title}" with them.'
            elif exchange == "asked":
                note = rng.choice(ASKED)
            elif exchange == "helped":
                note = rng.choice(HELPED)
            elif exchange == "introduced":
                known = bisect_right(self.people_created, when)
                other = self.people[rng.randrange(known)].contact.name if known else "a friend"
                note = f"Introduced them to {other}."
        follow_up = None
        if rng.random() < 0.18:
            follow_up = self._date(when) + timedelta(days=rng.randint(3, 21))
        created = self._later(min(when + minutes * 60, self.now), 2 * DAY, 0.2)
        return Interaction(
            id=self._id(),
            contact_id=person.contact.id,
            when=self._at(when),
            created=self._at(created),
            updated=self._at(self._later(created, 5 * DAY, 0.05)),
            channel=channel,
            minutes=minutes,
            note=note,
            exchange=exchange,
            shared_item_id=shared.id if shared is not None else None,
            follow_up=follow_up,
            session_id=session_id,
        )

    def _day(self, week: _Week, i: int, active: list[_Work]) -> None:
        rng = self.rng
        pace = self.pace
        workday = self.days[i].weekday() < 5
        if week.vacation:
            return
        if workday:
            if rng.random() < 0.03:
                return  # a day off
            wanted = rng.randint(*pace.workday_boxes)
        else:
            if rng.random() >= pace.weekend_chance:
                return
            wanted = rng.randint(*pace.weekend_boxes)
        budget = self.ends[i] - self.starts[i]
        boxes: list[tuple[Kind, int | None, int, int, bool]] = []
        used = 0
        for _ in range(wanted):
            network = rng.random() < min(0.95, max(0.05, 0.5 + week.owed() / 60))
            kind = Kind.NETWORK if network else Kind.PRODUCE
            box = self._box(kind)
            room = budget - used - (len(boxes) + 2) * MIN_GAP
            if box[2] + box[3] > room:  # the day is full for this one: the shortest?
                shortest = (15 if network else self.shortest_produce) * 60
                if shortest > room:
                    break
                box = (kind, shortest, shortest, 0, False)
            used += box[2] + box[3]
            boxes.append(box)
            if network:
                week.network += box[2] / 60
            else:
                week.produce += box[2] / 60
        if not boxes:
            return
        free = budget - used - (len(boxes) + 1) * MIN_GAP
        weights = [rng.random() + 0.05 for _ in range(len(boxes) + 1)]
        scale = free / sum(weights)
        clock = self.starts[i] + MIN_GAP + int(weights[0] * scale)
        for box, weight in zip(boxes, weights[1:], strict=True):
            end = clock + box[2] + box[3]
            self._session(box, clock, end, active)
            clock = end + MIN_GAP + int(weight * scale)
        if workday and rng.random() < pace.late_chance:
            late = self._local(self.days[i], 23) + rng.randint(15, 50) * 60
            planned = rng.choice((50, 90)) * 60
            box = (Kind.PRODUCE, planned, planned, 0, False)
            self._session(box, late, late + planned, active)
            week.produce += planned / 60

    def _box(self, kind: Kind) -> tuple[Kind, int | None, int, int, bool]:
        """(kind, planned seconds, active seconds, paused seconds, recovered)."""
        rng = self.rng
        produce = kind is Kind.PRODUCE
        planned: int | None
        recovered = False
        if rng.random() < 0.05:  # a stopwatch
            planned = None
            active = rng.randint(600, 4800) if produce else rng.randint(5, 40) * 60
        else:
            planned = 60 * (self.produce_lengths.pick(rng) if produce else rng.choice((15, 30)))
            roll = rng.random()
            if roll < 0.72:
                active = planned
            elif roll < 0.86:  # finished early
                active = int(planned * rng.uniform(0.4, 0.95))
                if not produce:
                    active = max(60, active - active % 60)
            elif roll < 0.97:  # extended
                active = planned + rng.choice((5, 10)) * 60
            else:  # ran out while netbalance was closed
                active, recovered = planned, True
        paused = 0 if recovered or rng.random() >= 0.13 else rng.randint(45, 900)
        return kind, planned, active, paused, recovered

    def _session(
        self,
        box: tuple[Kind, int | None, int, int, bool],
        start: int,
        end: int,
        active: list[_Work],
    ) -> None:
        if start < self.since or end > self.now:
            return
        rng = self.rng
        kind, planned, seconds, paused, recovered = box
        session_id = self._id()
        item: Item | None = None
        person: _Person | None = None
        note = ""
        if kind is Kind.PRODUCE:
            if active and rng.random() < 0.72:
                candidates = [work.item for work in active if work.start <= start]
                if candidates:
                    item = rng.choice(candidates)
            if rng.random() < 0.35:
                note = rng.choice(PRODUCE_NOTES)
        else:
            if rng.random() < 0.65:
                person = self._pick_person(start)
            if person is not None:
                if rng.random() < 0.5:
                    note = rng.choice(SESSION_WITH).format(first=person.first)
                if rng.random() < 0.45:
                    channel = _SESSION_CHANNELS.pick(rng)
                    self.interactions.append(
                        self._interaction(
                            person, start, channel, seconds // 60, session_id=session_id
                        )
                    )
            elif rng.random() < 0.6:
                note = rng.choice(NETWORK_NOTES)
        ended = self._at(end)
        created = ended
        if not recovered and rng.random() < 0.03:  # added after the fact
            created = self._at(self._later(end, 2 * DAY, 1.0))
        updated = created
        if rng.random() < 0.03:  # edited later
            updated = self._at(self._later(int(created.timestamp()), 3 * DAY, 1.0))
        self.sessions.append(
            Session(
                id=session_id,
                kind=kind,
                start=self._at(start),
                end=ended,
                created=created,
                updated=updated,
                paused_seconds=paused,
                item_id=item.id if item is not None else None,
                item_title=item.title if item is not None else None,
                contact_id=person.contact.id if person is not None else None,
                contact_name=person.contact.name if person is not None else None,
                note=note,
                planned_seconds=planned,
                recovered=recovered,
            )
        )

    # after the sweep -----------------------------------------------------------------

    def _first_meetings(self) -> None:
        """New contacts were met just before they were added; some old ones (and every
        lapsed one) talked once. Logged before the sessions so the weekly ratio sees them."""
        rng = self.rng
        for person in self.people:
            if person.created > self.since + 2 * DAY:
                high = min(person.created + 3 * DAY, person.quiet_after or self.now)
                channel = rng.choice(("in person", "event", "video", "email", "social"))
                note = f"First talk ({person.contact.how_met})."
            elif person.quiet_after is not None or rng.random() < 0.3:
                high = person.quiet_after or self.now
                channel = rng.choice(("call", "video", "email", "message"))
                note = ""
            else:
                continue
            low, top = _CHANNEL_MINUTES[channel]
            when = self._work_time(person.created, high)
            if self._day_index(when) in self.off_days and person.quiet_after is None:
                continue  # met on holiday: not logged
            self._log(person, when, channel, rng.randint(low, top), note)

    def _keep_up_cadences(self) -> None:
        """Contacts with a cadence that have not lapsed were reached within it."""
        rng = self.rng
        last: dict[str, datetime] = {}
        for interaction in self.interactions:
            seen = last.get(interaction.contact_id)
            if seen is None or interaction.when > seen:
                last[interaction.contact_id] = interaction.when
        for person in self.people:
            cadence = person.contact.cadence_days
            if cadence is None or person.quiet_after is not None:
                continue
            seen = last.get(person.contact.id)
            if seen is not None and seen.timestamp() >= self.now - cadence * 0.8 * DAY:
                continue
            low = max(person.created, self.now - int(cadence * 0.6 * DAY))
            channel = rng.choice(("call", "message", "email"))
            minutes = rng.randint(*_CHANNEL_MINUTES[channel])
            self._log(person, self._work_time(low, self.now - 600), channel, minutes)

    def _force_follow_ups(self) -> None:
        """A few follow-ups due in the coming week and a few overdue, on the latest
        interaction with each contact where there is one."""
        rng = self.rng
        if not self.interactions:
            return
        self.interactions.sort(key=lambda interaction: (interaction.when, interaction.id))
        latest: dict[str, int] = {}
        for index, interaction in enumerate(self.interactions):
            latest[interaction.contact_id] = index
        finals = sorted(latest.values())
        soon_from = self.now - 10 * DAY
        late_from, late_to = self.now - 40 * DAY, self.now - 7 * DAY

        def window(low: int, high: int) -> list[int]:
            inside = [i for i in finals if low <= self.interactions[i].when.timestamp() <= high]
            return inside or [
                i for i, x in enumerate(self.interactions) if low <= x.when.timestamp() <= high
            ]

        soon = window(soon_from, self.now) or [len(self.interactions) - 1]
        for index in rng.sample(soon, min(3, len(soon))):
            follow_up = self.today + timedelta(days=rng.randint(1, 7))
            self.interactions[index] = replace(self.interactions[index], follow_up=follow_up)
        late = window(late_from, late_to)
        for index in rng.sample(late, min(3, len(late))):
            follow_up = self.today - timedelta(days=rng.randint(1, 5))
            self.interactions[index] = replace(self.interactions[index], follow_up=follow_up)
