"""Suite 2 on a real full disk: a data folder on a small tmpfs, filled up until saves
fail with ENOSPC. Each failure is one line and exit 2, the files stay byte-identical and
whole, and once space is freed the same command succeeds. Needs permission to mount
(root with CAP_SYS_ADMIN); elsewhere the test is skipped and says why."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from nbrel_helpers import REPO, check_folder

SIZE = "256k"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("disk-full run skipped: mounting a tmpfs needs root, this runs as a user")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"disk-full run skipped: mount -t tmpfs refused: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=REPO,
        TZ="UTC",
        NETBALANCE_DB=str(folder / "data" / "nb.json"),
        NETBALANCE_CONFIG=str(folder.parent / "config.toml"),
        NETBALANCE_NOW="2026-11-28T09:00:00+00:00",
    )
    return subprocess.run(
        [sys.executable, "-m", "netbalance", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _data(folder: Path) -> dict[str, bytes]:
    data = folder / "data"
    return {p.name: p.read_bytes() for p in sorted(data.iterdir()) if p.is_file()}


def _fill(ballast: Path, leave: int) -> None:
    """Fill the disk to the last byte, then free `leave` bytes."""
    with contextlib.suppress(OSError), open(ballast, "ab") as handle:
        while True:
            handle.write(b"\0" * 512)
            handle.flush()
    if leave:
        size = ballast.stat().st_size
        os.truncate(ballast, max(0, size - leave))


SAVES = [
    ["item", "add", "one more"],
    ["item", "move", "{item}", "Doing"],
    ["start", "produce"],
    ["contact", "add", "Ada Lovelace"],
    ["add", "produce", "2026-11-27 09:00 1h"],
    ["undo", "--force"],  # the undo of a 58-card import: a big drop
]


def test_a_full_disk_fails_cleanly_and_a_retry_succeeds(small_disk: Path) -> None:
    from datetime import UTC, datetime

    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Item, new_id
    from netbalance.store.store import Store

    at = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    store = Store.open(str(small_disk / "data" / "nb.json"), FakeClock(at))
    title = "A card with a long title " * 7
    items = [
        Item(
            id=new_id(),
            title=f"{n} {title}"[:200],
            column="Backlog",
            position=float(n),
            created=at,
            updated=at,
        )
        for n in range(60)
    ]
    for item in items[:2]:
        store.items.add(item)  # two steps in the journal, for the undo
    store.items.add_many(items[2:])
    ballast = small_disk / "ballast"
    refused = fitted = 0
    for leave in (0, 4096, 12288):  # nothing free; a page; three pages (a write lands in part)
        _fill(ballast, leave)
        before = _data(small_disk)
        for args in SAVES:
            args = [arg.replace("{item}", items[0].id) for arg in args]
            done = _cli(small_disk, *args)
            shown = (
                f"{leave} B free, {args}: exit {done.returncode}, {done.stdout!r} {done.stderr!r}"
            )
            if done.returncode == 0 and leave:  # a small save fitted in what was free
                assert done.stderr == "", shown
                check_folder(str(small_disk / "data"))
                before = _data(small_disk)
                fitted += 1
                continue
            assert done.returncode == 2, shown
            assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, shown
            assert _data(small_disk) == before, shown
            if "is running" in done.stderr:
                continue  # the box that fitted earlier
            assert "No space left on device" in done.stderr, shown
            refused += 1
        names = os.listdir(small_disk / "data")
        assert not [n for n in names if n.startswith(".nbtmp-")], names
    parsed = check_folder(str(small_disk / "data"))
    ballast.unlink()
    for args in SAVES:
        args = [arg.replace("{item}", items[0].id) for arg in args]
        done = _cli(small_disk, *args)
        assert done.returncode == 0 or "is running" in done.stderr, done
    listed = _cli(small_disk, "item", "list").stdout
    assert all(item.id[:6] in listed for item in items) and "one more" in listed
    print(
        f"\ndisk full (a {SIZE} tmpfs, 0, 4 and 12 KiB free): {refused} saves refused with "
        f"ENOSPC (one line, exit 2), files byte-identical; {fitted} small saves fitted; "
        f"{parsed} files parse; after "
        f"freeing space all {len(SAVES)} saves succeeded"
    )
