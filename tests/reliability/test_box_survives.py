"""The running box survives kill -9, and a countdown that ended while nothing ran is
recorded at its planned end. Time is frozen in every subprocess with NETBALANCE_NOW."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from nbrel_helpers import REPO, child_env, run_cli

T = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

HOLDER = """
import sys
from netbalance.cli.context import open_store
from netbalance.core import timer

class Args:
    pass

store = open_store(Args())
with store.transaction():
    box = store.box.get()
    store.box.put(timer.pause(box, store.clock.now()))  # in memory, never saved
    print("holding", flush=True)
    sys.stdin.readline()  # until killed
"""


def at(minutes: float) -> str:
    return (T + timedelta(minutes=minutes)).isoformat()


@pytest.fixture
def path(tmp_path: os.PathLike[str]) -> str:
    return os.path.join(os.fspath(tmp_path), "nb.json")


def _status(path: str, minutes: float) -> dict[str, object]:
    result = run_cli(["status", "--json"], path, now=at(minutes))
    assert result.returncode == 0, result.stderr
    values: dict[str, object] = json.loads(result.stdout)
    return values


def test_box_survives_kill_9_of_a_process_holding_it_mid_change(path: str) -> None:
    started = run_cli(["start", "produce", "--minutes", "25"], path, now=at(0))
    assert started.returncode == 0, started.stderr

    # another process (the app, say) is in the middle of changing the box when killed
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER],
        env=child_env(path, now=at(3)),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline()
        assert line == "holding\n", holder.communicate(timeout=30)[1]
        lock_fd = os.open(f"{path[: -len('.json')]}.lock", os.O_RDWR)
        try:  # it really holds the writer lock
            with pytest.raises(BlockingIOError):
                fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(lock_fd)
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.communicate(timeout=30)
    assert holder.returncode == -signal.SIGKILL

    values = _status(path, 10)
    assert values["state"] == "running"  # the unsaved pause died with the process
    assert values["kind"] == "produce"
    assert values["started"] == T.isoformat()
    assert values["elapsed_seconds"] == 600
    assert values["remaining_seconds"] == 15 * 60
    assert run_cli(["status"], path, now=at(10)).stdout == "produce 15:00 left\n"

    # the lock died with the holder: the next change goes through at once
    stopped = run_cli(["stop"], path, now=at(12))
    assert stopped.returncode == 0, stopped.stderr
    assert _status(path, 13) == {"schema": 1, "state": "idle"}
    log = json.loads(run_cli(["log", "--json"], path, now=at(13)).stdout)
    [session] = log["sessions"]
    assert (session["kind"], session["minutes"], session["recovered"]) == ("produce", 12, False)


def test_box_survives_kill_9_of_the_starting_process_after_it_saved(path: str) -> None:
    """A process killed right after `start` returned, before it did anything else."""
    code = (
        "from netbalance.cli import main\n"
        "main(['start', 'network', '--minutes', '30'])\n"
        "import sys; sys.stdout.flush(); sys.stdin.readline()\n"
    )
    starter = subprocess.Popen(
        [sys.executable, "-c", code],
        env=child_env(path, now=at(0)),
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert starter.stdout is not None
    first = starter.stdout.readline()
    assert first.startswith("started") and "network" in first
    os.kill(starter.pid, signal.SIGKILL)
    starter.communicate(timeout=30)
    values = _status(path, 29.5)
    assert (values["state"], values["elapsed_seconds"], values["remaining_seconds"]) == (
        "running",
        1770,
        30,
    )


def test_countdown_that_ended_while_nothing_ran_is_recorded_at_its_planned_end(
    path: str,
) -> None:
    assert run_cli(["start", "produce", "--minutes", "25"], path, now=at(0)).returncode == 0
    over = _status(path, 120)
    assert (over["state"], over["remaining_seconds"]) == ("over", 0)

    result = run_cli(["start", "network"], path, now=at(120))
    assert result.returncode == 0, result.stderr
    # the user is told (the wording is the CLI's; the facts are checked here)
    assert len(result.stderr.splitlines()) == 1
    assert all(word in result.stderr for word in ("recorded", "produce", "09:25"))
    assert result.stdout.startswith("started") and "network" in result.stdout

    log = json.loads(run_cli(["log", "--json"], path, now=at(121)).stdout)
    [session] = log["sessions"]
    assert session["kind"] == "produce"
    assert session["start"] == T.isoformat()
    assert session["end"] == (T + timedelta(minutes=25)).isoformat()
    assert session["minutes"] == 25
    assert session["recovered"] is True

    values = _status(path, 130)
    assert (values["state"], values["kind"], values["elapsed_seconds"]) == (
        "running",
        "network",
        600,
    )
    # recorded once: a second command finds nothing more to recover
    again = run_cli(["stop"], path, now=at(131))
    assert again.returncode == 0 and "produce" not in again.stderr
    log = json.loads(run_cli(["log", "--json"], path, now=at(132)).stdout)
    assert [s["kind"] for s in log["sessions"]] == ["produce", "network"]


def test_stopwatch_left_running_is_kept_for_the_user(path: str) -> None:
    assert run_cli(["start", "produce", "--stopwatch"], path, now=at(0)).returncode == 0
    result = run_cli(["start", "network"], path, now=at(180))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "produce box" in result.stderr
    values = _status(path, 180)
    assert (values["state"], values["elapsed_seconds"], values["remaining_seconds"]) == (
        "running",
        3 * 3600,
        None,
    )
    log = json.loads(run_cli(["log", "--json"], path, now=at(180)).stdout)
    assert log["sessions"] == []
