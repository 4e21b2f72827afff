"""`netbalance log`: the sessions of a week, plain text when piped; user text inert."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from nbcli import NOW, Cli

MARKUP_AND_ESCAPE = "[bold red]x[/] \x1b]0;pwned\x07"
SHOWN = "[bold red]x[/] \\x1b]0;pwned\\x07"


def log_json(run: Cli, *args: str, now: float = 120) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(run.ok("log", "--json", *args, now=now))
    return value


def test_plain_log_of_a_week(run: Cli) -> None:
    run.ok("start", "produce", "--note", "draft")
    run.ok("stop", now=25)
    run.ok("start", "network", now=60)
    run.ok("stop", now=90)
    run.ok("start", "produce", "--stopwatch", now=NOW - timedelta(days=7))  # not listed
    run.ok("stop", now=NOW - timedelta(days=7, minutes=-50))
    sessions = log_json(run)["sessions"]
    ids = [session["id"][:6] for session in sessions]
    assert run.ok("log", now=120) == (
        "# 2026-W48 (23 Nov – 29 Nov): produce 25 m, network 30 m, ratio 0.8 : 1\n"
        "id\tday\ttime\tkind\tlength\ton\tnote\ttags\n"
        f"{ids[0]}\tSat 2026-11-28\t09:00–09:25\tproduce\t25 m\t\tdraft\t\n"
        f"{ids[1]}\tSat 2026-11-28\t10:00–10:30\tnetwork\t30 m\t\t\t\n"
    )
    last = log_json(run, "--week", "last")
    assert [(s["start"], s["minutes"]) for s in last["sessions"]] == [
        ("2026-11-21T09:00:00+00:00", 50.0)
    ]


def test_an_empty_week_creates_nothing(run: Cli) -> None:
    assert run.ok("log") == (
        "# 2026-W48 (23 Nov – 29 Nov): produce 0 m, network 0 m, ratio —\n"
        "id\tday\ttime\tkind\tlength\ton\tnote\ttags\n"
    )
    assert log_json(run) == {
        "schema": 1,
        "week": "2026-W48",
        "span": {"unit": "week", "label": "2026-W48", "days": 7},
        "first_day": "2026-11-23",
        "last_day": "2026-11-29",
        "time_zone": "UTC",
        "produce_minutes": 0.0,
        "network_minutes": 0.0,
        "ratio": None,
        "sessions": [],
    }
    assert not run.folder.exists()


@pytest.mark.parametrize(
    ("week", "days_later"),
    [("2026-w48", 30), ("this", 0), ("2026-11-25", 30), ("last", 7)],
)
def test_week_forms(state: Callable[[str], Cli], week: str, days_later: int) -> None:
    run = state("recorded")  # a produce session on Saturday 2026-11-28, 09:00–09:25
    found = log_json(run, "--week", week, now=NOW + timedelta(days=days_later))
    assert (found["week"], found["first_day"]) == ("2026-W48", "2026-11-23")
    assert [(s["kind"], s["start"], s["minutes"]) for s in found["sessions"]] == [
        ("produce", "2026-11-28T09:00:00+00:00", 25.0)
    ]


@pytest.mark.parametrize("week", ["2026-W60", "next tuesday"])
def test_a_bad_week_is_one_line_naming_it(state: Callable[[str], Cli], week: str) -> None:
    run = state("recorded")
    before = run.files()
    result = run("log", "--week", week, now=30)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("netbalance: ")
    assert result.stderr.count("\n") == 1
    assert repr(week) in result.stderr
    assert run.files() == before


def test_piped_output_is_plain_text(run: Cli) -> None:
    outputs = [
        run.ok("start", "produce", "--note", "[bold]plain[/bold]"),
        run.ok("status", now=5),
        run.ok("stop", now=10),
        run.ok("log", now=10),
        run.ok("log", "--json", now=10),
        run.ok("--help"),
    ]
    for output in outputs:
        assert "\x1b" not in output, output
    assert "[bold]plain[/bold]" in outputs[3]


def test_markup_and_escapes_in_a_note_show_literally(run: Cli) -> None:
    run.ok("start", "network", "--note", MARKUP_AND_ESCAPE)
    shown = run.ok("status", "--format", "{kind}: {note}", now=5)
    assert shown == f"network: {SHOWN}\n"
    raw = run.ok("status", "--json", now=5)
    assert "\x1b" not in raw and "\x07" not in raw
    assert "\\u001b]0;pwned\\u0007" in raw
    assert json.loads(raw)["note"] == MARKUP_AND_ESCAPE

    run.ok("stop", now=10)
    plain = run.ok("log", now=10)
    assert "\x1b" not in plain and "\x07" not in plain
    assert plain.splitlines()[-1].endswith(f"\tnetwork\t10 m\t\t{SHOWN}\t")
    raw = run.ok("log", "--json", now=10)
    assert "\x1b" not in raw and "\x07" not in raw
    assert [s["note"] for s in json.loads(raw)["sessions"]] == [MARKUP_AND_ESCAPE]


def test_a_note_replaced_on_stop_cannot_break_the_rows(run: Cli) -> None:
    run.ok("start", "produce", "--note", "harmless")
    run.ok("stop", "--note", "two\nlines\tand a tab \x1b[2J", now=10)
    lines = run.ok("log", now=10).splitlines()
    assert len(lines) == 3
    assert lines[2].split("\t")[1:] == [
        "Sat 2026-11-28",
        "09:00–09:10",
        "produce",
        "10 m",
        "",
        "two\\x0alines and a tab \\x1b[2J",
        "",
    ]
