"""Every export format: golden files of a fixed demo week (look at them: `UPDATE_GOLDEN=1`
rewrites them), the same numbers in each, hostile text made inert in each, the ICS round
trip through `icalendar`, and the JSON against its documented schema."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from nbsummary import AFTER, MONDAY, at, contact, interaction, item, session, the_week_records

from netbalance.core.models import Kind
from netbalance.core.summary import Plan, WeeklySummary, summarize
from netbalance.demo import sample as demo
from netbalance.exports import FORMATS, render
from netbalance.exports.colours import DEFAULT, SHIPPED, colours_of
from netbalance.exports.csv_rows import COLUMNS
from netbalance.exports.json_doc import SCHEMA
from netbalance.settings.paths import shipped_themes_dir
from netbalance.settings.themes import theme_table

GOLDEN = Path(__file__).parent / "golden"
DEMO_NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # the app tests' NOW
DEMO_WEEK = date(2026, 11, 16)  # 2026-W47, the last full week before it


@cache
def demo_week() -> WeeklySummary:
    data = demo.generate(DEMO_NOW, weeks=6, seed=1, tz_name="UTC")
    return summarize(
        DEMO_WEEK,
        sessions=data.sessions,
        interactions=data.interactions,
        items=data.items,
        contacts=data.contacts,
        plan=Plan(),
        tz_name="UTC",
        now=DEMO_NOW,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str) -> None:
    produced = render(demo_week(), fmt, DEFAULT)
    golden = GOLDEN / f"demo-week.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()


def test_every_format_shows_the_same_numbers() -> None:
    week = demo_week()
    outputs = {fmt: render(week, fmt, DEFAULT).decode("utf-8") for fmt in FORMATS}
    doc = json.loads(outputs["json"])
    produce, network = doc["produce_minutes"], doc["network_minutes"]
    assert (produce, network) == (round(week.produce), round(week.network))
    shown = f"{produce // 60} h {produce % 60:02d} m"
    for fmt in ("md", "html"):
        assert "Produce" in outputs[fmt] and shown in outputs[fmt], fmt
        assert doc["ratio_text"] in outputs[fmt]
        assert week.verdict.text in outputs[fmt] or fmt == "md"
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    counted = [r for r in rows if r["counted"] == "yes"]
    assert round(sum(float(r["minutes"]) for r in counted if r["kind"] == "produce")) == produce
    assert round(sum(float(r["minutes"]) for r in counted if r["kind"] == "network")) == network
    assert outputs["ics"].count("BEGIN:VEVENT") == len(week.sessions) == len(doc["sessions"])
    assert sum(d["produce_minutes"] for d in doc["days"]) == pytest.approx(produce, abs=7)


def test_the_html_is_self_contained_with_the_theme_colours() -> None:
    colours = colours_of(theme_table("netbalance-light", [shipped_themes_dir()]))
    assert colours.produce == "#8F4300"
    page = render(demo_week(), "html", colours).decode("utf-8")
    assert "<svg" in page and page.count('class="produce"') >= 7
    assert "fill:#8F4300" in page and "fill:#00665C" in page
    assert not re.search(r"""(src|href)\s*=|<script|url\(|@import""", page, re.IGNORECASE)
    assert "default-src 'none'" in page


def test_each_shipped_themes_colours_are_as_its_file_has_them() -> None:
    """An export in a shipped theme takes its two colours without reading the file."""
    folder = shipped_themes_dir()
    names = {name.removesuffix(".toml") for name in os.listdir(folder) if name.endswith(".toml")}
    assert set(SHIPPED) == names
    for name, colours in SHIPPED.items():
        assert colours_of(theme_table(name, [folder])) == colours, name


def test_an_export_takes_a_shipped_theme_as_the_users_theme_file_restyles_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netbalance.actions.writing import export_colours

    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    assert export_colours("netbalance-light") == SHIPPED["netbalance-light"]
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "netbalance-light.toml").write_text(
        'name = "netbalance-light"\n[variables]\nproduce = "#112233"\nnetwork = "#445566"\n'
    )
    assert export_colours("netbalance-light") == ("#112233", "#445566")
    assert export_colours("netbalance-dark") == SHIPPED["netbalance-dark"]


def theme_colours(name: str, folders: list[str]) -> object:
    return colours_of(theme_table(name, folders))


def test_an_unknown_or_broken_theme_gives_the_default_colours(tmp_path: Path) -> None:
    odd = 'name = "odd"\n[variables]\nproduce = "red; x"\nnetwork = "#000000"\n'
    (tmp_path / "odd.toml").write_text(odd)
    assert theme_colours("odd", [str(tmp_path)]) == DEFAULT
    assert theme_colours("../etc/passwd", [str(tmp_path)]) == DEFAULT
    assert theme_colours("missing", [str(tmp_path)]) == DEFAULT


def test_a_theme_is_found_by_its_name_whatever_its_file_is_called(tmp_path: Path) -> None:
    """The app lists a theme by the name inside its file, and saves that name: the export
    of the same settings must find the same theme."""
    mine = (
        'name = "my-theme"\nprimary = "#101010"\n'
        '[variables]\nproduce = "#112233"\nnetwork = "#445566"\n'
    )
    (tmp_path / "mine.toml").write_text(mine)
    assert theme_colours("my-theme", [str(tmp_path)]) == ("#112233", "#445566")


# hostile text --------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","x")'
MARKUP = "[bold red]x[/] [link=file:///etc/passwd]y[/link]"
ESCAPE = "\x1b]0;pwned\x07\x1b[31mred"


@cache
def hostile_week() -> WeeklySummary:
    card = item("h1", SCRIPT, "Shipped", shipped=at(26, 10))
    formula = item("h2", FORMULA, "Doing")
    who = contact("hc", MARKUP, created=at(24, 9), cadence=7)
    esc = contact("he", ESCAPE, cadence=7)
    return summarize(
        MONDAY,
        sessions=[
            session("s1", Kind.PRODUCE, at(23, 9), 50, item=card, note=ESCAPE),
            session("s2", Kind.PRODUCE, at(23, 11), 25, item=formula, note="+1 @me -x"),
            session("s3", Kind.NETWORK, at(24, 9), 30, contact=who, note=MARKUP),
        ],
        interactions=[
            interaction("i1", who, at(25, 9), 20, shared=card, note=FORMULA, exchange=SCRIPT),
            interaction("i2", esc, at(1, 9, month=9), 20, channel="\tcall"),
        ],
        items=[card, formula],
        contacts=[who, esc],
        plan=Plan(),
        tz_name="UTC",
        now=AFTER,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_raw_control_characters_in_any_format(fmt: str) -> None:
    text = render(hostile_week(), fmt, DEFAULT).decode("utf-8")
    assert "\x1b" not in text and "\x07" not in text
    if fmt != "json":  # JSON writes \u001b, which is text; the others show \x1b
        assert "\\x1b" in text


def test_html_escapes_every_user_text() -> None:
    page = render(hostile_week(), "html", DEFAULT).decode("utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[bold red]x[/]" in page  # markup is shown as typed, not interpreted
    assert "&quot;http://evil.example&quot;" in page
    assert 'href="http://evil' not in page


def test_markdown_escapes_every_user_text() -> None:
    text = render(hostile_week(), "md", DEFAULT).decode("utf-8")
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\[bold red\]x\[/\]" in text
    assert "](" not in text.replace(r"\](", "")  # no link syntax survives


def test_csv_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render(hostile_week(), "csv", DEFAULT).decode())))
    assert tuple(rows[0]) == COLUMNS
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    cells = {value for row in rows for value in row}
    assert "'" + FORMULA in cells
    assert "'+1 @me -x" in cells
    assert " call" in cells or "'\tcall" not in cells  # a tab is shown as a space


def test_json_keeps_user_text_exact_and_parses() -> None:
    doc = json.loads(render(hostile_week(), "json", DEFAULT))
    titles = {line["title"] for line in doc["time_per_item"]}
    assert titles == {SCRIPT, FORMULA}
    assert doc["sessions"][0]["note"] == ESCAPE  # data, escaped by JSON itself
    assert {m["name"] for m in doc["people_met"]} == {MARKUP}


def test_ics_round_trips_through_icalendar() -> None:
    from icalendar import Calendar

    week = hostile_week()
    parsed = Calendar.from_ical(render(week, "ics", DEFAULT))
    events = list(parsed.walk("VEVENT"))
    assert [str(e["uid"]) for e in events] == [f"{s.id}@netbalance" for s in week.sessions]
    assert [e.decoded("dtstart") for e in events] == [s.start for s in week.sessions]
    assert [e.decoded("dtend") for e in events] == [s.end for s in week.sessions]
    assert str(events[0]["summary"]) == f"produce: {SCRIPT}"
    assert "\\x1b]0;pwned" in str(events[0]["description"])
    assert str(events[2]["summary"]) == f"network: {MARKUP}"


def test_ics_of_the_demo_week_round_trips() -> None:
    from icalendar import Calendar

    week = demo_week()
    data = render(week, "ics", DEFAULT)
    parsed = Calendar.from_ical(data)
    assert len(list(parsed.walk("VEVENT"))) == len(week.sessions)
    assert parsed.to_ical() == data


# the JSON schema -----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["demo", "hostile", "the week"])
def test_json_matches_its_documented_schema(which: str) -> None:
    week = {"demo": demo_week, "hostile": hostile_week}.get(which, _the_week)()
    doc = json.loads(render(week, "json", DEFAULT))
    assert validate(doc, SCHEMA) == []
    assert doc["schema"] == 1


def test_the_schema_check_can_fail() -> None:
    doc = json.loads(render(demo_week(), "json", DEFAULT))
    del doc["verdict"]
    doc["days"][0]["boxes"] = -1
    doc["week"] = "W47"
    assert validate(doc, SCHEMA) == [
        "$.week: 'W47' does not match",
        "$.days[0].boxes: below 0",
        "$: 'verdict' is required",
    ]


def _the_week() -> WeeklySummary:
    records = the_week_records()
    return summarize(
        MONDAY,
        sessions=records.sessions,
        interactions=records.interactions,
        items=records.items,
        contacts=records.contacts,
        plan=Plan(),
        tz_name="UTC",
        now=AFTER,
    )


_TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """The subset of JSON Schema the documented schema uses."""
    problems: list[str] = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} not in {schema['enum']}")
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        ok = any(
            isinstance(value, _TYPES[k])
            and not (k in ("integer", "number") and isinstance(value, bool))
            for k in kinds
        )
        if not ok:
            return [*problems, f"{path}: {value!r} is not {kinds}"]
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{path}: {value!r} does not match")
        if schema.get("format") == "date":
            date.fromisoformat(value)
        if schema.get("format") == "date-time":
            assert datetime.fromisoformat(value).tzinfo is not None
    if isinstance(value, int | float) and "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{path}: below {schema['minimum']}")
    if isinstance(value, dict):
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problems += validate(value[key], sub, f"{path}.{key}")
        problems += [
            f"{path}: {key!r} is required" for key in schema.get("required", []) if key not in value
        ]
    if isinstance(value, list) and "items" in schema:
        for index, entry in enumerate(value):
            problems += validate(entry, schema["items"], f"{path}[{index}]")
    return problems
