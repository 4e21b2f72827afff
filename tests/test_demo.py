"""The sample data generator: deterministic, inside its span, realistic, and storable."""

from __future__ import annotations

import itertools
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, Kind, Session
from netbalance.core.stats import minutes_by_day
from netbalance.core.weeks import DayGrid, week_start_of
from netbalance.demo import sample as demo
from netbalance.demo.sample import DemoData
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 15, 30, 12, tzinfo=UTC)  # a Saturday afternoon
TZ = "Europe/Berlin"
WEEKS = demo.SIZES["demo"].weeks


@pytest.fixture(scope="module")
def data() -> DemoData:
    return demo.demo(NOW, tz_name=TZ)


def instants(data: DemoData) -> Iterator[datetime]:
    for session in data.sessions:
        yield from (session.start, session.end, session.created, session.updated)
    for item in data.items:
        yield from (item.created, item.updated)
        if item.shipped is not None:
            yield item.shipped
    for contact in data.contacts:
        yield from (contact.created, contact.updated)
    for interaction in data.interactions:
        yield from (interaction.when, interaction.created, interaction.updated)


def assert_no_overlap(sessions: tuple[Session, ...]) -> None:
    ordered = sorted(sessions, key=lambda session: session.start)
    for before, after in itertools.pairwise(ordered):
        assert before.end <= after.start, (before, after)
    assert all(session.start < session.end for session in sessions)


def local_today() -> date:
    return NOW.astimezone(ZoneInfo(TZ)).date()


# determinism -----------------------------------------------------------------------


def test_same_inputs_give_the_same_data(data: DemoData) -> None:
    again = demo.demo(NOW, tz_name=TZ)
    assert again == data
    assert [s.id for s in again.sessions] == [s.id for s in data.sessions]


def test_another_seed_gives_other_data(data: DemoData) -> None:
    other = demo.demo(NOW, seed=2, tz_name=TZ)
    assert other != data
    assert {s.id for s in other.sessions}.isdisjoint(s.id for s in data.sessions)
    assert [s.start for s in other.sessions] != [s.start for s in data.sessions]


def test_ids_are_unique_version_4_uuids(data: DemoData) -> None:
    ids = [
        record.id
        for records in (data.sessions, data.items, data.contacts, data.interactions)
        for record in records
    ]
    assert len(ids) == len(set(ids))
    for record_id in ids[:50]:
        assert uuid.UUID(record_id).version == 4


def test_uuid_text_matches_the_uuid_module() -> None:
    for bits in (0, (1 << 128) - 1, 0x1234_5678_9ABC_DEF0_0FED_CBA9_8765_4321):
        assert demo.uuid_text(bits) == str(uuid.UUID(int=bits, version=4))


# the span ----------------------------------------------------------------------------


def test_everything_lies_in_the_weeks_before_now(data: DemoData) -> None:
    since = NOW - timedelta(weeks=WEEKS)
    seen = list(instants(data))
    assert seen
    for instant in seen:
        assert instant.utcoffset() == timedelta(0)
        assert instant.microsecond == 0
        assert since <= instant <= NOW, instant
    for item in data.items:
        assert item.created <= item.updated
    for session in data.sessions:
        assert session.end <= session.created <= session.updated
    for interaction in data.interactions:
        assert interaction.when <= interaction.created <= interaction.updated


def test_now_with_microseconds_and_another_zone_is_read_as_its_instant() -> None:
    now = datetime(2026, 11, 28, 16, 30, 12, 999_999, tzinfo=ZoneInfo("Europe/Berlin"))
    data = demo.generate(now, weeks=2)
    assert max(instants(data)) <= NOW
    assert min(instants(data)) >= NOW - timedelta(weeks=2)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        demo.generate(datetime(2026, 11, 28), weeks=2)
    with pytest.raises(ValueError, match="weeks"):
        demo.generate(NOW, weeks=0)
    with pytest.raises(ValueError, match="time zone"):
        demo.generate(NOW, weeks=2, tz_name="Mars/Olympus_Mons")


# sessions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tz_name", ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland"]
)
def test_sessions_never_overlap_across_dst_changes(tz_name: str) -> None:
    data = demo.generate(NOW, weeks=60, seed=7, tz_name=tz_name)
    assert_no_overlap(data.sessions)


def test_sessions_look_like_a_working_life(data: DemoData) -> None:
    zone = ZoneInfo(TZ)
    sessions = data.sessions
    assert 150 <= len(sessions) <= 600
    starts = [session.start.astimezone(zone) for session in sessions]
    in_hours = sum(1 for start in starts if 8 <= start.hour < 19)
    on_workdays = sum(1 for start in starts if start.weekday() < 5)
    assert in_hours >= 0.97 * len(sessions)
    assert on_workdays >= 0.8 * len(sessions)
    for session in sessions:
        if session.planned_seconds is None:
            continue
        presets = (25, 50, 90) if session.kind is Kind.PRODUCE else (15, 30)
        assert session.planned_seconds in tuple(minutes * 60 for minutes in presets)
    assert any(session.planned_seconds is None for session in sessions)  # stopwatches
    assert any(session.paused_seconds > 0 for session in sessions)
    assert any(session.note for session in sessions)
    assert {session.kind for session in sessions} == {Kind.PRODUCE, Kind.NETWORK}


def test_sessions_link_to_real_items_and_contacts(data: DemoData) -> None:
    items = {item.id: item for item in data.items}
    contacts = {contact.id: contact for contact in data.contacts}
    linked_items = [session for session in data.sessions if session.item_id]
    linked_contacts = [session for session in data.sessions if session.contact_id]
    assert linked_items
    assert linked_contacts
    for session in linked_items:
        item = items[session.item_id or ""]
        assert session.kind is Kind.PRODUCE
        assert session.item_title == item.title
        assert item.created <= session.start
        assert item.column in ("Doing", "Shipped")
    for session in linked_contacts:
        contact = contacts[session.contact_id or ""]
        assert session.kind is Kind.NETWORK
        assert session.contact_name == contact.name
        assert contact.created <= session.start


def weekly_minutes(data: DemoData, weeks: int) -> dict[date, tuple[float, float]]:
    first = week_start_of((NOW - timedelta(weeks=weeks)).date())
    grid = DayGrid.build(first, (NOW.date() - first).days + 2, TZ)
    totals: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for day, minutes in minutes_by_day(grid, data.sessions, data.interactions).items():
        week = totals[week_start_of(day)]
        week[0] += minutes.produce
        week[1] += minutes.network
    return {week: (produce, network) for week, (produce, network) in totals.items()}


def test_the_ratio_varies_by_week_with_a_networking_week(data: DemoData) -> None:
    weeks = weekly_minutes(data, WEEKS)
    full = [minutes for week, minutes in weeks.items() if week <= local_today() - timedelta(7)]
    ratios = [produce / network for produce, network in full[1:] if network > 0]
    assert any(network > produce for produce, network in full)  # "turn the telescope around"
    assert 2.0 <= statistics.median(ratios) <= 5.0
    assert max(ratios) - min(ratios) > 1.0


# the board ---------------------------------------------------------------------------


def test_every_column_is_populated_and_doing_respects_the_limit(data: DemoData) -> None:
    columns: dict[str, list[Item]] = defaultdict(list)
    for item in data.items:
        columns[item.column].append(item)
    assert set(columns) == set(demo.COLUMNS)
    for column in demo.COLUMNS:
        assert any(not item.archived for item in columns[column]), column
    assert len([item for item in columns["Doing"] if not item.archived]) <= demo.DOING_LIMIT
    for items in columns.values():
        positions = [item.position for item in items]
        assert len(set(positions)) == len(positions)
    assert 30 <= len(data.items) <= 60


def test_shipped_items_are_the_track_record(data: DemoData) -> None:
    today = local_today()
    shipped = [item for item in data.items if item.column == "Shipped"]
    assert all(item.shipped is not None for item in shipped)
    assert all(item.shipped is None for item in data.items if item.column != "Shipped")
    week_ago = NOW - timedelta(days=7)
    assert sum(1 for item in shipped if item.shipped and item.shipped >= week_ago) >= 2
    assert any(item.archived for item in shipped)
    for item in shipped:
        assert item.shipped is not None
        if item.archived:
            assert item.shipped < NOW - timedelta(days=28)
    open_items = [item for item in data.items if item.column != "Shipped"]
    assert any(item.due is not None and item.due < today for item in open_items)
    assert any(item.due is not None and item.due >= today for item in open_items)
    assert any(item.estimate for item in data.items)
    assert any(item.tags for item in data.items)


# contacts and interactions ------------------------------------------------------------


def last_contact(data: DemoData) -> dict[str, datetime]:
    """The latest interaction or network session with each contact."""
    last: dict[str, datetime] = {}
    pairs = [(x.contact_id, x.when) for x in data.interactions]
    pairs += [(s.contact_id, s.start) for s in data.sessions if s.contact_id]
    for contact_id, when in pairs:
        if contact_id not in last or when > last[contact_id]:
            last[contact_id] = when
    return last


def is_overdue(contact: Contact, last: dict[str, datetime]) -> bool:
    if contact.cadence_days is None:
        return False
    seen = last.get(contact.id, contact.created)
    return seen.date() + timedelta(days=contact.cadence_days) < local_today()


def test_some_contacts_are_overdue_and_some_are_not(data: DemoData) -> None:
    last = last_contact(data)
    with_cadence = [contact for contact in data.contacts if contact.cadence_days]
    overdue = [contact for contact in with_cadence if is_overdue(contact, last)]
    assert overdue
    assert len(overdue) < len(with_cadence)
    assert 50 <= len(data.contacts) <= 75
    assert len({contact.name for contact in data.contacts}) == len(data.contacts)
    assert all(contact.name and contact.how_met for contact in data.contacts)


def test_interactions_are_consistent(data: DemoData) -> None:
    contacts = {contact.id: contact for contact in data.contacts}
    items = {item.id: item for item in data.items}
    sessions = {session.id: session for session in data.sessions}
    linked: list[Interaction] = []
    for interaction in data.interactions:
        assert interaction.contact_id in contacts
        assert interaction.channel in demo.CHANNELS
        assert interaction.exchange in demo.EXCHANGES
        assert interaction.minutes > 0
        if interaction.shared_item_id is not None:
            item = items[interaction.shared_item_id]
            assert item.shipped is not None and item.shipped <= interaction.when
        if interaction.session_id is not None:
            session = sessions[interaction.session_id]
            assert session.kind is Kind.NETWORK
            assert session.contact_id == interaction.contact_id
            assert interaction.minutes == session.minutes
            assert interaction.when == session.start
            linked.append(interaction)
    assert linked
    assert len(linked) < len(data.interactions) / 2
    assert any(interaction.shared_item_id for interaction in data.interactions)


def test_follow_ups_are_due_soon_and_overdue(data: DemoData) -> None:
    today = local_today()
    follow_ups = [x.follow_up for x in data.interactions if x.follow_up is not None]
    assert any(today < day <= today + timedelta(days=7) for day in follow_ups)
    assert any(day < today for day in follow_ups)


# heavy and the store -------------------------------------------------------------------


def test_heavy_is_ten_busy_years() -> None:
    data = demo.heavy(NOW)
    counts = data.counts()
    assert counts["sessions"] >= 50_000
    assert counts["items"] >= 3_000
    assert counts["contacts"] >= 2_000
    assert counts["interactions"] >= 15_000
    assert_no_overlap(data.sessions)
    since = NOW - timedelta(weeks=520)
    assert since <= data.sessions[0].start and data.sessions[-1].end <= NOW
    assert since <= data.interactions[0].when and data.interactions[-1].when <= NOW
    doing = [item for item in data.items if item.column == "Doing" and not item.archived]
    assert 1 <= len(doing) <= demo.DOING_LIMIT


def test_write_then_reopen_holds_every_record(tmp_path: Path, data: DemoData) -> None:
    path = str(tmp_path / "demo.json")
    clock = FakeClock(NOW)
    demo.write(Store.open(path, clock), data)
    store = Store.open(path, clock)
    assert sorted(store.sessions.all(), key=lambda s: s.id) == sorted(
        data.sessions, key=lambda s: s.id
    )
    assert sorted(store.items.all(), key=lambda i: i.id) == sorted(data.items, key=lambda i: i.id)
    assert len(store.contacts.all()) == len(data.contacts)
    assert sorted(store.contacts.all(), key=lambda c: c.id) == sorted(
        data.contacts, key=lambda c: c.id
    )
    assert len(store.interactions.all()) == len(data.interactions)
    stored = {interaction.id: interaction for interaction in store.interactions.all()}
    assert all(stored[interaction.id] == interaction for interaction in data.interactions)
