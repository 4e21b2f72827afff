"""The board from the keyboard (and a click): every key, checked on the stored data.

The demo board at NOW: Backlog 8 cards, Next 5, Doing 3 (its WIP limit), Shipped 9 on the
board and 15 more archived. The board opens with the first Backlog card selected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from nbapp import NOW, SIZE, AppFactory, advance, messages, press, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Static

from netbalance.core import board as rules
from netbalance.core.board import Board, BoardRules, time_spent
from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind
from netbalance.store.datafile import DataFile
from netbalance.store.errors import WriteError
from netbalance.store.store import Store
from netbalance.tui.app import WATCH_SECONDS, NetbalanceApp
from netbalance.tui.screens.board import BoardScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.item_form import ItemForm
from netbalance.tui.screens.track_record import TrackRecordScreen
from netbalance.tui.widgets.lane import Lane
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


def lane(app: NetbalanceApp, index: int) -> Lane:
    return app.screen.query_one(f"#lane-{index}", Lane)


def lane_ids(app: NetbalanceApp, index: int) -> list[str]:
    return [card.id for card in lane(app, index).cards]


def lane_counts(app: NetbalanceApp) -> list[int]:
    return [lane(app, index).count for index in range(len(COLUMNS))]


def selected_title(app: NetbalanceApp) -> str | None:
    chosen = screen(app).selected()
    return None if chosen is None else chosen.title


def card_prompt(app: NetbalanceApp, item_id: str) -> str:
    """The text of a card as its lane shows it on screen."""
    for index in range(len(COLUMNS)):
        shown = lane(app, index)
        row = shown.index_of(item_id)
        if row is not None:
            shown.highlighted = row  # scrolled into view, so drawn
            top = shown.scroll_offset.y
            lines = [shown.render_line(y).text for y in range(shown.size.height)]
            first, height = shown.span(row)
            start = first - top
            return "\n".join(line.strip() for line in lines[start : start + height])
    raise AssertionError(f"card {item_id} is not on the board")


async def counted(pilot: Pilot[object]) -> None:
    """Settle, and let the board's worker finish counting the time spent per card."""
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def open_board(pilot: Pilot[object]) -> BoardScreen:
    await press(pilot, "2")
    await counted(pilot)
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
    return str(form(app).query_one(".dialog-error", Static).render())


def add_in_another_process(db_path: Path, clock: FakeClock, title: str, column: str) -> Item:
    """A card added by another Store on the same data file, as `netbalance item add`."""
    other = Store.open(str(db_path), clock)
    new = rules.add(Board.build(other.items.all(), BoardRules()), title, NOW, column=column)
    other.items.add(new)
    return new


# --- selection ----------------------------------------------------------------------------


async def test_arrows_hjkl_and_a_click_move_the_selection_and_store_nothing(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        assert selected_title(app) == "Draft README"
        steps = [
            ("down", "Add tests for sync"),
            ("j", "Review PR #1318"),
            ("k", "Add tests for sync"),
            ("right", "Send invoice to Trey Research"),  # the row is kept: Next[1]
            ("l", "Send invoice to Blue Yonder Airlines"),  # Doing[1]
            ("up", "Record demo video of usage dashboard"),
            ("h", "Design dark theme"),
            ("left", "Draft README"),
        ]
        for key, title in steps:
            await press(pilot, key)
            assert selected_title(app) == title, key

        # a click on the second card of Next (its first line; the border is the frame's) …
        second = lane(app, 1).span(1)[0]
        await pilot.click("#lane-1", offset=(4, second))
        await settle(pilot)
        assert board.current_lane() == 1
        assert selected_title(app) == "Send invoice to Trey Research"
        assert isinstance(app.screen, BoardScreen)
        # … and a double click opens it
        await pilot.double_click("#lane-0", offset=(4, second))
        await settle(pilot)
        assert form(app).item == titled(store, "Add tests for sync")
        await press(pilot, "escape")
        assert board.current_lane() == 0
    assert store.items.all() == before


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
        await type_text(pilot, "Launch post")
        await press(pilot, "tab")
        await type_text(pilot, "web, #ink")
        await press(pilot, "tab")
        await type_text(pilot, "+3d")
        await press(pilot, "tab", "4", "enter")
        assert isinstance(app.screen, BoardScreen)
        new = titled(store, "Launch post")
        assert selected_title(app) == "Launch post"
        assert lane_ids(app, 1) == [*next_before, new.id]
    assert len(store.items.all()) == count + 1
    assert stored_lane(store, "Next") == [*next_before, new.id]
    assert (new.column, new.tags, new.due, new.estimate, new.notes) == (
        "Next",
        ("web", "ink"),
        NOW.date() + timedelta(days=3),
        4,
        "",
    )
    assert (new.created, new.updated, new.shipped, new.archived) == (NOW, NOW, None, False)


async def test_a_bad_form_shows_the_error_adds_nothing_and_escape_asks_before_dropping_it(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "a", "enter")
        assert "needs a title" in form_error(app)
        assert form(app).query_one(".dialog-error").display

        await type_text(pilot, "Plan")
        await press(pilot, "tab", "tab", "tab", "0", "enter")
        assert "estimate must be from 1 to 999" in form_error(app)
        await press(pilot, "shift+tab")
        await type_text(pilot, "soon")
        await press(pilot, "ctrl+s")
        assert "not a due date: 'soon'" in form_error(app)
        assert "+3d" in form_error(app)
        assert store.items.all() == before

        await press(pilot, "escape")  # what was typed is dropped only when the user says so
        assert isinstance(app.screen, ConfirmScreen)
        assert "Drop what you typed in this form?" in screen_text(app)
        await press(pilot, "n")
        assert isinstance(app.screen, ItemForm)
        assert form(app).query_one("#card-title", Input).value == "Plan"
        await press(pilot, "escape", "y")
        assert isinstance(app.screen, BoardScreen)
    assert store.items.all() == before


async def test_escape_closes_a_form_left_as_it_opened_at_once(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        for keys in (("a",), ("e",), ("e", "end", "x", "backspace")):
            await press(pilot, *keys)
            assert isinstance(app.screen, ItemForm)
            await press(pilot, "escape")
            assert isinstance(app.screen, BoardScreen), keys
        await press(pilot, "right", "a")  # a new card's form names the column it goes to
        assert "New card in Next" in screen_text(app)


async def test_e_and_enter_edit_the_selected_card(app: NetbalanceApp, store: Store) -> None:
    readme = titled(store, "Draft README")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "e")
        assert form(app).item == readme
        await press(pilot, "end")
        await type_text(pilot, " v2")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "fri")
        await press(pilot, "enter")
        assert isinstance(app.screen, BoardScreen)
        assert selected_title(app) == "Draft README v2"
        edited = item(store, readme.id)

        await press(pilot, "enter")
        assert form(app).item == edited
        await press(pilot, "x", "escape", "y")
        assert isinstance(app.screen, BoardScreen)
    friday = NOW.date() + timedelta(days=1)
    wanted = rules.edit(readme, NOW, title="Draft README v2", due=friday)
    assert edited == wanted._replace(revision=edited.revision)
    assert edited.revision > readme.revision  # the save moved it on
    assert item(store, readme.id) == edited
    assert stored_lane(store, "Backlog")[0] == readme.id


async def test_saving_a_card_with_two_tags_unchanged_keeps_both(
    app: NetbalanceApp, store: Store
) -> None:
    old = titled(store, "Add tests for sync")
    assert old.tags == ("infra", "talk")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "j", "e", "ctrl+s")
    assert item(store, old.id).tags == ("infra", "talk")


# --- moving between columns ---------------------------------------------------------------


async def test_H_L_and_shift_arrows_move_the_card_between_columns(
    app: NetbalanceApp, store: Store
) -> None:
    card = titled(store, "Draft README")
    backlog, nexts = stored_lane(store, "Backlog"), stored_lane(store, "Next")
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "L")
        assert item(store, card.id).column == "Next"
        assert stored_lane(store, "Next") == [*nexts, card.id]
        assert (board.current_lane(), board.selected_id()) == (1, card.id)

        await press(pilot, "H")
        assert stored_lane(store, "Backlog") == [*backlog[1:], card.id]
        assert (board.current_lane(), board.selected_id()) == (0, card.id)

        await press(pilot, "shift+right")
        assert stored_lane(store, "Next") == [*nexts, card.id]
        await press(pilot, "shift+left")
        assert stored_lane(store, "Next") == nexts
        assert lane_ids(app, 0) == stored_lane(store, "Backlog") == [*backlog[1:], card.id]

        before = store.items.all()
        await press(pilot, "H")  # the first column: nowhere to go
        assert store.items.all() == before
    moved = item(store, card.id)
    assert (moved.updated, moved.shipped) == (NOW, None)


async def test_into_shipped_ships_out_of_it_unships_and_a_4th_card_in_doing_is_refused(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    design = titled(store, "Design dark theme")
    video = titled(store, "Record demo video of usage dashboard")
    before = store.items.all()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        board = await open_board(pilot)
        await press(pilot, "l", "L")  # Doing holds 3, its limit
        assert board.selected() == design
        said = messages(app)
        assert any("limit of 3" in line and "board.wip_limit" in line for line in said), said
        assert lane_counts(app)[2] == 3
        assert store.items.all() == before

        await press(pilot, "l")
        assert board.selected() == video
        clock.advance(minutes=5)
        await press(pilot, "shift+right")
        shipped = item(store, video.id)
        assert (shipped.column, shipped.shipped) == ("Shipped", NOW + timedelta(minutes=5))
        assert stored_lane(store, "Shipped")[-1] == video.id == lane_ids(app, 3)[-1]

        await press(pilot, "H")
        back = item(store, video.id)
        assert (back.column, back.shipped) == ("Doing", None)
        assert stored_lane(store, "Doing")[-1] == video.id


async def test_adding_a_card_to_a_full_doing_is_refused_with_a_notice(
    app: NetbalanceApp, store: Store
) -> None:
    before = store.items.all()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await press(pilot, "l", "l", "a", "X", "enter")
        # the form stays open with what was typed, saying why
        assert "board.wip_limit" in str(form(app).query_one(".dialog-error", Static).render())
        await press(pilot, "escape")
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
        await press(pilot, "shift+up")
        assert stored_lane(store, "Backlog") == [a, c, b, d, *rest]
        assert board.selected_id() == b
        assert lane_ids(app, 0) == [a, c, b, d, *rest]
    assert item(store, b).updated == NOW

    again = app_factory(store=Store.open(str(db_path), clock))
    async with again.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert lane_ids(again, 0) == [a, c, b, d, *rest]


# --- filtering ----------------------------------------------------------------------------


def expected_counts(store: Store, keep: Callable[[Item], bool]) -> list[int]:
    board = Board.build(store.items.all(), BoardRules())
    return [sum(1 for card in board.cards(column) if keep(card)) for column in COLUMNS]


async def test_slash_filters_by_tag_or_text_and_escape_clears(
    app: NetbalanceApp, store: Store
) -> None:
    everything = expected_counts(store, lambda card: True)
    bugs = expected_counts(store, lambda card: "bug" in card.tags)
    voi = expected_counts(store, lambda card: "voi" in f"{card.title} {card.notes}".casefold())
    assert (bugs, voi) == ([1, 1, 0, 1], [0, 1, 1, 1])
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        field = board.query_one("#board-filter", Input)
        assert lane_counts(app) == everything
        await press(pilot, "slash")
        assert app.focused is field
        await type_text(pilot, "#bug")
        assert field.value == "#bug"
        assert lane_counts(app) == bugs
        await press(pilot, "escape")
        assert lane_counts(app) == everything
        assert not field.display

        await press(pilot, "slash")
        await type_text(pilot, "voi")
        assert lane_counts(app) == voi
        await press(pilot, "enter")  # back to the cards, the filter stays
        assert lane_counts(app) == voi
        await press(pilot, "escape")
        assert lane_counts(app) == everything
    assert sum(everything) == len(Board.build(store.items.all(), BoardRules()).all_cards())


async def test_card_keys_with_no_card_shown_say_why_and_leave_the_key_bar(
    app: NetbalanceApp, store: Store
) -> None:
    """A filter that matches nothing, or a column it empties: e, H, delete and f say why
    instead of doing nothing, and the key bar stops offering them until a card shows."""
    before = store.items.all()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        assert "Edit" in screen_text(app).splitlines()[-1]
        await press(pilot, "slash")
        await type_text(pilot, "no such card anywhere")
        await press(pilot, "enter")
        assert lane_counts(app) == [0, 0, 0, 0]
        assert "Edit" not in screen_text(app).splitlines()[-1]
        for key in ("e", "H", "delete", "f"):
            await press(pilot, key)
            assert isinstance(app.screen, BoardScreen), key
            assert messages(app)[-1] == (
                ": No card matches the filter “no such card anywhere”: Esc clears it."
            ), key
        await press(pilot, "escape")  # the filter cleared: the cards and their keys are back
        assert "Edit" in screen_text(app).splitlines()[-1]

        await press(pilot, "slash")
        await type_text(pilot, "#bug")
        await press(pilot, "enter", "right", "right")  # Doing: no card with #bug
        assert lane_counts(app)[2] == 0
        await press(pilot, "e")
        assert messages(app)[-1] == (
            ": No card in Doing matches the filter: ← → to another column, Esc clears it."
        )
        await press(pilot, "left")
        assert "Edit" in screen_text(app).splitlines()[-1]
    assert store.items.all() == before


async def test_a_filter_leaves_the_column_counts_against_their_limits(app: NetbalanceApp) -> None:
    """Doing holds 3 of 3 whatever a filter shows: its head says so, and how many show."""
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "#bug")
        heads = [str(board.query_one(f"#head-{i}", Label).render()) for i in range(4)]
        shown = lane_counts(app)
    assert heads[2].startswith(f"Doing  3 of 3\n{shown[2]} shown · ")
    assert heads[0].startswith(f"Backlog  8\n{shown[0]} shown · ")


# --- deleting -----------------------------------------------------------------------------


async def test_delete_asks_n_keeps_y_deletes_and_the_sessions_keep_title_and_minutes(
    app: NetbalanceApp, store: Store
) -> None:
    card = titled(store, "Record demo video of usage dashboard")
    sessions = store.sessions.all()
    linked = [s for s in sessions if s.item_id == card.id]
    assert linked and all(s.item_title == card.title for s in linked)
    count = len(store.items.all())
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await select(pilot, card.id)
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert card.title in app.screen.question
        await press(pilot, "n")
        assert isinstance(app.screen, BoardScreen)
        assert item(store, card.id) == card

        await press(pilot, "delete", "y")
        assert isinstance(app.screen, BoardScreen)
        assert card.id not in lane_ids(app, 2)
    assert store.items.get(card.id) is None
    assert len(store.items.all()) == count - 1
    assert store.sessions.all() == sessions  # item_title and minutes untouched


# --- a box on a card ----------------------------------------------------------------------


async def test_f_starts_a_box_on_the_card_and_its_time_shows_on_the_card(
    app: NetbalanceApp, store: Store, clock: FakeClock
) -> None:
    card = titled(store, "Draft README")
    assert card.id not in time_spent(store.sessions.all())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(pilot)
        await press(pilot, "f")
        box = store.box.get()
        assert box is not None
        assert (box.kind, box.item_id, box.item_title) == (Kind.PRODUCE, card.id, card.title)
        assert box.planned_seconds == 25 * 60
        assert card.title in str(app.screen.query_one(TimerBar).render())
        await press(pilot, "j", "f")
        assert any("A box is running" in line for line in messages(app))
        assert store.box.get() == box

        await advance(pilot, clock, minutes=20)
        assert app.timer_view is not None and app.timer_view.clock == "05:00"
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmScreen)  # the break question
        await press(pilot, "n")
        await counted(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert store.box.get() is None
        assert "20 m spent" in card_prompt(app, card.id)
        head = str(app.screen.query_one("#head-0", Label).render())
        assert head.endswith("30 boxes \u00b7 20 m spent"), head
    (session,) = [s for s in store.sessions.all() if s.item_id == card.id]
    assert (session.item_title, session.active_seconds) == (card.title, 20 * 60)


# --- the track record and archiving ----------------------------------------------------------


async def test_r_shows_the_track_record_newest_first_and_A_archives_shipped_cards(
    app: NetbalanceApp, store: Store
) -> None:
    shipped = sorted(
        (i for i in store.items.all() if i.shipped is not None),
        key=lambda i: i.shipped or NOW,
        reverse=True,
    )
    on_board = stored_lane(store, "Shipped")
    others = {column: stored_lane(store, column) for column in COLUMNS[:3]}

    def rows() -> list[object]:
        assert isinstance(app.screen, TrackRecordScreen)
        table = app.screen.query_one("#track-table", DataTable)
        return [row.key.value for row in table.ordered_rows]

    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "r")
        assert rows() == [i.id for i in shipped]
        table = app.screen.query_one("#track-table", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first == ["2026-11-24", "25 m", "Migrate export to the new API", "#infra"]
        await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)

        await press(pilot, "A")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question.startswith(f"Archive the {len(on_board)} cards in Shipped?")
        await press(pilot, "n")
        assert lane_counts(app)[3] == len(on_board)  # kept
        await press(pilot, "A", "y")
        assert any(f"Archived {len(on_board)} cards" in m for m in messages(app))
        assert lane_counts(app)[3] == 0
        assert str(board.query_one("#head-3", Label).render()).startswith("Shipped  0")
        await press(pilot, "r")
        assert rows() == [i.id for i in shipped]
    for item_id in on_board:
        archived = item(store, item_id)
        assert (archived.archived, archived.updated, archived.column) == (True, NOW, "Shipped")
    assert stored_lane(store, "Shipped") == []
    assert {column: stored_lane(store, column) for column in COLUMNS[:3]} == others


# --- changes made elsewhere ----------------------------------------------------------------


async def test_cards_changed_by_another_process_appear_on_the_open_board(
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

        # and without a call: the app polls the files every WATCH_SECONDS
        assert WATCH_SECONDS <= 2
        later = add_in_another_process(db_path, clock, "Seen without a key", "Backlog")
        await pilot.pause(WATCH_SECONDS + 0.3)
        assert lane_ids(app, 0)[-1] == later.id


# --- found while reviewing the board ----------------------------------------------------------


def lane_rows(app: NetbalanceApp, index: int) -> list[str]:
    """The rows of text inside a lane's border, as the screen shows them (runs of padding
    spaces are dropped by `screen_text`)."""
    rows = []
    for row in screen_text(app).splitlines():
        parts = row.split("│")
        if len(parts) == 2 * len(COLUMNS) + 1:  # "│a││b││c││d│"
            rows.append(parts[2 * index + 1].strip())
    return rows


async def test_the_time_spent_on_a_card_stays_on_one_line(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        rows = lane_rows(app, 2)
        assert "5 h 03 m spent" in rows, rows


async def test_cards_in_a_scrolling_lane_keep_the_blank_line_between_them(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        rows = lane_rows(app, 3)
        first = next(i for i, row in enumerate(rows) if row.startswith("Investigate slow"))
        assert rows[first - 1].strip("▁▂▃▄▅▆▇█▌▐ ") == "", rows


async def test_the_command_palette_on_the_board_offers_the_board_keys(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "ctrl+p")
        commands = app.screen.query_one("#palette-list", OptionList)
        titles = [
            str(commands.get_option_at_index(i).prompt).casefold()
            for i in range(commands.option_count)
        ]
        for word in ("card", "filter", "archive"):
            assert any(word in title for title in titles), (word, titles)


# --- a move is shown without reading the board again ------------------------------------------


async def test_a_move_is_shown_without_reading_every_card_again(
    app: NetbalanceApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = titled(store, "Draft README")
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        reads: list[int] = []
        everything = store.items.all

        def read_all() -> list[Item]:
            reads.append(1)
            return everything()

        monkeypatch.setattr(store.items, "all", read_all)
        await press(pilot, "L")
        assert reads == []
        monkeypatch.undo()
        assert item(store, card.id).column == "Next"
        for index, column in enumerate(COLUMNS):
            assert lane_ids(app, index) == stored_lane(store, column)
        assert (board.current_lane(), board.selected_id()) == (1, card.id)
        assert "Draft README" in card_prompt(app, card.id)
        labels = [str(app.screen.query_one(f"#head-{i}", Label).render()) for i in range(4)]
        assert labels[0].startswith("Backlog  7") and labels[1].startswith("Next  6")


async def test_a_card_another_process_added_just_before_a_move_shows_with_the_move(
    app: NetbalanceApp, store: Store, db_path: Path, clock: FakeClock
) -> None:
    card = titled(store, "Draft README")
    nexts = stored_lane(store, "Next")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        new = add_in_another_process(db_path, clock, "Added from the CLI", "Next")
        await press(pilot, "L")  # before the app's next look at the files
        assert item(store, card.id).column == "Next"
        assert lane_ids(app, 1) == stored_lane(store, "Next")
        assert set(lane_ids(app, 1)) == {*nexts, new.id, card.id}
        assert screen(app).selected_id() == card.id


async def test_a_move_whose_save_fails_is_not_shown_as_done(
    app: NetbalanceApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = titled(store, "Draft README")
    backlog = stored_lane(store, "Backlog")

    def refused(self: DataFile, day: str) -> None:
        raise WriteError(self.path, OSError(28, "No space left on device"))

    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        monkeypatch.setattr(DataFile, "save", refused)
        await press(pilot, "L")
        assert any("No space left" in text for text in messages(app))
        assert lane_ids(app, 0) == backlog
        assert (board.current_lane(), board.selected_id()) == (0, card.id)
        monkeypatch.undo()
        app.watch_files()  # what the app does every WATCH_SECONDS
        await settle(pilot)
        assert lane_ids(app, 0) == backlog == stored_lane(store, "Backlog")
    assert item(store, card.id).column == "Backlog"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_column_head_says_what_fits_in_whole_words(
    app: NetbalanceApp, size: tuple[int, int]
) -> None:
    """`4 boxes · 14 h 26 m spent`, shortened by whole words in a narrow column (the
    estimate or `spent` left out), never cut off in the middle of a figure."""
    from netbalance.tui.widgets.column_head import ColumnHead

    async with app.run_test(size=size) as pilot:
        board = await open_board(pilot)
        for index in range(4):
            head = board.query_one(f"#head-{index}", ColumnHead)
            _first, second = str(head.render()).split("\n")
            assert len(second) <= head.content_size.width
            assert second.endswith((" m", " m spent")), second
            if size == (120, 40):
                assert " boxes · " in second or " box · " in second
                assert second.endswith(" spent")


async def test_a_refused_field_gets_the_focus_so_the_next_key_puts_it_right(
    app: NetbalanceApp,
) -> None:
    """Save with no title while in Tags: the form says why and the focus goes to Title,
    where the next key lands; a bad due date typed, then Notes, then save: to Due."""
    from textual.widgets import TextArea

    async with app.run_test(size=(80, 24)) as pilot:
        await open_board(pilot)
        await press(pilot, "a", "tab")
        form = app.screen
        assert isinstance(form, ItemForm) and app.focused is form.query_one("#card-tags")
        await press(pilot, "ctrl+s")
        assert app.focused is form.query_one("#card-title")
        await press(pilot, "x")
        assert form.query_one("#card-title", Input).value == "x"
        await press(pilot, "tab", "tab", *"someday", "tab", "tab")
        assert isinstance(app.focused, TextArea)
        await press(pilot, "ctrl+s")
        assert "not a due date: 'someday'" in screen_text(app)
        assert app.focused is form.query_one("#card-due")


async def test_a_lane_scrolled_in_a_small_terminal_shows_no_blank_lines_in_a_big_one(
    app: NetbalanceApp,
) -> None:
    """At 80×24 the Backlog scrolls to its last card; at 120×40 its cards take fewer
    lines: the view goes no further than the last card (no blank lines below it, the
    cards above it shown) and keeps the selection, still the last card, in view."""
    async with app.run_test(size=(80, 24)) as pilot:
        board = await open_board(pilot)
        lane = board.query_one("#lane-0", Lane)
        await press(pilot, "end")
        scrolled = lane.scroll_offset.y
        assert scrolled > 0
        last = lane.selected
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await settle(pilot)
        view = lane.scrollable_content_region.height
        top, height = lane.span(lane.count - 1)
        lines = top + height  # every card's lines
        assert lines - view < scrolled, "the cards take fewer lines than the old offset"
        assert lane.scroll_offset.y == max(0, lines - view)
        assert lane.selected == last and last is not None
        assert lane.scroll_offset.y <= top and top + height <= lane.scroll_offset.y + view
        rows = lane_rows(app, 0)
        assert any(row.startswith(last.title[:20]) for row in rows), rows
