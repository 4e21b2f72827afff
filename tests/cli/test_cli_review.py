"""The weekly review from the command line: `plan` (a week measured against its own plan,
and no other week), `review` (what shipped and who heard of it, people, the next week,
the reflection that finishes it and exports the week), `shared_with`, and follow-up
cards that become work and, shipped, log the follow-up.

NOW is Saturday 2026-11-28 09:00 UTC, in ISO week 2026-W48."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nbcli import Cli

DAY = 24 * 60  # minutes


def short(out: str) -> str:
    """The id a command's first line names (`added 1a2b3c …`)."""
    return out.split()[1]


def verdict(run: Cli, week: str) -> dict[str, Any]:
    doc = json.loads(run.ok("export", "--week", week, "--format", "json"))
    return {
        "status": doc["verdict"]["status"],
        "target": doc["target_ratio"],
        "own": doc["plan"]["own"],
        "budgets": [budget["budget_hours"] for budget in doc["budgets"]],
    }


def two_weeks_at_two_to_one(run: Cli) -> None:
    """6 h of produce and 3 h of network in each of 2026-W47 and 2026-W48: 2 : 1, below
    the settings' 3 : 1."""
    for monday in ("2026-11-16", "2026-11-23"):
        run.ok("add", "produce", monday, "09:00", "6h")
        run.ok("add", "network", monday, "16:00", "3h")


def test_a_weeks_plan_changes_that_weeks_verdict_and_no_other(run: Cli) -> None:
    two_weeks_at_two_to_one(run)
    below = {"status": "below", "target": 3.0, "own": False, "budgets": [20.0, 5.0]}
    assert verdict(run, "2026-W48") == below
    out = run.ok("plan", "--week", "2026-W48", "--produce-hours", "8", "--network-hours", "4")
    assert "2026-W48: produce 8 h, network 4 h, aiming for 2 : 1 — its own plan" in out
    # the week aims for the ratio of its own budgets: 2 : 1 is on target
    assert verdict(run, "2026-W48") == {
        "status": "on",
        "target": 2.0,
        "own": True,
        "budgets": [8.0, 4.0],
    }
    assert verdict(run, "2026-W47") == below  # the week before keeps the settings'
    assert verdict(run, "2026-W49")["own"] is False
    report = run.ok("report", "--week", "2026-W48")
    assert "Plan:      the week's own: produce 8 h, network 4 h, aiming for 2 : 1" in report
    assert "Budgets:   produce 6 h 00 m of 8 h — 2 h 00 m left; network 3 h 00 m of 4 h" in report
    # dropped, the week is measured by the settings again
    assert "measured by the settings again" in run.ok("plan", "--week", "2026-W48", "--clear")
    assert verdict(run, "2026-W48") == below


def test_bad_plans_are_one_line_and_change_nothing(run: Cli) -> None:
    two_weeks_at_two_to_one(run)
    card = short(run.ok("item", "add", "Write the paper"))
    before = run.files()
    for args, said in (
        (("--produce-hours", "200"), "--produce-hours must be a number of hours from 0 to 168"),
        (("--network-hours", "-1"), "--network-hours must be a number of hours from 0 to 168"),
        (("--week", "2026-W47", "--focus", card), "2026-W47 is over"),
        (("--focus", "nothing like it"), "no card with the title or id"),
        (("--clear", "--produce-hours", "5"), "--clear drops the plan"),
    ):
        result = run("plan", *args)
        assert result.returncode == 2, result
        assert said in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert result.stdout == ""
    assert run.files() == before


def test_focus_cards_move_to_the_wip_column_up_to_its_limit(run: Cli) -> None:
    ids = [short(run.ok("item", "add", f"Card {n}")) for n in range(4)]
    before = run.files()
    refused = run("plan", "--week", "next", "--produce-hours", "10", "--focus", *ids)
    assert refused.returncode == 2
    assert "4 focus cards, more than the WIP limit of 3" in refused.stderr
    assert run.files() == before
    out = run.ok("plan", "--week", "next", "--produce-hours", "10", "--focus", ids[0], "Card 2")
    assert f"planned 2026-W49; moved to Doing: {ids[0]} Card 0, {ids[2]} Card 2" in out
    listed = json.loads(run.ok("item", "list", "--json"))["items"]
    assert {i["title"]: i["column"] for i in listed} == {
        "Card 0": "Doing",
        "Card 1": "Backlog",
        "Card 2": "Doing",
        "Card 3": "Backlog",
    }
    plan = json.loads(run.ok("plan", "--week", "next", "--json"))
    assert plan["schema"] == 1 and plan["own"] is True
    assert (plan["produce_hours"], plan["network_hours"]) == (10.0, 5.0)  # network: settings'
    assert [card["title"] for card in plan["focus"]] == ["Card 0", "Card 2"]
    # the plan and its moves are one step: undo puts the cards back too
    run.ok("undo")
    listed = json.loads(run.ok("item", "list", "--json"))["items"]
    assert {i["column"] for i in listed} == {"Backlog"}


def shipped_and_shared(run: Cli) -> tuple[str, str]:
    """A card tagged #writing shipped this week and shared with Bob; Ada shares the tag."""
    card = short(run.ok("item", "add", "Write the paper", "--tags", "writing"))
    run.ok("item", "ship", card)
    run.ok("contact", "add", "Ada Lovelace", "--tags", "writing,math")
    run.ok("contact", "add", "Bob Kahn")
    run.ok("contact", "add", "Grace Hopper")
    run.ok("contact", "log", "Grace", "--exchange", "asked", "--note", "asked how the paper goes")
    run.ok("contact", "log", "Bob", "--shared", card, "--channel", "email", now=30)
    return card, run.ok("contact", "show", "Bob", "--json")


def test_shared_with_is_worked_out_from_the_interactions(run: Cli) -> None:
    card, bob = shipped_and_shared(run)
    shipped = json.loads(run.ok("item", "shipped", "--json"))["items"]
    assert [c["name"] for c in shipped[0]["shared_with"]] == ["Bob Kahn"]
    assert shipped[0]["shared_with"][0]["when"] == "2026-11-28T09:30:00+00:00"
    assert [s["title"] for s in json.loads(bob)["contact"]["shared"]] == ["Write the paper"]
    assert "shared with them:\n  2026-11-28  Write the paper" in run.ok("contact", "show", "Bob")
    listed = run.ok("item", "shipped")
    assert listed.splitlines()[0].split("\t")[-1] == "shared with"
    assert listed.splitlines()[1].endswith("\tBob Kahn")
    # shared again (with Ada): the card knows both, each once
    run.ok("contact", "log", "Ada", "--shared", card, now=40)
    run.ok("contact", "log", "Bob", "--shared", card, now=50)
    shipped = json.loads(run.ok("item", "shipped", "--json"))["items"]
    assert [c["name"] for c in shipped[0]["shared_with"]] == ["Bob Kahn", "Ada Lovelace"]
    summary = json.loads(run.ok("export", "--format", "json"))
    assert [(s["title"], s["name"]) for s in summary["shared_this_week"]] == [
        ("Write the paper", "Bob Kahn"),
        ("Write the paper", "Ada Lovelace"),
        ("Write the paper", "Bob Kahn"),
    ]
    assert "## Shared this week" in run.ok("export", "--format", "md")


def test_review_json_walks_the_week(run: Cli) -> None:
    shipped_and_shared(run)
    run.ok("contact", "add", "Dee Hock", "--cadence", "7")
    found = json.loads(run.ok("review", "--json", now=60))
    assert found["schema"] == 1
    assert (found["week"], found["done"], found["reflection"]) == ("2026-W48", False, "")
    assert found["balance"]["plan"]["own"] is False
    assert len(found["balance"]["weeks_before"]) == 4
    (card,) = found["shipped"]
    assert [c["name"] for c in card["shared_with"]] == ["Bob Kahn"]
    suggested = {s["name"]: s["why"] for s in card["suggestions"]}
    assert suggested["Ada Lovelace"] == "shares #writing"
    assert suggested["Grace Hopper"] == "asked about it"
    assert "Bob Kahn" not in suggested  # heard of it already
    sections = {(p["name"], p["section"]) for p in found["people"]}
    assert ("Grace Hopper", "new") in sections and ("Bob Kahn", "new") in sections
    assert found["next_week"]["week"] == "2026-W49"
    text = run.ok("review", now=60)
    assert "2 Shipped (1)" in text and "tell Ada Lovelace? shares #writing" in text


def test_the_review_looks_at_last_week_until_friday(run: Cli) -> None:
    thursday = -2 * DAY  # NOW is a Saturday
    assert json.loads(run.ok("review", "--json", now=thursday))["week"] == "2026-W47"
    assert json.loads(run.ok("review", "--json", now=-DAY))["week"] == "2026-W48"  # Friday
    assert "2026-W48: produce 20 h" in run.ok("plan", now=thursday)  # the week after it
    assert "2026-W49: produce 20 h" in run.ok("plan")


def test_a_reflection_finishes_the_review_and_exports_the_week(run: Cli, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    run.config.write_text(f'[export]\nfolder = "{exports}"\nformats = ["md", "json"]\n')
    two_weeks_at_two_to_one(run)
    before = run.files()
    empty = run("review", "--reflection", "   ")
    assert empty.returncode == 2 and "a reflection cannot be empty" in empty.stderr
    assert run.files() == before and not exports.exists()
    out = run.ok("review", "--reflection", "Shipped the draft.\nCall Ada on Monday.")
    assert out.splitlines() == [
        "wrote the review of 2026-W48: done",
        f"exported {exports / 'netbalance-2026-W48.md'}",
        f"exported {exports / 'netbalance-2026-W48.json'}",
    ]
    exported = json.loads((exports / "netbalance-2026-W48.json").read_text())
    assert exported["reflection"] == "Shipped the draft.\nCall Ada on Monday."
    assert exported["reviewed"] == "2026-11-28T09:00:00+00:00"
    assert (
        "## Reflection\n\n- Shipped the draft.\n- Call Ada on Monday."
        in (exports / "netbalance-2026-W48.md").read_text()
    )
    found = json.loads(run.ok("review", "--json"))
    assert found["done"] is True and found["reflection"].startswith("Shipped the draft.")
    assert "— done" in run.ok("review").splitlines()[0]
    assert json.loads(run.ok("review", "--week", "2026-W47", "--json"))["done"] is False


def test_a_follow_up_card_round_trip(run: Cli) -> None:
    run.ok("contact", "add", "Ada Lovelace", "--cadence", "30")
    refused = run("contact", "log", "Ada", "--card")
    assert refused.returncode == 2 and "--card makes a follow-up card" in refused.stderr
    out = run.ok(
        "contact", "log", "Ada", "--note", "send the deck", "--follow-up", "+10d", "--card"
    )
    card = out.splitlines()[-1].split()[1]
    assert (
        out.splitlines()[-1]
        == f"added {card} to Backlog: Follow up with Ada Lovelace: send the deck"
    )
    (item,) = json.loads(run.ok("item", "list", "--json"))["items"]
    assert (item["column"], item["due"]) == ("Backlog", "2026-12-08")
    due = json.loads(run.ok("contact", "due", "--json", now=11 * DAY))["due"]
    assert [(d["name"], d["reason"]) for d in due] == [("Ada Lovelace", "follow-up")]

    # done two days later, before its date: shipping the card logs the follow-up
    assert "shipped" in run.ok("item", "ship", card, now=2 * DAY)
    ada = json.loads(run.ok("contact", "show", "Ada", "--json", now=2 * DAY))
    assert ada["contact"]["interactions"] == 2
    assert ada["history"][0]["note"] == "Follow up with Ada Lovelace: send the deck"
    # the cadence, from today
    assert (ada["contact"]["follow_up"], ada["contact"]["next_due"]) == (None, "2026-12-30")
    assert json.loads(run.ok("contact", "due", "--json", now=11 * DAY))["due"] == []
    steps = run.ok("undo", "--list", now=2 * DAY)
    assert (
        "ship card “Follow up with Ada Lovelace: send the deck”, logged with Ada Lovelace" in steps
    )
    # one step: undo takes back the ship and the interaction it logged
    run.ok("undo", now=2 * DAY)
    ada = json.loads(run.ok("contact", "show", "Ada", "--json", now=2 * DAY))
    assert ada["contact"]["interactions"] == 1
    (item,) = json.loads(run.ok("item", "list", "--json"))["items"]
    assert item["column"] == "Backlog"


# reminders ------------------------------------------------------------------------------


def fake_notifier(folder: Path, code: int = 0) -> Path:
    """A `notify-send` that writes its arguments to a file and exits with `code`."""
    folder.mkdir(exist_ok=True)
    script = folder / "notify-send"
    log = folder / "sent.txt"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{log}"\necho >> "{log}"\nexit {code}\n')
    script.chmod(0o755)
    return log


def sent(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_contact_due_notify_sends_one_reminder_a_day(
    run: Cli, tmp_path: Path, monkeypatch: Any
) -> None:
    log = fake_notifier(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert run.ok("contact", "due", "--notify") == "nobody is due; nothing sent\n"
    run.ok("contact", "add", "Ada Lovelace", "--cadence", "1", now=-3 * DAY)
    run.ok("contact", "add", "Bob Kahn", "--cadence", "2", now=-3 * DAY)
    assert run.ok("contact", "due", "--notify") == "notified: 2 people are due\n"
    assert sent(log) == [
        "--app-name=netbalance|netbalance: 2 people are due|"
        "Ada Lovelace (2 d overdue, cadence); Bob Kahn (1 d overdue, cadence)|"
    ]
    again = run.ok("contact", "due", "--notify", now=8 * 60)
    assert again == "already reminded today (2026-11-28); nothing sent\n"
    assert len(sent(log)) == 1
    assert run.ok("contact", "due", "--notify", now=DAY).startswith("notified: ")
    assert len(sent(log)) == 2


def test_a_reminder_that_could_not_be_sent_is_tried_again(
    run: Cli, tmp_path: Path, monkeypatch: Any
) -> None:
    run.ok("contact", "add", "Ada Lovelace", "--cadence", "1", now=-3 * DAY)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    absent = run.ok("contact", "due", "--notify")
    assert absent.startswith("no desktop notifications here (notify-send not found")
    log = fake_notifier(tmp_path / "failing", code=1)
    monkeypatch.setenv("PATH", str(tmp_path / "failing"))
    assert run.ok("contact", "due", "--notify").startswith("no desktop notifications here")
    assert len(sent(log)) == 1  # tried, and failed: the day is still open
    log = fake_notifier(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert run.ok("contact", "due", "--notify") == "notified: Ada Lovelace is due\n"
