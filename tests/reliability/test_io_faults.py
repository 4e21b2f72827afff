"""Suite 2, I/O faults: the k-th write, fsync or rename of a save fails (EIO or ENOSPC,
once or forever, for every k) → the command line prints one line and exits 2, the app
shows a notice and keeps running, every data file is byte-identical to before, no
temporary file is left, and the same save succeeds once the fault is gone.

Each of five saves (finish a box, add a card, move a card, an import, an undo) first
runs without a fault, counting its calls (N); then for every k in 1..N, each error and
each mode, on a fresh copy of the same folder. The full matrix runs the real command
line in-process (`netbalance.cli.main`, fast); a subprocess runs the real program for
each k with one error and mode (all four with NB_RELIABILITY_FULL=1). A "forever" fault
also fails the calls that would put back the files a save had already replaced: then
the files are left as a kill at that moment would leave them (each whole, old or new)
and the message says which; that case is counted apart. Run with `pytest -s` to see
the counts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faults import CODES, Faults
from nbrel_helpers import HERE, REPO, check_folder

from netbalance.actions import boxes
from netbalance.cli import main
from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, new_id
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
FULL = os.environ.get("NB_RELIABILITY_FULL") == "1"
WRAPPER = os.path.join(HERE, "fault_cli.py")
MODES = [(code, forever) for code in ("EIO", "ENOSPC") for forever in (False, True)]


def _item(title: str, column: str = "Backlog") -> Item:
    at = NOW - timedelta(hours=1)
    return Item(id=new_id(), title=title, column=column, position=1.0, created=at, updated=at)


def _finish_box(store: Store, folder: Path) -> list[str]:
    store.items.add(_item("Write chapter 3"))
    boxes.start(store, Kind.PRODUCE, minutes=25)
    return ["stop"]


def _add_card(store: Store, folder: Path) -> list[str]:
    store.items.add(_item("Write chapter 3"))
    return ["item", "add", "Draft the talk", "--tags", "talk"]


def _move_card(store: Store, folder: Path) -> list[str]:
    item = _item("Write chapter 3")
    store.items.add(item)
    store.items.add(_item("Other"))
    return ["item", "move", item.id, "Doing"]


def _import(store: Store, folder: Path) -> list[str]:
    store.items.add(_item("Write chapter 3"))
    frames = []
    for day in range(20):  # October and November: two history files
        start = int((NOW - timedelta(days=40 - day)).timestamp())
        frames.append([start, start + 1500, "thesis", f"f{day}", ["writing"], start + 1500])
    path = folder / "frames"
    path.write_text(json.dumps(frames))
    return ["import", "watson", str(path)]


def _undo(store: Store, folder: Path) -> list[str]:
    store.items.add(_item("Write chapter 3"))
    store.items.add(_item("Mistake"))
    return ["undo"]


SAVES: dict[str, Callable[[Store, Path], list[str]]] = {
    "finish a box": _finish_box,
    "add a card": _add_card,
    "move a card": _move_card,
    "an import": _import,
    "an undo": _undo,
}


@dataclass
class Tally:
    saves: int = 0
    calls: dict[str, int] = field(default_factory=dict)
    injected: int = 0
    runs: int = 0
    identical: int = 0
    crash_like: int = 0
    retries: int = 0
    subprocess_runs: int = 0


TALLY = Tally()


def _files(folder: Path) -> dict[str, bytes]:
    """The data files (main, history, box, journal), name → bytes."""
    data = folder / "data"
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(data.iterdir())
        if entry.is_file() and not entry.name.endswith(".lock") and not is_copy(entry.name)
    }


def _backups(folder: Path) -> dict[str, str]:
    found = {}
    for entry in sorted((folder / "data" / "nb.backups").glob("*")):
        found[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return found


def _records(folder: Path) -> dict[str, int]:
    """What the data holds, ids aside: records per table, steps in the journal."""
    store = Store.open(str(folder / "data" / "nb.json"), FakeClock(NOW))
    steps, done = store.steps()
    box = store.box.get()
    return {
        "items": len(store.items.all()),
        "in Doing": sum(item.column == "Doing" for item in store.items.all()),
        "sessions": len(store.sessions.all()),
        "box running": int(box is not None),
        "steps": len(steps),
        "done": done,
    }


def _template(tmp: Path, save: str) -> tuple[Path, list[str]]:
    folder = tmp / "template"
    (folder / "data").mkdir(parents=True)
    store = Store.open(str(folder / "data" / "nb.json"), FakeClock(NOW - timedelta(minutes=20)))
    args = SAVES[save](store, folder)
    return folder, [arg.replace(str(folder), "{folder}") for arg in args]


def _copy(template: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target, copy_function=shutil.copy2)
    return target


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    def use(folder: Path) -> None:
        monkeypatch.setenv("NETBALANCE_DB", str(folder / "data" / "nb.json"))
        monkeypatch.setenv("NETBALANCE_CONFIG", str(folder / "config.toml"))
        monkeypatch.setenv("NETBALANCE_NOW", NOW.isoformat())

    yield use


def _run(
    folder: Path, args: list[str], faults: Faults, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    faults.install()
    try:
        code = main([arg.replace("{folder}", str(folder)) for arg in args])
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    finally:
        faults.uninstall()
    out, err = capsys.readouterr()
    return code, out, err


def _check_failed(folder: Path, before: dict[str, bytes], backups: dict[str, str]) -> bool:
    """After a failed save: True when every data file is byte-identical; False when a
    'forever' fault kept the save from putting files back (each is whole then)."""
    names = os.listdir(folder / "data")
    assert not [name for name in names if name.startswith(".nbtmp-")], names
    check_folder(str(folder / "data"))
    after = _files(folder)
    kept = _backups(folder)
    assert all(kept.get(name) == digest for name, digest in backups.items()), "a backup changed"
    return after == before


@pytest.mark.parametrize("save", list(SAVES))
def test_a_failing_disk_changes_nothing_and_a_retry_succeeds(
    tmp_path: Path, save: str, cli_env: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    template, args = _template(tmp_path, save)
    held = _records(template)  # first: a reader may keep a parsed copy in the template
    dry = _copy(template, tmp_path / "dry")
    cli_env(dry)
    counting = Faults()
    code, _out, err = _run(dry, args, counting, capsys)
    assert (code, err) == (0, ""), err
    wanted = _records(dry)
    assert wanted != held
    total = len(counting.calls)
    assert total >= 3
    TALLY.saves += 1
    TALLY.calls[save] = total

    for k in range(1, total + 1):
        for code_name, forever in MODES:
            run = _copy(template, tmp_path / "run")
            cli_env(run)
            before, backups = _files(run), _backups(run)
            faults = Faults(k, CODES[code_name], forever=forever, short=forever)
            shown = f"{save}: {faults.describe()} of {counting.calls}"
            code, out, err = _run(run, args, faults, capsys)
            assert faults.injected >= 1, shown
            assert code == 2, f"{shown}: exit {code}, {out!r} {err!r}"
            assert len(err.splitlines()) == 1 and "Traceback" not in err, f"{shown}: {err!r}"
            assert err.startswith("netbalance: could not save "), f"{shown}: {err!r}"
            assert os.strerror(CODES[code_name]) in err, f"{shown}: {err!r}"
            identical = _check_failed(run, before, backups)
            if not identical:
                # only when the fault also failed putting the files back
                assert forever and "could not be put back" in err, f"{shown}: files changed"
                TALLY.crash_like += 1
            else:
                assert "nothing was changed" in err, f"{shown}: {err!r}"
                TALLY.identical += 1
            TALLY.runs += 1
            TALLY.injected += faults.injected
            # the fault is gone: the same command now succeeds
            if not identical:
                # the change landed (in part: the files saved before the box's or the
                # journal's); the command's retry finishes it, as after a kill
                landed = _records(run)
                data = {k: v for k, v in wanted.items() if k not in ("steps", "done")}
                if {k: v for k, v in landed.items() if k not in ("steps", "done")} == data:
                    continue
                code, out, err = _run(run, args, Faults(), capsys)
                assert (code, err) == (0, ""), f"{shown}: retry: {err!r}"
                landed = _records(run)
                assert {k: v for k, v in landed.items() if k not in ("steps", "done")} == data
                continue
            code, out, err = _run(run, args, Faults(), capsys)
            assert (code, err) == (0, ""), f"{shown}: retry: {err!r}"
            assert _records(run) == wanted, shown
            TALLY.retries += 1


def _subprocess(folder: Path, args: list[str], spec: str) -> tuple[int, str, str, list[int]]:
    count_file = folder / "count"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=REPO,
        TZ="UTC",
        NETBALANCE_DB=str(folder / "data" / "nb.json"),
        NETBALANCE_CONFIG=str(folder / "config.toml"),
        NETBALANCE_NOW=NOW.isoformat(),
        NB_FAULT=spec,
        NB_FAULT_COUNT=str(count_file),
    )
    done = subprocess.run(
        [sys.executable, WRAPPER, *(arg.replace("{folder}", str(folder)) for arg in args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    counts = [int(n) for n in count_file.read_text().split()]
    return done.returncode, done.stdout, done.stderr, counts


@pytest.mark.parametrize("save", list(SAVES))
def test_the_real_program_on_a_failing_disk(tmp_path: Path, save: str) -> None:
    template, args = _template(tmp_path, save)
    dry = _copy(template, tmp_path / "dry")
    code, _out, err, (total, _none) = _subprocess(dry, args, "0:EIO:once")
    assert (code, err) == (0, ""), err
    wanted = _records(dry)
    # by default every k for the save with the most files, one k for the others
    ks = range(1, total + 1) if FULL or save == "finish a box" else [total // 2 + 1]
    for k in ks:
        modes = MODES if FULL else [MODES[k % len(MODES)]]
        for code_name, forever in modes:
            run = _copy(template, tmp_path / "run")
            before = _files(run)
            spec = f"{k}:{code_name}:{'forever:short' if forever else 'once'}"
            code, out, err, (_calls, injected) = _subprocess(run, args, spec)
            shown = f"{save}: {spec}: exit {code}, {out!r} {err!r}"
            assert injected >= 1 and code == 2, shown
            assert len(err.splitlines()) == 1 and "Traceback" not in err, shown
            assert os.strerror(CODES[code_name]) in err, shown
            put_back = "could not be put back" not in err
            if _files(run) != before:
                assert forever and not put_back, shown
            code, out, err, _counts = _subprocess(run, args, "0:EIO:once")
            if put_back:
                assert (code, err) == (0, ""), f"{save}: {spec}: retry: {err!r}"
                assert _records(run) == wanted, shown
            else:  # the change had landed: the retry adds nothing twice
                assert "Traceback" not in err, shown
                assert _records(run)["sessions"] == wanted["sessions"], shown
            TALLY.subprocess_runs += 1


def test_zz_counts() -> None:
    """Prints the figures for the README (run with -s)."""
    calls = ", ".join(f"{k} {v}" for k, v in TALLY.calls.items())
    print(
        f"\nI/O faults: {TALLY.saves} saves ({calls} write/fsync/rename calls), "
        f"{TALLY.runs} faulted runs in-process "
        f"({TALLY.injected} faults injected), files byte-identical: {TALLY.identical}, "
        f"left whole as after a kill (a forever fault also failed putting back): "
        f"{TALLY.crash_like}, retries that then succeeded: {TALLY.retries}; "
        f"{TALLY.subprocess_runs} runs of the real program in a subprocess"
    )
