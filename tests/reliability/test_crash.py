"""SIGKILL a process in the middle of its saves, again and again: every file still
parses and every acknowledged change is on disk.

A worker (crash_child.py) loops over mixed saves and acknowledges each one on stdout
once the save returned. Two lanes (one data file each) run side by side; each lane kills
its worker KILLS_PER_LANE times (env NB_CRASH_KILLS_PER_LANE), either a random 0–50 ms
after it is ready or 0–4 ms after its Nth acknowledgement (which lands many kills inside
a save), then checks the whole folder. Every 10th worker is a fresh interpreter; the
others are forks of one server process per lane, since an interpreter start per kill
would take most of the test's time. Run with `pytest -s` to see the counts.
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

LANES = 2
KILLS_PER_LANE = int(os.environ.get("NB_CRASH_KILLS_PER_LANE", "60"))
BASE = datetime(2026, 12, 30, 8, 0, tzinfo=UTC)  # the lanes cross into January 2027
CHILD = os.path.join(HERE, "crash_child.py")
FRESH_EVERY = 10  # every 10th worker is a fresh interpreter, the others forks of a server


def _version(title: str) -> tuple[int, int]:
    """Item titles written by the child are `<seed>:<op>`, growing with time."""
    seed, _, op = title.partition(":")
    return (int(seed), int(op)) if op else (-1, -1)


@dataclass
class Ledger:
    """Everything the children acknowledged, and what each check found."""

    sessions: set[str] = field(default_factory=set)
    items: dict[str, str] = field(default_factory=dict)  # id → last acknowledged title
    contacts: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    box: tuple[str, str] | None = None  # ("box+" | "box-", id) of the last box ack
    deleting: str | None = None  # a contact whose delete was saving when the kill came
    acks: int = 0
    kills: int = 0
    fresh: int = 0
    kills_in_save: int = 0
    checks: int = 0
    files: int = 0
    leftovers: int = 0
    kills_mid_write: int = 0
    temps: set[str] = field(default_factory=set)
    backups: set[tuple[str, int, int, int]] = field(default_factory=set)

    def record(self, line: str) -> None:
        parts = line.split()
        if parts[:2] == ["saving", "contact-"]:
            self.deleting = parts[2]
        if parts[0] != "ok":
            return
        self.deleting = None
        self.acks += 1
        op, record_id = parts[1], parts[2]
        if op == "session+":
            self.sessions.add(record_id)
        elif op in ("item~", "item+"):
            self.items[record_id] = parts[3]
        elif op == "contact+":
            self.contacts.add(record_id)
        elif op == "contact-":
            self.deleted.add(record_id)
        else:
            self.box = (op, record_id)
            if op == "box-":
                self.sessions.add(record_id)

    def verify(self, path: str) -> None:
        folder = os.path.dirname(path)
        self.files += check_folder(folder, self.backups)
        temps = {name for name in os.listdir(folder) if name.startswith(".nbtmp-")}
        self.kills_mid_write += bool(temps - self.temps)  # a new one: killed mid-write
        self.temps = temps
        store = Store.open(path, FakeClock(BASE))
        sessions = {session.id for session in store.sessions.all()}
        missing = self.sessions - sessions
        assert not missing, f"lost {len(missing)} acknowledged sessions"
        contacts = {contact.id for contact in store.contacts.all()}
        if self.deleting is not None and self.deleting not in contacts:
            self.deleted.add(self.deleting)  # the delete was saved; only its ack was killed
        self.deleting = None
        assert not (self.contacts - self.deleted) - contacts, "lost an acknowledged contact"
        assert not self.deleted & contacts, "an acknowledged delete came back"
        titles = {item.id: item.title for item in store.items.all()}
        for item_id, title in self.items.items():
            assert item_id in titles, "lost an acknowledged item"
            assert _version(titles[item_id]) >= _version(title), "lost an acknowledged edit"
        box = store.box.get()
        if self.box is not None:
            op, box_id = self.box
            if op == "box+":  # still running, or finished by an unacknowledged save
                assert (box is not None and box.id == box_id) or box_id in sessions
            else:
                assert box is None or box.id != box_id, "a finished box runs again"
        self.checks += len(self.sessions) + len(self.contacts) + len(self.items) + 1


def _seed(path: str) -> None:
    """Enough data that a save takes a while (more kills land inside one)."""
    store = Store.open(path, FakeClock(BASE - timedelta(days=1)))
    now = BASE - timedelta(days=1)
    sessions = []
    for n in range(800):
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
        for n in range(150)
    )
    store.contacts.add_many(
        Contact(id=new_id(), name=f"seed {n}", created=now, updated=now) for n in range(150)
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
    """Killed saves leave temporary files; the next save of each file removes its own.
    Returns how many there were."""
    folder = os.path.dirname(path)

    def temps() -> list[str]:
        return [name for name in os.listdir(folder) if name.startswith(".nbtmp-")]

    found = len(temps())
    clock = FakeClock(BASE + timedelta(days=30))
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
    assert store.months() == ["2026-12", "2027-01"]  # saves into both history files
    for month in store.months():
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
        for kill in range(KILLS_PER_LANE):
            seed = lane * 1000 + kill
            args = [path, str(seed), (BASE + timedelta(hours=3 * kill)).isoformat()]
            fresh = kill % FRESH_EVERY == 0
            worker = _Worker(None if fresh else server, args, log)
            try:
                worker.wait_ready()
                if kill % 2:
                    worker.wait_acks(rng.randint(1, 12))
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
    print(
        f"\ncrash test: {kills} SIGKILLs ({fresh} of fresh interpreters; {in_save} inside a "
        f"save, {mid_write} of them while the new file was being written), "
        f"{acks} acknowledged saves, {records} acknowledged records at the end, "
        f"{checks} record checks, {files} file parses, 0 unparseable, 0 lost; "
        f"{leftovers} temporary files left at the end, all removed by the next saves "
        f"({time.monotonic() - started:.1f} s)"
    )
    assert kills >= 100
    assert in_save > 0 and mid_write > 0  # the kills did hit saves in progress
    assert all(ledger.acks > KILLS_PER_LANE for ledger in ledgers)
