"""Headless code never imports textual, and `netbalance status` imports almost nothing:
it runs on every shell prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["textual", "rich", "tinydb", "pendulum"]
CORE = [
    "netbalance.core",
    "netbalance.core.timer",
    "netbalance.core.stats",
    "netbalance.store.store",
    "netbalance.store.repos",
    "netbalance.actions.boxes",
    "netbalance.cli",
]


def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])]),
        NETBALANCE_DB=str(tmp_path / "nb.json"),
        NETBALANCE_CONFIG=str(tmp_path / "config.toml"),
        NETBALANCE_NOW="2026-11-28T09:00:00+00:00",
        TZ="UTC",
    )
    return env


def loaded_after(code: str, tmp_path: Path) -> set[str]:
    """The top-level packages of HEAVY that a fresh interpreter holds after `code`."""
    report = (
        "\nimport json, sys\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code + report],
        env=cli_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def run_then_list(
    tmp_path: Path, args: list[str], modules: set[str], more_env: dict[str, str] | None = None
) -> str:
    """What `netbalance ARGS` prints in a fresh interpreter (run in `tmp_path`), then a
    line of those of `modules` it imported."""
    code = (
        "import os, sys\nfrom netbalance.cli import main\n"
        f"os.chdir({str(tmp_path)!r})\nassert main({args!r}) == 0\n"
        f"print(' '.join(sorted({modules!r} & set(sys.modules))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**cli_env(tmp_path), **(more_env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_headless_modules_leave_textual_out(tmp_path: Path) -> None:
    code = "\n".join(f"import {module}" for module in CORE)
    assert "textual" not in loaded_after(code, tmp_path)


def test_headless_commands_leave_textual_out(tmp_path: Path) -> None:
    commands = [["start", "produce"], ["pause"], ["log", "--json"], ["log"], ["stop", "--force"]]
    code = "from netbalance.cli import main\n" + "".join(
        f"assert main({args!r}) == 0\n" for args in commands
    )
    assert "textual" not in loaded_after(code, tmp_path)


def start_box(tmp_path: Path) -> None:
    """A produce box, started by another interpreter than the one measured."""
    subprocess.run(
        [sys.executable, "-m", "netbalance", "start", "produce"],
        env=cli_env(tmp_path),
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("running", "args"),
    [
        (False, ["status"]),
        (True, ["status"]),
        (True, ["status", "--json"]),
        (True, ["status", "--format", "{kind} {"]),
    ],
)
def test_status_imports_nothing_heavy(tmp_path: Path, running: bool, args: list[str]) -> None:
    if running:  # started by another interpreter: only status runs in the measured one
        start_box(tmp_path)
    code = f"from netbalance.cli import main\nmain({args!r})"
    assert loaded_after(code, tmp_path) == set()


@pytest.mark.parametrize("running", [False, True])
def test_the_prompt_line_imports_neither_json_nor_re(tmp_path: Path, running: bool) -> None:
    """`json` (and the `re` its decoder imports) cost more than the rest of `status`."""
    if running:
        start_box(tmp_path)
    out = run_then_list(tmp_path, ["status"], {"json", "re", "typing", "enum"})
    shown, loaded = out.split("\n")[:2]
    assert shown.startswith("produce 25:00 left" if running else "idle")
    assert loaded == ""


@pytest.mark.parametrize("xdg", [None, "/tmp/xdg-data", "  "])
def test_the_default_data_folder_is_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    """paths computes the Linux data and config folders itself (for speed); they must
    agree with platformdirs."""
    import platformdirs

    from netbalance.settings import paths

    monkeypatch.delenv("NETBALANCE_DB", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = os.path.join(
        platformdirs.user_data_dir("netbalance", appauthor=False), "netbalance.json"
    )
    assert paths.data_file() == expected
    monkeypatch.delenv("NETBALANCE_CONFIG", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    config = os.path.join(
        platformdirs.user_config_dir("netbalance", appauthor=False), "config.toml"
    )
    assert paths.config_file() == config


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--week", "last"],
        ["export", "--week", "last", "--format", "html", "-o", "week.html"],
        ["log", "--week", "last"],
    ],
)
def test_a_command_that_only_reads_imports_no_writer(tmp_path: Path, args: list[str]) -> None:
    """orjson (with dataclasses, inspect, uuid), TinyDB and json cost a reading command
    more than parsing data files of less than a MB: they come with the first change (or,
    for orjson, a file of a MB or more), not before. typing is needed by mypy alone."""
    start_box(tmp_path)  # the data files exist, written by another interpreter
    out = run_then_list(tmp_path, args, {"orjson", "tinydb", "dataclasses", "json", "typing"})
    assert out.splitlines()[-1] == ""


def test_a_big_main_file_read_again_spares_orjson(tmp_path: Path) -> None:
    """A main file of a MB or more is parsed by orjson, imported for it; the next command
    reads its parsed copy (store/parsed.py) and imports none of it."""
    from datetime import UTC, datetime

    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Contact, new_id
    from netbalance.store.light_json import ORJSON_FROM
    from netbalance.store.store import Store

    now = datetime(2026, 11, 28, tzinfo=UTC)
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(now))
    with store.transaction():
        for number in range(4000):
            person = Contact(new_id(), f"Person {number:04d}", now, now, notes="x" * 80)
            store.contacts.add(person)
    assert (tmp_path / "nb.json").stat().st_size > ORJSON_FROM
    args = ["report", "--week", "last"]
    first = run_then_list(tmp_path, args, {"orjson", "dataclasses"})
    assert first.splitlines()[-1] == "dataclasses orjson"
    again = run_then_list(tmp_path, args, {"orjson", "dataclasses"})
    assert again.splitlines()[-1] == ""
    assert again.splitlines()[:-1] == first.splitlines()[:-1]  # the same report


def test_a_shared_folder_with_nothing_to_merge_spares_the_merge(tmp_path: Path) -> None:
    """Each command of a device that shares its data looks for what other devices
    changed (a folder listing); the merge, with orjson, typing and dataclasses, is
    imported only when there is something to merge."""
    start_box(tmp_path)
    state = {"NETBALANCE_STATE": str(tmp_path / "state")}
    run_then_list(tmp_path, ["sync", "init"], set(), state)  # the devices layout
    assert len(list((tmp_path / "nb.devices").iterdir())) == 1  # this device's folder
    args = ["report", "--week", "last"]
    watched = {"netbalance.store.merge", "orjson", "typing", "dataclasses"}
    assert run_then_list(tmp_path, args, watched, state).splitlines()[-1] == ""
