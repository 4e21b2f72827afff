"""What the main file's parsed copy keeps apart (store/shelf.py): the shipped cards and the
contacts without a cadence. Read from such a copy, the main file is the same document in
the same order, a weekly summary is the same summary, a change is saved as over the file
itself, and a summary reads only the blocks its week and its records need."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from nbstore_helpers import kept_whole

from netbalance.actions.summary import weekly_summary
from netbalance.core.clock import FakeClock
from netbalance.core.models import replace
from netbalance.core.weeks import week_start_of
from netbalance.demo import sample as demo
from netbalance.settings.config import Settings
from netbalance.store import light_json, parsed, shelf
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 10, tzinfo=UTC)
Doc = dict[str, Any]


def _copy_of(path: str) -> str:
    return path.removesuffix(".json") + parsed.SUFFIX


def _unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a data file that is parsed fails the test."""

    def refuse(raw: bytes) -> object:
        raise AssertionError("parsed the data file")

    monkeypatch.setattr(light_json, "loads_data", refuse)


def _blocks_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the blocks read from here on (a month of cards, a contact's key)."""
    read: list[str] = []
    block = shelf.Shelf._block

    def spy(self: shelf.Shelf, name: str) -> dict[str, Doc]:
        read.append(name)
        return block(self, name)

    monkeypatch.setattr(shelf.Shelf, "_block", spy)
    return read


@pytest.fixture(scope="module")
def year_folder(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A year of sample data, saved (no copy yet)."""
    folder = tmp_path_factory.mktemp("year")
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    demo.write(store, demo.generate(NOW, weeks=52))
    return str(folder)


@pytest.fixture
def year(year_folder: str, tmp_path: Path) -> Iterator[str]:
    """The year's main file, in a folder of its own with its copy made by a reader."""
    folder = tmp_path / "year"
    shutil.copytree(year_folder, folder)
    path = str(folder / "nb.json")
    assert Store.open(path, FakeClock(NOW)).main.data  # parsed: the copy made
    yield path


def _on_disk(path: str) -> dict[str, dict[str, Doc]]:
    found: dict[str, dict[str, Doc]] = orjson.loads(Path(path).read_bytes())
    return found


def test_the_copy_keeps_shipped_cards_and_quiet_contacts_apart(year: str) -> None:
    kept = parsed.load(_copy_of(year), Path(year).read_bytes())
    found = shelf.unshelve(kept)
    assert found is not None
    head, shelves = found
    disk = _on_disk(year)
    shipped = [doc for doc in disk["items"].values() if doc.get("shipped")]
    quiet = [doc for doc in disk["contacts"].values() if not doc.get("cadence_days")]
    assert shipped and quiet  # the sample year has both
    assert sorted(shelves) == ["contacts", "items"]
    assert len(head["items"]) == len(disk["items"]) - len(shipped)
    assert len(head["contacts"]) == len(disk["contacts"]) - len(quiet)
    assert kept_whole(kept) == disk


def test_the_main_file_read_from_it_is_the_same_document_in_the_same_order(
    year: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = _on_disk(year)
    _unparsed(monkeypatch)
    store = Store.open(year, FakeClock(NOW))
    assert store.contacts.all()  # read as a table: the contacts whole, the cards still apart
    data = store.main.data
    assert data == disk
    for table in ("items", "contacts"):
        assert list(data[table]) == list(disk[table])
    assert store.main.records_on_disk == sum(
        len(docs) for name, docs in disk.items() if name != "meta"
    )


@pytest.mark.parametrize("weeks_back", [0, 1, 5, 30])
def test_a_summary_read_from_it_is_the_summary_read_from_the_file(
    year: str, monkeypatch: pytest.MonkeyPatch, weeks_back: int
) -> None:
    settings = Settings(time_zone="UTC")
    first = week_start_of(NOW.date()) - timedelta(days=7 * weeks_back)
    os.unlink(_copy_of(year))
    from_file = weekly_summary(Store.open(year, FakeClock(NOW)), first, settings, NOW)
    assert os.path.exists(_copy_of(year))  # made again
    _unparsed(monkeypatch)
    read = _blocks_read(monkeypatch)
    from_copy = weekly_summary(Store.open(year, FakeClock(NOW)), first, settings, NOW)
    assert from_copy == from_file
    assert read  # the copy's blocks were what was read
    assert from_file.items_shipped or from_file.time_per_item  # something to get wrong


def test_a_summary_reads_only_the_blocks_its_week_needs(
    year: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = shelf.unshelve(parsed.load(_copy_of(year), Path(year).read_bytes()))
    assert found is not None
    cards, contacts = found[1]["items"], found[1]["contacts"]
    read = _blocks_read(monkeypatch)
    first = week_start_of(NOW.date()) - timedelta(days=7)
    weekly_summary(Store.open(year, FakeClock(NOW)), first, Settings(time_zone="UTC"), NOW)
    months = [name for name in read if name in cards._blocks]
    people = [name for name in read if name in contacts._blocks]
    assert "2026-11" in months and "2025-12" not in months
    assert len(months) < len(cards._blocks) / 3
    assert len(people) < len(contacts._blocks) / 3


def _hand_made(path: str) -> dict[str, dict[str, Doc]]:
    """A main file of cards shipped in several months (one id twice, in two months), an
    open card, a contact with a cadence and two without."""

    def card(number: int, card_id: str, shipped: str | None) -> Doc:
        doc: Doc = {
            "id": card_id,
            "title": f"Card {number}",
            "column": "Shipped" if shipped else "Doing",
            "position": float(number),
            "notes": "",
            "tags": [],
            "created": "2024-01-02T09:00:00+00:00",
            "updated": "2024-01-02T09:00:00+00:00",
        }
        if shipped:
            doc["shipped"] = shipped
        return doc

    def person(number: int, created: str, cadence: int | None) -> Doc:
        doc: Doc = {
            "id": f"contact-{number}",
            "name": f"Person {number}",
            "organisation": "",
            "role": "",
            "email": "",
            "phone": "",
            "links": [],
            "tags": [],
            "how_met": "",
            "notes": "",
            "created": created,
            "updated": created,
        }
        if cadence:
            doc["cadence_days"] = cadence
        return doc

    data = {
        "meta": {"1": {"schema_version": 1, "role": "main"}},
        "items": {
            "3": card(3, "card-old", "2024-02-10T10:00:00+00:00"),
            "1": card(1, "card-open", None),
            "7": card(7, "card-twice", "2024-06-01T10:00:00+00:00"),
            "4": card(4, "card-week", "2026-11-24T10:00:00+00:00"),
            "9": card(9, "card-twice", "2025-03-01T10:00:00+00:00"),
        },
        "contacts": {
            "2": person(2, "2020-05-01T08:00:00+00:00", None),
            "1": person(1, "2021-05-01T08:00:00+00:00", 30),
            "5": person(5, "2026-11-25T08:00:00+00:00", None),
        },
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Path(path).write_bytes(orjson.dumps(data))
    return data


@pytest.mark.parametrize(
    ("table", "ids", "expected"),
    [
        ("items", set(), ["card-open", "card-week"]),
        ("items", {"card-old"}, ["card-old", "card-open", "card-week"]),
        ("items", {"card-twice"}, ["card-open", "card-twice", "card-week", "card-twice"]),
        ("contacts", set(), ["contact-1", "contact-5"]),
        ("contacts", {"contact-2"}, ["contact-2", "contact-1", "contact-5"]),
    ],
)
def test_where_near_takes_what_where_takes(
    path: str,
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    ids: set[str],
    expected: list[str],
) -> None:
    """Open cards and contacts with a cadence always; of the others, those of the span
    and those named; in the file's order, as `where` gives them."""
    _hand_made(path)
    low, high = "2026-11-23T00:00:00+00:00", "2026-11-30T00:00:00+00:00"
    field = "shipped" if table == "items" else "created"

    def keep(doc: Doc) -> bool:
        stays = doc.get("cadence_days") or (table == "items" and not doc.get("shipped"))
        return bool(stays) or doc["id"] in ids or low <= doc.get(field, "") < high

    def records(store: Store) -> list[str]:
        repository = store.items if table == "items" else store.contacts
        return [record.id for record in repository.where(keep, near=(low, high), ids=ids)]

    from_file = Store.open(path, FakeClock(NOW))
    assert [record.id for record in getattr(from_file, table).where(keep)] == expected
    assert records(Store.open(path, FakeClock(NOW))) == expected  # parsed, its copy made
    _unparsed(monkeypatch)
    assert records(Store.open(path, FakeClock(NOW))) == expected  # read from the copy


def test_a_change_saved_over_it_is_saved_as_over_the_file(year: str, tmp_path: Path) -> None:
    """A writer may read the main file from the copy: it saves the same bytes as one
    that parsed the file."""
    other = str(tmp_path / "other" / "nb.json")
    shutil.copytree(os.path.dirname(year), os.path.dirname(other))
    os.unlink(_copy_of(other))
    for path in (year, other):
        store = Store.open(path, FakeClock(NOW))
        assert store.main.loaded is False
        card = next(item for item in store.items.all() if item.shipped is not None)
        store.items.update(replace(card, title="Shipped, and renamed"))
        person = store.contacts.all()[-1]
        store.contacts.update(replace(person, notes="met again"))
    assert Path(year).read_bytes() == Path(other).read_bytes()
    assert "Shipped, and renamed" in Path(year).read_text()


def test_a_copy_of_another_shape_is_not_read(path: str) -> None:
    data = _hand_made(path)
    source = Path(path).read_bytes()
    for kept in (
        (data, {"items": ("not", "a", "shelf")}),
        (data, {"items": ([], {}, {})}),  # a part short
        (data, {"weeks": ([], {}, {}, None)}),  # a table nothing is kept apart of
        (data, ["not", "shelves"]),
        (data,),
    ):
        parsed.write(_copy_of(path), source, kept)
        assert Store.open(path, FakeClock(NOW)).main.data == data
        assert kept_whole(parsed.load(_copy_of(path), source)) == data  # made again


def test_a_copy_without_anything_to_keep_apart_is_the_document(path: str) -> None:
    data = _hand_made(path)
    data["items"] = {"1": data["items"]["1"]}
    data["contacts"] = {"1": data["contacts"]["1"]}
    Path(path).write_bytes(orjson.dumps(data))
    assert Store.open(path, FakeClock(NOW)).main.data == data
    kept = marshal.loads(Path(_copy_of(path)).read_bytes().partition(b"\n")[2])
    assert kept == data
