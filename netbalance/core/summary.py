"""One week → a `WeeklySummary` value: the numbers every report and export shows.

Pure: it takes plain records (sessions, interactions, items, contacts), the plan (target
and budgets from the settings), the zone and "now", and reads nothing. The caller passes
the week's records plus the interactions and sessions of the `LOOKBACK_DAYS` before it,
which is all the summary looks at to tell when each contact was last met (older history
is never read: a report of last week parses a few month files, not a decade).

A week in progress is summed up to now; a past week as it stood at its end ("as of").
Contacts' due dates are the contact log's one rule (`core.due.due_day`): the earliest
pending follow-up, whatever the cadence, else last contact + cadence (a snooze pushes it
further); a follow-up that an interaction followed up (a follow-up card shipped) is done.
Cancelled boxes are not recorded anywhere (cancel means "record nothing"), so the summary
counts boxes finished, and among them those finished early.

The values are named tuples, not dataclasses: as immutable, and each report command
makes them at import, where a frozen dataclass costs some ten times as much to create.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from netbalance.core import due as rules
from netbalance.core.instants import format_hours
from netbalance.core.models import Contact, Interaction, Item, Kind, Session
from netbalance.core.named import NamedTuple
from netbalance.core.stats import Minutes, format_ratio, minutes_by_day, ratio
from netbalance.core.weeks import DayGrid, local_date, week_label, zone

LOOKBACK_DAYS = 120  # history read before the week, to find each contact's last meeting
REACH_OUT_AFTER = 3  # workdays of produce alone, with someone due, before the nudge
WORKDAYS = (1, 2, 3, 4, 5)  # ISO weekdays
TELESCOPE = "turn the telescope around"
JUDGE_FROM_MINUTES = 30  # tracked in a window: below, no verdict on its balance


class Plan(NamedTuple):
    """What the user aims for: the target ratio and the weekly budgets (from settings, or
    the week's own plan: `own`, see core.plans)."""

    target_ratio: float = 3.0
    produce_budget_hours: float = 20.0
    network_budget_hours: float = 5.0
    week_start: int = 1
    produce_minutes: int = 25  # the default box lengths, for the next-box suggestion
    network_minutes: int = 30
    board_columns: tuple[str, ...] = ("Backlog", "Next", "Doing", "Shipped")
    wip_column: str = "Doing"
    minimum_minutes: int = 1  # a session shorter than this is no finished box, no streak day
    own: bool = False  # the week's own plan, not the settings'

    def budget_minutes(self, kind: Kind) -> float:
        hours = self.produce_budget_hours if kind is Kind.PRODUCE else self.network_budget_hours
        return hours * 60


# the parts of a summary ---------------------------------------------------------------


class DayLine(NamedTuple):
    day: date
    produce: float  # minutes
    network: float
    boxes: int  # sessions that started that day

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.produce, self.network)


class Budget(NamedTuple):
    kind: Kind
    minutes: float
    budget_hours: float

    @property
    def met(self) -> bool:
        return self.minutes >= self.budget_hours * 60

    @property
    def left_minutes(self) -> float:
        return max(0.0, self.budget_hours * 60 - self.minutes)


class ItemTime(NamedTuple):
    """Produce time spent on one card this week."""

    item_id: str | None
    title: str
    minutes: float
    boxes: int
    shipped: bool = False


class Meeting(NamedTuple):
    """Someone met this week: a logged interaction, or a network box with no log entry."""

    when: datetime
    contact_id: str | None
    name: str
    channel: str
    minutes: float
    exchange: str = ""
    shared: str = ""  # the title of the shipped item shared
    note: str = ""
    record_id: str = ""  # the interaction's id, or the session's


class DueContact(NamedTuple):
    contact_id: str
    name: str
    due: date
    reason: str  # "follow-up" or "cadence"
    days_overdue: int  # as of the summary's day; negative: days until due
    at_least: bool = False  # last met before the look-back: overdue by at least this


class Verdict(NamedTuple):
    """The week in the essay's terms. status: empty, telescope, below, on, reach_out."""

    status: str
    text: str


class NextBox(NamedTuple):
    """One line saying what to do next, and the box that does it."""

    kind: Kind
    text: str
    minutes: int
    item_id: str | None = None
    item_title: str | None = None
    contact_id: str | None = None
    contact_name: str | None = None


class Shared(NamedTuple):
    """A shipped card shared with someone this week (an interaction naming it)."""

    when: datetime
    item_id: str
    title: str
    contact_id: str
    name: str
    channel: str


class WeeklySummary(NamedTuple):
    week: str  # 2026-W48
    first_day: date
    last_day: date
    time_zone: str
    as_of: datetime  # the instant the week is summed up to (now, or the week's end)
    plan: Plan
    produce: float  # minutes
    network: float
    days: tuple[DayLine, ...]
    budgets: tuple[Budget, Budget]
    boxes_finished: int
    boxes_finished_early: int
    items_shipped: tuple[Item, ...]
    time_per_item: tuple[ItemTime, ...]
    people_met: tuple[Meeting, ...]
    new_contacts: tuple[Contact, ...]
    follow_ups_next_week: tuple[DueContact, ...]
    going_stale: tuple[DueContact, ...]
    due_now: tuple[DueContact, ...]  # every contact due on the as-of day, most overdue first
    streak: int  # days in a row, up to the as-of day, with at least one produce box
    verdict: Verdict
    next_box: NextBox
    sessions: tuple[Session, ...]  # the week's, in time order (for CSV and ICS)
    interactions: tuple[Interaction, ...]
    minutes_in_week: dict[str, float]  # session id → its minutes inside the week
    unit: str = "week"  # the span: week, day, month, year or range (`week` is its label)
    shared: tuple[Shared, ...] = ()  # shipped cards shared this week, in time order
    reflection: str = ""  # written in the week's review
    reviewed: datetime | None = None  # when the week's review was done

    @property
    def ratio(self) -> float | None:
        return ratio(self.produce, self.network)

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.produce, self.network)

    @property
    def target_text(self) -> str:
        return f"{self.plan.target_ratio:g} : 1"

    @property
    def ended(self) -> bool:
        """Whether the span was over when summed up (a past week): nothing is left in it
        to do, and it is spoken of in the past."""
        return is_over(self.last_day, self.as_of, self.time_zone)


# the pure rules ---------------------------------------------------------------------


def is_over(last_day: date, as_of: datetime, tz_name: str) -> bool:
    """Whether a span ending on `last_day` was over at `as_of` (in the zone `tz_name`)."""
    return local_date(as_of, tz_name) > last_day


def status(minutes: Minutes, target: float) -> Verdict:
    """The balance of a window against the target; none on too little tracked time (a
    minute of network alone is no reason to turn the telescope around)."""
    if minutes.total <= 0:
        return Verdict("empty", "nothing recorded yet")
    if minutes.total < JUDGE_FROM_MINUTES:
        tracked = round(minutes.total)
        return Verdict(
            "early", f"too little tracked to judge ({tracked} of {JUDGE_FROM_MINUTES} m)"
        )
    if minutes.network > minutes.produce and target >= 1:  # unless a plan aims for it
        return Verdict("telescope", f"network above produce — {TELESCOPE}")
    value = minutes.ratio
    if value is not None and round(value, 1) < target:
        return Verdict("below", f"below target ({format_ratio(*_pair(minutes))} of {target:g} : 1)")
    return Verdict("on", f"on target ({format_ratio(*_pair(minutes))}, aim {target:g} : 1)")


def _pair(minutes: Minutes) -> tuple[float, float]:
    return minutes.produce, minutes.network


def produce_only_workdays(days: Sequence[DayLine], last: date) -> int:
    """Workdays in a row, up to `last`, with produce time and no network time (days off
    are skipped, a workday with nothing recorded ends the run)."""
    count = 0
    for line in sorted((d for d in days if d.day <= last), key=lambda d: d.day, reverse=True):
        if line.day.isoweekday() not in WORKDAYS:
            continue
        if line.produce > 0 and line.network <= 0:
            count += 1
        else:
            break
    return count


def verdict(
    minutes: Minutes,
    target: float,
    produce_only_days: int,
    due: Sequence[DueContact],
    ended: bool = False,
) -> Verdict:
    """The week's headline; of a week that is over (`ended`), in the past tense."""
    base = status(minutes, target)
    if base.status == "empty" and ended:
        return Verdict("empty", "nothing recorded")
    if base.status in ("empty", "early", "telescope"):
        return base
    if produce_only_days >= REACH_OUT_AFTER and due:
        who = due[0].name
        more = f" and {len(due) - 1} more" if len(due) > 1 else ""
        if ended:
            return Verdict(
                "reach_out",
                f"only produce for its last {produce_only_days} workdays while {who}{more} "
                f"{'were' if more else 'was'} due",
            )
        return Verdict(
            "reach_out",
            f"only produce for {produce_only_days} workdays while {who}{more} "
            f"{'are' if more else 'is'} due — reach out",
        )
    return base


def next_box(
    plan: Plan,
    minutes: Minutes,
    items: Iterable[Item],
    due: Sequence[DueContact],
) -> NextBox:
    """What to do next, from the week's shortfall. `due` is most overdue first."""
    produce_left = max(0.0, plan.budget_minutes(Kind.PRODUCE) - minutes.produce)
    network_left = max(0.0, plan.budget_minutes(Kind.NETWORK) - minutes.network)
    heavy_network = minutes.network > minutes.produce or (
        minutes.network > 0 and round(minutes.produce / minutes.network, 1) < plan.target_ratio
    )
    overdue = [contact for contact in due if contact.days_overdue >= 0]
    if not heavy_network and overdue and (network_left > 0 or produce_left <= 0):
        return _network_box(plan, overdue[0])
    if produce_left > 0 or heavy_network or not overdue:
        card = next_card(items, plan)
        budget = plan.produce_budget_hours
        if produce_left > 0:
            lead = f"{format_hours(produce_left)} left of {budget:g} h"
        elif heavy_network:
            lead = f"network is ahead of {plan.target_ratio:g} : 1"
        else:
            lead = f"budget of {budget:g} h met"
        if card is None:
            text = f"Produce: {lead} — start a {plan.produce_minutes} min box"
            return NextBox(Kind.PRODUCE, text, plan.produce_minutes)
        text = f'Produce: {lead} — start a box on "{card.title}"'
        return NextBox(Kind.PRODUCE, text, plan.produce_minutes, card.id, card.title)
    return _network_box(plan, overdue[0])


def _network_box(plan: Plan, contact: DueContact) -> NextBox:
    days = contact.days_overdue
    late = "due today" if days == 0 else f"{days}{'+' if contact.at_least else ''} days overdue"
    text = f"Network: {contact.name} is {late} — start a {plan.network_minutes} min box"
    return NextBox(
        Kind.NETWORK,
        text,
        plan.network_minutes,
        contact_id=contact.contact_id,
        contact_name=contact.name,
    )


def next_card(items: Iterable[Item], plan: Plan) -> Item | None:
    """The card to work on: the first in the WIP column, else the nearest column before
    shipped that has one (never a shipped or archived card)."""
    columns = [c.casefold() for c in plan.board_columns[:-1]]
    order = list(reversed(columns))
    wip = plan.wip_column.casefold()
    if wip in order:
        order.remove(wip)
        order.insert(0, wip)
    lanes: dict[str, list[Item]] = {}
    for item in items:
        if not item.archived and item.shipped is None:
            lanes.setdefault(item.column.casefold(), []).append(item)
    for column in order:
        cards = lanes.get(column)
        if cards:
            return min(cards, key=lambda item: (item.position, item.created, item.id))
    return None


def contact_due(
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    sessions: Iterable[Session],
    *,
    as_of: datetime,
    tz_name: str,
    horizon: date,
    today: date | None = None,
) -> list[DueContact]:
    """Each contact's next due date as of an instant, from the interactions and network
    boxes before it (and on or after `horizon`: older meetings were not read), by the
    contact log's one rule (`core.due.due_day`). Contacts without a cadence or a
    follow-up are never due. Sorted by due date."""
    tz = zone(tz_name)
    tallies, _linked = rules.tally(i for i in interactions if i.when < as_of)
    boxes = rules.last_boxes(sessions, before=as_of)
    today = today or local_date(as_of, tz_name)  # a past week's: its last day
    found: list[DueContact] = []
    for contact in contacts:
        if contact.created >= as_of:
            continue
        tally = tallies.get(contact.id)
        met_day = rules.last_met_day(tally, boxes.get(contact.id), tz)
        when = rules.due_day(contact, tally, met_day, tz, since=horizon)
        if when.due is None:
            continue
        at_least = met_day is None and contact.created.astimezone(tz).date() < horizon
        exact = when.reason == "follow-up" or not at_least
        found.append(
            DueContact(
                contact.id, contact.name, when.due, when.reason, (today - when.due).days, not exact
            )
        )
    found.sort(key=lambda d: (d.due, d.name.casefold()))
    return found


def is_a_box(session: Session, minimum_minutes: int) -> bool:
    """Whether a session counts as a box (finished, a streak day): at least the minimum
    length (`boxes.minimum_minutes`; a 10-second box is a slip of the finger)."""
    return session.active_seconds >= minimum_minutes * 60


def streak(
    sessions: Iterable[Session], last: date, tz_name: str, first: date, minimum_minutes: int = 1
) -> int:
    """Days in a row up to `last` with at least one produce box (today still counts while
    it is empty: the streak is not broken until the day ends)."""
    produce_days = {
        day
        for session in sessions
        if session.kind is Kind.PRODUCE and is_a_box(session, minimum_minutes)
        for day in _days_of(session, tz_name)
    }
    day = last if last in produce_days else last - timedelta(days=1)
    count = 0
    while day >= first and day in produce_days:
        count += 1
        day -= timedelta(days=1)
    return count


def _days_of(session: Session, tz_name: str) -> tuple[date, ...]:
    first = local_date(session.start, tz_name)
    end = local_date(session.end - timedelta(seconds=1), tz_name)
    if end <= first:
        return (first,)
    return tuple(first + timedelta(days=i) for i in range((end - first).days + 1))


# the summary --------------------------------------------------------------------------


def summarize(
    first_day: date,
    *,
    sessions: Iterable[Session],
    interactions: Iterable[Interaction],
    items: Iterable[Item],
    contacts: Iterable[Contact],
    plan: Plan,
    tz_name: str,
    now: datetime,
    sessions_from: date | None = None,
    span_days: int = 7,
    unit: str = "week",
    label: str | None = None,
    reflection: str = "",
    reviewed: datetime | None = None,
) -> WeeklySummary:
    """The week that starts on `first_day` (or any span of `span_days` days from it: a
    day, a month, a year, labelled `label`; its budgets are the weekly ones pro rata, to a
    tenth of an hour). `interactions` must cover the span and the `LOOKBACK_DAYS` before
    it; `sessions` the span and the days from `sessions_from` (by default the same
    look-back): the streak is counted back to that day at most. Boxes with a contact
    before that day count still, as meetings (each contact's last). `items` and
    `contacts` may be all of them or only those this span can show: items shipped in it,
    open cards, items its boxes and meetings name; contacts added or met in it, with a
    cadence, or with a follow-up in the look-back."""
    grid = DayGrid.build(first_day, span_days, tz_name)
    as_of = min(now.astimezone(UTC), grid.end)
    today = min(local_date(as_of, tz_name), grid.days[-1])
    horizon = first_day - timedelta(days=LOOKBACK_DAYS)
    all_sessions = sorted(sessions, key=lambda s: (s.start, s.id))
    all_interactions = sorted(interactions, key=lambda i: (i.when, i.id))
    week_sessions = tuple(s for s in all_sessions if s.start < grid.end and s.end > grid.start)
    week_interactions = tuple(i for i in all_interactions if grid.start <= i.when < grid.end)
    per_day = minutes_by_day(grid, week_sessions, week_interactions)
    starts: dict[date, int] = {}
    for session in week_sessions:
        day = grid.day_of(session.start)
        if day is not None:
            starts[day] = starts.get(day, 0) + 1
    days = tuple(
        DayLine(day, per_day[day].produce, per_day[day].network, starts.get(day, 0))
        for day in grid.days
    )
    week = Minutes(sum(d.produce for d in days), sum(d.network for d in days))
    item_list = list(items)
    contact_list = list(contacts)
    by_item = {item.id: item for item in item_list}
    names = {contact.id: contact.name for contact in contact_list}
    # met by now: what was logged within the clock's current second too (the clock counts
    # whole seconds; a meeting logged just now settles what was due)
    met_by = min(now.astimezone(UTC) + timedelta(seconds=1), grid.end)
    due = contact_due(
        contact_list,
        all_interactions,
        all_sessions,
        as_of=met_by,
        tz_name=tz_name,
        horizon=horizon,
        today=today,
    )
    due_now = sorted(
        (d for d in due if d.due <= today), key=lambda d: (-d.days_overdue, d.name.casefold())
    )
    next_first = first_day + timedelta(days=span_days)
    follow_ups = tuple(d for d in due if next_first <= d.due < next_first + timedelta(days=7))
    stale = tuple(d for d in due_now if d.reason == "cadence")
    shipped = tuple(
        sorted(
            (i for i in item_list if i.shipped is not None and grid.start <= i.shipped < grid.end),
            key=lambda i: (i.shipped or grid.start, i.id),
        )
    )
    finished = [
        s
        for s in week_sessions
        if grid.start <= s.end <= grid.end and is_a_box(s, plan.minimum_minutes)
    ]
    early = sum(
        1
        for s in finished
        if s.planned_seconds is not None and s.active_seconds < s.planned_seconds
    )
    seconds_in_week = {
        s.id: sum(seconds for _day, seconds in grid.split(s.start, s.end)) for s in week_sessions
    }
    minutes_in_week = {s.id: _share(s, seconds_in_week[s.id]) / 60 for s in week_sessions}
    share = span_days / 7
    budgets = (
        Budget(Kind.PRODUCE, week.produce, round(plan.produce_budget_hours * share, 1)),
        Budget(Kind.NETWORK, week.network, round(plan.network_budget_hours * share, 1)),
    )
    only = produce_only_workdays(days, today)
    return WeeklySummary(
        week=label or week_label(first_day),
        first_day=first_day,
        last_day=grid.days[-1],
        time_zone=tz_name,
        as_of=as_of,
        plan=plan,
        produce=week.produce,
        network=week.network,
        days=days,
        budgets=budgets,
        boxes_finished=len(finished),
        boxes_finished_early=early,
        items_shipped=shipped,
        time_per_item=_time_per_item(week_sessions, minutes_in_week, by_item),
        people_met=_people_met(week_sessions, week_interactions, names, by_item, minutes_in_week),
        new_contacts=tuple(
            sorted(
                (c for c in contact_list if grid.start <= c.created < grid.end),
                key=lambda c: (c.created, c.id),
            )
        ),
        follow_ups_next_week=follow_ups,
        going_stale=stale,
        due_now=tuple(due_now),
        streak=streak(all_sessions, today, tz_name, sessions_from or horizon, plan.minimum_minutes),
        verdict=verdict(
            week, plan.target_ratio, only, due_now, is_over(grid.days[-1], as_of, tz_name)
        ),
        next_box=next_box(
            plan._replace(
                produce_budget_hours=budgets[0].budget_hours,
                network_budget_hours=budgets[1].budget_hours,
            ),
            week,
            item_list,
            due_now,
        ),
        sessions=week_sessions,
        interactions=week_interactions,
        minutes_in_week=minutes_in_week,
        unit=unit,
        shared=shared_in(week_interactions, by_item, names),
        reflection=reflection,
        reviewed=reviewed,
    )


def shared_in(
    interactions: Iterable[Interaction], items: dict[str, Item], names: dict[str, str]
) -> tuple[Shared, ...]:
    """The cards shared in these interactions, in time order (a deleted card keeps its
    place, untitled)."""
    found = [
        Shared(
            i.when,
            i.shared_item_id,
            items[i.shared_item_id].title if i.shared_item_id in items else "(deleted card)",
            i.contact_id,
            names.get(i.contact_id, "(deleted contact)"),
            i.channel,
        )
        for i in interactions
        if i.shared_item_id
    ]
    found.sort(key=lambda shared: (shared.when, shared.name.casefold()))
    return tuple(found)


def _share(session: Session, seconds_in_week: float) -> float:
    wall = (session.end - session.start).total_seconds()
    return 0.0 if wall <= 0 else seconds_in_week * session.active_seconds / wall


def _time_per_item(
    sessions: Iterable[Session], minutes: dict[str, float], items: dict[str, Item]
) -> tuple[ItemTime, ...]:
    totals: dict[str | None, tuple[str, float, int]] = {}
    for session in sessions:
        if session.kind is not Kind.PRODUCE:
            continue
        key = session.item_id
        item = items.get(key) if key is not None else None
        title = item.title if item is not None else (session.item_title or "(no card)")
        _, spent, boxes = totals.get(key, (title, 0.0, 0))
        totals[key] = (title, spent + minutes[session.id], boxes + 1)
    lines = [
        ItemTime(
            key,
            title,
            spent,
            boxes,
            shipped=key is not None and key in items and items[key].shipped is not None,
        )
        for key, (title, spent, boxes) in totals.items()
    ]
    lines.sort(key=lambda line: (-line.minutes, line.title.casefold()))
    return tuple(lines)


def _people_met(
    sessions: Iterable[Session],
    interactions: Iterable[Interaction],
    names: dict[str, str],
    items: dict[str, Item],
    minutes: dict[str, float],
) -> tuple[Meeting, ...]:
    met: list[Meeting] = []
    logged = set()
    for interaction in interactions:
        if interaction.session_id is not None:
            logged.add(interaction.session_id)
        shared = items.get(interaction.shared_item_id or "")
        met.append(
            Meeting(
                interaction.when,
                interaction.contact_id,
                names.get(interaction.contact_id, "(deleted contact)"),
                interaction.channel,
                float(interaction.minutes),
                interaction.exchange,
                shared.title if shared is not None else "",
                interaction.note,
                interaction.id,
            )
        )
    for session in sessions:
        if session.kind is Kind.NETWORK and session.contact_id and session.id not in logged:
            name = names.get(session.contact_id, session.contact_name or "(deleted contact)")
            met.append(
                Meeting(
                    session.start,
                    session.contact_id,
                    name,
                    "box",
                    minutes[session.id],
                    note=session.note,
                    record_id=session.id,
                )
            )
    met.sort(key=lambda m: (m.when, m.name.casefold()))
    return tuple(met)


class TagTime(NamedTuple):
    """Time of the span's sessions with one tag (`tag` None: those with none)."""

    tag: str | None
    minutes: float
    boxes: int


class ContactTime(NamedTuple):
    """Network time with one person in the span: their meetings (logged interactions
    and network boxes with them that no interaction names), as People met counts them."""

    contact_id: str | None
    name: str
    minutes: float
    meetings: int


def time_per_tag(summary: WeeklySummary) -> tuple[TagTime, ...]:
    """Minutes per tag, most first (then by tag). A session with two tags counts in
    both rows, so the rows add up to more than the span's time; one with none is in the
    `None` row, last."""
    totals: dict[str, tuple[str, float, int]] = {}
    untagged = (0.0, 0)
    for session in summary.sessions:
        minutes = summary.minutes_in_week.get(session.id, 0.0)
        if not session.tags:
            untagged = (untagged[0] + minutes, untagged[1] + 1)
        for tag in session.tags:
            key = tag.casefold()
            name, spent, boxes = totals.get(key, (tag, 0.0, 0))
            totals[key] = (name, spent + minutes, boxes + 1)
    lines = [TagTime(name, spent, boxes) for name, spent, boxes in totals.values()]
    lines.sort(key=lambda line: (-line.minutes, (line.tag or "").casefold()))
    if untagged[1]:
        lines.append(TagTime(None, *untagged))
    return tuple(lines)


def time_per_contact(summary: WeeklySummary) -> tuple[ContactTime, ...]:
    """Minutes and meetings per person met in the span, most first (then by name)."""
    totals: dict[str, ContactTime] = {}
    for meeting in summary.people_met:
        key = meeting.contact_id or f"name:{meeting.name}"
        seen = totals.get(key, ContactTime(meeting.contact_id, meeting.name, 0.0, 0))
        totals[key] = seen._replace(
            minutes=seen.minutes + meeting.minutes, meetings=seen.meetings + 1
        )
    return tuple(sorted(totals.values(), key=lambda t: (-t.minutes, t.name.casefold())))
