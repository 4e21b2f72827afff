"""Two processes write to one data file at once through the real lock, while a third
party keeps reading it: nothing is lost, nothing collides, nothing is ever torn.
Run with `pytest -s` to see the counts."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time

import orjson
from nbrel_helpers import HERE, check_folder, child_env, parse_data_file

WRITERS = 2
WRITES = 300
CHILD = os.path.join(HERE, "write_child.py")


class Reader(threading.Thread):
    """Polls every data file of the folder and parses it, until told to stop."""

    def __init__(self, folder: str) -> None:
        super().__init__(daemon=True)
        self.folder = folder
        self.stop = threading.Event()
        self.reads = 0
        self.errors: list[str] = []
        self.seen: set[str] = set()

    def run(self) -> None:
        while not self.stop.is_set():
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


def test_two_writers_lose_nothing_and_a_reader_never_sees_a_torn_file(
    tmp_path: os.PathLike[str],
) -> None:
    folder = os.fspath(tmp_path)
    path = os.path.join(folder, "nb.json")
    writers = [
        subprocess.Popen(
            [sys.executable, CHILD, path, str(tag), str(WRITES)],
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    reader = Reader(folder)
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
        f"\nconcurrency test: {WRITERS} processes x {WRITES} inserts in {elapsed:.1f} s: "
        f"{len(acknowledged)} acknowledged, {len(stored)} stored, "
        f"{len(set(acknowledged) - set(stored))} lost, {len(errors)} errors, "
        f"{len(stored) - len(set(stored))} duplicate ids, {turns} turns between writers; "
        f"reader: {reader.reads} parses, {len(reader.errors)} parse errors"
    )
    assert errors == []
    assert len(acknowledged) == WRITERS * WRITES
    assert len(stored) == len(set(stored)) == WRITERS * WRITES
    assert set(stored) == set(acknowledged)
    assert sorted(int(doc_id) for doc_id in data["sessions"]) == list(
        range(1, WRITERS * WRITES + 1)
    )
    assert turns >= 5  # the writers did take turns on the file
    assert reader.errors == []
    assert reader.reads > 0
    assert check_folder(folder) >= 1
