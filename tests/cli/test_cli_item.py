"""`netbalance item …` and `start produce --item` through the real CLI.

Most tests start from BOARD, a data folder prepared once through the store (fixed ids, so
prefixes and the ambiguous short id `a1b2c3` are known) and copied for each test.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from nbcli import NOW, Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, Session
from netbalance.store.store import Store

ESSAY = "a1b2c3d4-1111-4111-8111-111111111111"
PAPERS = "a1b2c3ee-2222-4222-8222-222222222222"  # same short id as ESSAY
TALK = "b2c3d4e5-3333-4333-8333-333333333333"
DOING = [f"d{n}000000-4444-4444-8444-44444444444{n}" for n in (1, 2, 3)]
SHIPPED = "c1000000-5555-4555-8555-555555555555"
ARCHIVED = "e1000000-6666-4666-8666-666666666666"
DAY = timedelta(days=1)


def item(item_id: str, title: str, column: str, position: float, **fields: Any) -> Item:
    return Item(
        id=item_id,
        title=title,
        column=column,
        position=position,
        created=NOW - 30 * DAY,
        updated=NOW - 30 * DAY,
        **fields,
    )


def session(item_id: str, start: int, minutes: int, kind: Kind, paused: int = 0) -> Session:
    begin = NOW - DAY + timedelta(minutes=start)
    return Session(
        id=f"{item_id[:8]}-{start}",
        kind=kind,
        start=begin,
        end=begin + timedelta(minutes=minutes),
        created=begin,
        updated=begin,
        paused_seconds=paused,
        item_id=item_id,
        item_title="Write the essay",
    )


BOARD_ITEMS = [
    item(ESSAY, "Write the essay", "Backlog", 1, tags=("writing", "deep"), due=date(2026, 12, 4),
         estimate=4, notes="first draft\nthen edit"),
    item(PAPERS, "Read papers", "Backlog", 2),
    item(TALK, "Prepare the talk", "Next", 1, tags=("talks",), due=date(2026, 11, 20)),
    *(item(d, f"Doing {n}", "Doing", n) for n, d in enumerate(DOING, start=1)),
    item(SHIPPED, "Launch the site", "Shipped", 1, shipped=NOW - 2 * DAY),
    item(ARCHIVED, "Old talk", "Shipped", 2, shipped=NOW - 20 * DAY, archived=True),
]  # fmt: skip

LIST_HEADER = "id\tcolumn\ttitle\ttags\tdue\testimate\tspent\n"
BOARD_LIST = LIST_HEADER + (
    "a1b2c3\tBacklog\tWrite the essay\twriting, deep\t2026-12-04\t4\t40 m\n"
    "a1b2c3\tBacklog\tRead papers\t\t\t\t\n"
    "b2c3d4\tNext\tPrepare the talk\ttalks\t2026-11-20 (overdue)\t\t\n"
    "d10000\tDoing\tDoing 1\t\t\t\t\n"
    "d20000\tDoing\tDoing 2\t\t\t\t\n"
    "d30000\tDoing\tDoing 3\t\t\t\t\n"
    "c10000\tShipped\tLaunch the site\t\t\t\t\n"
)


@pytest.fixture(scope="module")
def _board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("board") / "data"
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW - DAY))
    store.items.add_many(BOARD_ITEMS)
    store.sessions.add_many(
        [
            session(ESSAY, 0, 25, Kind.PRODUCE),
            session(ESSAY, 60, 30, Kind.PRODUCE, paused=15 * 60),
            session(ESSAY, 120, 30, Kind.NETWORK),  # not produce: not time on the card
        ]
    )
    return folder


@pytest.fixture
def board(run: Cli, _board: Path) -> Cli:
    shutil.copytree(_board, run.folder, symlinks=True)
    return run


def listed(run: Cli, *args: str, now: float = 0) -> dict[str, dict[str, Any]]:
    """`item list --json` → id → the card's fields."""
    items = json.loads(run.ok("item", "list", "--json", *args, now=now))["items"]
    return {card["id"]: card for card in items}


def titles(run: Cli, *args: str) -> list[str]:
    return [card["title"] for card in listed(run, *args).values()]


def write_config(run: Cli, text: str) -> None:
    run.config.write_text(text, encoding="utf-8")


# reading -------------------------------------------------------------------------------


def test_list_shows_the_board_column_by_column(board: Cli) -> None:
    assert board.ok("item", "list") == BOARD_LIST


def test_list_json_has_every_field(board: Cli) -> None:
    document = json.loads(board.ok("item", "list", "--json"))
    assert document["columns"] == ["Backlog", "Next", "Doing", "Shipped"]
    essay = document["items"][0]
    assert essay == {
        "id": ESSAY,
        "title": "Write the essay",
        "column": "Backlog",
        "position": 1.0,
        "notes": "first draft\nthen edit",
        "tags": ["writing", "deep"],
        "due": "2026-12-04",
        "overdue": False,
        "estimate": 4,
        "spent_minutes": 40.0,
        "shipped": None,
        "archived": False,
        "created": "2026-10-29T09:00:00+00:00",
        "updated": "2026-10-29T09:00:00+00:00",
    }
    assert [card["id"] for card in document["items"]] == [
        ESSAY, PAPERS, TALK, *DOING, SHIPPED
    ]  # fmt: skip


def test_list_one_column_in_any_case(board: Cli) -> None:
    assert board.ok("item", "list", "--column", "doing") == LIST_HEADER + "".join(
        line + "\n" for line in BOARD_LIST.splitlines() if "\tDoing\t" in line
    )
    assert titles(board, "--column", "NEXT") == ["Prepare the talk"]


def test_list_archived_shows_the_cards_that_left_the_board(board: Cli) -> None:
    assert board.ok("item", "list", "--archived") == (
        LIST_HEADER + "e10000\tShipped\tOld talk\t\t\t\t\n"
    )
    assert titles(board, "--archived", "--column", "Backlog") == []


def test_list_on_no_data_is_empty_and_writes_nothing(run: Cli) -> None:
    assert run.ok("item", "list") == LIST_HEADER
    assert json.loads(run.ok("item", "list", "--json"))["items"] == []
    assert run.ok("item", "shipped") == "id\tshipped\ttitle\ttags\tspent\tshared with\n"
    assert not run.folder.exists()


def test_shipped_is_the_track_record_newest_first_archived_included(board: Cli) -> None:
    board.ok("item", "ship", "a1b2c3d", now=60)
    assert board.ok("item", "shipped", now=60) == (
        "id\tshipped\ttitle\ttags\tspent\tshared with\n"
        "a1b2c3\t2026-11-28\tWrite the essay\twriting, deep\t40 m\t\n"
        "c10000\t2026-11-26\tLaunch the site\t\t\t\n"
        "e10000\t2026-11-08\tOld talk\t\t\t\n"
    )
    record = json.loads(board.ok("item", "shipped", "--json"))["items"]
    assert [(card["id"], card["shipped"], card["archived"]) for card in record] == [
        (ESSAY, "2026-11-28T10:00:00+00:00", False),
        (SHIPPED, "2026-11-26T09:00:00+00:00", False),
        (ARCHIVED, "2026-11-08T09:00:00+00:00", True),
    ]


# add -----------------------------------------------------------------------------------


def test_add_puts_a_card_at_the_end_of_the_first_column(board: Cli) -> None:
    out = board.ok("item", "add", "  Sketch the chart  ", now=5)
    new = next(card for card in listed(board).values() if card["title"] == "Sketch the chart")
    assert out == f"added {new['id'][:6]} to Backlog: Sketch the chart\n"
    assert (new["column"], new["position"], new["tags"], new["due"]) == ("Backlog", 3.0, [], None)
    assert new["created"] == new["updated"] == "2026-11-28T09:05:00+00:00"
    assert titles(board, "--column", "backlog")[-1] == "Sketch the chart"


def test_add_with_every_field(run: Cli) -> None:
    run.ok(
        "item", "add", "Essay", "--column", "next", "--tags", "writing, #deep,writing",
        "--due", "fri", "--estimate", "3", "--notes", "line one\nline two",
    )  # fmt: skip
    (card,) = listed(run).values()
    assert (card["column"], card["tags"], card["due"]) == (
        "Next",
        ["writing", "deep"],
        "2026-12-04",
    )
    assert (card["estimate"], card["notes"], card["position"]) == (3, "line one\nline two", 1.0)


@pytest.mark.parametrize(
    ("due", "expected"),
    [("2026-12-01", "2026-12-01"), ("today", "2026-11-28"), ("tomorrow", "2026-11-29"),
     ("sat", "2026-12-05"), ("+3d", "2026-12-01"), ("+2w", "2026-12-12")],
)  # fmt: skip
def test_add_due_dates(run: Cli, due: str, expected: str) -> None:
    run.ok("item", "add", "x", "--due", due)
    assert [card["due"] for card in listed(run).values()] == [expected]


def test_due_dates_count_from_the_local_day(run: Cli) -> None:
    # 23:30 UTC on Saturday is already Sunday in Tokyo: tomorrow is Monday there
    write_config(run, '[time]\ntime_zone = "Asia/Tokyo"\n')
    run.ok("item", "add", "x", "--due", "tomorrow", now=14 * 60 + 30)
    assert [card["due"] for card in listed(run).values()] == ["2026-11-30"]


def test_add_to_the_last_column_ships_it(run: Cli) -> None:
    run.ok("item", "add", "Done already", "--column", "shipped", now=3)
    (card,) = listed(run).values()
    assert (card["column"], card["shipped"]) == ("Shipped", "2026-11-28T09:03:00+00:00")


# move and ship --------------------------------------------------------------------------


def test_move_to_the_end_of_another_column(board: Cli) -> None:
    assert board.ok("item", "move", "b2c", "backlog", now=1) == (
        "moved b2c3d4 to Backlog: Prepare the talk\n"
    )
    talk = listed(board)[TALK]
    assert (talk["column"], talk["position"], talk["updated"]) == (
        "Backlog", 3.0, "2026-11-28T09:01:00+00:00"
    )  # fmt: skip
    assert titles(board, "--column", "Backlog") == [
        "Write the essay", "Read papers", "Prepare the talk"
    ]  # fmt: skip


def test_move_to_where_the_card_is_changes_nothing(board: Cli) -> None:
    before = board.files()
    assert board.ok("item", "move", TALK, "Next") == "b2c3d4 is already in Next: Prepare the talk\n"
    assert board.files() == before


def test_a_card_moves_into_doing_once_there_is_room(board: Cli) -> None:
    board.ok("item", "move", "d1", "Next")
    board.ok("item", "move", "a1b2c3d", "Doing")
    assert titles(board, "--column", "Doing") == ["Doing 2", "Doing 3", "Write the essay"]


def test_the_wip_limit_and_column_come_from_the_settings(board: Cli) -> None:
    write_config(board, "[board]\nwip_limit = 0\n")
    board.ok("item", "move", "a1b2c3d", "Doing")
    write_config(board, '[board]\nwip_column = "Next"\nwip_limit = 1\n')
    board.ok("item", "move", "a1b2c3e", "Doing")
    result = board("item", "move", "d1", "Next")
    assert (result.returncode, result.stderr) == (
        2, "netbalance: Next already holds 1 cards, its limit of 1; move one on first, "
        "or change board.wip_limit in config.toml\n"
    )  # fmt: skip


def test_ship_then_move_back_clears_shipped(board: Cli) -> None:
    assert board.ok("item", "ship", "d2", now=10) == "shipped d20000: Doing 2\n"
    assert listed(board)[DOING[1]]["shipped"] == "2026-11-28T09:10:00+00:00"
    assert board.ok("item", "ship", "d2") == "d20000 is already shipped: Doing 2\n"
    board.ok("item", "move", "d2", "doing", now=20)
    card = listed(board)[DOING[1]]
    assert (card["column"], card["shipped"]) == ("Doing", None)


# edit --------------------------------------------------------------------------------


def test_edit_every_field(board: Cli) -> None:
    out = board.ok(
        "item", "edit", "a1b2c3d", "--title", "The essay", "--tags", "#essay",
        "--due", "+1w", "--estimate", "6", "--notes", "", now=7,
    )  # fmt: skip
    assert out == "edited a1b2c3: The essay\n"
    card = listed(board)[ESSAY]
    assert (card["title"], card["tags"], card["due"], card["estimate"], card["notes"]) == (
        "The essay", ["essay"], "2026-12-05", 6, ""
    )  # fmt: skip
    assert (card["column"], card["position"]) == ("Backlog", 1.0)
    assert (card["created"], card["updated"]) == (
        "2026-10-29T09:00:00+00:00", "2026-11-28T09:07:00+00:00"
    )  # fmt: skip


def test_edit_removes_the_due_date_and_the_estimate(board: Cli) -> None:
    board.ok("item", "edit", ESSAY, "--no-due", "--no-estimate")
    card = listed(board)[ESSAY]
    assert (card["due"], card["estimate"], card["tags"]) == (None, None, ["writing", "deep"])


def test_an_edit_that_changes_nothing_writes_nothing(board: Cli) -> None:
    before = board.files()
    assert board.ok("item", "edit", ESSAY, "--title", "Write the essay") == (
        "unchanged a1b2c3: Write the essay\n"
    )
    assert board.files() == before


# delete and archive ---------------------------------------------------------------------


def test_delete_keeps_the_sessions_and_their_title(board: Cli) -> None:
    assert board.ok("item", "delete", "a1b2c3d") == (
        "deleted a1b2c3: Write the essay (its sessions keep their time)\n"
    )
    assert ESSAY not in listed(board)
    sessions = json.loads(board.ok("log", "--json", "--week", "this"))["sessions"]
    assert [(s["kind"], s["minutes"], s["link"]) for s in sessions] == [
        ("produce", 25.0, "Write the essay"),
        ("produce", 15.0, "Write the essay"),
        ("network", 30.0, "Write the essay"),
    ]


def test_archive_takes_the_shipped_cards_off_the_board(board: Cli) -> None:
    board.ok("item", "ship", "d3")
    assert board.ok("item", "archive", now=5) == "archived 2 shipped cards\n"
    assert titles(board, "--column", "Shipped") == []
    archived = listed(board, "--archived")
    assert set(archived) == {ARCHIVED, SHIPPED, DOING[2]}
    assert archived[SHIPPED]["updated"] == "2026-11-28T09:05:00+00:00"
    before = board.files()
    assert board.ok("item", "archive") == "no shipped cards to archive\n"
    assert board.files() == before
    board.ok("item", "ship", "d2")
    assert board.ok("item", "archive") == "archived 1 shipped card\n"
    assert len(json.loads(board.ok("item", "shipped", "--json"))["items"]) == 4


# a box on a card ------------------------------------------------------------------------


def test_start_produce_on_a_card_counts_its_time(board: Cli) -> None:
    assert board.ok("start", "produce", "--item", "b2c3") == (
        "started a produce box from 09:00 (25:00 left) on b2c3d4: Prepare the talk\n"
    )
    status = json.loads(board.ok("status", "--json", now=5))
    assert status["link"] == "Prepare the talk"
    assert board.ok("status", "--format", "{link}", now=5) == "Prepare the talk\n"
    board.ok("stop", now=25)
    assert listed(board, now=25)[TALK]["spent_minutes"] == 25.0
    line = next(line for line in board.ok("item", "list").splitlines() if "talk" in line)
    assert line.endswith("\t25 m")


def test_the_box_keeps_the_title_it_started_with(board: Cli) -> None:
    board.ok("start", "produce", "--item", TALK, "--minutes", "50")
    board.ok("item", "edit", TALK, "--title", "Give the talk")
    board.ok("stop", now=50)
    (session,) = json.loads(board.ok("log", "--json", now=50))["sessions"][-1:]
    assert session["link"] == "Prepare the talk"
    assert listed(board, now=50)[TALK]["spent_minutes"] == 50.0


# bad input ------------------------------------------------------------------------------


def too_long(length: int = 201) -> str:
    return "x" * length


def usage(command: str, problem: str) -> str:
    return f"netbalance {command}: {problem} (see `netbalance {command} --help`)"


FORMS = "use 2026-12-01, a weekday like fri, today, tomorrow, +3d or +2w"
COLUMNS = "the columns are Backlog, Next, Doing, Shipped"
FULL = (
    "Doing already holds 3 cards, its limit of 3; move one on first, or change "
    "board.wip_limit in config.toml"
)
AMBIGUOUS = "item id 'a1b2c3' is ambiguous: it matches a1b2c3d4, a1b2c3ee"

NO_DAY = "(no such day)"
NOTHING = (
    "nothing to change: give --title, --tags, --due, --no-due, --estimate, --no-estimate or --notes"
)
CHOICES = "add, list, move, ship, edit, delete, archive, shipped"


def long_title(length: int) -> str:
    return f"a title can be at most 200 characters, not {length}: '{'x' * 39}…'"


def estimate(value: int) -> str:
    return f"an estimate must be from 1 to 999 boxes, not {value}"


# (arguments, the stderr line after "netbalance: ", or the whole line for argparse's)
BAD: list[tuple[list[str], str]] = [
    (["item", "add", ""], "a card needs a title; it cannot be empty"),
    (["item", "add", "  \t "], "a card needs a title; it cannot be empty"),
    (["item", "add", too_long()], long_title(201)),
    (["item", "add", "one\ntwo"], "a title must be one line: 'one\\ntwo'"),
    (["item", "add", "x", "--column", "Later"], f"no column 'Later'; {COLUMNS}"),
    (["item", "add", "x", "--column", "doing"], FULL),
    (["item", "add", "x", "--due", "someday"], f"not a due date: 'someday'; {FORMS}"),
    (["item", "add", "x", "--due", "2026-02-30"], f"not a due date: '2026-02-30' {NO_DAY}; {FORMS}"),  # noqa: E501
    (["item", "add", "x", "--estimate", "0"], estimate(0)),
    (["item", "add", "x", "--estimate", "-2"], estimate(-2)),
    (["item", "add", "x", "--estimate", "two"], "an estimate is a whole number of boxes, not 'two'"),  # noqa: E501
    (["item", "add", "x", "--tags", "ok," + "t" * 41], f"a tag must be one line of at most 40 characters: '{'t' * 39}…'"),  # noqa: E501
    (["item", "move", "b2c", "Later"], f"no column 'Later'; {COLUMNS}"),
    (["item", "move", "b2c", "Doing"], FULL),
    (["item", "move", "zz", "Doing"], "no item with id 'zz'"),
    (["item", "move", "a1b2c3", "Next"], AMBIGUOUS),
    (["item", "move", "e1", "Next"], "'Old talk' is archived: it is no longer on the board"),
    (["item", "ship", "zz"], "no item with id 'zz'"),
    (["item", "ship", "a1b2c3"], AMBIGUOUS),
    (["item", "edit", ESSAY], NOTHING),
    (["item", "edit", ESSAY, "--title", " "], "a card needs a title; it cannot be empty"),
    (["item", "edit", ESSAY, "--title", too_long(300)], long_title(300)),
    (["item", "edit", ESSAY, "--estimate", "0"], estimate(0)),
    (["item", "edit", ESSAY, "--due", "next week"], f"not a due date: 'next week'; {FORMS}"),
    (["item", "edit", "zz", "--title", "x"], "no item with id 'zz'"),
    (["item", "delete", "zz"], "no item with id 'zz'"),
    (["item", "delete", "a1b2c3"], AMBIGUOUS),
    (["item", "delete", ""], "no item with id ''"),
    (["item", "list", "--column", "Later"], f"no column 'Later'; {COLUMNS}"),
    (["start", "produce", "--item", "zz"], "no item with id 'zz'"),
    (["start", "produce", "--item", "a1b2c3"], AMBIGUOUS),
    (["start", "network", "--item", ESSAY], "--item links a card to a produce box; a network box has no card"),  # noqa: E501
    (["item", "edit", ESSAY, "--due", "fri", "--no-due"], usage("item edit", "argument --no-due: not allowed with argument --due")),  # noqa: E501
    (["item", "edit", ESSAY, "--estimate", "2", "--no-estimate"], usage("item edit", "argument --no-estimate: not allowed with argument --estimate")),  # noqa: E501
    (["item", "add", "x", "--no-due"], "unrecognized arguments: --no-due (see `netbalance --help`)"),  # noqa: E501
    (["item"], usage("item", "the following arguments are required: ITEM_COMMAND")),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a)[:50] for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    board: Cli, args: list[str], message: str
) -> None:
    before = board.files()
    result = board(*args)
    line = message if message.startswith("netbalance ") else f"netbalance: {message}"
    assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n")
    assert board.files() == before


def test_an_unknown_item_command_names_the_choices(run: Cli) -> None:
    result = run("item", "frobnicate")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("netbalance item: argument ITEM_COMMAND: invalid choice:")
    assert result.stderr.count("\n") == 1
    for command in CHOICES.split(", "):
        assert command in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["item", "add", ""],
        ["item", "add", "x", "--column", "Later"],
        ["item", "add", "x", "--due", "someday"],
        ["item", "add", "x", "--estimate", "0"],
        ["item", "move", "zz", "Doing"],
        ["item", "edit", "zz", "--title", "x"],
        ["start", "produce", "--item", "zz"],
    ],
)
def test_bad_input_on_no_data_creates_no_folder(run: Cli, args: list[str]) -> None:
    result = run(*args)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1
    assert not run.folder.exists()


def test_an_unknown_item_does_not_record_an_ended_box_first(board: Cli) -> None:
    board.ok("start", "produce")
    before = board.files()
    result = board("start", "produce", "--item", "zz", now=60)  # the first box ended at 25
    assert (result.returncode, result.stderr) == (2, "netbalance: no item with id 'zz'\n")
    assert board.files() == before


# settings -------------------------------------------------------------------------------


def test_columns_come_from_the_settings_and_no_card_is_lost(board: Cli) -> None:
    write_config(board, '[board]\ncolumns = ["Ideas", "Doing", "Done"]\n')
    document = json.loads(board.ok("item", "list", "--json"))
    assert document["columns"] == ["Ideas", "Doing", "Done"]
    where = {card["title"]: card["column"] for card in document["items"]}
    assert where == {
        "Write the essay": "Ideas",  # Backlog and Next are gone: shown in the first
        "Read papers": "Ideas",
        "Prepare the talk": "Ideas",
        "Doing 1": "Doing",
        "Doing 2": "Doing",
        "Doing 3": "Doing",
        "Launch the site": "Done",  # shipped: shown in the last
    }
    assert board.ok("item", "ship", "b2c") == "shipped b2c3d4: Prepare the talk\n"
    assert listed(board)[TALK]["column"] == "Done"


def test_a_bad_board_setting_is_reported_and_defaulted(board: Cli) -> None:
    write_config(board, '[board]\ncolumns = ["Only"]\nwip_column = "Review"\n')
    result = board("item", "list")
    assert result.returncode == 0
    assert result.stdout == BOARD_LIST  # the default columns, and no WIP column
    board.ok("item", "move", "b2c", "Doing")


# hostile titles -------------------------------------------------------------------------

HOSTILE = [
    "[bold]x",
    "[link=file:///etc/passwd]y[/link]",
    "esc \x1b]0;pwned\x07 \x1b[2J x",
    "🚀" * 200,
    "\u202eevil",
]
SHOWN = [
    "[bold]x",
    "[link=file:///etc/passwd]y[/link]",
    "esc \\x1b]0;pwned\\x07 \\x1b[2J x",
    "🚀" * 200,
    "\\u202eevil",
]


def test_hostile_titles_print_literally(run: Cli) -> None:
    added = [run.ok("item", "add", title) for title in HOSTILE]
    cards = list(listed(run).values())
    assert [card["title"] for card in cards] == HOSTILE  # stored exactly
    for out, card, shown in zip(added, cards, SHOWN, strict=True):
        assert out == f"added {card['id'][:6]} to Backlog: {shown}\n"
    lines = run.ok("item", "list").splitlines()[1:]
    assert [line.split("\t")[2] for line in lines] == SHOWN
    assert "\x1b" not in run.ok("item", "list")
    started = run.ok("start", "produce", "--item", cards[2]["id"])
    assert started.endswith(f": {SHOWN[2]}\n")
    run.ok("stop", now=25)
    run.ok("item", "ship", cards[2]["id"], now=25)
    assert run.ok("item", "shipped", now=25).splitlines()[1].split("\t")[2] == SHOWN[2]


def test_an_error_naming_a_hostile_value_is_inert(run: Cli) -> None:
    result = run("item", "add", "x", "--column", "\x1b]0;pwned\x07")
    assert result.returncode == 2
    assert result.stderr == f"netbalance: no column '\\x1b]0;pwned\\x07'; {COLUMNS}\n"


# help ------------------------------------------------------------------------------------


def test_help_on_every_item_command(run: Cli) -> None:
    top = run.ok("item", "--help")
    for command in ["add", "list", "move", "ship", "edit", "delete", "archive", "shipped"]:
        assert command in top
        shown = run.ok("item", command, "--help")
        assert shown.startswith(f"usage: netbalance item {command} "), shown
        assert "--db PATH" in shown
    assert "--item ID" in run.ok("start", "--help")
    assert not run.folder.exists()


def test_db_option_at_any_level(run: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other" / "nb.json"
    run.ok("--db", str(other), "item", "add", "one")
    run.ok("item", "--db", str(other), "add", "two")
    run.ok("item", "add", "--db", str(other), "three")
    assert run.ok("item", "list") == LIST_HEADER
    shown = run.ok("item", "list", "--db", str(other)).splitlines()
    assert [line.split("\t")[2] for line in shown[1:]] == ["one", "two", "three"]
