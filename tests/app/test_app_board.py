"""The board from the keyboard (and a click): every key, checked on the stored data.

The demo board at NOW: Backlog 8 cards, Next 5, Doing 3 (its WIP limit), Shipped 9 on the
board and 15 more archived. The board opens with the first Backlog card selected.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from nbapp import NOW, SIZE, AppFactory, advance, messages, press, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from netbalance.core import board as rules
from netbalance.core.board import Board, BoardRules, time_spent
from netbalance.core.clock import FakeClock
from netbalance.core.instants import format_hours
from netbalance.core.models import Item, Kind
from netbalance.store.store import Store
from netbalance.tui.app import WATCH_SECONDS, NetbalanceApp
from netbalance.tui.screens.board import BoardScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.item_form import ItemForm
from netbalance.tui.screens.track_record import TrackRecordScreen
from netbalance.tui.widgets.timer_bar import TimerBar

COLUMNS = ("Backlog", "Next", "Doing", "Shipped")


# --- helpers ------------------------------------------------------------------------------


def stored_lane(store: Store, column: str) -> list[str]:
    """The ids of the active cards of a column, in their stored order."""
    board = Board.build(store.items.all(), BoardRules())
    return [card.id for card in board.cards(column)]


def item(store: Store, item_id: str) -> Item:
    found = store.items.get(item_id)
    assert found is not None
    return found


def titled(store: Store, title: str) -> Item:
    (found,) = [i for i in store.items.all() if i.title == title and not i.archived]
    return found


def screen(app: NetbalanceApp) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen), app.screen
    return app.screen


def lane(app: NetbalanceApp, index: int) -> OptionList:
    return app.screen.query_one(f"#lane-{index}", OptionList)


def lane_ids(app: NetbalanceApp, index: int) -> list[str]:
    options = lane(app, index)
    return [str(options.get_option_at_index(i).id) for i in range(options.option_count)]


def lane_counts(app: NetbalanceApp) -> list[int]:
    return [lane(app, index).option_count for index in range(len(COLUMNS))]


def selected_title(app: NetbalanceApp) -> str | None:
    chosen = screen(app).selected()
    return None if chosen is None else chosen.title


def card_prompt(app: NetbalanceApp, item_id: str) -> str:
    """The text of a card as its lane shows it."""
    for index in range(len(COLUMNS)):
        options = lane(app, index)
        for row in range(options.option_count):
            option = options.get_option_at_index(row)
            if option.id == item_id:
                return str(option.prompt)
    raise AssertionError(f"card {item_id} is not on the board")


async def open_board(pilot: Pilot[object]) -> BoardScreen:
    await press(pilot, "2")
    assert isinstance(pilot.app, NetbalanceApp)
    return screen(pilot.app)


async def select(pilot: Pilot[object], item_id: str) -> None:
    """Move the selection to a card with the keys, from the first card of the board."""
    app = pilot.app
    assert isinstance(app, NetbalanceApp)
    board = screen(app).board
    assert board is not None
    card = board.find(item_id)
    column = COLUMNS.index(board.column_of(card))
    await press(pilot, *["l"] * column, *["j"] * board.index_of(card))
    assert screen(app).selected_id() == item_id


async def type_text(pilot: Pilot[object], text: str) -> None:
    await press(pilot, *text)


def form(app: NetbalanceApp) -> ItemForm:
    assert isinstance(app.screen, ItemForm), app.screen
    return app.screen


def form_error(app: NetbalanceApp) -> str:
    return str(form(app).query_one("#card-error", Static).render())


def add_in_another_process(db_path: Path, clock: FakeClock, title: str, column: str) -> Item:
    """A card added by another Store on the same data file, as `netbalance item add`."""
    other = Store.open(str(db_path), clock)
    new = rules.add(Board.build(other.items.all(), BoardRules()), title, NOW, column=column)
    other.items.add(new)
    return new


# --- selection ----------------------------------------------------------------------------


async def test_arrows_and_hjkl_move_the_selection_and_store_nothing(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert selected_title(app) == "Draft README"
        steps = [
            ("down", "Add tests for sync"),
            ("j", "Review PR #1318"),
            ("k", "Add tests for sync"),
            ("right", "Send invoice to Trey Research"),  # the row is kept: Next[1]
            ("l", "Send invoice to Blue Yonder Airlines"),  # Doing[1]
            ("l", "Send invoice to University of Westbrook"),  # Shipped[1]
            ("h", "Send invoice to Blue Yonder Airlines"),
            ("left", "Send invoice to Trey Research"),
            ("up", "Design dark theme"),
            ("h", "Draft README"),
        ]
        for key, title in steps:
            await press(pilot, key)
            assert selected_title(app) == title, key
    assert store.items.all() == before


async def test_clicking_a_card_selects_it(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        assert board.current_lane() == 0
        # Next: a border row, then "Design dark theme" (title, tags and due, the bar, a
        # blank line); the second card starts on row 5 of the lane.
        await pilot.click("#lane-1", offset=(4, 6))
        await settle(pilot)
        if isinstance(app.screen, ItemForm):  # a click is also an OptionList "select"
            await press(pilot, "escape")
        assert board.current_lane() == 1
        assert selected_title(app) == "Send invoice to Trey Research"


# --- adding and editing -------------------------------------------------------------------


async def test_a_adds_a_card_with_its_fields_at_the_end_of_the_focused_column(
    app: NetbalanceApp, store: Store
) -> None:
    next_before = stored_lane(store, "Next")
    count = len(store.items.all())
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "l", "a")
        form(app)
        await type_text(pilot, "Write the launch post")
        await press(pilot, "tab")
        await type_text(pilot, "launch, #writing")
        await press(pilot, "tab")
        await type_text(pilot, "+3d")
        await press(pilot, "tab")
        await type_text(pilot, "4")
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
        new = titled(store, "Write the launch post")
        assert selected_title(app) == "Write the launch post"
        assert lane_ids(app, 1) == [*next_before, new.id]
    assert len(store.items.all()) == count + 1
    assert stored_lane(store, "Next") == [*next_before, new.id]
    assert (new.column, new.tags, new.due, new.estimate) == (
        "Next",
        ("launch", "writing"),
        NOW.date() + timedelta(days=3),
        4,
    )
    assert (new.created, new.updated, new.shipped, new.archived, new.notes) == (
        NOW,
        NOW,
        None,
        False,
        "",
    )


async def test_a_card_added_in_the_shipped_column_is_shipped(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "h", "a")  # h from the first column wraps to Shipped
        await type_text(pilot, "Gave the talk")
        await press(pilot, "ctrl+s")
    new = titled(store, "Gave the talk")
    assert (new.column, new.shipped) == ("Shipped", NOW)
    assert stored_lane(store, "Shipped")[-1] == new.id


async def test_an_empty_title_or_a_bad_due_date_shows_the_error_and_adds_nothing(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "a", "enter")
        assert "needs a title" in form_error(app)
        assert form(app).query_one("#card-error").display

        await type_text(pilot, "Plan the week")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "someday")
        await press(pilot, "enter")
        assert "not a due date: 'someday'" in form_error(app)
        assert "+3d" in form_error(app)

        await press(pilot, "tab")
        await type_text(pilot, "0")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ItemForm)  # still the due date (then the estimate)

        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
    assert store.items.all() == before


async def test_a_zero_estimate_is_refused_in_the_form(app: NetbalanceApp, store: Store) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "a")
        await type_text(pilot, "Plan the week")
        await press(pilot, "tab", "tab", "tab", "0", "enter")
        assert "estimate must be from 1 to 999" in form_error(app)
        await press(pilot, "escape")
    assert store.items.all() == before


async def test_e_edits_the_selected_card(app: NetbalanceApp, store: Store) -> None:
    old = titled(store, "Draft README")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "e")
        assert form(app).item == old
        await press(pilot, "end")
        await type_text(pilot, " v2")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "fri")
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
        assert selected_title(app) == "Draft README v2"
    new = item(store, old.id)
    assert (new.title, new.due, new.updated) == ("Draft README v2", NOW.date() + timedelta(1), NOW)
    assert (new.column, new.position, new.tags, new.estimate, new.created) == (
        old.column,
        old.position,
        old.tags,
        old.estimate,
        old.created,
    )


async def test_enter_edits_the_selected_card_and_escape_keeps_it(
    app: NetbalanceApp, store: Store
) -> None:
    old = titled(store, "Design dark theme")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "l", "enter")
        assert form(app).item == old
        await press(pilot, "tab", "tab", "tab")  # the estimate, "1"
        await press(pilot, "backspace", "5", "ctrl+s")
        assert isinstance(app.screen, BoardScreen)
        assert item(store, old.id).estimate == 5

        await press(pilot, "enter")
        await type_text(pilot, " nope")
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
    assert item(store, old.id) == rules.edit(old, NOW, estimate=5)


@pytest.mark.xfail(
    reason="item_form.py shows tags joined by spaces and says 'comma or space separated', "
    "but parse_tags splits on commas only: saving merges them into one tag",
    strict=True,
)
async def test_editing_a_card_with_two_tags_keeps_both(app: NetbalanceApp, store: Store) -> None:
    old = titled(store, "Add tests for sync")
    assert old.tags == ("infra", "talk")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "j", "e", "ctrl+s")
    assert item(store, old.id).tags == ("infra", "talk")


@pytest.mark.xfail(
    reason="the form's label says tags are 'comma or space separated'; parse_tags splits "
    "on commas only",
    strict=True,
)
async def test_tags_typed_with_spaces_are_separate_tags(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "a")
        await type_text(pilot, "Space tags")
        await press(pilot, "tab")
        await type_text(pilot, "alpha beta")
        await press(pilot, "enter")
    assert titled(store, "Space tags").tags == ("alpha", "beta")


# --- moving between columns ---------------------------------------------------------------


async def test_H_L_and_shift_arrows_move_the_card_between_columns(
    app: NetbalanceApp, store: Store
) -> None:
    card = titled(store, "Draft README")
    backlog, nexts = stored_lane(store, "Backlog"), stored_lane(store, "Next")
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "L")
        assert (item(store, card.id).column, stored_lane(store, "Next")) == (
            "Next",
            [*nexts, card.id],
        )
        assert (board.current_lane(), board.selected_id()) == (1, card.id)

        await press(pilot, "H")
        assert stored_lane(store, "Backlog") == [*backlog[1:], card.id]
        assert (board.current_lane(), board.selected_id()) == (0, card.id)

        await press(pilot, "shift+right")
        assert stored_lane(store, "Next")[-1] == card.id
        await press(pilot, "shift+left")
        assert stored_lane(store, "Backlog")[-1] == card.id
        assert stored_lane(store, "Next") == nexts
        assert lane_ids(app, 0) == stored_lane(store, "Backlog")

        before = store.items.all()
        await press(pilot, "H")  # the first column: nowhere to go
        assert store.items.all() == before
    moved = item(store, card.id)
    assert (moved.updated, moved.shipped) == (NOW, None)


async def test_moving_into_shipped_ships_the_card_and_out_of_it_unships_it(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    card = titled(store, "Record demo video of usage dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await select(pilot, card.id)
        clock.advance(minutes=5)
        await press(pilot, "L")
        shipped = item(store, card.id)
        assert (shipped.column, shipped.shipped) == ("Shipped", NOW + timedelta(minutes=5))
        assert stored_lane(store, "Shipped")[-1] == card.id
        assert lane_ids(app, 3)[-1] == card.id

        await press(pilot, "shift+left")
        back = item(store, card.id)
        assert (back.column, back.shipped) == ("Doing", None)
        assert stored_lane(store, "Doing")[-1] == card.id


async def test_a_fourth_card_into_doing_is_refused_with_a_notice_naming_the_limit(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = await open_board(pilot)
        await press(pilot, "l", "L")
        assert board.selected() == titled(store, "Design dark theme")
        await press(pilot, "shift+right")
        said = messages(app)
        assert any("limit of 3" in line and "board.wip_limit" in line for line in said), said
        assert lane_counts(app)[2] == 3
    assert store.items.all() == before


@pytest.mark.xfail(
    reason="board.py action_add: rules.add raises BoardError (WIP limit) in the form's "
    "callback, outside _save's try: the app crashes instead of showing the notice",
    strict=True,
)
async def test_adding_a_card_to_a_full_doing_is_refused_with_a_notice(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await press(pilot, "l", "l", "a")
        await type_text(pilot, "One too many")
        await press(pilot, "enter")
        assert any("board.wip_limit" in line for line in messages(app))
    assert store.items.all() == before


# --- order within a column ----------------------------------------------------------------


async def test_K_J_and_shift_arrows_reorder_and_the_order_survives_a_restart(
    app_factory: AppFactory, store: Store, db_path: Path, clock: FakeClock
) -> None:
    a, b, c, d, *rest = stored_lane(store, "Backlog")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "j", "K")  # b up
        assert stored_lane(store, "Backlog") == [b, a, c, d, *rest]
        assert board.selected_id() == b
        await press(pilot, "J", "J")  # b down twice
        assert stored_lane(store, "Backlog") == [a, c, b, d, *rest]
        await press(pilot, "shift+down")
        assert stored_lane(store, "Backlog") == [a, c, d, b, *rest]
        await press(pilot, "shift+up", "shift+up")
        assert stored_lane(store, "Backlog") == [a, b, c, d, *rest]
        await press(pilot, "k", "K")  # a, already first
        assert stored_lane(store, "Backlog") == [a, b, c, d, *rest]
        await press(pilot, "shift+down")
        assert board.selected_id() == a
        assert lane_ids(app, 0) == [b, a, c, d, *rest]
    assert stored_lane(store, "Backlog") == [b, a, c, d, *rest]
    assert item(store, a).updated == NOW

    again = app_factory(store=Store.open(str(db_path), clock))
    async with again.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert lane_ids(again, 0) == [b, a, c, d, *rest]


# --- filtering ----------------------------------------------------------------------------


def expected_counts(store: Store, keep: object) -> list[int]:
    board = Board.build(store.items.all(), BoardRules())
    return [sum(1 for card in board.cards(c) if keep(card)) for c in COLUMNS]  # type: ignore[operator]


async def test_slash_hash_tag_filters_the_cards_and_escape_clears(
    app: NetbalanceApp, store: Store
) -> None:
    everything = expected_counts(store, lambda card: True)
    writing = expected_counts(store, lambda card: "writing" in card.tags)
    assert writing == [1, 1, 0, 0]
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        assert lane_counts(app) == everything
        await press(pilot, "slash")
        assert app.focused is board.query_one("#board-filter", Input)
        await type_text(pilot, "#writing")
        assert isinstance(app.screen, BoardScreen)
        assert board.query_one("#board-filter", Input).value == "#writing"
        assert lane_counts(app) == writing
        await press(pilot, "escape")
        assert lane_counts(app) == everything
        assert not board.query_one("#board-filter", Input).display


async def test_slash_text_filters_titles_and_enter_keeps_the_filter(
    app: NetbalanceApp, store: Store
) -> None:
    invoices = expected_counts(store, lambda card: "invoice" in card.title.casefold())
    assert invoices == [0, 1, 1, 1]
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "invoice")
        assert board.query_one("#board-filter", Input).value == "invoice"
        assert lane_counts(app) == invoices
        await press(pilot, "enter")  # back to the cards, the filter stays
        assert lane_counts(app) == invoices
        await press(pilot, "escape")
        assert sum(lane_counts(app)) == len(Board.build(store.items.all(), BoardRules()).all_cards())


# --- deleting -----------------------------------------------------------------------------


async def test_delete_asks_n_keeps_y_deletes_and_the_sessions_keep_title_and_minutes(
    app: NetbalanceApp, store: Store
) -> None:
    spent = time_spent(store.sessions.all())
    board = Board.build(store.items.all(), BoardRules())
    card = next(card for card in board.all_cards() if spent.get(card.id))
    sessions = store.sessions.all()
    linked = [s for s in sessions if s.item_id == card.id]
    assert linked and all(s.item_title == card.title for s in linked)
    count = len(store.items.all())
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await select(pilot, card.id)
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert card.title in str(app.screen.question)
        await press(pilot, "n")
        assert isinstance(app.screen, BoardScreen)
        assert item(store, card.id) == card

        await press(pilot, "delete", "y")
        assert isinstance(app.screen, BoardScreen)
        assert card.id not in [i for index in range(4) for i in lane_ids(app, index)]
    assert store.items.get(card.id) is None
    assert len(store.items.all()) == count - 1
    assert store.sessions.all() == sessions  # item_title and minutes untouched


# --- a box on a card ----------------------------------------------------------------------


async def test_f_starts_a_produce_box_on_the_card_and_s_puts_its_time_on_the_card(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    spent = time_spent(store.sessions.all())
    board = Board.build(store.items.all(), BoardRules())
    card = next(card for card in board.cards("Backlog") if not spent.get(card.id))
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await select(pilot, card.id)
        assert " m" not in card_prompt(app, card.id).replace("\u00a0", " ")
        await press(pilot, "f")
        box = store.box.get()
        assert box is not None
        assert (box.kind, box.item_id, box.item_title) == (Kind.PRODUCE, card.id, card.title)
        assert box.planned_seconds == 25 * 60
        assert card.title in str(app.screen.query_one(TimerBar).render())

        await advance(pilot, clock, minutes=20)
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)  # the break question
        await press(pilot, "n")
        assert isinstance(app.screen, BoardScreen)
        assert store.box.get() is None
        assert "20\u00a0m" in card_prompt(app, card.id)
        assert "20 m" in screen_text(app)
    (session,) = [s for s in store.sessions.all() if s.item_id == card.id]
    assert (session.item_title, session.active_seconds) == (card.title, 20 * 60)


async def test_a_box_on_a_card_that_runs_out_puts_its_25_minutes_on_the_card(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    spent = time_spent(store.sessions.all())
    card = titled(store, "Record demo video of usage dashboard")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await select(pilot, card.id)
        await press(pilot, "f")
        await advance(pilot, clock, minutes=25)
        assert store.box.get() is None
        await press(pilot, "n")  # no break
        assert isinstance(app.screen, BoardScreen)
        total = format_hours(spent.get(card.id, 0) / 60 + 25).replace(" ", "\u00a0")
        assert total in card_prompt(app, card.id)
    assert time_spent(store.sessions.all())[card.id] == spent.get(card.id, 0) + 25 * 60


async def test_f_with_a_box_running_starts_no_other(app: NetbalanceApp, store: Store) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await press(pilot, "f")
        first = store.box.get()
        await press(pilot, "j", "f")
        assert any("A box is running" in line for line in messages(app))
    assert store.box.get() == first


# --- archive and the track record ----------------------------------------------------------


async def test_r_opens_the_track_record_newest_first(app: NetbalanceApp, store: Store) -> None:
    shipped = sorted(
        (i for i in store.items.all() if i.shipped is not None),
        key=lambda i: i.shipped or NOW,
        reverse=True,
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "r")
        assert isinstance(app.screen, TrackRecordScreen)
        table = app.screen.query_one("#track-table", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        assert keys == [i.id for i in shipped]
        assert table.get_row_at(0)[:2] == ["2026-11-24", "Migrate export to the new API"]
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)


async def test_A_archives_the_shipped_cards_which_stay_in_the_track_record(
    app: NetbalanceApp, store: Store
) -> None:
    on_board = stored_lane(store, "Shipped")
    assert on_board
    shipped = {i.id for i in store.items.all() if i.shipped is not None}
    others = {c: stored_lane(store, c) for c in COLUMNS[:3]}
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "A")
        assert lane_counts(app)[3] == 0
        assert str(board.query_one("#head-3").render()).startswith("Shipped  0")
        await press(pilot, "r")
        assert isinstance(app.screen, TrackRecordScreen)
        table = app.screen.query_one("#track-table", DataTable)
        assert {row.key.value for row in table.ordered_rows} == shipped
    for item_id in on_board:
        archived = item(store, item_id)
        assert (archived.archived, archived.updated, archived.column) == (True, NOW, "Shipped")
    assert stored_lane(store, "Shipped") == []
    assert {c: stored_lane(store, c) for c in COLUMNS[:3]} == others


# --- changes made elsewhere ----------------------------------------------------------------


async def test_a_card_added_and_one_edited_by_another_process_appear_on_watch(
    app: NetbalanceApp, store: Store, db_path: Path, clock: FakeClock
) -> None:
    renamed = titled(store, "Fix login timeout")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        new = add_in_another_process(db_path, clock, "Added from the CLI", "Next")
        other = Store.open(str(db_path), clock)
        other.items.update(rules.edit(renamed, NOW, title="Fixed from the CLI"))
        app.watch_files()
        await settle(pilot)
        assert lane_ids(app, 1)[-1] == new.id
        assert "Added from the CLI" in card_prompt(app, new.id)
        assert "Fixed from the CLI" in card_prompt(app, renamed.id)


async def test_the_open_board_polls_the_files_within_two_seconds(
    app: NetbalanceApp, store: Store, db_path: Path, clock: FakeClock
) -> None:
    assert WATCH_SECONDS <= 2
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        new = add_in_another_process(db_path, clock, "Seen without a key", "Backlog")
        await pilot.pause(WATCH_SECONDS + 0.3)
        assert lane_ids(app, 0)[-1] == new.id
