"""Each record type survives a trip to disk and back, in the file it belongs to."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from nbstore_helpers import Make, content, read_json

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, replace
from netbalance.store.datafile import DataFile
from netbalance.store.errors import UnknownId
from netbalance.store.repos import month_of
from netbalance.store.store import Store


def _doc_ids(path: str, table: str) -> list[str]:
    return list(read_json(path).get(table, {}))


def test_session_round_trip_lands_in_its_month_file(
    store: Store, open_store: Callable[..., Store], make: Make, path: str
) -> None:
    session = make.session(start=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    store.sessions.add(session)

    again = open_store()
    assert again.sessions.get(session.id) == session
    assert again.sessions.all() == [session]
    assert again.months() == ["2026-03"]
    stem = path[: -len(".json")]
    assert _doc_ids(f"{stem}.2026-03.json", "sessions") == ["1"]
    assert not os.path.exists(path)  # the main file is not needed for history


def test_interaction_round_trip_lands_in_its_month_file(
    store: Store, open_store: Callable[..., Store], make: Make, path: str
) -> None:
    contact = store.contacts.add(make.contact())
    early = make.interaction(contact.id, when=datetime(2025, 6, 1, 12, 0, tzinfo=UTC))
    late = make.interaction(contact.id, when=datetime(2026, 6, 1, 12, 0, tzinfo=UTC))
    store.interactions.add(late)
    store.interactions.add(early)

    again = open_store()
    assert again.months() == ["2025-06", "2026-06"]
    stem = path[: -len(".json")]
    assert _doc_ids(f"{stem}.2025-06.json", "interactions") == ["1"]
    assert _doc_ids(f"{stem}.2026-06.json", "interactions") == ["1"]
    assert again.interactions.get(early.id) == early
    assert again.interactions.of_contact(contact.id) == [early, late]
    assert again.interactions.between(
        datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    ) == [late]
    assert again.interactions.between(
        datetime(2026, 6, 1, 12, 0, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)
    ) == [late]


@pytest.mark.parametrize(
    ("start", "minutes", "month"),
    [
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), 60, "2026-12"),
        (datetime(2026, 4, 30, 23, 30, tzinfo=UTC), 60, "2026-04"),
        (datetime(2028, 2, 29, 0, 30, tzinfo=UTC), 24 * 60, "2028-02"),
    ],
    ids=["new year", "month end", "a whole day from a leap day"],
)
def test_session_across_month_end_is_found_from_the_next_month(
    store: Store,
    open_store: Callable[..., Store],
    make: Make,
    start: datetime,
    minutes: int,
    month: str,
) -> None:
    crossing = make.session(start=start, minutes=minutes)
    store.sessions.add(crossing)
    again = open_store()
    assert again.months() == [month]  # stored by its start
    first_day = crossing.end.replace(hour=0, minute=0)
    assert first_day.day == 1 and first_day > crossing.start
    next_month = again.sessions.between(first_day, first_day + timedelta(days=7))
    assert next_month == [crossing]
    assert again.sessions.between(crossing.end, first_day + timedelta(days=7)) == []


@pytest.mark.parametrize(
    "new_start",
    [datetime(2027, 1, 2, 10, 0, tzinfo=UTC), datetime(2026, 11, 2, 10, 0, tzinfo=UTC)],
    ids=["into the next year", "into the month before"],
)
def test_session_update_moves_between_month_files_and_remove_deletes(
    store: Store, open_store: Callable[..., Store], make: Make, path: str, new_start: datetime
) -> None:
    session = make.session(start=datetime(2026, 12, 31, 10, 0, tzinfo=UTC))
    store.sessions.add(session)
    moved = replace(session, start=new_start, end=new_start + timedelta(hours=1), note="moved")
    store.sessions.update(moved)

    again = open_store()
    assert again.months() == sorted(["2026-12", month_of(new_start)])
    stem = path[: -len(".json")]
    assert _doc_ids(f"{stem}.2026-12.json", "sessions") == []
    assert _doc_ids(f"{stem}.{month_of(new_start)}.json", "sessions") == ["1"]
    assert content(again.sessions.all()) == content([moved])
    assert (
        again.sessions.between(datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
        == []
    )

    again.sessions.remove(moved)
    assert open_store().sessions.all() == []
    with pytest.raises(UnknownId):
        again.sessions.remove(moved)


def test_item_and_contact_round_trip_in_the_main_file(
    store: Store, open_store: Callable[..., Store], make: Make, path: str
) -> None:
    item = store.items.add(make.item())
    contact = store.contacts.add(make.contact())
    assert store.months() == []  # nothing of the history was written

    again = open_store()
    assert again.items.all() == [item]
    assert again.contacts.all() == [contact]

    edited = replace(item, title="Write the second paper", tags=("paper",), due=None)
    again.items.update(edited)
    again.contacts.remove(contact)

    third = open_store()
    assert content(third.items.get(item.id)) == content(edited)
    assert third.contacts.all() == []
    data = read_json(path)
    # the highest revision the file has handed out: a record put back never reuses one
    assert data["meta"]["1"] == {"schema_version": 1, "role": "main", "revisions": 1}
    assert next(iter(data["items"].values()))["title"] == "Write the second paper"


def test_add_many_is_one_save_per_file(
    store: Store, open_store: Callable[..., Store], make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = [
        make.session(start=datetime(2025 + n % 2, 5 + n % 3, 1 + n, 9, 0, tzinfo=UTC))
        for n in range(12)
    ]
    saved: list[str] = []
    real_save = DataFile.save

    def counting_save(data_file: DataFile, day: str) -> None:
        saved.append(os.path.basename(data_file.path))
        real_save(data_file, day)

    monkeypatch.setattr(DataFile, "save", counting_save)
    assert store.sessions.add_many(sessions) == 12
    months = ["2025-05", "2025-06", "2025-07", "2026-05", "2026-06", "2026-07"]
    assert sorted(saved) == [f"nb.{month}.json" for month in months]
    again = open_store()
    assert sorted(s.id for s in again.sessions.all()) == sorted(s.id for s in sessions)
    assert again.months() == months


def test_running_box_round_trips_through_its_own_file(
    store: Store, open_store: Callable[..., Store], clock: FakeClock, path: str
) -> None:
    box = boxes.start(store, Kind.NETWORK, minutes=30, contact_name="Ada", note="coffee")
    clock.advance(minutes=5)
    paused = boxes.pause(store)
    stem = path[: -len(".json")]
    assert os.path.exists(f"{stem}.box.json")

    again = open_store()
    assert again.box.get() == paused
    assert paused.id == box.id and paused.paused_at == clock.now()

    clock.advance(minutes=10)
    boxes.resume(again)
    clock.advance(minutes=10)
    session = boxes.finish(again)
    assert session.active_seconds == 15 * 60
    third = open_store()
    assert third.box.get() is None
    assert third.sessions.get(box.id) == session
    assert read_json(f"{stem}.box.json")["box"] == {}


def _with_ids(store: Store, make: Make, ids: list[str]) -> None:
    for record_id in ids:
        store.items.add(make.item(title=record_id, record_id=record_id))


IDS = [
    "abc123de-0000-4000-8000-000000000001",
    "abc456de-0000-4000-8000-000000000002",
    "def789de-0000-4000-8000-000000000003",
]


def test_resolve_by_unique_prefix(store: Store, make: Make) -> None:
    _with_ids(store, make, IDS)
    assert store.items.resolve("abc1").id == IDS[0]
    assert store.items.resolve("ABC456").id == IDS[1]  # ids are lower case; input is not
    assert store.items.resolve(" def789 ").id == IDS[2]
    assert store.items.resolve(IDS[0]).id == IDS[0]


def test_resolve_ambiguous_prefix_lists_the_matches(store: Store, make: Make) -> None:
    _with_ids(store, make, IDS)
    with pytest.raises(UnknownId) as caught:
        store.items.resolve("abc")
    assert caught.value.matches == ["abc123de", "abc456de"]
    assert "ambiguous" in str(caught.value)
    assert "abc123de" in str(caught.value) and "abc456de" in str(caught.value)


@pytest.mark.parametrize("prefix", ["zzz", "abc9", "", "   "])
def test_resolve_unknown_prefix(store: Store, make: Make, prefix: str) -> None:
    _with_ids(store, make, IDS)
    with pytest.raises(UnknownId) as caught:
        store.items.resolve(prefix)
    assert caught.value.matches == []


def test_resolve_session_across_month_files(store: Store, make: Make) -> None:
    first = make.session(
        start=datetime(2025, 1, 1, 9, tzinfo=UTC), record_id="0a1b2c3d-0000-4000-8000-00000000000a"
    )
    second = make.session(
        start=datetime(2025, 2, 1, 9, tzinfo=UTC), record_id="0a1bffff-0000-4000-8000-00000000000b"
    )
    store.sessions.add(first)
    store.sessions.add(second)
    assert store.months() == ["2025-01", "2025-02"]
    assert store.sessions.resolve("0a1b2").id == first.id
    assert store.sessions.resolve("0a1bf").id == second.id
    with pytest.raises(UnknownId) as caught:
        store.sessions.resolve("0a1b")
    assert caught.value.matches == ["0a1b2c3d", "0a1bffff"]


def test_between_uses_half_open_ranges(store: Store, make: Make) -> None:
    start = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    session = make.session(start=start, minutes=60)
    store.sessions.add(session)
    assert store.sessions.between(start + timedelta(hours=1), start + timedelta(hours=2)) == []
    assert store.sessions.between(start - timedelta(hours=1), start) == []
    assert store.sessions.between(start + timedelta(minutes=59), start + timedelta(hours=2)) == [
        session
    ]
