"""Any interleaving of edits on three devices, and any order in which their files reach
each other, ends with the same records on every device once all files have reached all
devices — and nothing is lost but what a later edit of the same record replaced.

Each device is a machine of its own: its own copy of the synced folder (`m0`, `m1`,
`m2`) and its own state folder (so its own name). A "send" copies one device's own
folder into another machine's copy, as a sync tool does; the receiving device merges on
its next open. Edits are made through the repositories: cards (the main file) and
sessions (month files, a session moving between months when its start does)."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, Session
from netbalance.store import devices
from netbalance.store.store import Store

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
DEVICES = 3
MONTHS = (datetime(2026, 10, 5, 9, tzinfo=UTC), datetime(2026, 11, 5, 9, tzinfo=UTC))
LOCAL = (".lock", ".journal.jsonl", ".merged.json")

op = st.one_of(
    st.tuples(st.just("add card"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("edit card"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("delete card"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("add session"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("move session"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("delete session"), st.integers(0, DEVICES - 1), st.integers(0, 99)),
    st.tuples(st.just("send"), st.integers(0, DEVICES - 1), st.integers(0, DEVICES - 1)),
)


class World:
    def __init__(self, base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.base = base
        self.monkeypatch = monkeypatch
        self.clock = FakeClock(NOW)
        self.names: list[str] = []
        self.written: dict[str, set[str]] = {}  # record id → every title/note it had
        self.deleted: set[str] = set()
        for number in range(DEVICES):
            (base / f"m{number}").mkdir()
            (base / f"m{number}" / ".stfolder").mkdir()
            self.be(number)
            Store.open(self.root(number), self.clock)
            self.names.append(devices.device_name())

    def root(self, number: int) -> str:
        return str(self.base / f"m{number}" / "netbalance.json")

    def be(self, number: int) -> None:
        self.monkeypatch.setenv("NETBALANCE_STATE", str(self.base / f"state{number}"))

    def open(self, number: int) -> Store:
        self.be(number)
        self.clock.advance(seconds=1)
        return Store.open(self.root(number), self.clock)

    def send(self, source: int, target: int) -> None:
        """What a sync tool does: the source device's own folder, as it is, to the target
        machine (its local files stay behind)."""
        if source == target:
            return
        name = self.names[source]
        mine = Path(devices.devices_folder(self.root(source))) / name
        there = Path(devices.devices_folder(self.root(target))) / name
        there.mkdir(parents=True, exist_ok=True)
        for path in mine.iterdir():
            if path.is_file() and not path.name.endswith(LOCAL):
                shutil.copy2(path, there / path.name)

    def apply(self, kind: str, number: int, pick: int) -> None:
        store = self.open(number)
        now = self.clock.now()
        if kind == "add card":
            title = f"card {uuid.uuid4().hex[:6]}"
            item = Item(str(uuid.uuid4()), title, "Backlog", float(pick), now, now)
            store.items.add(item)
            self.written[item.id] = {title}
        elif kind == "add session":
            start = MONTHS[pick % 2] + timedelta(hours=pick)
            note = f"session {uuid.uuid4().hex[:6]}"
            session = Session(
                str(uuid.uuid4()),
                Kind.PRODUCE,
                start,
                start + timedelta(minutes=30),
                now,
                now,
                note=note,
            )
            store.sessions.add(session)
            self.written[session.id] = {note}
        elif kind.endswith("card"):
            cards = sorted(store.items.all(), key=lambda i: i.id)
            if not cards:
                return
            card = cards[pick % len(cards)]
            if kind == "edit card":
                title = f"{card.title}+{number}"
                store.items.update(card._replace(title=title, updated=now))
                self.written[card.id].add(title)
            else:
                store.items.remove(card)
                self.deleted.add(card.id)
        else:
            sessions = sorted(store.sessions.all(), key=lambda s: s.id)
            if not sessions:
                return
            session = sessions[pick % len(sessions)]
            if kind == "move session":
                start = MONTHS[(session.start.month + 1) % 2] + timedelta(hours=pick)
                note = f"{session.note}>{number}"
                moved = session._replace(start=start, end=start + timedelta(minutes=30), note=note)
                store.sessions.update(moved)
                self.written[session.id].add(note)
            else:
                store.sessions.remove(session)
                self.deleted.add(session.id)

    def records(self, number: int) -> dict[str, tuple[str, int]]:
        store = self.open(number)
        found = {item.id: (item.title, item.revision) for item in store.items.all()}
        found |= {s.id: (f"{s.note}@{s.start:%m}", s.revision) for s in store.sessions.all()}
        return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(op, min_size=1, max_size=14))
# two devices edit one card at the same revision: the bytes decide, the same everywhere
@example(ops=[("add card", 0, 0), ("send", 0, 1), ("edit card", 1, 0), ("edit card", 0, 0)])
# a session moved to another month on one device, edited in its old month on another
@example(
    ops=[("add session", 0, 1), ("send", 0, 1), ("move session", 0, 0), ("move session", 1, 3)]
)
def test_every_order_of_edits_and_exchanges_converges(
    ops: list[tuple[str, int, int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        world = World(tmp_path_factory.mktemp("world"), monkeypatch)
        for kind, first, second in ops:
            if kind == "send":
                world.send(first, second)
            else:
                world.apply(kind, first, second)
        for source in range(DEVICES):  # every file reaches every device
            for target in range(DEVICES):
                world.send(source, target)
        first_round = [world.records(number) for number in range(DEVICES)]
        for source in range(DEVICES):  # and what the merges wrote, once more
            for target in range(DEVICES):
                world.send(source, target)
        final = [world.records(number) for number in range(DEVICES)]
        assert final[0] == final[1] == final[2]
        assert first_round[0] == final[0]  # one exchange was enough: merging is stable
        for record_id, written in world.written.items():
            if record_id in world.deleted:
                continue  # deleted somewhere: gone, or kept by a later edit elsewhere
            assert record_id in final[0], (record_id, written)
            shown = final[0][record_id][0].split("@")[0]
            assert shown in written
