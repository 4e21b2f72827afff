"""SIGKILL a process in the middle of its saves, again and again: every file still
parses, every acknowledged change is on disk, and the change being saved when the kill
came is wholly there or wholly absent.

A worker (crash_child.py) loops over mixed saves — insert, edit, delete, move and
reorder cards, import a batch of sessions across two history files, import contacts,
start and finish a box — and acknowledges each one on stdout once the save returned.
Four lanes (one data file each) run side by side and kill their workers NB_CRASH_KILLS
times in all (500 unless set), either a random 0–50 ms after it is ready or 0–4 ms after
its Nth acknowledgement (which lands most kills inside a save), then check the whole
folder. Every 20th worker is a fresh interpreter; the others are forks of one server
process per lane, since an interpreter start per kill would take most of the test's
time. Run with `pytest -s` to see the counts.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from nbrel_helpers import HERE, check_folder, child_env

from netbalance.core import timer
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Item, Kind, Session, new_id
from netbalance.store.store import Store

LANES = 4
KILLS = int(os.environ.get("NB_CRASH_KILLS", "500"))  # in all, shared by the lanes
BASE = datetime(2026, 12, 30, 8, 0, tzinfo=UTC)  # the lanes cross into January 2027
CHILD = os.path.join(HERE, "crash_child.py")
FRESH_EVERY = 20  # every 20th worker is a fresh interpreter, the others forks of a server
HOURS_PER_WORKER = 12  # worker k's clock starts at BASE + 12k hours, a minute per op
# (a fast disk does a few hundred saves in the 50 ms a worker may live)
AFTER_ALL = BASE + timedelta(hours=HOURS_PER_WORKER * (KILLS // LANES + 2))


@dataclass
class Ledger:
    """Everything the children acknowledged, and what each check found."""

    sessions: set[str] = field(default_factory=set)
    items: dict[str, datetime] = field(default_factory=dict)  # id → last acknowledged stamp
    contacts: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    box: tuple[str, str] | None = None  # ("box+" | "box-", id) of the last box ack
    pending: list[str] | None = None  # the op being saved when the kill came
    acks: int = 0
    by_op: dict[str, int] = field(default_factory=dict)  # acknowledged saves per op
    kills: int = 0
    fresh: int = 0
    kills_in_save: int = 0
    kills_by_op: dict[str, int] = field(default_factory=dict)
    unacked_saved: int = 0  # the killed save was wholly on disk
    unacked_absent: int = 0  # … or wholly absent
    checks: int = 0
    files: int = 0
    leftovers: int = 0
    kills_mid_write: int = 0
    temps: set[str] = field(default_factory=set)
    backups: set[tuple[str, int, int, int]] = field(default_factory=set)

    def record(self, line: str) -> None:
        parts = line.split()
        if parts[0] == "saving":
            self.pending = parts[1:]
            return
        if parts[0] != "ok":
            return
        self.pending = None
        self.acks += 1
        self.by_op[parts[1]] = self.by_op.get(parts[1], 0) + 1
        self._saved(parts[1:])

    def _saved(self, parts: list[str]) -> None:
        """A change is on disk: acknowledged, or found whole after the kill."""
        op, args = parts[0], parts[1:]
        if op == "session+":
            self.sessions.add(args[0])
        elif op in ("item+", "item~", "item>"):
            stamp = datetime.fromisoformat(args[0])
            for item_id in args[1:]:
                self.items[item_id] = stamp
        elif op == "contact+":
            self.contacts.add(args[0])
        elif op == "contact-":
            self.deleted.add(args[0])
        elif op == "import":
            self.sessions.update(args)
        elif op == "contacts*":
            self.contacts.update(args[2:])
        elif op == "box+":
            if args:
                self.box = ("box+", args[0])
        else:
            self.box = ("box-", args[0])
            self.sessions.add(args[0])

    def _killed_save(
        self, sessions: set[str], contacts: dict[str, Contact], items: dict[str, Item], box: str
    ) -> None:
        """The save the kill interrupted is wholly on disk or wholly absent."""
        assert self.pending is not None
        op, args = self.pending[0], self.pending[1:]
        self.pending = None
        self.kills_by_op[op] = self.kills_by_op.get(op, 0) + 1
        if op in ("item+", "item~", "item>"):
            stamp = datetime.fromisoformat(args[0])
            there = [item_id in items and items[item_id].updated == stamp for item_id in args[1:]]
        elif op == "import":
            there = [session_id in sessions for session_id in args]
        elif op == "contacts*":
            tag, renamed, added = args[0], args[1], args[2:]
            there = [contact_id in contacts for contact_id in added]
            there.append(contacts[renamed].name == f"renamed {tag}")
        elif op == "box-":
            there = [args[0] in sessions, box != args[0]]  # recorded, and no longer running
        elif op == "session+":
            there = [args[0] in sessions]
        elif op == "contact+":
            there = [args[0] in contacts]
        elif op == "contact-":
            there = [args[0] not in contacts]
        else:  # box+: its id is not known before the save
            return
        assert all(there) or not any(there), f"half of a killed save is on disk: {op} {there}"
        if all(there):
            self.unacked_saved += 1
            self._saved([op, *args])
        else:
            self.unacked_absent += 1

    def verify(self, path: str) -> None:
        folder = os.path.dirname(path)
        self.files += check_folder(folder, self.backups)
        temps = {name for name in os.listdir(folder) if name.startswith(".nbtmp-")}
        new_temps = {name for name in temps - self.temps if name.rsplit(".", 1)[-1].isdigit()}
        self.kills_mid_write += bool(new_temps)  # a new temporary file: killed mid-write
        self.temps = temps
        store = Store.open(path, FakeClock(BASE))
        sessions = {session.id for session in store.sessions.all()}
        contacts = {contact.id: contact for contact in store.contacts.all()}
        items = {item.id: item for item in store.items.all()}
        running = store.box.get()
        box = running.id if running is not None else ""
        if self.pending is not None:
            self._killed_save(sessions, contacts, items, box)
        missing = self.sessions - sessions
        assert not missing, f"lost {len(missing)} acknowledged sessions"
        assert not (self.contacts - self.deleted) - contacts.keys(), "lost an acknowledged contact"
        assert not self.deleted & contacts.keys(), "an acknowledged delete came back"
        for item_id, stamp in self.items.items():
            assert item_id in items, "lost an acknowledged card"
            assert items[item_id].updated >= stamp, "lost an acknowledged edit or move"
        if self.box is not None:
            op, box_id = self.box
            if op == "box+":  # still running, or finished by an unacknowledged save
                assert box == box_id or box_id in sessions
            else:
                assert box != box_id, "a finished box runs again"
        self.checks += len(self.sessions) + len(self.contacts) + len(self.items) + 1


def _seed(path: str) -> None:
    """Enough data that a save takes a while (more kills land inside one)."""
    store = Store.open(path, FakeClock(BASE - timedelta(days=1)))
    now = BASE - timedelta(days=1)
    sessions = []
    for n in range(400):
        start = BASE - timedelta(days=20) + timedelta(hours=n)  # December and January
        sessions.append(
            Session(
                id=new_id(),
                kind=Kind.PRODUCE if n % 3 else Kind.NETWORK,
                start=start,
                end=start + timedelta(minutes=25),
                created=now,
                updated=now,
                note=f"seeded {n}",
            )
        )
    store.sessions.add_many(sessions)
    store.items.add_many(
        Item(id=new_id(), title="seed", column="Backlog", position=n, created=now, updated=now)
        for n in range(80)
    )
    store.contacts.add_many(
        Contact(id=new_id(), name=f"seed {n}", created=now, updated=now) for n in range(80)
    )


class _Worker:
    """One worker to kill: a fresh interpreter, or a fork of the lane's server."""

    def __init__(self, server: subprocess.Popen[str] | None, args: list[str], log: str) -> None:
        self.lines: list[str] = []
        if server is None:
            with open(log, "w") as stderr:
                self.process: subprocess.Popen[str] | None = subprocess.Popen(
                    [sys.executable, CHILD, *args],
                    env=child_env(),
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    text=True,
                )
            self.stream = self.process.stdout
            self.pid = self.process.pid
        else:
            self.process = None
            self.stream = server.stdout
            assert server.stdin is not None
            server.stdin.write("run " + " ".join(args) + "\n")
            server.stdin.flush()
            self.pid = int(self._until(lambda line: line.startswith("pid ")).split()[1])
        assert self.stream is not None

    def _until(self, done: Callable[[str], bool]) -> str:
        """Read lines until one satisfies `done` (returned); the worker's lines are kept."""
        while True:
            line = self.stream.readline() if self.stream else ""
            assert line, "the worker (or its server) ended before it was killed"
            line = line.rstrip("\n")
            if line.startswith(("pid ", "dead ")):
                if done(line):
                    return line
                raise AssertionError(f"unexpected {line!r} from the server")
            self.lines.append(line)
            if done(line):
                return line

    def wait_ready(self) -> None:
        # a forked worker can print `ready` before its server prints `pid …`: then the
        # line was read (and kept) while waiting for the pid
        if "ready" not in self.lines:
            self._until(lambda line: line == "ready")

    def wait_acks(self, count: int) -> None:
        start = sum(line.startswith("ok ") for line in self.lines)
        self._until(
            lambda line: sum(seen.startswith("ok ") for seen in self.lines) - start >= count
        )

    def kill(self) -> bool:
        """SIGKILL it and read what it printed before; True when the kill killed it."""
        os.kill(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait()
            assert self.process.stdout is not None
            self.lines.extend(self.process.stdout.read().splitlines())
            self.process.stdout.close()
            return self.process.returncode == -signal.SIGKILL
        status = int(self._until(lambda line: line.startswith(f"dead {self.pid} ")).split()[2])
        return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def _cleaned_by_the_next_saves(path: str) -> int:
    """Killed saves leave temporary files; the next save of each file removes its own,
    and the next save of several files those of a killed one's rollback record.
    Returns how many there were."""
    folder = os.path.dirname(path)

    def temps() -> list[str]:
        return [name for name in os.listdir(folder) if name.startswith(".nbtmp-")]

    found = len(temps())
    clock = FakeClock(AFTER_ALL)
    store = Store.open(path, clock)
    store.items.add(
        Item(
            id=new_id(),
            title="last",
            column="Backlog",
            position=0.0,
            created=clock.now(),
            updated=clock.now(),
        )
    )
    assert store.months()[:2] == ["2026-12", "2027-01"]  # saves into every history file
    with store.transaction():  # one save of several files, which clears a killed one's
        for month in store.months():  # rollback leftovers
            start = datetime.strptime(month, "%Y-%m").replace(day=2, tzinfo=UTC)
            store.sessions.add(
                Session(
                    id=new_id(),
                    kind=Kind.PRODUCE,
                    start=start,
                    end=start + timedelta(hours=1),
                    created=clock.now(),
                    updated=clock.now(),
                )
            )
    store.box.put(timer.start(Kind.NETWORK, clock.now(), minutes=15))
    store.box.clear()
    assert temps() == []
    return found


def _lane(lane: int, folder: str, ledger: Ledger, failures: list[BaseException]) -> None:
    server = None
    log = os.path.join(folder, "worker.stderr")
    try:
        path = os.path.join(folder, "nb.json")
        _seed(path)
        ledger.verify(path)
        rng = random.Random(lane)
        with open(os.path.join(folder, "server.stderr"), "w") as stderr:
            server = subprocess.Popen(
                [sys.executable, CHILD, "--serve"],
                env=child_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        for kill in range(KILLS // LANES + (lane < KILLS % LANES)):
            seed = lane * 1000 + kill
            begin = BASE + timedelta(hours=HOURS_PER_WORKER * kill)
            args = [path, str(seed), begin.isoformat()]
            fresh = kill % FRESH_EVERY == 0
            worker = _Worker(None if fresh else server, args, log)
            try:
                worker.wait_ready()
                if kill % 2:
                    worker.wait_acks(rng.randint(1, 6))
                    time.sleep(rng.uniform(0, 0.004))
                else:
                    time.sleep(rng.uniform(0, 0.05))
            finally:
                killed = worker.kill()
            if not killed:
                with open(log if fresh else os.path.join(folder, "server.stderr")) as errors:
                    raise AssertionError(f"the worker died by itself: {errors.read()}")
            ledger.kills += 1
            ledger.fresh += fresh
            saves = sum(line.startswith("saving ") for line in worker.lines)
            # the stamps of card saves grow from one worker to the next
            assert saves < HOURS_PER_WORKER * 60 - 20, "a worker ran too long"
            for line in worker.lines:
                ledger.record(line)
            if worker.lines and worker.lines[-1].startswith("saving "):
                ledger.kills_in_save += 1
            ledger.verify(path)
        ledger.leftovers = _cleaned_by_the_next_saves(path)
    except BaseException as error:
        failures.append(error)
    finally:
        if server is not None:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(timeout=30)
            if server.stdout is not None:
                server.stdout.close()


def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path: os.PathLike[str]) -> None:
    started = time.monotonic()
    ledgers = [Ledger() for _ in range(LANES)]
    failures: list[BaseException] = []
    lanes = []
    for lane in range(LANES):
        folder = os.path.join(os.fspath(tmp_path), f"lane{lane}")
        os.makedirs(folder)
        lanes.append(threading.Thread(target=_lane, args=(lane, folder, ledgers[lane], failures)))
    for thread in lanes:
        thread.start()
    for thread in lanes:
        thread.join()
    if failures:
        raise failures[0]

    kills = sum(ledger.kills for ledger in ledgers)
    fresh = sum(ledger.fresh for ledger in ledgers)
    in_save = sum(ledger.kills_in_save for ledger in ledgers)
    acks = sum(ledger.acks for ledger in ledgers)
    checks = sum(ledger.checks for ledger in ledgers)
    files = sum(ledger.files for ledger in ledgers)
    records = sum(len(ledger.sessions) + len(ledger.contacts) for ledger in ledgers)
    leftovers = sum(ledger.leftovers for ledger in ledgers)
    mid_write = sum(ledger.kills_mid_write for ledger in ledgers)
    saved = sum(ledger.unacked_saved for ledger in ledgers)
    absent = sum(ledger.unacked_absent for ledger in ledgers)

    def per_op(counts: list[dict[str, int]]) -> str:
        ops = sorted({op for count in counts for op in count})
        return ", ".join(f"{op} {sum(count.get(op, 0) for count in counts)}" for op in ops)

    print(
        f"\ncrash test: {kills} SIGKILLs ({fresh} of fresh interpreters; {in_save} inside a "
        f"save, {mid_write} of them while a new file was being written)\n"
        f"  kills inside a save of: {per_op([ledger.kills_by_op for ledger in ledgers])}\n"
        f"  acknowledged saves: {acks} ({per_op([ledger.by_op for ledger in ledgers])})\n"
        f"  killed saves found wholly on disk {saved}, wholly absent {absent}, partly 0\n"
        f"  {records} acknowledged records at the end, {checks} record checks, {files} file "
        f"parses: 0 unparseable, 0 lost; {leftovers} temporary files left at the end, all "
        f"removed by the next saves ({time.monotonic() - started:.1f} s)"
    )
    assert kills == KILLS
    assert in_save > 0 and mid_write > 0  # the kills did hit saves in progress
    assert saved + absent > 0
    assert all(ledger.acks > ledger.kills for ledger in ledgers)
    ops = {op for ledger in ledgers for op in ledger.kills_by_op}
    assert {"import", "item>", "contacts*", "box-"} <= ops  # kills hit the multi-record saves
