"""`netbalance sync git` through real git: a bare repository in the test's folder is the
remote, and two devices (a laptop and a desktop: their own data folders, state folders,
homes and git config) sync through it with the real command line. Whatever each changes
and in whatever order they sync, once both have synced they show the same cards and the
same history, no file holds a conflict marker and each work tree is clean. The merge
driver `.gitattributes` names merges a data file record by record, also when two clones
under one device name change the same file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from .nbdevice import ROOT, Device

NOW = "2026-11-28T15:00:00+00:00"


class GitDevice(Device):
    """A device with a home and a git config of its own (empty: the command names the
    committer), so the user's git config plays no part."""

    def __init__(self, folder: Path, state: Path, home: Path) -> None:
        super().__init__(folder, state, NOW)
        home.mkdir(parents=True, exist_ok=True)
        (home / ".gitconfig").touch()
        self.home = home

    def git_env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "GIT_CONFIG_GLOBAL": str(self.home / ".gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
        }

    def __call__(self, *args: str, now: str | None = None) -> subprocess.CompletedProcess[str]:
        with mock.patch.dict(os.environ, self.git_env()):
            for name in [n for n in os.environ if n.startswith("GIT_") and n not in self.git_env()]:
                del os.environ[name]  # GIT_DIR and the like from a hook running the tests
            return super().__call__(*args, now=now)

    def sync(self, *args: str) -> list[str]:
        """`sync git`, its lines."""
        return self.ok("sync", "git", *args).splitlines()

    def git(self, *args: str) -> str:
        """git in this device's data folder, as this device."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(self.git_env())
        done = subprocess.run(
            ["git", *args], cwd=self.folder, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done
        return done.stdout


@pytest.fixture
def remote(tmp_path: Path) -> str:
    """A bare repository, as `git init --bare` makes it (its HEAD names `master`)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed: apt-get install git (sync git runs the real git)")
    bare = tmp_path / "remote.git"
    subprocess.run(
        ["git", "init", "-q", "--bare", str(bare)],
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
        check=True,
        capture_output=True,
    )
    return str(bare)


@pytest.fixture
def laptop(tmp_path: Path) -> GitDevice:
    folder = tmp_path / "laptop" / "netbalance"
    return GitDevice(folder, tmp_path / "laptop" / "state", tmp_path / "laptop" / "home")


@pytest.fixture
def desktop(tmp_path: Path) -> GitDevice:
    folder = tmp_path / "desktop" / "netbalance"
    return GitDevice(folder, tmp_path / "desktop" / "state", tmp_path / "desktop" / "home")


def titles(device: Device) -> list[str]:
    return sorted(item["title"] for item in device.json("item", "list")["items"])


def card(device: Device, title: str) -> str:
    """Add a card; its short id."""
    return device.ok("item", "add", title).split()[1]


def files_of(folder: Path) -> Iterator[Path]:
    """Every file of a work tree but git's own."""
    for path in folder.rglob("*"):
        if path.is_file() and ".git" not in path.relative_to(folder).parts:
            yield path


def assert_clean(*devices: GitDevice) -> None:
    """No conflict marker in any file, nothing left to commit."""
    for device in devices:
        marked = [p for p in files_of(device.folder) if b"<<<<<<<" in p.read_bytes()]
        assert marked == [], marked
        assert device.git("status", "--porcelain") == "", device.folder


def assert_agree(one: Device, other: Device) -> None:
    assert one.json("item", "list")["items"] == other.json("item", "list")["items"]
    assert one.json("log") == other.json("log")


# a device with data, a new device -----------------------------------------------------


def test_a_device_with_data_pushes_and_a_new_one_clones(
    remote: str, laptop: GitDevice, desktop: GitDevice
) -> None:
    card(laptop, "Written on the laptop")
    laptop.ok("add", "produce", "09:00-10:00", "--note", "laptop work")
    alone = laptop.sync()
    assert alone[:2] == [
        f"made {laptop.folder} a git repository",
        f"laid out for several devices; this device is {laptop.name}",
    ]
    assert alone[2].startswith("committed ") and alone[-1].startswith("no remote")
    first = laptop.sync("--remote", remote)
    assert first == [f"origin is {remote}", "pushed to origin", "in sync with origin"]

    shown = desktop.sync("--remote", remote)  # no data folder yet: a clone
    assert shown[:2] == [f"cloned {remote}", f"joined as {desktop.name}"]
    assert shown[-2:] == ["pushed to origin", "in sync with origin"]
    assert titles(desktop) == ["Written on the laptop"]
    assert laptop.sync() == ["pulled from origin", "in sync with origin"]
    assert laptop.sync() == ["in sync with origin"]  # nothing to do: nothing said
    assert_agree(laptop, desktop)
    assert_clean(laptop, desktop)

    tracked = laptop.git("ls-files").splitlines()
    for name in (laptop.name, desktop.name):
        assert f"netbalance.devices/{name}/netbalance.json" in tracked
    assert not [n for n in tracked if n.endswith((".lock", ".jsonl", ".merged.json"))]
    assert "backups" not in " ".join(tracked)
    attributes = (laptop.folder / ".gitattributes").read_text()
    assert "netbalance*.json merge=netbalance" in attributes.splitlines()
    driver = laptop.git("config", "merge.netbalance.driver")
    assert "-m netbalance sync _merge-file %O %A %B %P" in driver
    assert laptop.git("config", "user.email").strip() == f"{laptop.name}@localhost"


@pytest.mark.parametrize(
    "order",
    [
        ("laptop", "desktop", "laptop"),
        ("desktop", "laptop", "desktop"),
        ("laptop", "laptop", "desktop", "desktop", "laptop"),
    ],
    ids="-".join,
)
def test_changes_on_both_agree_whatever_the_order(
    remote: str, laptop: GitDevice, desktop: GitDevice, order: tuple[str, ...]
) -> None:
    shared = card(laptop, "Shared")
    doomed = card(laptop, "Doomed")
    contested = card(laptop, "Contested")
    laptop.ok("add", "produce", "09:00-10:00", "--note", "before")
    laptop.sync("--remote", remote)
    desktop.folder.mkdir(parents=True)  # an empty folder: cloned into
    desktop.sync("--remote", remote)

    card(laptop, "From the laptop")
    laptop.ok("item", "edit", shared, "--title", "Shared, the laptop's title")
    laptop.ok("item", "delete", doomed)
    laptop.ok("item", "delete", contested)
    laptop.ok("add", "produce", "11:00-12:00", "--note", "laptop session")
    card(desktop, "From the desktop")
    desktop.ok("item", "edit", shared, "--title", "Shared, the desktop's title")
    desktop.ok("item", "edit", contested, "--notes", "still needed")
    desktop.ok("add", "network", "13:00-13:30", "--note", "desktop session")

    devices = {"laptop": laptop, "desktop": desktop}
    for name in order:
        devices[name].sync()
        assert_clean(devices[name])
    assert_agree(laptop, desktop)
    assert_clean(laptop, desktop)
    found = titles(laptop)
    assert [t for t in found if not t.startswith("Shared")] == [
        "Contested",  # deleted there, edited here: the edit stays
        "From the desktop",
        "From the laptop",
    ]
    assert len(found) == 4 and found[3] in (
        "Shared, the desktop's title",
        "Shared, the laptop's title",
    )
    notes = sorted(s["note"] for s in laptop.json("log")["sessions"])
    assert notes == ["before", "desktop session", "laptop session"]


# the merge driver -------------------------------------------------------------------


def doc(record_id: str, title: str, rev: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = {"id": record_id, "title": title, "column": "Backlog"}
    if rev:
        found["rev"] = rev
    return found


def main_file(*docs: dict[str, Any], revisions: int = 0) -> dict[str, Any]:
    meta: dict[str, Any] = {"schema_version": 1, "role": "main"}
    if revisions:
        meta["revisions"] = revisions
    return {"meta": {"1": meta}, "items": {str(n): d for n, d in enumerate(docs, start=1)}}


def gone_file(*tombs: dict[str, Any]) -> dict[str, Any]:
    return {
        "meta": {"1": {"schema_version": 1, "role": "gone"}},
        "gone": {str(n): t for n, t in enumerate(tombs, start=1)},
    }


def tomb(record_id: str, rev: int) -> dict[str, Any]:
    return {"id": record_id, "table": "items", "rev": rev, "at": NOW}


def run_driver(folder: Path, *words: str) -> subprocess.CompletedProcess[str]:
    """`netbalance sync _merge-file …` as git runs it: at the top of the work tree."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(PYTHONPATH=str(ROOT), TZ="UTC")
    return subprocess.run(
        [sys.executable, "-m", "netbalance", "sync", "_merge-file", *words],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


BASE = main_file(
    doc("kept", "Kept"),
    doc("edited-here", "Edited"),
    doc("edited-there", "Edited"),
    doc("edited-both", "Edited"),
    doc("dropped-there", "Dropped there"),
    doc("dropped-there-edited-here", "Dropped there"),
    doc("buried", "Buried"),
    revisions=3,
)
OURS = main_file(
    doc("kept", "Kept"),
    doc("edited-here", "Edited here", rev=1),
    doc("edited-there", "Edited"),
    doc("edited-both", "Edited here", rev=1),
    doc("dropped-there", "Dropped there"),
    doc("dropped-there-edited-here", "Edited here", rev=1),
    doc("buried", "Buried"),
    doc("new-here", "New here"),
    revisions=5,
)
THEIRS = main_file(
    doc("kept", "Kept"),
    doc("edited-here", "Edited"),
    doc("edited-there", "Edited there", rev=1),
    doc("edited-both", "Edited there", rev=1),
    doc("buried", "Buried"),
    doc("new-there", "New there"),
    revisions=4,
)


def test_the_merge_driver_merges_three_documents_record_by_record(tmp_path: Path) -> None:
    """Through the command git runs; the tombstone is in the gone file beside the data
    file, in the work tree."""
    device = tmp_path / "netbalance.devices" / "laptop-000001"
    device.mkdir(parents=True)
    (device / "netbalance.gone.json").write_text(json.dumps(gone_file(tomb("buried", 1))))
    paths = {}
    for name, data in (("base", BASE), ("ours", OURS), ("theirs", THEIRS)):
        paths[name] = tmp_path / f".merge_file_{name}"
        paths[name].write_text(json.dumps(data))
    name = "netbalance.devices/laptop-000001/netbalance.json"
    done = run_driver(tmp_path, *(str(paths[n]) for n in ("base", "ours", "theirs")), name)
    assert (done.returncode, done.stderr) == (0, "")
    merged = json.loads(paths["ours"].read_text())
    found = {d["id"]: d["title"] for d in merged["items"].values()}
    both = found.pop("edited-both")
    assert found == {
        "kept": "Kept",
        "edited-here": "Edited here",
        "edited-there": "Edited there",
        "dropped-there-edited-here": "Edited here",  # an edit outlives a drop
        "new-here": "New here",
        "new-there": "New there",
    }
    assert merged["meta"]["1"]["revisions"] == 5
    kept_ids = {d["id"]: n for n, d in merged["items"].items()}
    assert [kept_ids[i] for i in ("kept", "edited-here", "new-here")] == ["1", "2", "8"]
    assert kept_ids["new-there"] == "9"  # ours keep their numbers, theirs come after
    # the same record edited on both: the same winner whichever side is ours
    paths["ours"].write_text(json.dumps(THEIRS))
    paths["theirs"].write_text(json.dumps(OURS))
    assert (
        run_driver(tmp_path, *(str(paths[n]) for n in ("base", "ours", "theirs")), name).returncode
        == 0
    )
    swapped = json.loads(paths["ours"].read_text())
    assert {d["id"]: d["title"] for d in swapped["items"].values()}["edited-both"] == both


def test_the_merge_driver_merges_tombstones_and_refuses_what_it_cannot_read(
    tmp_path: Path,
) -> None:
    from netbalance.store.merge import merge_documents

    base = gone_file(tomb("a", 1), tomb("b", 1))
    ours = gone_file(tomb("a", 1), tomb("b", 1), tomb("c", 2))
    theirs = gone_file(tomb("a", 3), tomb("d", 1))  # b put back there (an undo)
    merged = merge_documents(ours, theirs, "gone", base=base)
    assert {t["id"]: t["rev"] for t in merged["gone"].values()} == {"a": 3, "c": 2, "d": 1}
    # a tombstone in the same merge deletes a record of a lower revision, not a higher one
    files = merge_documents(main_file(doc("x", "X"), doc("y", "Y", rev=2)), main_file(), "main")
    assert [d["id"] for d in files["items"].values()] == ["x", "y"]
    buried = merge_documents(
        main_file(doc("x", "X"), doc("y", "Y", rev=2)),
        main_file(),
        "main",
        tombs=[tomb("x", 1), tomb("y", 1)],
    )
    assert [d["id"] for d in buried["items"].values()] == ["y"]

    ours_path, theirs_path, base_path = (tmp_path / n for n in ("ours", "theirs", "base"))
    ours_path.write_text(json.dumps(main_file(doc("x", "X"))))
    theirs_path.write_text("{not json")
    base_path.write_text("")
    before = ours_path.read_bytes()
    done = run_driver(tmp_path, str(base_path), str(ours_path), str(theirs_path), "netbalance.json")
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and "not JSON" in done.stderr
    assert ours_path.read_bytes() == before


def test_two_clones_under_one_device_name_merge_its_files_record_by_record(
    remote: str, laptop: GitDevice, desktop: GitDevice
) -> None:
    """Both clones write the same device folder: a pull meets the same data file changed
    on both sides, which only the merge driver can merge (each is one line of JSON)."""
    both = card(laptop, "Both know me")
    laptop.ok("add", "produce", "09:00-10:00", "--note", "before")
    laptop.sync("--remote", remote)
    desktop.state.mkdir(parents=True)
    (desktop.state / "device").write_text(f"{laptop.name}\n")
    desktop.sync("--remote", remote)
    assert desktop.name == laptop.name

    card(laptop, "From the laptop")
    laptop.ok("item", "edit", both, "--title", "Laptop's title")
    laptop.ok("add", "produce", "11:00-12:00", "--note", "laptop session")
    card(desktop, "From the desktop")
    desktop.ok("item", "edit", both, "--tags", "desk")
    desktop.ok("add", "network", "13:00-13:30", "--note", "desktop session")
    laptop.sync()
    assert "pulled from origin" in desktop.sync()
    laptop.sync()

    assert_clean(laptop, desktop)
    assert_agree(laptop, desktop)
    found = titles(desktop)  # one edit of the card wins whole: the same on both
    assert len(found) == 3 and {"From the desktop", "From the laptop"} < set(found)
    assert set(found) & {"Both know me", "Laptop's title"}
    notes = sorted(s["note"] for s in desktop.json("log")["sessions"])
    assert notes == ["before", "desktop session", "laptop session"]
    merge = desktop.git("rev-list", "--merges", "-1", "HEAD").strip()
    for path in (
        f"netbalance.devices/{laptop.name}/netbalance.json",
        f"netbalance.devices/{laptop.name}/netbalance.2026-11.json",
    ):
        merged, ours, theirs = (
            desktop.git("show", f"{merge}{side}:{path}") for side in ("", "^1", "^2")
        )
        assert merged not in (ours, theirs), path  # merged, not one side taken
        assert json.loads(merged)  # one JSON document, no markers


# failures -----------------------------------------------------------------------------


def test_without_git_it_says_so_in_one_line(tmp_path: Path) -> None:
    device = GitDevice(tmp_path / "data", tmp_path / "state", tmp_path / "home")
    device.ok("item", "add", "One")
    empty = tmp_path / "no-programs"
    empty.mkdir()
    with mock.patch.dict(os.environ, {"PATH": str(empty)}):
        done = device("sync", "git", "--remote", str(tmp_path / "remote.git"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "netbalance: git is not installed (or not on PATH): install git to sync through it"
    ]


def test_a_failing_git_command_is_one_line(remote: str, desktop: GitDevice, tmp_path: Path) -> None:
    done = desktop("sync", "git", "--remote", str(tmp_path / "nowhere.git"))
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("netbalance: git clone: fatal: ") and "nowhere.git" in line
    nothing = desktop("sync", "git")
    assert nothing.returncode == 2 and "--remote URL" in nothing.stderr
