"""Several devices on one data folder, through the real command line: each device (its
own NETBALANCE_STATE, so its own name) writes only its own files, and every command
merges what the others changed, record by record."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .nbdevice import Device


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    synced = tmp_path / "Sync" / "netbalance"
    synced.mkdir(parents=True)
    (tmp_path / "Sync" / ".stfolder").mkdir()  # Syncthing's marker, a folder above
    return synced


@pytest.fixture
def laptop(folder: Path, tmp_path: Path) -> Device:
    return Device(folder, tmp_path / "laptop-state")


@pytest.fixture
def desktop(folder: Path, tmp_path: Path) -> Device:
    return Device(folder, tmp_path / "desktop-state")


def titles(device: Device) -> list[str]:
    return sorted(item["title"] for item in device.json("item", "list")["items"])


def test_each_device_writes_only_its_own_files_and_reads_both(
    laptop: Device, desktop: Device, folder: Path
) -> None:
    laptop.ok("item", "add", "Written on the laptop")
    desktop.ok("item", "add", "Written on the desktop")
    assert laptop.name != desktop.name
    own = {
        device.name: sorted(p.name for p in (folder / "netbalance.devices" / device.name).iterdir())
        for device in (laptop, desktop)
    }
    assert "netbalance.json" in own[laptop.name] and "netbalance.json" in own[desktop.name]
    assert titles(laptop) == titles(desktop) == ["Written on the desktop", "Written on the laptop"]
    # the data path is the marker: no data of its own, and nothing but it at the top
    marker = json.loads((folder / "netbalance.json").read_text())
    assert marker["meta"]["1"]["role"] == "devices"
    assert not list(folder.glob("netbalance.20*.json"))


def test_the_merge_is_said_once(laptop: Device, desktop: Device) -> None:
    laptop.ok("item", "add", "A card")
    first = desktop("item", "list")
    assert f"merged 1 change from {laptop.name} (1 new)" in first.stderr
    again = desktop("item", "list")
    assert again.stderr == ""


def test_a_delete_reaches_the_other_device_and_an_undo_brings_it_back(
    laptop: Device, desktop: Device
) -> None:
    card = laptop.ok("item", "add", "Short-lived").split()[1]
    assert titles(desktop) == ["Short-lived"]
    desktop.ok("item", "delete", card)
    assert titles(laptop) == []
    desktop.ok("undo")
    assert titles(laptop) == ["Short-lived"]


def test_sessions_and_edits_merge_by_record(laptop: Device, desktop: Device) -> None:
    laptop.ok("add", "produce", "09:00-10:00", "--note", "laptop work")
    desktop.ok("add", "network", "11:00-11:30", "--note", "desktop call")
    for device in (laptop, desktop):
        notes = sorted(s["note"] for s in device.json("log")["sessions"])
        assert notes == ["desktop call", "laptop work"]
    card = laptop.ok("item", "add", "Draft").split()[1]
    desktop.ok("item", "edit", card, "--title", "Draft, edited on the desktop")
    laptop.ok("item", "edit", card, "--tags", "writing")  # after it saw the desktop's edit
    for device in (laptop, desktop):
        (item,) = device.json("item", "list")["items"]
        assert (item["title"], item["tags"]) == ("Draft, edited on the desktop", ["writing"])


def test_concurrent_edits_end_the_same_on_both(
    laptop: Device, desktop: Device, folder: Path
) -> None:
    card = laptop.ok("item", "add", "Both edit me").split()[1]
    desktop.ok("item", "list")  # the desktop has the card
    # both edit without seeing each other: hide each device's folder from the other
    devices = folder / "netbalance.devices"
    aside = folder.parent / "aside"
    aside.mkdir()
    os.rename(devices / laptop.name, aside / laptop.name)
    desktop.ok("item", "edit", card, "--title", "desktop's title")
    os.rename(aside / laptop.name, devices / laptop.name)
    os.rename(devices / desktop.name, aside / desktop.name)
    laptop.ok("item", "edit", card, "--title", "laptop's title")
    os.rename(aside / desktop.name, devices / desktop.name)
    assert titles(laptop) == titles(desktop)
    assert titles(laptop)[0] in ("desktop's title", "laptop's title")


def test_a_single_device_folder_moves_in_with_a_backup(tmp_path: Path) -> None:
    plain = tmp_path / "data"
    plain.mkdir()
    device = Device(plain, tmp_path / "state")
    device.ok("item", "add", "Before sharing")
    device.ok("add", "produce", "09:00-10:00")
    month = plain / "netbalance.2026-11.json"
    before = month.read_bytes()
    assert not (plain / "netbalance.devices").exists()  # not synced: one device, as before
    device.ok("sync", "init")
    mine = plain / "netbalance.devices" / device.name
    assert (mine / "netbalance.2026-11.json").read_bytes() == before
    assert not month.exists()
    kept = sorted(p.name for p in (plain / "netbalance.backups").iterdir())
    assert "netbalance.2026-11.json.before-devices.json" in kept
    assert titles(device) == ["Before sharing"]
    assert ".stignore" in os.listdir(plain) and ".gitignore" in os.listdir(plain)
    ignored = (plain / ".stignore").read_text()
    assert "netbalance.devices/*/netbalance.lock" in ignored
    assert "netbalance.devices/*/netbalance.journal.jsonl" in ignored


def test_conflict_copies_are_merged_and_moved_aside(laptop: Device, folder: Path) -> None:
    laptop.ok("item", "add", "Mine")
    mine = folder / "netbalance.devices" / laptop.name
    main = json.loads((mine / "netbalance.json").read_text())
    (doc,) = main["items"].values()
    other = dict(doc, id="a1b2c3d4-0000-4000-8000-000000000001", title="From a conflict copy")
    main["items"] = {"1": other}
    names = [
        "netbalance.sync-conflict-20261206-081500-ABCDEFG.json",
        "netbalance (laptop's conflicted copy 2026-12-06).json",
        "netbalance (conflicted copy 2026-12-06 081500).json",
    ]
    for number, name in enumerate(names):
        main["items"] = {"1": dict(other, id=other["id"][:-1] + str(number), title=name[:30])}
        (mine / name).write_text(json.dumps(main))
    result = laptop("item", "list")
    assert "merged 3 changes from a conflict copy (3 new)" in result.stderr
    assert len(titles(laptop)) == 4
    assert not [n for n in os.listdir(mine) if "conflict" in n]
    kept = os.listdir(mine / "netbalance.backups")
    assert sum("conflict" in n for n in kept) == 3


def test_status_shows_a_box_running_on_another_device(laptop: Device, desktop: Device) -> None:
    laptop.ok("start", "produce", "--minutes", "25")
    line = desktop.ok("status", now="2026-11-28T15:13:00+00:00").strip()
    assert line == f"produce 12:00 left on {laptop.name}"
    shown = desktop.json("status")
    assert (shown["state"], shown["device"]) == ("running", laptop.name)
    assert laptop.ok("status", now="2026-11-28T15:13:00+00:00").strip() == "produce 12:00 left"


def test_sync_status_lists_the_devices_and_the_merges(laptop: Device, desktop: Device) -> None:
    laptop.ok("item", "add", "One")
    desktop.ok("item", "add", "Two")
    found = desktop.json("sync", "status")
    assert found["shared"] is True and found["synced_by"] == "Syncthing"
    assert sorted(d["name"] for d in found["devices"]) == sorted([laptop.name, desktop.name])
    assert [d["this"] for d in found["devices"] if d["name"] == desktop.name] == [True]
    assert found["merges"][-1]["from"] == [laptop.name]


def test_an_older_netbalance_refuses_the_marker_in_one_line(laptop: Device, folder: Path) -> None:
    """What a netbalance before this layout reads at the data path: not main data."""
    from netbalance.store.peek import peek

    laptop.ok("item", "add", "One")
    problem, _version = peek(str(folder / "netbalance.json"), "main")
    assert problem == "it holds 'devices' data, expected 'main'"


def test_a_device_on_a_newer_netbalance_is_named_once_and_nothing_is_lost(
    laptop: Device, desktop: Device, folder: Path
) -> None:
    laptop.ok("item", "add", "From the laptop")
    desktop.ok("item", "add", "From the desktop")
    newer = folder / "netbalance.devices" / laptop.name / "netbalance.json"
    data = json.loads(newer.read_text())
    data["meta"]["1"]["schema_version"] = 99
    newer.write_text(json.dumps(data))
    first = desktop("item", "list")
    assert first.returncode == 0
    said = [line for line in first.stderr.splitlines() if "not merged" in line]
    assert said == [
        f"netbalance: not merged: {newer}: written by a newer netbalance (schema 99); "
        "update this netbalance to merge it"
    ]
    assert desktop("item", "list").stderr == ""  # said once, until that file changes
    assert titles(desktop) == ["From the desktop", "From the laptop"]
