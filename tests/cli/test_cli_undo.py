"""`netbalance undo` and `netbalance redo` through the real program: what each prints, the
exit codes, and the data on disk."""

from __future__ import annotations

import json

from nbcli import NOW, Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import replace
from netbalance.store.store import Store


def _items(run: Cli) -> list[dict[str, object]]:
    listed = json.loads(run.ok("item", "list", "--json"))
    items: list[dict[str, object]] = listed["items"]
    return items


def _card_id(run: Cli) -> str:
    return str(_items(run)[0]["id"])


def test_undo_and_redo_step_through_card_changes(run: Cli) -> None:
    run.ok("item", "add", "Write chapter 3")
    card = _card_id(run)
    run.ok("item", "move", card, "Doing")

    assert run.ok("undo") == "undid: move card “Write chapter 3” to Doing\n"
    assert [(i["title"], i["column"]) for i in _items(run)] == [("Write chapter 3", "Backlog")]
    assert run.ok("undo") == "undid: add card “Write chapter 3”\n"
    assert _items(run) == []
    assert run.ok("redo") == "redid: add card “Write chapter 3”\n"
    assert run.ok("redo") == "redid: move card “Write chapter 3” to Doing\n"
    assert [i["column"] for i in _items(run)] == ["Doing"]


def test_undo_of_a_finished_box_deletes_the_session_it_recorded(run: Cli) -> None:
    run.ok("start", "produce", "--minutes", "25")
    run.ok("stop", now=25)
    assert run.ok("undo", now=26) == "undid: record produce session 2026-11-28 09:00–09:25\n"
    assert json.loads(run.ok("log", "--json", now=26))["sessions"] == []


def test_nothing_to_undo_is_one_line_exit_2_and_writes_nothing(run: Cli) -> None:
    for verb in ("undo", "redo"):
        result = run(verb)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == f"netbalance: nothing to {verb}\n"
    assert run.files() == {}


def test_a_refused_undo_names_the_record_exits_2_and_changes_nothing(run: Cli) -> None:
    run.ok("item", "add", "Write chapter 3")
    card = _card_id(run)
    run.ok("item", "move", card, "Doing")
    store = Store.open(str(run.db), FakeClock(NOW))
    stored = store.items.get(card)
    assert stored is not None
    with store.transaction(undoable=False):  # a change the journal does not know of
        store.items.update(replace(stored, title="Renamed elsewhere"))
    before = run.files()
    result = run("undo")
    assert result.returncode == 2
    assert result.stderr == (
        "netbalance: cannot undo “move card “Write chapter 3” to Doing”: card “Write "
        "chapter 3” was changed since; nothing was changed and the step is dropped\n"
    )
    after = run.files()
    assert {k: v for k, v in after.items() if k.endswith(".json")} == {
        k: v for k, v in before.items() if k.endswith(".json")
    }
    assert [(i["title"], i["column"]) for i in _items(run)] == [("Renamed elsewhere", "Doing")]


def test_undo_list_shows_recent_changes_newest_first(run: Cli) -> None:
    run.ok("item", "add", "First")
    run.ok("item", "add", "Second", now=5)
    run.ok("undo", now=6)
    lines = run.ok("undo", "--list").splitlines()
    assert lines == [
        "# recent changes, newest first",
        "when\tchange\tstate",
        "2026-11-28 09:05\tadd card “Second”\tundone (redo)",
        "2026-11-28 09:00\tadd card “First”\tdone",
    ]


def test_a_title_with_control_characters_is_printed_harmlessly(run: Cli) -> None:
    run.ok("item", "add", "evil \x1b]0;pwned\x07 title")
    out = run.ok("undo")
    assert "\x1b" not in out and "\x07" not in out
