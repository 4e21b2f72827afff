"""The app and two command-line processes write to one data file at once, for
NB_CONCURRENCY_SECONDS (30 unless set), while an outside reader parses every data file
every 10 ms: every acknowledged write is there, nothing collides, nothing is ever torn.

The app is the real NetbalanceApp, headless in a child process, driven with Pilot
(app_child.py: finishing boxes with `s`, adding cards with `a`). Each CLI writer is a
loop of real `python -m netbalance` processes, alternating `add produce|network WHEN
--note …` and `item add TITLE`; a write is acknowledged by exit 0. A refusal because
another process held the lock too long ("busy") would be reported and counted; it is an
error only if it lost an acknowledged write.

A second test makes the lock work harder than processes that start an interpreter per
write can: two processes × 300 inserts through the store (write_child.py), as fast as
they go, with the reader parsing without a pause. Run with `pytest -s` to see the counts.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import orjson
from nbrel_helpers import HERE, REPO, check_folder, child_env, parse_data_file

from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, new_id
from netbalance.store.store import Store

SECONDS = float(os.environ.get("NB_CONCURRENCY_SECONDS", "30"))
POLL = 0.010  # the outside reader's pause between two rounds of reads
APP = os.path.join(HERE, "app_child.py")
STORE_WRITER = os.path.join(HERE, "write_child.py")
NOW = "2026-11-28T09:00:00+00:00"  # the CLI's clock
MONTHS = ("2026-10", "2026-09")  # writer k adds its sessions in MONTHS[k]: no overlaps
BUSY = "another netbalance process has held"


class Reader(threading.Thread):
    """Parses every data file of the folder every 10 ms, until told to stop."""

    def __init__(self, folder: str, poll: float = POLL) -> None:
        super().__init__(daemon=True)
        self.folder = folder
        self.poll = poll
        self.stop = threading.Event()
        self.reads = 0
        self.rounds = 0
        self.errors: list[str] = []
        self.seen: set[str] = set()

    def run(self) -> None:
        while not self.stop.wait(self.poll):
            self.rounds += 1
            for name in os.listdir(self.folder):
                if not name.endswith(".json") or name.startswith(".nbtmp-"):
                    continue
                full = os.path.join(self.folder, name)
                try:
                    parse_data_file(full)
                except FileNotFoundError:
                    if full in self.seen:  # a replaced file never disappears
                        self.errors.append(f"{name} vanished")
                    continue
                except (AssertionError, orjson.JSONDecodeError, OSError) as error:
                    self.errors.append(str(error))
                    continue
                self.seen.add(full)
                self.reads += 1


@dataclass
class CliWriter:
    """A loop of `python -m netbalance` processes, one write each."""

    number: int
    path: str
    sessions: list[str] = field(default_factory=list)  # notes of acknowledged sessions
    cards: list[str] = field(default_factory=list)  # titles of acknowledged cards
    refused: list[str] = field(default_factory=list)  # busy: the lock was held too long
    errors: list[str] = field(default_factory=list)

    def run(self, until: float) -> None:
        env = child_env(self.path, NOW)
        month = datetime.strptime(MONTHS[self.number], "%Y-%m").replace(tzinfo=UTC)
        kind = ("produce", "network")[self.number]
        n = 0
        while time.monotonic() < until:
            n += 1
            if n % 2:
                start = month + timedelta(days=n // 40, minutes=30 * (n % 40))
                note = f"cli{self.number}-{n}"
                args = ["add", kind, f"{start:%Y-%m-%d %H:%M} 20m", "--note", note]
            else:
                note = f"cli{self.number}-{n}"
                args = ["item", "add", note]
            result = subprocess.run(
                [sys.executable, "-m", "netbalance", *args],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if result.returncode == 0:
                (self.sessions if n % 2 else self.cards).append(note)
            elif BUSY in result.stderr:
                self.refused.append(result.stderr.strip())
            else:
                self.errors.append(f"{args}: exit {result.returncode}: {result.stderr.strip()}")


def test_the_app_and_two_cli_processes_lose_nothing_and_a_reader_never_sees_a_torn_file(
    tmp_path: os.PathLike[str],
) -> None:
    folder = os.fspath(tmp_path)
    path = os.path.join(folder, "nb.json")
    now = datetime.fromisoformat(NOW)
    Store.open(path, FakeClock(now)).items.add(  # not the app's first run
        Item(id=new_id(), title="seed", column="Next", position=1, created=now, updated=now)
    )
    app = subprocess.Popen(
        [sys.executable, APP, path, str(SECONDS)],
        env=child_env(path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert app.stdout is not None
    first = app.stdout.readline()
    assert first == "ready\n", first + (app.stderr.read() if app.stderr else "")
    started = time.monotonic()
    reader = Reader(folder)
    reader.start()
    writers = [CliWriter(number, path) for number in range(2)]
    threads = [threading.Thread(target=writer.run, args=(started + SECONDS,)) for writer in writers]
    for thread in threads:
        thread.start()
    out, err = app.communicate(timeout=SECONDS + 120)
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    reader.stop.set()
    reader.join(timeout=30)

    assert app.returncode == 0, err
    lines = out.splitlines()
    assert lines[-1] == "done", err
    app_sessions = [line.split()[2] for line in lines if line.startswith("ok session ")]
    app_cards = [line.split()[2] for line in lines if line.startswith("ok card ")]
    app_errors = [line for line in lines if line.startswith("error ")]
    app_refused = [line for line in app_errors if BUSY in line]

    store = Store.open(path, FakeClock(now))
    sessions = store.sessions.all()
    items = store.items.all()
    stored_notes = Counter(session.note for session in sessions)
    stored_ids = Counter(session.id for session in sessions)
    titles = Counter(item.title for item in items)
    acknowledged = {
        "app sessions": (app_sessions, stored_ids),
        "app cards": (app_cards, titles),
        "CLI sessions": ([n for w in writers for n in w.sessions], stored_notes),
        "CLI cards": ([t for w in writers for t in w.cards], titles),
    }
    lost = {
        what: [k for k in keys if stored[k] != 1] for what, (keys, stored) in acknowledged.items()
    }
    refused = len(app_refused) + sum(len(writer.refused) for writer in writers)
    errors = [*app_errors, *(e for writer in writers for e in writer.errors)]
    figures = ", ".join(f"{len(keys)} {what}" for what, (keys, _stored) in acknowledged.items())
    print(
        f"\nconcurrency test: the app and 2 CLI processes for {elapsed:.1f} s: "
        f"{figures} acknowledged; {sum(map(len, lost.values()))} lost or doubled; "
        f"{len(errors)} errors, {refused} refused as busy; "
        f"{len(sessions)} sessions and {len(items)} cards stored; outside reader: "
        f"{reader.rounds} rounds every {POLL * 1000:.0f} ms, {reader.reads} parses, "
        f"{len(reader.errors)} parse errors"
    )
    for what, missing in lost.items():
        assert not missing, f"{what}: {len(missing)} acknowledged writes lost or doubled"
    assert errors == [] and set(app_errors) == set(app_refused)
    assert len(stored_ids) == len(sessions), "duplicate session ids"
    assert app_sessions and app_cards and all(w.sessions and w.cards for w in writers)
    assert reader.errors == []
    assert reader.reads > 0
    assert check_folder(folder) >= 3


def test_two_store_writers_at_full_speed_lose_nothing_and_take_turns(
    tmp_path: os.PathLike[str],
) -> None:
    writes = 300
    folder = os.fspath(tmp_path)
    path = os.path.join(folder, "nb.json")
    writers = [
        subprocess.Popen(
            [sys.executable, STORE_WRITER, path, str(tag), str(writes)],
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in range(2)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    reader = Reader(folder, poll=0)
    reader.start()
    started = time.monotonic()
    for writer in writers:  # both go at once
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    acknowledged: list[str] = []
    errors: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        lines = out.splitlines()
        assert lines[-1] == "done", err
        acknowledged += [line.split()[1] for line in lines if line.startswith("ok ")]
        errors += [line for line in lines if line.startswith("error ")]
    elapsed = time.monotonic() - started
    reader.stop.set()
    reader.join(timeout=30)

    assert [name for name in os.listdir(folder) if name.endswith(".json")] == ["nb.2026-03.json"]
    data = parse_data_file(os.path.join(folder, "nb.2026-03.json"))
    stored = [doc["id"] for doc in data["sessions"].values()]
    order = [doc["note"].split()[1] for doc in data["sessions"].values()]  # writer tags
    turns = sum(a != b for a, b in itertools.pairwise(order))
    print(
        f"\nconcurrency test: 2 store processes x {writes} inserts in {elapsed:.1f} s: "
        f"{len(acknowledged)} acknowledged, {len(stored)} stored, "
        f"{len(set(acknowledged) - set(stored))} lost, {len(errors)} errors, "
        f"{len(stored) - len(set(stored))} duplicate ids, {turns} turns between writers; "
        f"reader: {reader.reads} parses, {len(reader.errors)} parse errors"
    )
    assert errors == []
    assert len(acknowledged) == 2 * writes
    assert len(stored) == len(set(stored)) == 2 * writes
    assert set(stored) == set(acknowledged)
    assert sorted(int(doc_id) for doc_id in data["sessions"]) == list(range(1, 2 * writes + 1))
    assert turns >= 5  # the writers did take turns on the file
    assert reader.errors == []
    assert reader.reads > 0
    assert check_folder(folder) >= 1
