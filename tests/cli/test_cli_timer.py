"""start / pause / resume / extend / stop / cancel / status through the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nbcli import NOW, Cli, cli_env


def status_json(run: Cli, now: float) -> dict[str, Any]:
    values: dict[str, Any] = json.loads(run.ok("status", "--json", now=now))
    return values


def week_sessions(run: Cli, now: float = 60, week: str = "this") -> list[dict[str, Any]]:
    sessions: list[dict[str, Any]] = json.loads(run.ok("log", "--json", "--week", week, now=now))[
        "sessions"
    ]
    return sessions


def test_round_trip(run: Cli) -> None:
    assert run.ok("status") == "idle\n"
    assert run.ok("start", "produce") == "started a produce box from 09:00 (25:00 left)\n"
    assert run.ok("status") == "produce 25:00 left\n"
    assert run.ok("status", now=10) == "produce 15:00 left\n"
    assert run.ok("pause", now=10) == "paused the produce box from 09:00 (15:00 left, paused)\n"
    assert run.ok("status", now=15) == "produce 15:00 left (paused)\n"
    assert run.ok("resume", now=15) == "resumed the produce box from 09:00 (15:00 left)\n"
    assert run.ok("status", now=20) == "produce 10:00 left\n"
    assert run.ok("extend", now=20) == "extended by 5 m: produce box from 09:00 (15:00 left)\n"
    assert run.ok("status", now=20) == "produce 15:00 left\n"
    stopped = run.ok("stop", now=30)
    assert run.ok("status", now=30) == "idle\n"

    [session] = week_sessions(run)
    assert stopped == f"recorded 25 m of produce ({session['id'][:6]})\n"
    assert session == {
        "id": session["id"],
        "kind": "produce",
        "start": "2026-11-28T09:00:00+00:00",
        "end": "2026-11-28T09:30:00+00:00",
        "minutes": 25.0,  # 30 minutes less the 5 paused
        "paused_seconds": 300,
        "link": None,
        "note": "",
        "tags": [],
        "recovered": False,
    }


def test_status_json_while_running_and_paused(run: Cli) -> None:
    run.ok("start", "network", "--minutes", "20", "--note", "call Ada")
    running = status_json(run, now=7.5)
    assert running == {
        "schema": 1,
        "state": "running",
        "id": running["id"],
        "kind": "network",
        "started": "2026-11-28T09:00:00+00:00",
        "planned_seconds": 1200,
        "elapsed_seconds": 450,
        "remaining_seconds": 750,
        "paused_seconds": 0,
        "link": "",
        "note": "call Ada",
        "tags": [],
    }
    run.ok("pause", now=8)
    run.ok("resume", now=11)
    run.ok("pause", now=12)
    paused = status_json(run, now=30)
    assert paused["state"] == "paused"
    assert (paused["elapsed_seconds"], paused["remaining_seconds"]) == (540, 660)
    assert paused["paused_seconds"] == 180  # the pause still open is not counted yet


def test_idle_status(run: Cli) -> None:
    assert run.ok("status") == "idle\n"
    assert status_json(run, now=0) == {"schema": 1, "state": "idle"}
    assert run.ok("status", "--format", "{state}: {kind} {clock}") == "idle:\n"
    assert not run.folder.exists(), "status must not create anything"


def test_stopwatch_counts_up(run: Cli) -> None:
    assert run.ok("start", "produce", "--stopwatch") == (
        "started a produce box from 09:00 (00:00 elapsed)\n"
    )
    assert run.ok("status", now=12 + 34 / 60) == "produce 12:34 elapsed\n"
    values = status_json(run, now=75)
    assert values["state"] == "running"
    assert (values["planned_seconds"], values["remaining_seconds"]) == (None, None)
    assert values["elapsed_seconds"] == 75 * 60
    assert run.ok("status", now=75) == "produce 1:15:00 elapsed\n"
    assert run.ok("stop", now=75).startswith("recorded 1 h 15 m of produce (")


def test_countdown_past_its_end_shows_done(run: Cli) -> None:
    run.ok("start", "network")  # the default network box: 30 minutes
    assert run.ok("status", now=29) == "network 01:00 left\n"
    assert run.ok("status", now=45) == "network 00:00 done\n"
    values = status_json(run, now=45)
    assert values["state"] == "over"
    # elapsed goes on counting past the bell (stop records only the planned 30 minutes)
    assert (values["elapsed_seconds"], values["remaining_seconds"]) == (2700, 0)
    assert run.ok("status", "--format", "{elapsed} {left}", now=45) == "45:00 done\n"


def test_hours_and_configured_default(run: Cli) -> None:
    run.config.write_text("[boxes]\nproduce_default = 50\n")
    assert run.ok("start", "produce") == "started a produce box from 09:00 (50:00 left)\n"
    run.ok("cancel")
    assert run.ok("start", "produce", "--minutes", "90") == (
        "started a produce box from 09:00 (1:30:00 left)\n"
    )


def test_format_template(run: Cli) -> None:
    run.ok("start", "produce", "--note", "draft")
    assert run.ok("status", "--format", "{kind} {clock}", now=10) == "produce 15:00\n"
    template = "{state}|{elapsed}|{remaining}|{left}|{note}"
    assert run.ok("status", "--format", template, now=10) == "running|10:00|15:00|left|draft\n"
    run.ok("pause", now=10)
    assert run.ok("status", "--format", "{kind}{paused}", now=11) == "produce (paused)\n"


BAD_TEMPLATES = ["{", "left }", "{kind.nope}", "{kind[x]}", "{0}", "{kind:d}", "{note!z}"]


def test_bad_template_is_one_line_exit_2(state: Callable[[str], Cli]) -> None:
    run = state("running")
    for template in BAD_TEMPLATES:
        result = run("status", "--format", template, now=5)
        assert (result.returncode, result.stdout) == (2, ""), template
        assert result.stderr.startswith(f"netbalance: bad --format template {template!r}: ")
        assert result.stderr.count("\n") == 1, result.stderr


def test_bad_template_is_refused_when_idle_too(run: Cli) -> None:
    """Set up in a prompt while nothing runs, it must not break only once a box starts."""
    result = run("status", "--format", "{kind} {")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "netbalance: bad --format template '{kind} {': Single '{' encountered in format string\n"
    )


def test_stop_note_replaces_the_note_and_keeps_it_otherwise(run: Cli) -> None:
    run.ok("start", "produce", "--note", "old")
    run.ok("stop", "--note", "new", now=10)
    run.ok("start", "network", "--note", "kept", now=20)
    run.ok("stop", now=30)
    assert [(s["kind"], s["note"], s["minutes"]) for s in week_sessions(run)] == [
        ("produce", "new", 10.0),
        ("network", "kept", 10.0),
    ]


def test_cancel_records_nothing(run: Cli) -> None:
    run.ok("start", "produce")
    assert run.ok("cancel", now=10) == "cancelled the produce box; nothing was recorded\n"
    assert run.ok("status", now=10) == "idle\n"
    assert week_sessions(run) == []


def test_stop_while_paused_subtracts_the_open_pause(run: Cli) -> None:
    run.ok("start", "produce")
    run.ok("pause", now=10)
    run.ok("stop", now=20)
    [session] = week_sessions(run)
    assert (session["minutes"], session["paused_seconds"]) == (10.0, 600)
    assert session["end"] == "2026-11-28T09:20:00+00:00"


def test_stop_after_the_end_counts_the_planned_length(run: Cli) -> None:
    run.ok("start", "produce")
    assert run.ok("stop", now=40).startswith("recorded 25 m of produce (")
    [session] = week_sessions(run)
    assert (session["end"], session["minutes"]) == ("2026-11-28T09:25:00+00:00", 25.0)


def test_a_box_that_ended_unseen_is_recorded_by_the_next_start(run: Cli) -> None:
    run.ok("start", "produce")
    result = run("start", "network", now=40)
    assert result.returncode == 0
    assert result.stderr == (
        "recorded the earlier produce box, which ended at its planned end, 09:25\n"
    )
    assert result.stdout == "started a network box from 09:40 (30:00 left)\n"
    [session] = week_sessions(run, now=41)
    assert (session["kind"], session["minutes"], session["recovered"]) == ("produce", 25.0, True)
    assert run.ok("status", now=41) == "network 29:00 left\n"


def test_kill_9_while_holding_the_lock_loses_nothing(run: Cli) -> None:
    """A process that started a box and holds the writer lock is killed: the box is
    still there with the right time, and the next command is not blocked by the lock."""
    child_code = (
        "import os, sys\n"
        "from netbalance.cli import main\n"
        "from netbalance.core.clock import default_clock\n"
        "from netbalance.store.store import Store\n"
        "main(['start', 'produce'])\n"
        "Store.open(os.environ['NETBALANCE_DB'], default_clock()).lock.acquire()\n"
        "print('ready', flush=True)\n"
        "sys.stdin.read()\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", child_code],
        env=cli_env(run.folder),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().startswith("started a produce box")
        assert child.stdout.readline() == "ready\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    assert run.ok("status", now=7) == "produce 18:00 left\n"
    assert status_json(run, now=7)["elapsed_seconds"] == 7 * 60
    assert run.ok("stop", now=7).startswith("recorded 7 m of produce (")
    [session] = week_sessions(run)
    assert session["start"] == NOW.isoformat()


# --- a box file that came back, a box left running -------------------------------------


def test_a_box_file_restored_after_its_stop_is_not_recorded_twice(run: Cli) -> None:
    run.ok("start", "produce", "--stopwatch")
    box_file = run.folder / "nb.box.json"
    restored = box_file.read_bytes()
    run.ok("stop", now=20)
    box_file.write_bytes(restored)  # a sync tool brings the old box file back

    said = run.ok("stop", now=40)
    [session] = week_sessions(run, now=45)
    assert session["minutes"] == 20.0
    assert said == (
        f"the produce box was recorded already: 20 m, until 09:20 ({session['id'][:6]}); "
        "nothing more was recorded, and the box is cleared\n"
    )
    assert run.ok("status", now=45) == "idle\n"


def test_a_restored_countdown_that_ended_is_not_recorded_again_by_the_next_start(
    run: Cli,
) -> None:
    run.ok("start", "produce")
    box_file = run.folder / "nb.box.json"
    restored = box_file.read_bytes()
    run.ok("stop", now=10)
    box_file.write_bytes(restored)

    result = run("start", "network", now=60)
    assert result.returncode == 0
    assert result.stderr == (
        "the earlier produce box was recorded already, until 09:10; "
        "its box file came back and is cleared\n"
    )
    produce = [s for s in week_sessions(run, now=61) if s["kind"] == "produce"]
    assert [s["minutes"] for s in produce] == [10.0]


def test_a_stopwatch_left_running_for_days_is_refused_and_stop_at_records_it(run: Cli) -> None:
    run.ok("start", "produce", "--stopwatch")
    days = 5 * 24 * 60
    before = run.files()
    result = run("stop", now=days)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "netbalance: the produce box from Sat 28 Nov 09:00 recorded until Thu 03 Dec 09:00 "
        "would last 120.0 h; a recorded session is at most 24 h; record it until "
        "`netbalance stop --at TIME`, or as it is with --force\n"
    )
    assert run.files() == before  # nothing written, the box still runs

    said = run.ok("stop", "--at", "2026-11-28 11:30", now=days)
    [session] = week_sessions(run, now=days, week="2026-11-28")
    assert said == f"recorded 2 h 30 m of produce ({session['id'][:6]})\n"
    assert (session["start"], session["end"]) == (
        "2026-11-28T09:00:00+00:00",
        "2026-11-28T11:30:00+00:00",
    )
    assert run.ok("status", now=days) == "idle\n"


def _box_over_a_session(run: Cli) -> None:
    """A stopwatch from 09:00 whose box file came back after a session 10:00–10:30 was
    recorded: finishing it at 11:00 would overlap that session."""
    run.ok("start", "produce", "--stopwatch")
    box_file = run.folder / "nb.box.json"
    restored = box_file.read_bytes()
    run.ok("cancel", now=1)
    run.ok("add", "network", "10:00-10:30", now=100)
    box_file.write_bytes(restored)


def test_finishing_a_box_over_another_session_is_refused_naming_stop_at_and_force(
    run: Cli,
) -> None:
    _box_over_a_session(run)
    before = run.files()
    result = run("stop", now=120)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(
        "netbalance: the produce box from Sat 28 Nov 09:00 recorded until Sat 28 Nov 11:00 "
        "would overlap the network session "
    )
    assert "(Sat 28 Nov 10:00–10:30)" in line
    assert line.endswith("record it until `netbalance stop --at TIME`, or as it is with --force")
    assert run.files() == before

    for at, problem in [
        ("10:15", "would overlap the network session"),
        ("08:30", "Sat 28 Nov 08:30 is before the start of the produce box, Sat 28 Nov 09:00"),
        ("11:30", "Sat 28 Nov 11:30 is in the future"),
        ("teatime", "cannot read 'teatime' as a time; use 14:00, yesterday 14:00"),
    ]:
        refused = run("stop", "--at", at, now=120)
        assert refused.returncode == 2, at
        assert problem in refused.stderr and len(refused.stderr.splitlines()) == 1, at
        assert run.files() == before, at

    run.ok("stop", "--at", "10:00", now=120)
    sessions = week_sessions(run, now=120)
    assert [(s["kind"], s["start"][11:16], s["end"][11:16]) for s in sessions] == [
        ("produce", "09:00", "10:00"),
        ("network", "10:00", "10:30"),
    ]


def test_stop_force_records_the_box_as_it_is(run: Cli) -> None:
    _box_over_a_session(run)
    assert run.ok("stop", "--force", now=120).startswith("recorded 2 h 00 m of produce (")
    assert [s["minutes"] for s in week_sessions(run, now=120)] == [120.0, 30.0]


def test_status_through_a_symlinked_data_file_reads_the_box_beside_its_target(
    run: Cli, tmp_path: Path
) -> None:
    run.ok("start", "produce")  # the data lives in run.folder
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (linked / "nb.json").symlink_to(run.db)
    through = Cli(linked)
    assert through.ok("status", now=5) == "produce 20:00 left\n"
    assert through.ok("stop", now=5).startswith("recorded 5 m of produce (")
    assert (linked / "nb.json").is_symlink()
    assert sorted(p.name for p in linked.iterdir()) == ["nb.json"]
    assert run.ok("status", now=6) == "idle\n"


def test_stop_at_a_paused_box_counts_the_time_it_ran_until_then(run: Cli) -> None:
    run.ok("start", "produce", "--stopwatch")
    run.ok("pause", now=60)
    assert run.ok("stop", "--at", "09:30", now=120).startswith("recorded 30 m of produce (")
    run.ok("start", "network", "--stopwatch", now=120)
    run.ok("pause", now=150)
    assert run.ok("stop", "--at", "11:40", now=170).startswith("recorded 30 m of network (")
    network = [s for s in week_sessions(run, now=170) if s["kind"] == "network"]
    assert [(s["end"][11:16], s["paused_seconds"]) for s in network] == [("11:40", 600)]


def test_a_countdown_that_ended_unseen_over_another_session_waits_for_stop(run: Cli) -> None:
    run.ok("start", "produce")  # 09:00–09:25
    box_file = run.folder / "nb.box.json"
    restored = box_file.read_bytes()
    run.ok("cancel", now=1)
    run.ok("add", "network", "09:10-09:20", now=30)
    box_file.write_bytes(restored)  # the box file comes back

    started = run("start", "network", now=40)
    assert started.returncode == 2
    assert started.stderr == "netbalance: a produce box (00:00 left) is running; stop it first\n"
    assert [s["kind"] for s in week_sessions(run, now=40)] == ["network"]  # not recorded
    refused = run("stop", now=40)
    assert refused.returncode == 2 and "would overlap the network session" in refused.stderr
    run.ok("stop", "--at", "09:10", now=40)
    assert [(s["kind"], s["minutes"]) for s in week_sessions(run, now=40)] == [
        ("produce", 10.0),
        ("network", 10.0),
    ]


def test_stop_on_a_box_under_the_minimum_records_nothing_and_says_so(run: Cli) -> None:
    run.ok("start", "produce")
    refused = run("stop", now=0.4)  # 24 seconds
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr == (
        "netbalance: the produce box ran 24 s, under the 1 m a box is recorded from "
        "(boxes.minimum_minutes); nothing was recorded; `netbalance cancel` drops it, "
        "--force records it as it is\n"
    )
    assert json.loads(run.ok("log", "--json", now=0.4))["sessions"] == []
    assert run.ok("stop", "--force", now=0.5).startswith("recorded 30 s of produce")
