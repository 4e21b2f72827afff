"""Suite 7, hand-edited records: a data file whose records hold a field of the wrong type.

A file that passes the whole-file check (valid JSON, netbalance's layout) can still hold a
card whose `position` is `"abc"`, a contact whose `name` is `null`, a session whose
`paused_seconds` is `"x"`. Each example takes the valid documents of every record type
(a card, a contact, an interaction, a session and the running box, every optional field
set), replaces one field with a value of another type (or leaves it out), writes the file
as a person's editor would (Python's json, so `NaN`, `Infinity` and integers past 64 bits
are written as such) and runs the commands that read it, in this process with the clock
frozen: `item list`, `contact list`, `contact show`, `log`, `report`, `export --format
json` and `status`. Each ends with exit 0 or 2; exit 2 is exactly one line on stderr, and
when it is the record that is refused, the line names the file, the table and the field.
A refused file is never written. The examples run are printed at the end (`pytest -s`).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_fuzz import SCALE

from netbalance.core.clock import FakeClock
from netbalance.core.instants import from_iso
from netbalance.core.models import ActiveBox, Contact, Interaction, Item, Kind, Session
from netbalance.store.store import Store

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # Thursday of 2026-W48
CONTACT_ID = "0c0ffee0-0000-4000-8000-000000000001"
ITEM_ID = "1c0ffee0-0000-4000-8000-000000000002"
SESSION_ID = "2c0ffee0-0000-4000-8000-000000000003"

EXAMPLES: Counter[str] = Counter()
FUZZ = settings(
    max_examples=40 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)

# (file, table) of each record type; the file's name in the data folder
TABLES = {
    "items": "nb.json",
    "contacts": "nb.json",
    "sessions": "nb.2026-11.json",
    "interactions": "nb.2026-11.json",
    "box": "nb.box.json",
}
COMMANDS = (
    ["item", "list"],
    ["contact", "list"],
    ["contact", "show", CONTACT_ID[:8]],
    ["log"],
    ["report"],
    ["export", "--format", "json"],
    ["status"],
)
LEFT_OUT = "(left out)"  # the mutation that removes the field


def seed(path: str) -> None:
    """One record of each type with every optional field set, linked to each other, in
    this week; a box running (paused) on the card."""
    store = Store.open(path, FakeClock(NOW))
    start = NOW - timedelta(days=1)
    store.items.add(
        Item(
            id=ITEM_ID,
            title="Write chapter 3",
            column="Doing",
            position=2.5,
            created=start,
            updated=start,
            notes="first draft",
            tags=("writing", "q4"),
            due=date(2026, 12, 4),
            estimate=4,
            shipped=start,
            archived=False,
            revision=2,
        )
    )
    store.contacts.add(
        Contact(
            id=CONTACT_ID,
            name="Ada Lovelace",
            created=start,
            updated=start,
            organisation="Engines",
            role="engineer",
            email="ada@example.org",
            phone="+44 20 0000",
            links=("https://example.org/ada",),
            tags=("math",),
            how_met="conference",
            notes="likes notes",
            cadence_days=14,
            snoozed_until=date(2026, 12, 1),
            revision=3,
        )
    )
    store.sessions.add(
        Session(
            id=SESSION_ID,
            kind=Kind.NETWORK,
            start=start,
            end=start + timedelta(minutes=50),
            created=start,
            updated=start + timedelta(hours=1),
            paused_seconds=60,
            item_id=ITEM_ID,
            item_title="Write chapter 3",
            contact_id=CONTACT_ID,
            contact_name="Ada Lovelace",
            note="coffee",
            planned_seconds=3000,
            recovered=True,
            revision=1,
        )
    )
    store.interactions.add(
        Interaction(
            id="3c0ffee0-0000-4000-8000-000000000004",
            contact_id=CONTACT_ID,
            when=start,
            created=start,
            updated=start,
            channel="call",
            minutes=20,
            note="talked",
            exchange="shared",
            shared_item_id=ITEM_ID,
            follow_up=date(2026, 12, 3),
            session_id=SESSION_ID,
            revision=1,
        )
    )
    store.box.put(
        ActiveBox(
            id="4c0ffee0-0000-4000-8000-000000000005",
            kind=Kind.PRODUCE,
            started=NOW - timedelta(minutes=10),
            updated=NOW - timedelta(minutes=5),
            planned_seconds=1500,
            paused_at=NOW - timedelta(minutes=5),
            paused_seconds=30,
            item_id=ITEM_ID,
            item_title="Write chapter 3",
            contact_id=CONTACT_ID,
            contact_name="Ada Lovelace",
            note="deep work",
        )
    )


def documents(folder: Path) -> dict[str, dict[str, Any]]:
    """The one document of each table, as stored."""
    found = {}
    for table, name in TABLES.items():
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        (doc,) = data[table].values()
        found[table] = doc
    return found


class Runner:
    """`netbalance ARGS` in this process, on a fresh copy of the seeded data folder."""

    def __init__(self, root: Path) -> None:
        self.seed = root / "seed"
        self.work = root / "data"

    def fresh(self) -> None:
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.seed, self.work)

    def run(self, argv: list[str]) -> tuple[int, str, str]:
        from netbalance.cli import main

        out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
        out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
        err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: object = main(argv)
            except SystemExit as leaving:
                code = 0 if leaving.code is None else leaving.code
        assert isinstance(code, int), f"netbalance {argv} ended with {code!r}"
        return code, out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8")


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    root = tmp_path_factory.mktemp("fuzz-records")
    made = Runner(root)
    seed(str(made.seed / "nb.json"))
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("NETBALANCE_")]:
            patch.delenv(name)
        patch.setenv("NETBALANCE_NOW", NOW.isoformat())
        patch.setenv("NETBALANCE_DB", str(made.work / "nb.json"))
        patch.setenv("NETBALANCE_CONFIG", str(root / "config.toml"))  # none: the defaults
        patch.setenv("TZ", "UTC")
        patch.setenv("COLUMNS", "100")
        made.fresh()
        for argv in COMMANDS:  # the valid data reads everywhere
            code, out, err = made.run(argv)
            assert (code, err) == (0, "") and out, (argv, code, err)
        yield made


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    yield
    print("\nmutated records (examples run):")
    for what, count in sorted(EXAMPLES.items()):
        print(f"  {what:<36} {count:>6}")


# every field of every record type, as the seeded documents hold them
FIELDS = sorted(
    (table, field)
    for table, fields in {
        "items": Item._fields,
        "contacts": Contact._fields,
        "sessions": Session._fields,
        "interactions": Interaction._fields,
        "box": ActiveBox._fields,
    }.items()
    for field in fields
)
TARGETS = [(table, "rev" if field == "revision" else field) for table, field in FIELDS]

# values of every JSON type; numbers at the edges of what a file can hold and a day can
# count; text that reads as a kind, a day or a time
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([0, -1, 1, 10**9, 2**53 + 1, 2**63, 2**64 - 1, 2**64, 10**30]),
    st.floats(),
    st.sampled_from([1e9, 0.5, -0.0, 1e308, float("nan"), float("inf"), float("-inf")]),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "x",
            "abc",
            "network",
            "2026-11-27",
            "2026-11-27T10:00:00+00:00",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
        ]
    ),
    st.lists(st.integers() | st.text(max_size=3) | st.none(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(LEFT_OUT),
)


def status_overflows(table: str, value: object) -> bool:
    """A running box `status` cannot yet read without a traceback: an infinite number, or
    a time whose offset moves it past the years 1 or 9999 (`netbalance status` reads the
    box file on its own, with the standard library: cli/status.py)."""
    if table != "box":
        return False
    if isinstance(value, float):
        return math.isinf(value)
    if isinstance(value, str):
        try:
            from_iso(value)
        except OverflowError:
            return True
        except ValueError:
            return False
    return False


def mutate(folder: Path, table: str, field: str, value: object) -> Path:
    """Replace (or leave out) one field of the table's record, as a person's editor would
    write it; the file changed."""
    path = folder / TABLES[table]
    data = json.loads(path.read_text(encoding="utf-8"))
    (doc,) = data[table].values()
    if value == LEFT_OUT:
        doc.pop(field, None)
    else:
        doc[field] = value
    path.write_text(json.dumps(data), encoding="utf-8")  # as an editor would: NaN, 2**70
    return path


@FUZZ
@given(st.sampled_from(TARGETS), VALUES)
# the hand edits
@example(("items", "column"), None)
@example(("items", "position"), "abc")
@example(("items", "title"), 5)
@example(("items", "tags"), [1, 2])
@example(("contacts", "name"), None)
@example(("contacts", "cadence_days"), "x")
@example(("contacts", "cadence_days"), 1e9)
@example(("contacts", "cadence_days"), 10**9)
@example(("sessions", "paused_seconds"), "x")
@example(("interactions", "minutes"), "x")
# a number where a boolean, a list or a time belongs; a revision past 64 bits
@example(("items", "archived"), 1)
@example(("contacts", "links"), "https://example.org")
@example(("sessions", "start"), 5)
@example(("sessions", "rev"), 2**64 - 1)
@example(("interactions", "follow_up"), 20261203)
@example(("box", "planned_seconds"), "x")
@example(("box", "paused_seconds"), 1.5)
@example(("box", "started"), "9999-12-31T23:59:59-05:00")
def test_a_record_with_a_field_of_another_type(
    runner: Runner, target: tuple[str, str], value: object
) -> None:
    table, field = target
    EXAMPLES[f"{table}.{field}"] += 1
    runner.fresh()
    path = mutate(runner.work, table, field, value)
    written = path.read_bytes()
    refused = False
    for argv in COMMANDS:
        if argv == ["status"] and status_overflows(table, value):
            continue  # test_status_on_a_box_past_the_calendar
        code, _out, err = runner.run(argv)
        EXAMPLES[f"exit {code}"] += 1
        shown = f"{table}.{field} = {value!r}: netbalance {' '.join(argv)} exited {code}: {err!r}"
        assert code in (0, 2), shown
        assert "Traceback" not in err, shown
        if code == 0:
            continue
        assert err.startswith("netbalance: ") and err.count("\n") == 1, shown
        if str(path) in err and "not JSON" not in err:
            refused = True
            if argv == ["status"]:
                continue  # it reads the box file on its own: cli/status.py
            # the record itself is refused: its table and the field at fault are named
            assert f"table {table!r}" in err and f"field {field!r}" in err, shown
    if refused:
        assert path.read_bytes() == written, f"{path} was written after it was refused"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started", "9999-12-31T23:59:59-05:00"),
        ("paused_at", "0001-01-01T00:00:00+05:00"),
        ("planned_seconds", float("inf")),
        ("paused_seconds", float("inf")),
    ],
)
def test_status_on_a_box_past_the_calendar(runner: Runner, field: str, value: object) -> None:
    """`netbalance status` on a box whose time overflows the calendar, or whose count is
    infinite: exit 2 and one line, like every other command on that file."""
    runner.fresh()
    assert status_overflows("box", value)
    mutate(runner.work, "box", field, value)
    code, _out, err = runner.run(["status"])
    assert code == 2 and err.startswith("netbalance: ") and err.count("\n") == 1, (code, err)
