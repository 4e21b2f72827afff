"""Back-dating from the command line: `start --at 09:10|-15m`, `stop --at 10:00|-5m`
(refused before the start, in the future or over another session, naming it) and
`restart` (the last box's kind, length, link and tags again)."""

from __future__ import annotations

import json
from typing import Any

from nbcli import Cli

# NOW is Saturday 2026-11-28 09:00 UTC; `now` is minutes after it


def status(run: Cli, now: float) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(run.ok("status", "--json", now=now))
    return value


def sessions(run: Cli, now: float) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(run.ok("log", "--json", now=now))["sessions"]
    return found


def test_start_at_a_time_and_minutes_ago(run: Cli) -> None:
    assert run.ok("start", "produce", "--at", "08:50") == (
        "started a produce box from 08:50 (15:00 left)\n"
    )
    assert status(run, now=0)["started"] == "2026-11-28T08:50:00+00:00"
    run.ok("cancel")
    assert run.ok("start", "network", "--at", "-15m", "--stopwatch", now=30) == (
        "started a network box from 09:15 (15:00 elapsed)\n"
    )
    run.ok("cancel", now=31)
    assert run.ok("start", "produce", "--at=-1h10m", "--minutes", "90", now=40) == (
        "started a produce box from 08:30 (20:00 left)\n"
    )


def test_start_at_is_refused_in_the_future_long_ago_and_over_a_session(run: Cli) -> None:
    run.ok("add", "produce", "08:00-08:40")
    before = run.files()
    cases = {
        "09:30": "Sat 28 Nov 09:30 is in the future; a box starts now at the latest",
        "-25h": "more than 24 h ago; record that time with `netbalance add` instead",
        "08:30": "would be over the produce session",
    }
    for at, words in cases.items():
        result = run("start", "produce", "--stopwatch", "--at", at)
        assert result.returncode == 2, at
        assert words in result.stderr and result.stderr.count("\n") == 1, (at, result.stderr)
    over = run("start", "produce", "--minutes", "60", "--at", "08:30").stderr
    assert "(Sat 28 Nov 08:00–08:40); start it at 08:40 or later" in over
    ended = run("start", "produce", "--at", "-30m", now=10).stderr  # 08:40 + 25 m < 09:10
    assert ended == (
        "netbalance: a 25 m produce box from Sat 28 Nov 08:40 would have ended at 09:05; record "
        "it with `netbalance add produce 08:40 25m`, or start a longer one (--minutes) or a "
        "stopwatch\n"
    )
    assert run.files() == before
    assert run.ok("start", "produce", "--at", "08:40").startswith(
        "started a produce box from 08:40"
    )


def test_stop_at_minutes_ago(run: Cli) -> None:
    run.ok("start", "produce", "--stopwatch")
    assert run.ok("stop", "--at", "-5m", now=30).startswith("recorded 25 m of produce")
    (session,) = sessions(run, now=31)
    assert session["end"] == "2026-11-28T09:25:00+00:00"


def test_stop_at_is_refused_before_the_start_in_the_future_and_over_a_session(run: Cli) -> None:
    run.ok("add", "network", "09:20-09:30", now=40)
    run.ok("start", "produce", "--stopwatch", "--at", "09:00", now=10)  # under the network one
    before = run.files()
    for at, words in {
        "-90m": "before the start of the produce box",
        "10:30": "is in the future",
        "09:40": "would overlap the network session",
    }.items():
        result = run("stop", "--at", at, now=45)
        assert result.returncode == 2 and words in result.stderr, (at, result.stderr)
        assert result.stderr.count("\n") == 1
    assert run.files() == before


def test_restart_starts_the_last_box_again(run: Cli) -> None:
    run.ok("item", "add", "Essay", now=-10)
    item = json.loads(run.ok("item", "list", "--json", now=-10))["items"][0]["id"]
    run.ok("start", "produce", "--minutes", "50", "--item", item[:6], "+writing", "--note", "intro")
    run.ok("stop", now=50)
    out = run.ok("restart", now=55)
    assert out == (
        "started the last box again: a produce box from 09:55 (50:00 left) on Essay [writing]\n"
    )
    again = status(run, now=56)
    shown = [again[key] for key in ("kind", "planned_seconds", "link", "tags", "note")]
    assert shown == ["produce", 3000, "Essay", ["writing"], ""]
    run.ok("stop", now=60)
    assert run.ok("restart", "--minutes", "10", "--at", "-1m", now=70).startswith(
        "started the last box again: a produce box from 10:09 (09:00 left) on Essay"
    )
    run.ok("cancel", now=71)


def test_restart_with_nothing_recorded_or_a_box_running(run: Cli) -> None:
    result = run("restart")
    assert (result.returncode, result.stderr) == (
        2, "netbalance: nothing to restart: no box was recorded yet\n"
    )  # fmt: skip
    run.ok("add", "network", "07:00-07:30")
    run.ok("start", "produce")
    result = run("restart", now=1)
    assert result.returncode == 2 and "is running; stop it first" in result.stderr


def test_restart_of_a_stopwatch_is_a_stopwatch_and_of_a_deleted_card_unlinked(run: Cli) -> None:
    run.ok("item", "add", "Gone", now=-10)
    item = json.loads(run.ok("item", "list", "--json", now=-10))["items"][0]["id"]
    run.ok("start", "produce", "--stopwatch", "--item", item[:6])
    run.ok("stop", now=20)
    run.ok("item", "delete", item[:6], now=21)
    out = run.ok("restart", now=22)
    assert "(00:00 elapsed)" in out and "its card was deleted: not linked" in out
    assert status(run, now=23)["planned_seconds"] is None
