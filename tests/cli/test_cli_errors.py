"""Every bad input: exactly one line on stderr, exit 2, nothing on stdout, and every file
in the data folder byte-identical (nothing created, nothing removed)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from nbcli import Cli

NOTHING = "netbalance: no box is running"
RANGE = "between 1 and 1440, not"


def minutes(command: str, problem: str) -> str:
    return (
        f"netbalance {command}: argument --minutes: minutes must be {problem} "
        f"(see `netbalance {command} --help`)"
    )


def running(box: str) -> str:
    return f"netbalance: a produce box ({box}) is running; stop it first"


# (situation, command, minutes after 09:00, the whole stderr line)
CASES = [
    ("recorded", "start produce --minutes 0", 30, minutes("start", f"{RANGE} 0")),
    ("recorded", "start produce --minutes 1441", 30, minutes("start", f"{RANGE} 1441")),
    ("recorded", "start produce --minutes abc", 30, minutes("start", "a whole number, not 'abc'")),
    ("running", "extend --minutes 0", 10, minutes("extend", f"{RANGE} 0")),
    ("running", "start network", 10, running("15:00 left")),
    ("paused", "start network", 20, running("15:00 left, paused")),
    ("stopwatch", "start network", 10, running("10:00 elapsed")),
    ("recorded", "stop", 30, NOTHING),
    ("recorded", "pause", 30, NOTHING),
    ("recorded", "resume", 30, NOTHING),
    ("recorded", "extend", 30, NOTHING),
    ("recorded", "cancel", 30, NOTHING),
    ("paused", "pause", 20, "netbalance: the produce box is already paused"),
    ("running", "resume", 10, "netbalance: the produce box is not paused"),
    ("stopwatch", "extend", 10, "netbalance: a stopwatch has no end to extend"),
    ("long", "extend", 10, "netbalance: a box cannot be longer than 24 hours"),
    ("recorded", "log --week 2026-W60", 30, "netbalance: no week 60 in 2026: '2026-W60'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("situation", "command", "now", "message"),
    CASES,
    ids=[f"{situation}: {command}" for situation, command, _, _ in CASES],
)
def test_bad_input(
    state: Callable[[str], Cli], situation: str, command: str, now: float, message: str
) -> None:
    run = state(situation)
    before = run.files()
    result = run(*command.split(), now=now)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")
    assert run.files() == before


def test_nothing_running_in_a_new_folder_creates_nothing(run: Cli) -> None:
    """Not even the lock file or the data folder."""
    for command in ["stop", "pause", "resume", "extend", "cancel"]:
        result = run(command)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", NOTHING + "\n")
        assert not run.folder.exists(), command


@pytest.mark.parametrize(
    "args",
    [
        ["start", "bogus"],
        ["start", "produce", "--minutes", "25", "--stopwatch"],
        ["bogus"],
    ],
)
def test_argument_errors_are_one_line(state: Callable[[str], Cli], args: list[str]) -> None:
    """argparse's wording varies between Python versions; the shape does not."""
    run = state("running")
    before = run.files()
    result = run(*args, now=10)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("--help`)\n")
    assert result.stderr.startswith("netbalance")
    assert "usage:" not in result.stderr
    if args[1:2] == ["bogus"]:
        assert "'bogus'" in result.stderr
    assert run.files() == before


@pytest.mark.parametrize(
    ("file", "content", "args"),
    [
        ("nb.box.json", b'{"meta": {"1": {"schema_version": 1, "role": "box"}}, "box"', ["status"]),
        ("nb.box.json", b"\x00\x00\x00", ["start", "network"]),
        ("nb.json", b"", ["stop"]),
    ],
)  # fmt: skip
def test_an_unreadable_data_file_is_one_line_and_kept(
    state: Callable[[str], Cli], file: str, content: bytes, args: list[str]
) -> None:
    run = state("running")
    (run.folder / file).write_bytes(content)
    before = run.files()
    result = run(*args, now=10)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"netbalance: {run.folder / file}")
    assert result.stderr.count("\n") == 1
    assert run.files() == before
