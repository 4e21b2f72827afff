"""A device's name: made once, kept in the state folder (outside the synced folder), the
same on every run; another state folder is another device; a state folder that cannot be
written still gives a name that stays the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netbalance.store import devices


def test_a_name_is_made_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETBALANCE_STATE", str(tmp_path / "one"))
    first = devices.device_name()
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{6}", first)
    assert devices.device_name() == first
    assert (tmp_path / "one" / "device").read_text() == f"{first}\n"
    monkeypatch.setenv("NETBALANCE_STATE", str(tmp_path / "two"))
    assert devices.device_name() != first


def test_the_xdg_state_folder_is_used_without_an_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NETBALANCE_STATE", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    name = devices.device_name()
    assert (tmp_path / "state" / "netbalance" / "device").read_text().strip() == name


def test_a_state_folder_that_cannot_be_written_still_names_the_device_steadily(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netbalance.store import files

    def refused(path: str, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(files, "atomic_write", refused)  # a read-only state folder
    monkeypatch.setenv("NETBALANCE_STATE", str(tmp_path / "state"))
    name = devices.device_name()
    assert re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{6}", name)
    assert devices.device_name() == name
    assert not (tmp_path / "state" / "device").exists()


def test_the_ignore_files_keep_each_devices_own_files_home(tmp_path: Path) -> None:
    root = str(tmp_path / "netbalance.json")
    (tmp_path / ".gitignore").write_text("notes/\n")
    devices.write_ignores(root)
    devices.write_ignores(root)  # twice: nothing added twice
    lines = (tmp_path / ".gitignore").read_text().splitlines()
    assert lines[0] == "notes/"  # the user's lines stay
    for kept_home in ("netbalance.lock", "netbalance.devices/*/netbalance.journal.jsonl",
                      "netbalance.devices/*/netbalance.backups",
                      "netbalance.devices/*/netbalance.merged.json"):  # fmt: skip
        assert lines.count(kept_home) == 1
    assert "netbalance.devices/*/netbalance.json" not in lines  # the data itself travels
    stignore = (tmp_path / ".stignore").read_text().splitlines()
    assert stignore[0].startswith("//") and "netbalance.devices/*/netbalance.lock" in stignore


def test_a_sync_tool_is_known_by_its_marker_in_the_folder_or_above_but_not_in_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "netbalance"
    data.mkdir(parents=True)
    (home / ".dropbox").mkdir()  # Dropbox's own settings, in every Dropbox user's home
    monkeypatch.setenv("HOME", str(home))
    assert devices.synced_by(str(data)) is None
    shared = home / "Dropbox" / "notes" / "netbalance"
    shared.mkdir(parents=True)
    (home / "Dropbox" / ".dropbox").write_text("")
    assert devices.synced_by(str(shared)) == "Dropbox"
    synced = home / "Sync" / "nb"
    synced.mkdir(parents=True)
    (home / "Sync" / ".stfolder").mkdir()
    assert devices.synced_by(str(synced)) == "Syncthing"
