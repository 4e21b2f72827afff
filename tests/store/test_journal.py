"""The undo journal: every change made through the store is one step that undo takes
back and redo makes again, for every record type, across month files, after a restart and
after a kill -9; and a step is never applied to a record that changed since."""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from nbstore_helpers import T0, Make, cli_env, content, read_json

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, Kind, Session, replace
from netbalance.store import journal
from netbalance.store.errors import NothingToUndo
from netbalance.store.store import Store

Opener = Callable[..., Store]
HERE = os.path.dirname(os.path.abspath(__file__))


def months_holding(store: Store, table: str, record_id: str) -> list[str]:
    """The month files whose table holds the record, read from disk."""
    found = []
    for month in store.months():
        data = read_json(f"{store.stem}.{month}.json")
        if any(doc["id"] == record_id for doc in data.get(table, {}).values()):
            found.append(month)
    return found


def message(outcome: journal.Outcome) -> str:
    return outcome.message(UTC)


# --- every record type: add, edit, delete --------------------------------------------------


def _records(make: Make) -> list[tuple[str, Any, Callable[[Any], Any]]]:
    contact = make.contact()
    return [
        ("items", make.item(), lambda r: replace(r, title="Renamed", column="Next")),
        ("contacts", contact, lambda r: replace(r, name="Ada King", tags=("x",))),
        ("sessions", make.session(), lambda r: replace(r, note="edited", kind=Kind.NETWORK)),
        ("interactions", make.interaction(contact.id), lambda r: replace(r, minutes=45)),
        ("weeks", make.week(), lambda r: replace(r, produce_hours=8.0, reflection="a calm week")),
    ]


@pytest.mark.parametrize(
    "index", range(5), ids=["item", "contact", "session", "interaction", "week"]
)
def test_add_edit_delete_of_every_record_type_are_undone_and_redone(
    store: Store, make: Make, index: int
) -> None:
    table, record, edit = _records(make)[index]
    repo = store.repository(table)
    edited = edit(record)
    repo.add(record)
    repo.update(edited)
    repo.remove(edited)
    assert repo.get(record.id) is None

    revisions = [1]  # the edit's
    assert message(store.undo()).startswith("undid: delete ")
    assert content(repo.get(record.id)) == content(edited)
    revisions.append(repo.get(record.id).revision)
    assert message(store.undo()).startswith("undid: ")
    assert content(repo.get(record.id)) == content(record)
    revisions.append(repo.get(record.id).revision)
    assert message(store.undo()).startswith("undid: ")
    assert repo.get(record.id) is None
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        store.undo()

    store.redo()
    assert content(repo.get(record.id)) == content(record)
    store.redo()
    assert content(repo.get(record.id)) == content(edited)
    revisions.append(repo.get(record.id).revision)
    store.redo()
    assert repo.get(record.id) is None
    # every save moves the revision on, undo and redo too: a form opened on any earlier
    # version of the record sees that it changed since
    assert revisions == sorted(set(revisions)), revisions
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        store.redo()


def test_where_a_review_was_left_is_saved_outside_the_journal(store: Store, make: Make) -> None:
    """Moving between a review's steps is no step of its own: it never stands in the way
    of undoing the plan saved before it, and `u` undoes the plan, not the move."""
    plan = store.weeks.add(replace(make.week(), review_step="", reviewed=None))
    assert store.weeks.of_week("2026-W48") == plan
    with store.transaction(undoable=False):
        store.weeks.update(replace(plan, review_step="people"))
    assert message(store.undo()).startswith("undid: add the plan and review of 2026-W48")
    assert store.weeks.of_week("2026-W48") is None


def test_steps_are_named_after_what_changed(store: Store, make: Make) -> None:
    item = make.item("Write chapter 3")
    item = replace(item, column="Backlog", shipped=None, archived=False)
    store.items.add(item)
    store.items.update(replace(item, column="Doing"))
    store.contacts.add_many([make.contact(f"person {n}") for n in range(120)])
    with store.transaction(action="import 3 sessions from Watson"):
        store.sessions.add_many([make.session(T0 - timedelta(hours=n)) for n in range(1, 4)])
    steps, done = store.steps()
    assert [step.describe(UTC) for step in steps] == [
        "add card “Write chapter 3”",
        "move card “Write chapter 3” to Doing",
        "add 120 contacts",
        "import 3 sessions from Watson",
    ]
    assert done == 4
    assert message(store.undo()) == "undid: import 3 sessions from Watson"
    assert store.sessions.all() == []
    with store.allow_drop([(store.path, 121, 1)]):  # a big drop: asked for (test_big_drop.py)
        assert message(store.undo()) == "undid: add 120 contacts"
    assert store.contacts.all() == []


def test_one_transaction_is_one_step_and_a_record_changed_twice_keeps_its_first_state(
    store: Store, make: Make
) -> None:
    first, second = make.item("one"), make.item("two")
    store.items.add(first)
    with store.transaction():
        store.items.update(replace(first, title="one b"))
        store.items.update(replace(first, title="one c"))
        store.items.add(second)
    assert len(store.steps()[0]) == 2
    store.undo()
    assert content(store.items.all()) == content([first])


def test_a_transaction_that_changes_nothing_adds_no_step(store: Store, make: Make) -> None:
    item = make.item()
    store.items.add(item)
    store.items.update(item)  # the same record again
    with store.transaction():
        store.items.add(make.item("temporary", record_id="tmp"))
        store.items.remove(make.item("temporary", record_id="tmp"))
    assert len(store.steps()[0]) == 1


# --- month files ----------------------------------------------------------------------------


def test_undo_puts_a_session_back_in_its_own_month_file(store: Store, make: Make) -> None:
    session = make.session(datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
    store.sessions.add(session)
    moved = replace(session, start=datetime(2026, 10, 31, 22, 0, tzinfo=UTC))
    moved = replace(moved, end=moved.start + timedelta(minutes=25))
    store.sessions.update(moved)
    assert months_holding(store, "sessions", session.id) == ["2026-10"]

    store.undo()
    assert months_holding(store, "sessions", session.id) == ["2026-11"]
    assert content(store.sessions.get(session.id)) == content(session)
    store.redo()
    assert months_holding(store, "sessions", session.id) == ["2026-10"]
    assert content(store.sessions.get(session.id)) == content(moved)


def test_undo_of_a_delete_restores_the_record_into_an_old_month(store: Store, make: Make) -> None:
    contact = make.contact()
    old = make.interaction(contact.id, when=datetime(2025, 3, 14, 12, 0, tzinfo=UTC))
    store.interactions.add(old)
    store.interactions.add(make.interaction(contact.id))
    store.interactions.remove(old)
    assert months_holding(store, "interactions", old.id) == []
    assert message(store.undo()).startswith("undid: delete call interaction 2025-03-14 12:00")
    assert months_holding(store, "interactions", old.id) == ["2025-03"]
    assert content(store.interactions.get(old.id)) == content(old)


# --- never the wrong record -----------------------------------------------------------------


def _behind_the_journal(opener: Opener) -> Store:
    """Another process that changes records without a step (an old netbalance, say)."""
    return opener()


def test_undo_refuses_when_the_record_changed_since_and_names_it(
    store: Store, open_store: Opener, make: Make, files_of: Callable[[str], dict[str, bytes]]
) -> None:
    older, card = make.item("older card"), make.item("Write chapter 3")
    store.items.add(older)
    store.items.add(card)
    store.items.update(replace(card, column="Next"))
    other = _behind_the_journal(open_store)
    with other.transaction(undoable=False):
        other.items.update(replace(card, column="Next", title="Renamed elsewhere"))
    data_before = {
        name: data for name, data in files_of(store.folder).items() if name.endswith(".json")
    }

    outcome = store.undo()
    assert outcome.refused is not None
    assert message(outcome) == (
        "cannot undo “move card “Write chapter 3” to Next”: card “Write chapter 3” was "
        "changed since; nothing was changed and the step is dropped"
    )
    assert "\n" not in message(outcome)
    data_after = {
        name: data for name, data in files_of(store.folder).items() if name.endswith(".json")
    }
    assert data_after == data_before  # the later change is never clobbered
    stored = store.items.get(card.id)
    assert stored is not None and stored.title == "Renamed elsewhere"

    # the refused step is dropped: the next undo is the step before it (refused too, as it
    # is the same card), then the other card's, which is undone
    assert store.undo().refused is not None
    assert message(store.undo()) == "undid: add card “older card”"
    assert store.items.all() == [stored]


def test_undo_of_an_add_refuses_when_the_record_was_edited_since(
    store: Store, open_store: Opener, make: Make
) -> None:
    session = make.session()
    store.sessions.add(session)
    other = open_store()
    with other.transaction(undoable=False):
        other.sessions.update(replace(session, note="typed later"))
    outcome = store.undo()
    assert outcome.refused is not None and "session" in message(outcome)
    assert content(store.sessions.get(session.id)) == content(replace(session, note="typed later"))


def test_redo_refuses_when_the_record_was_recreated_since(
    store: Store, open_store: Opener, make: Make
) -> None:
    item = make.item()
    store.items.add(item)
    store.items.remove(item)
    store.undo()  # the card is back
    other = open_store()
    with other.transaction(undoable=False):
        other.items.update(replace(item, title="kept"))
    outcome = store.redo()
    assert outcome.refused is not None and "card “Write the paper”" in message(outcome)
    assert content(store.items.get(item.id)) == content(replace(item, title="kept"))


def test_a_new_action_after_undo_drops_the_redo_tail(store: Store, make: Make) -> None:
    first, second, third = make.item("1"), make.item("2"), make.item("3")
    store.items.add(first)
    store.items.add(second)
    store.undo()
    store.items.add(third)
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        store.redo()
    store.undo()
    store.undo()
    assert store.items.all() == []
    with pytest.raises(NothingToUndo):
        store.undo()


# --- stored: restarts, other processes, the running box -------------------------------------


def test_the_journal_survives_reopening_and_is_shared_between_processes(
    store: Store, open_store: Opener, make: Make
) -> None:
    item = make.item()
    store.items.add(item)
    store.items.update(replace(item, title="edited"))
    again = open_store()  # a restart, or another process
    assert message(again.undo()) == "undid: edit card “edited”"
    assert content(again.items.get(item.id)) == content(item)
    assert message(store.redo()) == "undid: edit card “edited”".replace("undid", "redid")
    assert content(store.items.get(item.id)) == content(replace(item, title="edited"))


def test_the_running_box_is_not_journaled_but_the_session_it_records_is(
    store: Store, clock: FakeClock
) -> None:
    boxes.start(store, Kind.PRODUCE, minutes=25)
    boxes.pause(store)
    boxes.resume(store)
    with pytest.raises(NothingToUndo):
        store.undo()
    clock.advance(minutes=25)
    session = boxes.finish(store)
    assert message(store.undo()) == "undid: record produce session 2026-11-28 09:00–09:25"
    assert store.sessions.get(session.id) is None
    assert store.box.get() is None  # the box stays finished
    store.redo()
    assert content(store.sessions.get(session.id)) == content(session)


def test_nothing_to_undo_on_a_new_store_makes_no_file(store: Store) -> None:
    with pytest.raises(NothingToUndo):
        store.undo()
    assert not os.path.exists(store.folder)


def test_the_journal_keeps_the_last_hundred_steps_and_stays_small(
    store: Store, make: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "COMPACT_BYTES", 64 * 1024)
    item = make.item()
    store.items.add(item)
    sizes = []
    for n in range(400):
        store.items.update(replace(item, title=f"title {n}"))
        sizes.append(os.path.getsize(store.journal.path))
    steps, done = store.steps()
    assert len(steps) == done == journal.KEEP_STEPS
    step_size = sizes[1] - sizes[0]
    assert max(sizes) <= 4 * (journal.KEEP_STEPS + 1) * step_size  # bounded, not 400 steps
    assert any(later < earlier for earlier, later in itertools.pairwise(sizes))
    for _ in range(journal.KEEP_STEPS):
        store.undo()
    assert content(store.items.get(item.id)) == content(replace(item, title="title 299"))
    with pytest.raises(NothingToUndo):
        store.undo()


def test_an_ordinary_save_appends_and_never_rewrites_the_journal(store: Store, make: Make) -> None:
    store.contacts.add_many([make.contact(f"p{n}") for n in range(500)])  # one big step
    inode = os.stat(store.journal.path).st_ino
    big = os.path.getsize(store.journal.path)
    for n in range(20):
        store.items.add(make.item(f"card {n}"))
    assert os.stat(store.journal.path).st_ino == inode  # appended in place
    grown = os.path.getsize(store.journal.path) - big
    assert 0 < grown < 20 * 2000


# --- damage and kill -9 ------------------------------------------------------------------------


def test_a_torn_last_line_is_ignored_and_cut_off_by_the_next_save(
    store: Store, open_store: Opener, make: Make
) -> None:
    first = make.item("first")
    store.items.add(first)
    with open(store.journal.path, "ab") as handle:
        handle.write(b'{"step": "torn", "changes": [["items"')  # a kill mid-append
    again = open_store()
    assert len(again.steps()[0]) == 1
    second = make.item("second")
    again.items.add(second)
    with open(store.journal.path, "rb") as handle:
        lines = handle.read().split(b"\n")
    assert lines[-1] == b"" and all(orjson.loads(line) for line in lines[:-1])
    again.undo()
    again.undo()
    assert again.items.all() == []


def test_an_undo_whose_journal_line_was_lost_is_recognised_at_load(
    store: Store, open_store: Opener, make: Make
) -> None:
    """A kill after the data of an undo was saved, before its journal line."""
    first, second = make.item("first"), make.item("second")
    store.items.add(first)
    store.items.add(second)
    store.undo()
    _cut_last_line(store.journal.path, {"undo"})  # the undo line never reached the disk
    again = open_store()
    # the check at load sees the second card's step already undone: the next undo is the
    # first card's, and redo brings the second back
    assert message(again.undo()) == "undid: add card “first”"
    assert again.items.all() == []
    assert message(again.redo()) == "redid: add card “first”"
    assert message(again.redo()) == "redid: add card “second”"
    assert sorted(i.title for i in again.items.all()) == ["first", "second"]


def test_a_deletion_whose_step_was_lost_is_never_taken_for_an_undo(
    store: Store, open_store: Opener, make: Make
) -> None:
    """A kill after the data of a deletion was saved, before its step: the card is gone
    as if its adding had been undone, but no undo was under way, so the next undo refuses
    the adding's step (the card changed since) instead of taking back an older action."""
    first, second = make.item("first"), make.item("second")
    store.items.add(first)
    store.items.add(second)
    store.items.remove(second)
    _cut_last_line(store.journal.path, {"step"})  # the deletion's step never reached the disk
    again = open_store()
    refused = again.undo()
    assert refused.refused is not None and refused.step.changes[0].record_id == second.id
    assert again.items.all() == [first]  # nothing changed
    assert message(again.undo()) == "undid: add card “first”"
    assert again.items.all() == []


def _cut_last_line(path: str, kinds: set[str]) -> None:
    """Take the journal's last line off (as a kill before it was written would have)."""
    with open(path, "rb") as handle:
        lines = handle.read().split(b"\n")
    assert lines[-1] == b"" and set(orjson.loads(lines[-2])) & kinds, lines[-2]
    with open(path, "wb") as handle:
        handle.write(b"\n".join([*lines[:-2], b""]))


def test_a_garbled_journal_line_is_skipped_and_undo_stays_safe(
    store: Store, open_store: Opener, make: Make
) -> None:
    item = make.item()
    store.items.add(item)
    store.items.update(replace(item, title="b"))
    with open(store.journal.path, "rb") as handle:
        lines = handle.read().split(b"\n")
    lines[2] = b"not json at all"  # the edit's step
    with open(store.journal.path, "wb") as handle:
        handle.write(b"\n".join(lines))
    again = open_store()
    outcome = again.undo()  # the add's step: the card is no longer as it added it
    assert outcome.refused is not None
    assert content(again.items.get(item.id)) == content(replace(item, title="b"))


CHILD = os.path.join(HERE, "journal_crash_child.py")
ROUNDS = int(os.environ.get("NB_JOURNAL_KILLS", "12"))


def _run_and_kill(path: str, seed: int, rng: random.Random) -> list[list[str]]:
    """Run the child until it has acknowledged a few saves, let it save for a random
    moment more, SIGKILL it; the lines it printed."""
    child = subprocess.Popen(
        [sys.executable, CHILD, path, str(seed)],
        stdout=subprocess.PIPE,
        env=cli_env(path),
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    seen: list[str] = []
    for _ack in range(rng.randint(1, 3)):  # counted in saves: a busy machine is slower
        while (line := child.stdout.readline()) and line.strip() != "ok":
            seen.append(line)
        seen.append(line)
    # a real delay: the kill must land at an unknown moment of the child's next saves
    time.sleep(rng.uniform(0.0, 0.01))
    child.send_signal(signal.SIGKILL)
    rest = child.stdout.read()
    child.wait()
    return [line.split() for line in [*seen, *rest.splitlines()] if line.strip()]


def test_undo_after_kill_minus_9_restores_exactly_the_right_record(tmp_path: Any) -> None:
    """A child edits, adds and deletes cards and adds sessions (in many month files) and is
    killed mid-save. Each time, undo must take back the last acknowledged action or the
    one being saved (if it reached the disk), leave that record exactly as it was before,
    and redo must bring it back; every file still parses."""
    path = os.path.join(str(tmp_path), "data", "nb.json")
    clock = FakeClock(T0)
    setup = Store.open(path, clock)
    with setup.transaction(undoable=False):
        setup.items.add_many(
            Item(
                id=f"card-{n}", title="start", column="Backlog", position=n, created=T0, updated=T0
            )
            for n in range(6)
        )
    rng = random.Random(7)
    checked = 0
    top: list[str] | None = None  # the last done action, as far as this test knows
    for seed in range(ROUNDS):
        lines = _run_and_kill(path, seed, rng)
        saving = [line for line in lines if line[0] == "saving"]
        acked = [line for line in lines if line[0] == "ok"]
        if not saving:
            continue
        last_ok = saving[len(acked) - 1][1:] if acked else top
        in_flight = saving[-1][1:] if len(saving) > len(acked) else None
        store = Store.open(path, clock)
        for table in ("items", "sessions"):
            store.repository(table).all()  # every file parses
        try:
            outcome = store.undo()
        except NothingToUndo:
            assert last_ok is None
            continue
        change = outcome.step.changes[0]
        done = [change.table, change.record_id, _title(change.before), _title(change.after)]
        candidates = [c for c in (in_flight, last_ok) if c is not None]
        if outcome.refused is not None:
            # only a saved but unjournaled in-flight change to the same record explains it
            assert in_flight is not None and in_flight[1] == change.record_id, (outcome, lines)
            assert last_ok is None or last_ok[1] == change.record_id, (outcome, lines)
            top = None
            continue
        if last_ok is not None:
            assert done in candidates, (done, candidates)
        now = store.repository(change.table).get(change.record_id)
        assert _title_of(now) == done[2]  # exactly as before the action
        redone = store.redo()
        assert redone.refused is None
        assert _title_of(store.repository(change.table).get(change.record_id)) == done[3]
        top = done
        checked += 1
    assert checked >= ROUNDS // 2


def _title(doc: dict[str, Any] | None) -> str:
    if doc is None:
        return "-"
    return str(doc.get("title", "session"))


def _title_of(record: Item | Contact | Session | Interaction | None) -> str:
    if record is None:
        return "-"
    return record.title if isinstance(record, Item) else "session"
