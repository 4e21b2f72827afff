"""The Syncthing harness really syncs: files travel, and edits made apart merge."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from .syncthing import CONFLICT_RE, FOLDER_ID, SyncthingPair, conflict_copies, read_tree


def write(path: Path, data: bytes, mtime: float | None = None) -> None:
    """Write a file, with a chosen modification time if given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def test_a_file_written_on_one_side_arrives_on_the_other(syncthing_pair: SyncthingPair) -> None:
    a, b = syncthing_pair.folders
    payload = os.urandom(200_000)
    write(a / "notes" / "week.bin", payload)

    syncthing_pair.wait_until_in_sync()

    assert (b / "notes" / "week.bin").read_bytes() == payload
    assert read_tree(b) == read_tree(a) == {"notes/week.bin": payload}


def test_edits_made_apart_merge_and_a_clash_leaves_a_conflict_copy(
    syncthing_pair: SyncthingPair,
) -> None:
    pair = syncthing_pair
    a, b = pair.folders
    device_a, device_b = pair.devices
    for name in ("a.txt", "b.txt", "both.txt"):
        write(a / name, f"base {name}\n".encode())
    pair.wait_until_in_sync()
    assert read_tree(b) == read_tree(a)

    pair.disconnect()
    write(a / "a.txt", b"changed on A\n")
    write(a / "new-on-a.txt", b"made on A\n")
    write(b / "b.txt", b"changed on B\n")
    write(b / "new-on-b.txt", b"made on B\n")
    # Both change both.txt. The newer modification time wins, so B's stays and A's
    # version is moved aside into a conflict copy.
    now = time.time()
    write(a / "both.txt", b"A's version\n", mtime=now - 60)
    write(b / "both.txt", b"B's version, the newer\n", mtime=now - 30)
    pair.scan()
    assert not pair.connected()
    completion = device_a.get("/rest/db/completion", folder=FOLDER_ID, device=device_b.device_id)
    assert completion["completion"] < 100  # A knows that B lacks A's changes

    started = datetime.now(UTC).replace(microsecond=0)
    pair.connect()
    pair.wait_until_in_sync()
    finished = datetime.now(UTC)

    copies = conflict_copies(a, "both.txt")
    assert len(copies) == 1, copies
    name = copies[0].name
    assert [path.name for path in conflict_copies(b, "both.txt")] == [name]
    match = CONFLICT_RE.match(name)
    assert match is not None
    assert (match["stem"], match["ext"]) == ("both", ".txt")
    # Syncthing names the copy after the device whose version won (B), although the
    # copy holds the losing version (A's).
    assert match["device"] == device_b.short_id != device_a.short_id
    stamp = datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
    assert started <= stamp.replace(tzinfo=UTC) <= finished

    expected = {
        "a.txt": b"changed on A\n",
        "b.txt": b"changed on B\n",
        "new-on-a.txt": b"made on A\n",
        "new-on-b.txt": b"made on B\n",
        "both.txt": b"B's version, the newer\n",
        name: b"A's version\n",
    }
    assert read_tree(a) == expected
    assert read_tree(b) == expected
