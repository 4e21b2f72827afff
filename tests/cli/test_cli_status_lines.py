"""`netbalance status` as a status line: a template shapes the idle line too, `--idle`
says what to print while nothing runs, an unknown field is refused by name, and
`--format waybar` prints waybar's JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from nbcli import Cli


def waybar(run: Cli, *args: str, now: float = 0) -> dict[str, Any]:
    out = run.ok("status", "--format", "waybar", *args, now=now)
    assert out.count("\n") == 1, out  # one line: waybar reads a line at a time
    value: dict[str, Any] = json.loads(out)
    return value


def test_a_template_shapes_the_idle_line(run: Cli) -> None:
    assert run.ok("status", "--format", "[{state}] {kind} {clock}") == "[idle]\n"
    assert run.ok("status", "--format", "{kind} {clock}") == "\n"  # nothing to show: empty
    run.ok("start", "produce")
    assert run.ok("status", "--format", "[{state}] {kind} {clock}", now=5) == (
        "[running] produce 20:00\n"
    )


def test_idle_text_is_printed_while_nothing_runs_only(run: Cli) -> None:
    assert run.ok("status", "--idle", "") == "\n"
    assert run.ok("status", "--idle", "no box", "--format", "{kind} {clock}") == "no box\n"
    assert run.ok("status", "--idle=☕ break") == "☕ break\n"
    run.ok("start", "network")
    assert run.ok("status", "--idle", "no box", now=1) == "network 29:00 left\n"
    assert run.ok("status", "--idle", "-", "--format", "{kind}", now=1) == "network\n"


@pytest.mark.parametrize("template", ["{nope}", "{kind} {clok}", "{}", "{0}", "{kind.upper}"])
@pytest.mark.parametrize("running", [False, True])
def test_an_unknown_field_is_refused_by_name(run: Cli, template: str, running: bool) -> None:
    if running:
        run.ok("start", "produce")
    before = run.files()
    result = run("status", "--format", template, now=3)
    assert (result.returncode, result.stdout) == (2, "")
    name = template.split("{")[-1].split("}")[0]
    assert result.stderr.startswith(f"netbalance: bad --format template {template!r}: ")
    assert f"unknown field {{{name}}}" in result.stderr
    assert "kind state clock" in result.stderr  # says which fields there are
    assert result.stderr.count("\n") == 1
    assert run.files() == before


def test_idle_and_json_do_not_go_together(run: Cli) -> None:
    result = run("status", "--json", "--idle", "x")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1 and "--idle" in result.stderr


def test_waybar_idle(run: Cli) -> None:
    assert waybar(run) == {"text": "idle", "tooltip": "no box is running", "class": "idle"}
    assert waybar(run, "--idle", "")["text"] == ""


def test_waybar_classes_follow_the_box(run: Cli) -> None:
    run.ok("start", "produce", "--note", "draft [b]x[/b]")
    shown = waybar(run, now=5)
    assert shown["text"] == "produce 20:00 left"
    assert shown["class"] == "produce"
    assert shown["percentage"] == 20
    assert shown["tooltip"] == "produce box · 20:00 left\nnote: draft [b]x[/b]"
    run.ok("pause", now=5)
    paused = waybar(run, now=9)
    assert (paused["class"], paused["text"]) == ("paused", "produce 20:00 left (paused)")
    run.ok("cancel", now=9)
    run.ok("start", "network", "--stopwatch", now=10)
    network = waybar(run, now=12)
    assert (network["class"], network["text"]) == ("network", "network 02:00 elapsed")
    assert "percentage" not in network  # a stopwatch has no end to be a share of


def test_waybar_text_is_inert(run: Cli) -> None:
    """A note holding a bidi override or an escape reads back as typed, and the line
    holds no raw control character for the bar to draw."""
    note = "a\u202eb\x1b[31mc"
    run.ok("start", "produce", "--note", note)
    out = run.ok("status", "--format", "waybar", now=1)
    assert out.isascii() and "\x1b" not in out
    assert json.loads(out)["tooltip"].endswith(f"note: {note}")
