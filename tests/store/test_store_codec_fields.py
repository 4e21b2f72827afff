"""Decoding checks every field of a stored record: a hand-edited document whose field
holds a value of another type, or a number out of range, is refused with the field named
(codec.BadField); read through the store, the one-line error names the file, the table,
the record and the field, and the file is left as it was.

What each field must hold is written out here (`KINDS`), not taken from the codec.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbstore_helpers import T0, Make, snapshot

from netbalance.core.clock import FakeClock
from netbalance.core.instants import from_iso
from netbalance.core.models import ActiveBox, Kind, replace
from netbalance.store import codec
from netbalance.store.errors import DataFileError
from netbalance.store.store import Store

MAKE = Make(T0)
BOX = ActiveBox(
    id="box-1",
    kind=Kind.PRODUCE,
    started=T0,
    updated=T0,
    planned_seconds=1500,
    paused_at=T0 + timedelta(minutes=5),
    paused_seconds=30,
    item_id="item-1",
    item_title="Write the paper",
    contact_id="contact-1",
    contact_name="Ada",
    note="deep work",
    tags=("writing", "deep"),
)
# table → (a valid document with every optional field set, its decoder)
Decoder = Callable[[dict[str, Any]], object]
DOCS: dict[str, tuple[dict[str, Any], Decoder]] = {
    "sessions": (
        codec.session_to_doc(replace(MAKE.session(), revision=3, tags=("thesis", "q4"))),
        codec.session_from_doc,
    ),
    "items": (
        codec.item_to_doc(replace(MAKE.item(), archived=True, revision=3)),
        codec.item_from_doc,
    ),
    "contacts": (codec.contact_to_doc(replace(MAKE.contact(), revision=3)), codec.contact_from_doc),
    "interactions": (
        codec.interaction_to_doc(replace(MAKE.interaction("contact-1"), revision=3)),
        codec.interaction_from_doc,
    ),
    "box": (codec.box_to_doc(BOX), codec.box_from_doc),
    "weeks": (codec.week_to_doc(replace(MAKE.week(), revision=3)), codec.week_from_doc),
}

# what each field must hold: text, text or null, a whole number in a range (or null),
# true/false, a list of texts, a time, a date, a kind, a card's position
KINDS: dict[str, dict[str, str]] = {
    "sessions": {
        "id": "text",
        "kind": "kind",
        "start": "instant",
        "end": "instant",
        "created": "instant",
        "updated": "instant",
        "paused_seconds": "0..1000000000",
        "item_id": "text?",
        "item_title": "text?",
        "contact_id": "text?",
        "contact_name": "text?",
        "note": "text",
        "planned_seconds": "1..86400?",
        "recovered": "flag",
        "rev": "0..9007199254740992",
        "tags": "texts",
    },
    "box": {
        "id": "text",
        "kind": "kind",
        "started": "instant",
        "updated": "instant",
        "planned_seconds": "1..86400?",
        "paused_at": "instant?",
        "paused_seconds": "0..1000000000",
        "item_id": "text?",
        "item_title": "text?",
        "contact_id": "text?",
        "contact_name": "text?",
        "note": "text",
        "tags": "texts",
    },
    "items": {
        "id": "text",
        "title": "text",
        "column": "text",
        "position": "position",
        "created": "instant",
        "updated": "instant",
        "notes": "text",
        "tags": "texts",
        "due": "date?",
        "estimate": "1..999?",
        "shipped": "instant?",
        "archived": "flag",
        "rev": "0..9007199254740992",
        "contact_id": "text?",
        "follows_up": "text?",
    },
    "contacts": {
        "id": "text",
        "name": "text",
        "created": "instant",
        "updated": "instant",
        "organisation": "text",
        "role": "text",
        "email": "text",
        "phone": "text",
        "links": "texts",
        "tags": "texts",
        "how_met": "text",
        "notes": "text",
        "cadence_days": "1..3650?",
        "snoozed_until": "date?",
        "rev": "0..9007199254740992",
    },
    "interactions": {
        "id": "text",
        "contact_id": "text",
        "when": "instant",
        "created": "instant",
        "updated": "instant",
        "channel": "text",
        "minutes": "0..1440",
        "note": "text",
        "exchange": "text",
        "shared_item_id": "text?",
        "follow_up": "date?",
        "session_id": "text?",
        "rev": "0..9007199254740992",
        "follows_up": "text?",
    },
    "weeks": {
        "id": "text",
        "week": "text",
        "created": "instant",
        "updated": "instant",
        "produce_hours": "hours?",
        "network_hours": "hours?",
        "focus": "texts",
        "reflection": "text",
        "reviewed": "instant?",
        "review_step": "text",
        "rev": "0..9007199254740992",
    },
}
REQUIRED = {  # the others may be left out: they take their defaults
    "sessions": {"id", "kind", "start", "end", "created", "updated"},
    "box": {"id", "kind", "started", "updated"},
    "items": {"id", "title", "column", "position", "created", "updated"},
    "contacts": {"id", "name", "created", "updated"},
    "interactions": {"id", "contact_id", "when", "created", "updated"},
    "weeks": {"id", "week", "created", "updated"},
}


def _reads(parse: Callable[[str], object], value: str) -> bool:
    try:
        parse(value)
    except (ValueError, OverflowError):
        return False
    return True


def belongs(kind: str, value: object) -> bool:
    """Whether `value` is what a field of this kind holds (the spec, written out)."""
    if kind.endswith("?"):
        if value is None:
            return True
        kind = kind[:-1]
    if ".." in kind:
        low, high = (int(end) for end in kind.split(".."))
        return type(value) is int and low <= value <= high
    if kind == "text":
        return type(value) is str
    if kind == "flag":
        return type(value) is bool
    if kind == "texts":
        return type(value) is list and all(type(one) is str for one in value)
    if kind == "kind":
        return value in ("produce", "network") and type(value) is str
    if kind == "hours":  # a week's budget: 0 to 168 hours, a fraction too
        return type(value) in (int, float) and 0 <= value <= 168  # type: ignore[operator]
    if kind == "position":
        return type(value) in (int, float) and abs(value) <= 1e15  # type: ignore[arg-type]
    if kind == "instant":
        return type(value) is str and _reads(from_iso, value)
    if kind == "date":
        return type(value) is str and _reads(date.fromisoformat, value)
    raise AssertionError(kind)


FIELDS = [(table, field) for table, kinds in KINDS.items() for field in kinds]
# a value of every JSON type, and numbers just past the ranges the app keeps to
OTHERS: list[object] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    1441,
    3651,
    86401,
    10**9 + 1,
    2**53 + 1,
    2**64 - 1,
    1.5,
    1e9,
    2e15,
    "",
    "x",
    "7",
    "produce",
    "2026-11-28",
    "2026-11-28T09:00:00+00:00",
    "0001-01-01T00:00:00+05:00",
    [],
    [1, 2],
    ["a", None],
    {},
    {"a": 1},
]


@pytest.mark.parametrize(("table", "field"), FIELDS)
def test_a_field_of_another_type_is_refused_by_name(table: str, field: str) -> None:
    """Each value that does not belong in the field is refused, naming the field, what it
    holds and what belongs there; each value that belongs is read."""
    doc, decode = DOCS[table]
    assert set(doc) == set(KINDS[table]) and belongs(KINDS[table][field], doc[field])
    decode(doc)
    refused = 0
    for value in OTHERS:
        changed = {**doc, field: value}
        if belongs(KINDS[table][field], value):
            decode(changed)
            continue
        with pytest.raises(codec.BadField) as caught:
            decode(changed)
        message = str(caught.value)
        assert caught.value.field == field, (value, message)
        assert message.startswith(f"field {field!r} is {codec.shown(value)}; it must be ")
        assert "\n" not in message
        refused += 1
    assert refused >= 15, f"{table}.{field}: only {refused} of the values are refused"


@pytest.mark.parametrize(
    ("table", "field"), [(table, field) for table, fields in REQUIRED.items() for field in fields]
)
def test_a_missing_required_field_is_named(table: str, field: str) -> None:
    doc, decode = DOCS[table]
    left = {key: value for key, value in doc.items() if key != field}
    with pytest.raises(codec.BadField, match=f"^field {field!r} is missing; it must be "):
        decode(left)


@pytest.mark.parametrize(
    ("table", "field", "edge"),
    [
        ("contacts", "cadence_days", 3650),  # core.contacts.MAX_CADENCE
        ("interactions", "minutes", 24 * 60),  # core.contacts.MAX_MINUTES
        ("items", "estimate", 999),  # core.board.MAX_ESTIMATE
        ("sessions", "planned_seconds", 24 * 3600),  # core.timer: a box is at most 24 h
        ("box", "planned_seconds", 24 * 3600),
        ("weeks", "produce_hours", 168),  # core.plans.MAX_HOURS
    ],
)
def test_what_the_app_accepts_reads_and_one_past_it_is_refused(
    table: str, field: str, edge: int
) -> None:
    doc, decode = DOCS[table]
    assert getattr(decode({**doc, field: edge}), field) == edge
    with pytest.raises(codec.BadField, match=f"^field {field!r} is {edge + 1}; "):
        decode({**doc, field: edge + 1})


def test_a_whole_number_position_reads_as_a_number() -> None:
    doc, _ = DOCS["items"]
    item = codec.item_from_doc({**doc, "position": 3})
    assert item.position == 3.0 and type(item.position) is float


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=4,
)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.sampled_from(FIELDS), JSON_VALUES | st.sampled_from(OTHERS))
def test_any_value_is_read_or_refused_by_its_field(target: tuple[str, str], value: object) -> None:
    """Whatever a field holds, the record is read (when the value belongs there) or
    refused naming that field: never another error, never a record of the wrong type."""
    table, field = target
    doc, decode = DOCS[table]
    changed = {**doc, field: value}
    if belongs(KINDS[table][field], value):
        decode(changed)
        return
    with pytest.raises(codec.BadField) as caught:
        decode(changed)
    assert caught.value.field == field


# through the store ----------------------------------------------------------------------


def _edit(path: str, table: str, field: str, value: object) -> bytes:
    """Replace the field of the table's first record in the file, as a person would."""
    with open(path, "rb") as handle:
        data = orjson.loads(handle.read())
    next(iter(data[table].values()))[field] = value
    raw = orjson.dumps(data)
    with open(path, "wb") as handle:
        handle.write(raw)
    return raw


def _refused(error: DataFileError, path: str, table: str, record: str, field: str) -> None:
    message = str(error)
    assert message.startswith(f"{path} is not valid netbalance data (table {table!r}, ")
    assert record in message and f"field {field!r} is " in message, message
    assert "\n" not in message


def test_a_hand_edited_card_names_file_table_record_and_field(
    store: Store, make: Make, path: str, clock: FakeClock
) -> None:
    item = store.items.add(make.item())
    _edit(path, "items", "position", "abc")
    before = snapshot(os.path.dirname(path))
    again = Store.open(path, clock)
    for read in (
        again.items.all,
        lambda: again.items.get(item.id),
        lambda: again.items.resolve(item.id[:6]),
    ):
        with pytest.raises(DataFileError) as caught:
            read()
        _refused(caught.value, path, "items", repr(item.id), "position")
        assert "it must be a number" in str(caught.value)
    assert snapshot(os.path.dirname(path)) == before


def test_a_record_without_a_usable_id_is_named_by_its_key(
    store: Store, make: Make, path: str, clock: FakeClock
) -> None:
    store.contacts.add(make.contact())
    _edit(path, "contacts", "id", 5)
    with pytest.raises(DataFileError) as caught:
        Store.open(path, clock).contacts.all()
    _refused(caught.value, path, "contacts", "the record under key '1'", "id")
    assert "field 'id' is 5; it must be text" in str(caught.value)


def test_a_filter_that_trips_on_a_field_names_it(
    store: Store, make: Make, path: str, clock: FakeClock
) -> None:
    """`between` compares the stored start before decoding: a start of another type is
    named as decoding names it."""
    session = store.sessions.add(make.session(start=T0 - timedelta(hours=2)))
    history = f"{path[: -len('.json')]}.2026-11.json"
    _edit(history, "sessions", "start", 5)
    with pytest.raises(DataFileError) as caught:
        Store.open(path, clock).sessions.between(T0 - timedelta(days=1), T0)
    _refused(caught.value, history, "sessions", repr(session.id), "start")


def test_a_hand_edited_running_box_names_its_file_and_field(
    store: Store, path: str, clock: FakeClock
) -> None:
    store.box.put(BOX)
    box_path = f"{path[: -len('.json')]}.box.json"
    _edit(box_path, "box", "paused_seconds", "x")
    with pytest.raises(DataFileError) as caught:
        Store.open(path, clock).box.get()
    _refused(caught.value, box_path, "box", "'box-1'", "paused_seconds")
