"""Ranges: `log`, `report` and `export` cover `--day D`, `--month M`, `--year Y` or
`--from D --to D` besides `--week`; `report --by tag|card|contact`. The clock is frozen
at Saturday 2026-11-28 09:00 UTC."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from nbcli import Cli


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    run = Cli(tmp_path_factory.mktemp("ranges") / "data")
    run.ok("contact", "add", "Ada Lovelace", now=-90 * 24 * 60)
    run.ok("item", "add", "Essay", now=-90 * 24 * 60)
    essay = json.loads(run.ok("item", "list", "--json"))["items"][0]["id"][:6]
    for when, kind, extra in [
        ("2026-10-30 09:00 1h", "produce", ["--tag", "thesis"]),
        ("2026-11-02 09:00 2h", "produce", ["--tag", "thesis,deep", "--item", essay]),
        ("2026-11-20 09:00 30m", "network", ["--tag", "coffee", "--contact", "ada"]),
        ("2026-11-27 14:00 1h", "produce", ["--item", essay]),
        ("2026-11-28 07:00 45m", "produce", ["--tag", "deep"]),
    ]:
        run.ok("add", kind, *when.split(), *extra)
    return run


def log_json(run: Cli, *args: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(run.ok("log", "--json", *args))
    return value


def starts(document: dict[str, Any]) -> list[str]:
    return [s["start"][:10] for s in document["sessions"]]


def test_log_covers_a_day_a_month_a_year_and_any_days(filled: Cli) -> None:
    assert starts(log_json(filled, "--day", "yesterday")) == ["2026-11-27"]
    assert starts(log_json(filled, "--day", "2026-11-02")) == ["2026-11-02"]
    month = log_json(filled, "--month", "2026-11")
    assert starts(month) == ["2026-11-02", "2026-11-20", "2026-11-27", "2026-11-28"]
    assert (month["week"], month["span"], month["first_day"], month["last_day"]) == (
        None, {"unit": "month", "label": "2026-11", "days": 30}, "2026-11-01", "2026-11-30"
    )  # fmt: skip
    assert month["produce_minutes"] == 120 + 60 + 45 and month["network_minutes"] == 30
    assert starts(log_json(filled, "--month", "last")) == ["2026-10-30"]
    assert len(log_json(filled, "--year", "this")["sessions"]) == 5
    assert starts(log_json(filled, "--from", "2026-10-30", "--to", "2026-11-02")) == [
        "2026-10-30", "2026-11-02"
    ]  # fmt: skip
    assert starts(log_json(filled, "--from", "fri")) == ["2026-11-27", "2026-11-28"]
    assert starts(log_json(filled, "--from", "-1d")) == ["2026-11-27", "2026-11-28"]
    assert starts(log_json(filled, "--from", "-4w", "--to", "-3w")) == ["2026-11-02"]
    assert log_json(filled, "--week", "last")["span"] == {
        "unit": "week", "label": "2026-W47", "days": 7
    }  # fmt: skip
    title = filled.ok("log", "--month", "2026-11").splitlines()[0]
    assert title.startswith("# 2026-11 (01 Nov 2026 – 30 Nov 2026): produce 3 h 45 m")


def test_report_of_a_month_is_the_json_export_of_it(filled: Cli) -> None:
    report = filled.ok("report", "--month", "2026-11", "--json")
    assert report == filled.ok("export", "--month", "2026-11", "--format", "json")
    document = json.loads(report)
    assert document["span"] == {"unit": "month", "label": "2026-11", "days": 30}
    assert document["week"] is None and len(document["days"]) == 30
    produce_budget = next(b for b in document["budgets"] if b["kind"] == "produce")
    assert produce_budget["budget_hours"] == round(20 * 30 / 7, 1)  # the weekly 20 h pro rata
    plain = filled.ok("report", "--month", "2026-11")
    assert plain.startswith("# Month 2026-11 · Sun 01 Nov – Mon 30 Nov 2026\n")
    assert "Time per tag" in plain


def test_a_year_is_shown_per_month(filled: Cli) -> None:
    plain = filled.ok("report", "--year", "2026")
    assert "## Per month" in plain and "Nov 2026" in plain and "Per day" not in plain
    html = filled.ok("export", "--year", "2026", "--format", "html")
    assert html.count('<rect class="produce"') == 12 + 1  # a bar a month, and the legend's


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--week", "last", "--month", "this"], "--week and --month name different days"),
        (["--day", "today", "--from", "mon"], "--day and --from name different days"),
        (["--to", "today"], "--to goes with --from"),
        (["--from", "2026-11-20", "--to", "2026-11-10"], "--to 2026-11-10 is before --from"),
        (["--month", "2026-13"], "cannot read the month '2026-13'"),
        (["--year", "26"], "cannot read the year '26'"),
        (["--day", "someday"], "cannot read the day 'someday'"),
    ],
)
@pytest.mark.parametrize("command", [["log"], ["report"], ["export", "--format", "md"]])
def test_a_span_that_cannot_be_read_is_one_line(
    filled: Cli, command: list[str], args: list[str], words: str
) -> None:
    result = filled(*command, *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr


def rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines()[2:]]


def test_report_by_tag_card_and_contact(filled: Cli) -> None:
    by_tag = filled.ok("report", "--by", "tag", "--month", "2026-11")
    assert by_tag.splitlines()[0] == (
        "# Month 2026-11 (Sun 01 Nov – Mon 30 Nov 2026): time per tag, of 4 h 15 m tracked"
    )
    assert rows(by_tag) == [
        ["deep", "2 h 45 m", "2", "65 %"],
        ["thesis", "2 h 00 m", "1", "47 %"],
        ["coffee", "30 m", "1", "12 %"],
        ["(no tag)", "1 h 00 m", "1", "24 %"],
    ]
    assert rows(filled.ok("report", "--by", "card", "--month", "2026-11")) == [
        ["Essay", "3 h 00 m", "2", "", "71 %"],
        ["(no card)", "45 m", "1", "", "18 %"],
    ]
    assert rows(filled.ok("report", "--by", "contact", "--month", "2026-11")) == [
        ["Ada Lovelace", "30 m", "1", "12 %"]
    ]
