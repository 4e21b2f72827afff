"""One JSON convention: every `--json` output is an object whose first field is
`schema` (a whole number), followed by named fields; never a bare array."""

from __future__ import annotations

import json
from typing import Any

import pytest
from nbcli import Cli

# (command, the named fields its document carries besides `schema`)
OUTPUTS: list[tuple[tuple[str, ...], set[str]]] = [
    (("status", "--json"), {"state"}),
    (("log", "--json"), {"week", "sessions", "produce_minutes"}),
    (("item", "list", "--json"), {"columns", "items"}),
    (("item", "shipped", "--json"), {"items"}),
    (("contact", "list", "--json"), {"contacts"}),
    (("contact", "show", "ada", "--json"), {"contact", "history"}),
    (("contact", "due", "--json"), {"due"}),
    (("undo", "--list", "--json"), {"steps"}),
    (("report", "--json"), {"week", "sessions", "produce_minutes"}),
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    run = Cli(tmp_path_factory.mktemp("json") / "data")
    run.ok("contact", "add", "Ada Lovelace", "--cadence", "1", now=-3000)
    run.ok("item", "add", "Essay", now=-100)
    run.ok("add", "produce", "07:00-08:00", "--note", "draft", now=0)
    run.ok("contact", "log", "ada", "--minutes", "20", now=1)
    item = json.loads(run.ok("item", "list", "--json", now=2))["items"][0]["id"]
    run.ok("item", "ship", item, now=2)
    return run


@pytest.mark.parametrize(
    ("command", "named"), OUTPUTS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_every_json_output_is_one_object_schema_first(
    filled: Cli, command: tuple[str, ...], named: set[str]
) -> None:
    document: Any = json.loads(filled.ok(*command, now=5))
    assert isinstance(document, dict), command
    assert next(iter(document)) == "schema" and document["schema"] == 1, command
    assert named <= document.keys(), (command, document.keys())
    for value in document.values():  # lists hold objects, never bare values mixed in
        if isinstance(value, list) and value:
            assert all(isinstance(entry, (dict, str)) for entry in value), command


def test_lists_are_named_arrays_of_objects(filled: Cli) -> None:
    shipped = json.loads(filled.ok("item", "shipped", "--json", now=5))
    assert [item["title"] for item in shipped["items"]] == ["Essay"]
    contacts = json.loads(filled.ok("contact", "list", "--json", now=5))["contacts"]
    assert [c["name"] for c in contacts] == ["Ada Lovelace"]
    shown = json.loads(filled.ok("contact", "show", "ada", "--json", now=5))
    assert shown["contact"]["name"] == "Ada Lovelace"
    assert [entry["minutes"] for entry in shown["history"]] == [20]
    due = json.loads(filled.ok("contact", "due", "--json", now=3000))["due"]
    assert [entry["name"] for entry in due] == ["Ada Lovelace"]
    steps = json.loads(filled.ok("undo", "--list", "--json", now=5))["steps"]
    assert steps[0]["change"].startswith("shipped") or steps[0]["state"] == "done"
    assert {step["state"] for step in steps} == {"done"}


def test_json_goes_with_undo_list_only(filled: Cli) -> None:
    result = filled("undo", "--json", now=5)
    assert (result.returncode, result.stdout) == (2, "")
    assert "--list" in result.stderr and result.stderr.count("\n") == 1


def test_user_text_in_json_cannot_drive_a_terminal(run: Cli) -> None:
    title = "a\u202eb\x9bc"
    run.ok("item", "add", title)
    out = run.ok("item", "list", "--json")
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out)["items"][0]["title"] == title


def test_report_json_is_the_export_document(filled: Cli) -> None:
    assert filled.ok("report", "--json", now=5) == filled.ok("export", "--format", "json", now=5)
