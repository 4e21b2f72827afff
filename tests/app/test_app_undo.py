"""`u` undoes and `U` redoes the last change, from any mode: checked on the stored data
and on what the board shows."""

from __future__ import annotations

from nbapp import SIZE, messages, press, settle
from textual.pilot import Pilot

from netbalance.core.board import Board, BoardRules
from netbalance.core.models import Item
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.board import BoardScreen


def stored_lane(store: Store, column: str) -> list[str]:
    board = Board.build(store.items.all(), BoardRules())
    return [card.id for card in board.cards(column)]


def first_in(store: Store, column: str) -> Item:
    found = store.items.get(stored_lane(store, column)[0])
    assert found is not None
    return found


async def open_board(pilot: Pilot[object]) -> BoardScreen:
    await press(pilot, "2")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    assert isinstance(pilot.app.screen, BoardScreen)
    return pilot.app.screen


def shown_ids(board: BoardScreen, column: str) -> list[str]:
    assert board.board is not None
    return [card.id for card in board.board.cards(column)]


async def test_u_puts_a_moved_card_back_and_U_moves_it_again(
    app: NetbalanceApp, store: Store
) -> None:
    card = first_in(store, "Backlog")
    backlog, nexts = stored_lane(store, "Backlog"), stored_lane(store, "Next")
    async with app.run_test(size=SIZE) as pilot:
        board = await open_board(pilot)
        await press(pilot, "L")
        assert stored_lane(store, "Next") == [*nexts, card.id]

        await press(pilot, "u")
        assert stored_lane(store, "Backlog") == backlog
        assert stored_lane(store, "Next") == nexts
        assert shown_ids(board, "Backlog") == backlog  # the board reloaded
        assert any(f"undid: move card “{card.title}” to Next" in m for m in messages(app))

        await press(pilot, "U")
        assert stored_lane(store, "Next") == [*nexts, card.id]
        assert shown_ids(board, "Next") == [*nexts, card.id]
        assert any(f"redid: move card “{card.title}” to Next" in m for m in messages(app))


async def test_u_with_nothing_to_undo_says_so_and_changes_nothing(
    app: NetbalanceApp, store: Store
) -> None:
    before = sorted(store.items.all(), key=lambda item: item.id)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "u")
        assert any("Nothing to undo." in m for m in messages(app))
        await press(pilot, "U")
        assert any("Nothing to redo." in m for m in messages(app))
    assert sorted(store.items.all(), key=lambda item: item.id) == before


async def test_u_refuses_when_another_process_changed_the_card_since(
    app: NetbalanceApp, store: Store
) -> None:
    card = first_in(store, "Backlog")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "L")
        moved = store.items.get(card.id)
        assert moved is not None
        # another process renames the card, bypassing the journal (an old version, say)
        other = Store.open(store.path, store.clock)
        with other.transaction(undoable=False):
            other.items.update(Item(**{**_fields(moved), "title": "Renamed elsewhere"}))
        await press(pilot, "u")
        assert any(
            f"cannot undo “move card “{card.title}” to Next”: card “{card.title}” was changed" in m
            for m in messages(app)
        )
    kept = store.items.get(card.id)
    assert kept is not None and (kept.column, kept.title) == ("Next", "Renamed elsewhere")


async def test_u_works_in_every_mode_and_the_palette_lists_undo(
    app: NetbalanceApp, store: Store
) -> None:
    card = first_in(store, "Backlog")
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await press(pilot, "L")
        await press(pilot, "1")  # the dashboard
        await press(pilot, "u")
        assert stored_lane(store, "Backlog")[0] == card.id
    from netbalance.tui.commands import WORDS

    assert WORDS["app.undo"][0] == "Undo" and WORDS["app.redo"][0] == "Redo"


def _fields(item: Item) -> dict[str, object]:
    return item._asdict()
