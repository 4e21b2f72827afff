"""Suite 9, exports from the app stay in their folder: the dashboard's `e` writes each
format as a new private file directly in the export folder; it never writes over a file,
never follows a symlink (to another file, or dangling), and no week label can name a
path outside the folder. The command line's `export -o` never overwrites without
`--force`, and with it replaces a symlink, never the file it points to.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_data import HOSTILE, NOW, WEEK, hostile_store

from netbalance.actions.summary import weekly_summary
from netbalance.actions.writing import write_exports
from netbalance.core.clock import FakeClock
from netbalance.exports import FORMATS, SUFFIX
from netbalance.exports.colours import DEFAULT
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import make_app

REPO = Path(__file__).resolve().parents[2]
OUTSIDE = b"precious: not an export\n"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NETBALANCE_NOW", raising=False)
    monkeypatch.setenv("NETBALANCE_DB", str(tmp_path / "nb.json"))
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setattr("netbalance.tui.desktop.notify", lambda title, body: True)


def entries(folder: Path) -> dict[str, str]:
    """name → "file 0600" / "link → target" for each entry of the folder."""
    found = {}
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        if path.is_symlink():
            found[entry] = f"link → {os.readlink(path)}"
        else:
            found[entry] = f"file {stat.S_IMODE(path.stat().st_mode):o}"
    return found


async def export_from_the_app(tmp_path: Path, folder: Path) -> list[str]:
    """Press `e` on the dashboard; the notices it raised."""
    hostile_store(str(tmp_path / "nb.json"), HOSTILE[0], box=False)
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    settings = Settings(time_zone="UTC", export_folder=str(folder), export_formats=FORMATS)
    app = make_app(settings, store, clock=FakeClock(NOW), settings_path=str(tmp_path / "c.toml"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_the_dashboard_export_writes_new_private_files_in_the_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "exports" / "weekly"
    old = os.umask(0o022)
    try:
        notices = await export_from_the_app(tmp_path, folder)
    finally:
        os.umask(old)
    names = {f"netbalance-{WEEK}{SUFFIX[fmt]}": "file 600" for fmt in FORMATS}
    assert entries(folder) == names
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert any(f"{WEEK} written to {folder}" in notice for notice in notices), notices


async def test_the_dashboard_export_never_writes_over_a_file_or_through_a_symlink(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir(mode=0o700)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(OUTSIDE)
    md, html, csv = (f"netbalance-{WEEK}{SUFFIX[fmt]}" for fmt in ("md", "html", "csv"))
    (folder / md).write_bytes(b"last week's export\n")
    (folder / html).symlink_to(outside)  # a symlink to another file
    (folder / csv).symlink_to(tmp_path / "nowhere.csv")  # a dangling one
    notices = await export_from_the_app(tmp_path, folder)
    assert outside.read_bytes() == OUTSIDE
    assert not (tmp_path / "nowhere.csv").exists()
    assert (folder / md).read_bytes() == b"last week's export\n"
    found = entries(folder)
    assert found[html] == f"link → {outside}" and found[csv].startswith("link → ")
    for fmt in ("md", "html", "csv"):
        assert found[f"netbalance-{WEEK}-2{SUFFIX[fmt]}"] == "file 600"
    assert any("-2.md" in notice for notice in notices), notices


def test_a_file_made_after_the_name_was_chosen_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the file between the check of the name and the write:
    the export takes the next name (the name is taken by a link that fails on any
    existing entry, not by a check then a rename over it)."""
    folder = tmp_path / "exports"
    folder.mkdir(mode=0o700)
    target = folder / f"netbalance-{WEEK}.md"
    real_link = os.link

    def racing_link(source: Any, destination: Any, **kwargs: Any) -> None:
        if Path(destination) == target and not target.exists():
            target.write_bytes(OUTSIDE)  # made by someone else, just now
        real_link(source, destination, **kwargs)

    monkeypatch.setattr(os, "link", racing_link)
    store = hostile_store(str(tmp_path / "nb.json"), HOSTILE[0], box=False)
    summary = weekly_summary(store, NOW.date().replace(day=23), Settings(time_zone="UTC"), NOW)
    written = write_exports(summary, ["md"], str(folder), DEFAULT)
    assert target.read_bytes() == OUTSIDE
    assert written == [str(folder / f"netbalance-{WEEK}-2.md")]
    assert sorted(os.listdir(folder)) == sorted([target.name, f"netbalance-{WEEK}-2.md"])  # no temp


@pytest.mark.parametrize(
    "label", ["../../escaped", "/tmp/absolute", "..", "a/../../b", "2026-W48\x00x", "..\\x"]
)
def test_no_week_label_names_a_path_outside_the_folder(tmp_path: Path, label: str) -> None:
    folder = tmp_path / "deep" / "exports"
    store = hostile_store(str(tmp_path / "nb.json"), HOSTILE[0], box=False)
    summary = weekly_summary(store, NOW.date().replace(day=23), Settings(time_zone="UTC"), NOW)
    written = write_exports(summary._replace(week=label), FORMATS, str(folder), DEFAULT)
    assert [os.path.dirname(path) for path in written] == [str(folder)] * len(FORMATS)
    assert sorted(os.listdir(folder)) == sorted(os.path.basename(path) for path in written)
    assert sorted(os.listdir(tmp_path / "deep")) == ["exports"]
    assert all("/" not in os.path.basename(p) and ".." not in p for p in written)


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=str(REPO),
        TZ="UTC",
        NETBALANCE_DB=str(tmp_path / "nb.json"),
        NETBALANCE_CONFIG=str(tmp_path / "config.toml"),
        NETBALANCE_NOW=NOW.isoformat(),
    )
    return subprocess.run(
        [sys.executable, "-m", "netbalance", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )


@pytest.mark.parametrize(
    "command",
    [("export", "--format", "md"), ("contact", "export", "--format", "csv")],
    ids=["export", "contact export"],
)
def test_the_cli_never_overwrites_without_force_nor_writes_through_a_symlink(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    hostile_store(str(tmp_path / "nb.json"), HOSTILE[0], box=False)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(OUTSIDE)
    existing = tmp_path / "existing.md"
    existing.write_bytes(OUTSIDE)
    link = tmp_path / "link.md"
    link.symlink_to(outside)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    for path in (existing, link, dangling):
        refused = run_cli(tmp_path, *command, "-o", str(path))
        assert refused.returncode == 2 and "--force" in refused.stderr, refused
        assert refused.stderr.count("\n") == 1
    assert existing.read_bytes() == OUTSIDE and outside.read_bytes() == OUTSIDE
    assert dangling.is_symlink() and not (tmp_path / "nowhere.md").exists()
    # only a regular file is ever replaced: --force neither follows a symlink nor puts a
    # regular file in its place (nor in a FIFO's)
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    for path, what in ((link, "a symlink"), (dangling, "a symlink"), (fifo, "not a regular")):
        refused = run_cli(tmp_path, *command, "-o", str(path), "--force")
        assert refused.returncode == 2 and what in refused.stderr, refused
        assert refused.stderr.count("\n") == 1
    assert link.is_symlink() and outside.read_bytes() == OUTSIDE
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    forced = run_cli(tmp_path, *command, "-o", str(existing), "--force")
    assert forced.returncode == 0, forced.stderr
    assert existing.read_bytes() != OUTSIDE and stat.S_IMODE(existing.stat().st_mode) == 0o600
