"""Suite 4, odd files at start (the damaged-file cases are in tests/store/
test_store_corrupt.py), and suite 9, file permissions.

A newer schema, a read-only file, a read-only folder and a missing folder; `netbalance
restore` lists the backups and puts one back after backing up the current file. Every
file netbalance writes is 0600 in 0700 folders under umask 022; an export never follows
a symlink over another file and never overwrites without --force. The app stays up on a
record hand-edited to hold a field of the wrong type, with a notice naming the field."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from nbrel_helpers import REPO
from test_fuzz_records import NOW as SEEDED
from test_fuzz_records import mutate, seed

from netbalance.core.clock import FakeClock
from netbalance.settings.config import Settings
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store
from netbalance.tui.app import make_app

NOW = "2026-11-28T09:00:00+00:00"


def cli(folder: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=REPO,
        TZ="UTC",
        NETBALANCE_DB=str(folder / "nb.json"),
        NETBALANCE_CONFIG=str(folder.parent / "config.toml"),
        NETBALANCE_NOW=NOW,
    )
    return subprocess.run(
        [sys.executable, "-m", "netbalance", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the parsed copies (store/parsed.py) → its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not is_copy(p.name)
    }


def one_line_exit_2(done: subprocess.CompletedProcess[str], *names: str) -> None:
    shown = f"exit {done.returncode}, {done.stdout!r} {done.stderr!r}"
    assert done.returncode == 2, shown
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr, shown
    for name in names:
        assert name in done.stderr, shown


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a card, a session and the day's backup."""
    folder = tmp_path / "data"
    assert cli(folder, "item", "add", "Write chapter 3").returncode == 0
    assert cli(folder, "add", "produce", "2026-11-27 09:00 1h").returncode == 0
    assert cli(folder, "item", "add", "Second").returncode == 0
    return folder


def test_a_newer_schema_is_read_never_written(data: Path) -> None:
    main = data / "nb.json"
    newer = orjson.loads(main.read_bytes())
    newer["meta"]["1"]["schema_version"] = 99
    main.write_bytes(orjson.dumps(newer))
    before = snapshot(data)
    for args in (["item", "add", "x"], ["start", "produce"], ["undo"]):
        done = cli(data, *args)
        one_line_exit_2(done, str(main), "newer netbalance")
    assert "Write chapter 3" in cli(data, "item", "list").stdout
    assert snapshot(data) == before


def test_a_read_only_file_is_never_written(data: Path) -> None:
    main = data / "nb.json"
    main.chmod(0o400)
    before = snapshot(data)
    for args in (["item", "add", "x"], ["add", "produce", "2026-11-26 09:00 1h"], ["undo"]):
        one_line_exit_2(cli(data, *args), str(main), "read-only")
    assert snapshot(data) == before
    assert stat.S_IMODE(main.stat().st_mode) == 0o400
    assert Store.open(str(main), FakeClock(datetime(2026, 11, 28, tzinfo=UTC))).read_only()


@pytest.fixture
def read_only_folder(data: Path) -> Iterator[Path]:
    """The data folder made read-only: chmod 0500 for a user; for root (who may write
    anyway) a read-only bind mount, or a skip that says why."""
    if os.geteuid() != 0:
        data.chmod(0o500)
        yield data
        data.chmod(0o700)
        return
    done = subprocess.run(["mount", "--bind", str(data), str(data)], capture_output=True)
    if done.returncode:
        pytest.skip(f"read-only folder as root needs a bind mount: {done.stderr!r}")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(data)], check=True)
    try:
        yield data
    finally:
        subprocess.run(["umount", str(data)], check=False)


def test_a_read_only_folder_fails_clearly(read_only_folder: Path) -> None:
    data = read_only_folder
    before = snapshot(data)
    for args in (["item", "add", "x"], ["start", "produce"], ["undo"]):
        one_line_exit_2(cli(data, *args), str(data), "nothing was changed")
    assert "Write chapter 3" in cli(data, "item", "list").stdout
    assert snapshot(data) == before


async def test_the_app_opens_a_read_only_folder_with_a_banner(
    read_only_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    store = Store.open(str(read_only_folder / "nb.json"), FakeClock(datetime.fromisoformat(NOW)))
    before = snapshot(read_only_folder)
    app = make_app(Settings(time_zone="UTC", theme="netbalance-dark"), store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any(s.startswith("Read-only:") and str(read_only_folder) in s for s in shown)
        app.start_box(app_kind(), 25)  # a change: a notice, the app keeps running
        await pilot.pause()
        assert any("nothing was changed" in str(n.message) for n in app._notifications)
        assert app.is_running and app.running_box() is None
    assert snapshot(read_only_folder) == before


def app_kind():  # type: ignore[no-untyped-def]
    from netbalance.core.models import Kind

    return Kind.PRODUCE


def test_a_missing_folder_is_created_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "deeper"
    done = cli(folder, "item", "add", "First")
    assert done.returncode == 0, done
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_restore_lists_and_puts_back_a_backup(data: Path) -> None:
    main = data / "nb.json"
    listed = cli(data, "restore")
    assert listed.returncode == 0, listed
    backup = data / "nb.backups" / "nb.json.2026-11-28.json"
    assert str(backup) in listed.stdout
    main.write_bytes(b"\0" * 100)  # damaged
    refused = cli(data, "item", "list")
    one_line_exit_2(refused, str(main), str(backup), "netbalance restore")
    others = {k: v for k, v in snapshot(data).items() if k != "nb.json"}
    done = cli(data, "restore", str(backup))
    assert done.returncode == 0, done
    assert main.read_bytes() == backup.read_bytes()
    kept = [p for p in (data / "nb.backups").iterdir() if "before-restore" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\0" * 100
    assert stat.S_IMODE(main.stat().st_mode) == 0o600
    after = snapshot(data)
    assert all(after[k] == v for k, v in others.items())  # nothing else overwritten
    assert "Write chapter 3" in cli(data, "item", "list").stdout
    bad = cli(data, "restore", str(main))
    one_line_exit_2(bad, "is not a backup")


def test_files_are_private_under_umask_022(data: Path, tmp_path: Path) -> None:
    assert cli(data, "start", "produce").returncode == 0
    assert cli(data, "undo").returncode == 0
    export = tmp_path / "week.md"
    assert cli(data, "export", "--format", "md", "--output", str(export)).returncode == 0
    files = [*data.rglob("*"), export]
    names = {p.name for p in files}
    assert {"nb.json", "nb.box.json", "nb.2026-11.json", "nb.journal.jsonl", "nb.lock"} <= names
    assert any(p.parent.name == "nb.backups" for p in files)
    for path in files:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    print(f"\nfiles: {len(files)} files and folders checked, all 0600 / 0700 under umask 022")


def test_an_export_never_follows_a_symlink_nor_overwrites(data: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "week.md"
    link.symlink_to(precious)
    refused = cli(data, "export", "--format", "md", "--output", str(link))
    one_line_exit_2(refused, "--force")
    forced = cli(data, "export", "--format", "md", "--output", str(link), "--force")
    one_line_exit_2(forced, "a symlink")  # only a regular file is ever replaced
    assert precious.read_text() == "keep me" and link.is_symlink()
    plain = tmp_path / "plain.md"
    plain.write_text("mine")
    one_line_exit_2(cli(data, "export", "--format", "md", "--output", str(plain)), "--force")
    assert plain.read_text() == "mine"


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("items", "position", "abc"),
        ("items", "tags", [1, 2]),
        ("contacts", "name", None),
        ("contacts", "cadence_days", 10**9),
        ("sessions", "paused_seconds", "x"),
        ("interactions", "minutes", "x"),
        ("box", "paused_seconds", "x"),
    ],
)
async def test_the_app_stays_up_on_a_hand_edited_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, field: str, value: object
) -> None:
    """A record whose field holds a value of another type (the whole file is valid JSON
    in netbalance's layout): every mode opens, the app keeps running, a notice names the
    file and the field, and the file is not written."""
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    folder = tmp_path / "data"
    seed(str(folder / "nb.json"))
    path = mutate(folder, table, field, value)
    before = snapshot(folder)
    clock = FakeClock(SEEDED)
    store = Store.open(str(folder / "nb.json"), clock)
    app = make_app(Settings(time_zone="UTC", theme="netbalance-dark"), store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for mode in ("2", "3", "4", "1"):
            await pilot.press(mode)
            await pilot.pause()
            assert app.is_running, f"the app stopped on mode {mode}"
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert any(str(path) in s and f"field {field!r}" in s for s in shown), shown
        assert all("\n" not in s for s in shown)
        assert app.is_running
    assert snapshot(folder) == before


def test_a_stray_rollback_record_is_never_applied_by_a_reading_command(tmp_path: Path) -> None:
    """`netbalance.rollback` that arrived by sync (here: the old record that names a month
    file as created by the save): `log` reads and changes nothing; the next change sets
    the record aside in the backups folder, kept, and removes no file."""
    folder = tmp_path / "data"
    assert cli(folder, "add", "produce", "2026-11-27 09:00 1h").returncode == 0
    record = orjson.dumps({"rollback": [["nb.2026-11.json", None]]})
    (folder / "nb.rollback").write_bytes(record)
    before = snapshot(folder)

    shown = cli(folder, "log", "--json")
    assert shown.returncode == 0, shown.stderr
    assert len(orjson.loads(shown.stdout)["sessions"]) == 1
    assert snapshot(folder) == before  # a reading command changed nothing

    assert cli(folder, "item", "add", "a card").returncode == 0  # a writer
    after = snapshot(folder)
    assert after["nb.2026-11.json"] == before["nb.2026-11.json"]
    aside = [name for name in after if name.startswith("nb.backups/nb.rollback.set-aside-")]
    assert [after[name] for name in aside] == [record]
    assert "nb.rollback" not in after
