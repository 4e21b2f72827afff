"""`netbalance demo FILE`: sample data in a new file, never over an existing one."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from nbcli import Cli


def test_demo_writes_a_readable_new_file(run: Cli) -> None:
    run.folder.mkdir()
    first, second = run.folder / "demo.json", run.folder / "again.json"
    out = run.ok("demo", str(first), "--weeks", "2")
    assert out.startswith("wrote ") and out.endswith(f" to {first}\n")
    run.ok("demo", str(second), "--weeks", "2")
    last = run.ok("log", "--week", "last", "--db", str(first))
    assert last.startswith("# 2026-W47 (16 Nov – 22 Nov): produce ")
    assert len(last.splitlines()) > 5
    listed = run.ok("log", "--week", "last", "--json", "--db", str(first))
    kinds = {session["kind"] for session in json.loads(listed)["sessions"]}
    assert kinds == {"produce", "network"}
    # deterministic: the same seed on the same day gives the same sessions
    assert run.ok("log", "--week", "last", "--json", "--db", str(second)) == listed

    before = run.files()
    again = run("demo", str(first), "--weeks", "1")
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        f"netbalance: {first} already exists; demo data goes into a new file only\n"
    )
    assert run.files() == before


@pytest.mark.parametrize(
    ("situation", "args", "message"),
    [
        # a timer-only data set has history and box files but no nb.json: still refused
        ("recorded", ["demo", "{folder}/nb.json"], "already exists; demo data goes into a new"),
        (
            "recorded",
            ["demo", "{folder}/nb.2026-11.json"],
            "{folder}/nb.2026-11.json already exists",
        ),
        ("empty", ["demo", "{folder}/new.json", "--weeks", "0"], "between 1 week and 50 years"),
        ("empty", ["demo", "{folder}/new.json", "--years", "0"], "between 1 week and 50 years"),
    ],
)
def test_demo_refuses(
    state: Callable[[str], Cli], situation: str, args: list[str], message: str
) -> None:
    run = state(situation)
    before = run.files()
    result = run(*(arg.format(folder=run.folder) for arg in args))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1
    assert message.format(folder=run.folder) in result.stderr
    assert run.files() == before
