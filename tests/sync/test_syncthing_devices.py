"""Two machines on one history through real Syncthing: two daemons on localhost (no
discovery, no relays), one shared folder; each machine runs netbalance as its own device.
Changes made on both while they are disconnected all arrive once they reconnect: both
show the union, and Syncthing never has two versions of one file to choose between."""

from __future__ import annotations

import os
from pathlib import Path

from .nbdevice import Device
from .syncthing import SyncthingPair

LATER = "2026-11-28T16:00:00+00:00"


def cards(device: Device) -> list[tuple[str, str]]:
    return sorted((i["title"], i["column"]) for i in device.json("item", "list")["items"])


def notes(device: Device) -> list[str]:
    return sorted(s["note"] for s in device.json("log")["sessions"])


def conflict_copies(folder: Path) -> list[str]:
    return [name for _, _, names in os.walk(folder) for name in names if "sync-conflict" in name]


def test_changes_made_apart_on_two_machines_all_arrive(
    syncthing_pair: SyncthingPair, tmp_path: Path
) -> None:
    pair = syncthing_pair
    a, b = pair.folders
    laptop = Device(a / "netbalance", tmp_path / "laptop-state")
    desktop = Device(b / "netbalance", tmp_path / "desktop-state")

    shared_card = laptop.ok("item", "add", "Shared draft").split()[1]
    laptop.ok("add", "produce", "09:00-10:00", "--note", "before the split")
    pair.wait_until_in_sync()
    assert cards(desktop) == [("Shared draft", "Backlog")]
    assert notes(desktop) == ["before the split"]
    pair.wait_until_in_sync()  # the desktop's own folder (the merge it made) reaches the laptop

    pair.disconnect()
    laptop.ok("item", "add", "Made on the laptop")
    laptop.ok("item", "move", shared_card, "Doing")
    laptop.ok("add", "produce", "11:00-12:00", "--note", "laptop, offline")
    desktop.ok("item", "add", "Made on the desktop")
    desktop.ok("add", "network", "13:00-13:30", "--note", "desktop, offline")
    pair.scan()
    assert cards(laptop) != cards(desktop)

    pair.connect()
    pair.wait_until_in_sync()
    expected = [("Made on the desktop", "Backlog"), ("Made on the laptop", "Backlog"),
                ("Shared draft", "Doing")]  # fmt: skip
    assert cards(laptop) == cards(desktop) == expected
    assert (
        notes(laptop)
        == notes(desktop)
        == [
            "before the split",
            "desktop, offline",
            "laptop, offline",
        ]
    )
    pair.wait_until_in_sync()  # what each merge wrote travels too
    assert conflict_copies(a) == conflict_copies(b) == []

    desktop.ok("item", "delete", shared_card, now=LATER)
    pair.wait_until_in_sync()
    assert ("Shared draft", "Doing") not in cards(laptop)
    assert cards(laptop) == cards(desktop)
