"""Any sequence of add / move / reorder / delete / archive keeps every card exactly once,
in one column, in the order the moves made, with strictly increasing positions.

A model (one list of ids per column) is moved alongside the real items; after each step
the board built from the items must match it exactly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from netbalance.core import board as cards
from netbalance.core.board import Board, BoardError, BoardRules
from netbalance.core.models import Item

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
RULES = BoardRules(("Backlog", "Next", "Doing", "Shipped"), "Doing", 2)
COLUMNS = st.sampled_from([*RULES.columns, "doing", "SHIPPED"])


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Item] = {}  # what the store would hold
        self.model: dict[str, list[str]] = {column: [] for column in RULES.columns}
        self.archived: set[str] = set()
        self.now = T0
        self.count = 0

    # helpers ---------------------------------------------------------------------

    @property
    def board(self) -> Board:
        return Board.build(self.items.values(), RULES)

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now

    def store(self, changed: list[Item]) -> None:
        before = self.board
        for item in changed:
            assert item.id in self.items
            self.items[item.id] = item
        # the board screen applies its own changes to the board it shows, unread
        assert before.applied(changed) == self.board

    def pick(self, data: st.DataObject) -> Item:
        active = self.board.all_cards()
        return data.draw(st.sampled_from(active))

    def where(self, item_id: str) -> str:
        (column,) = [column for column, ids in self.model.items() if item_id in ids]
        return column

    def has_cards(self) -> bool:
        return any(self.model.values())

    # rules -----------------------------------------------------------------------

    @rule(column=COLUMNS, title=st.text(min_size=1, max_size=8))
    def add(self, column: str, title: str) -> None:
        target = RULES.column(column)
        full = target == "Doing" and len(self.model["Doing"]) >= 2
        try:
            item = cards.add(self.board, title, self.tick(), column=column)
        except BoardError:
            assert full or not title.strip() or len(title.strip().splitlines()) != 1
            return
        assert not full
        before = self.board
        self.items[item.id] = item
        assert before.applied([item]) == self.board
        self.model[target].append(item.id)

    @precondition(has_cards)
    @rule(data=st.data(), column=COLUMNS)
    def move(self, data: st.DataObject, column: str) -> None:
        item = self.pick(data)
        source, target = self.where(item.id), RULES.column(column)
        try:
            moved = cards.move(self.board, item, column, self.tick())
        except BoardError:
            assert target == "Doing" and source != "Doing" and len(self.model["Doing"]) >= 2
            return
        if source == target:
            assert moved == item
            return
        self.store([moved])
        self.model[source].remove(item.id)
        self.model[target].append(item.id)

    @precondition(has_cards)
    @rule(data=st.data(), right=st.booleans())
    def step(self, data: st.DataObject, right: bool) -> None:
        item = self.pick(data)
        source = self.where(item.id)
        index = RULES.columns.index(source) + (1 if right else -1)
        step = cards.move_right if right else cards.move_left
        try:
            moved = step(self.board, item, self.tick())
        except BoardError:
            assert RULES.columns[index] == "Doing" and len(self.model["Doing"]) >= 2
            return
        if not 0 <= index < len(RULES.columns):
            assert moved == item
            return
        self.store([moved])
        self.model[source].remove(item.id)
        self.model[RULES.columns[index]].append(item.id)

    @precondition(has_cards)
    @rule(data=st.data(), index=st.integers(-2, 12))
    def reorder(self, data: st.DataObject, index: int) -> None:
        item = self.pick(data)
        lane = self.model[self.where(item.id)]
        self.store(cards.reorder(self.board, item, index, self.tick()))
        lane.remove(item.id)
        lane.insert(max(0, min(index, len(lane))), item.id)

    @precondition(has_cards)
    @rule(data=st.data(), up=st.booleans())
    def up_or_down(self, data: st.DataObject, up: bool) -> None:
        item = self.pick(data)
        lane = self.model[self.where(item.id)]
        index = lane.index(item.id)
        change = cards.move_up if up else cards.move_down
        self.store(change(self.board, item, self.tick()))
        lane.remove(item.id)
        lane.insert(max(0, min(index - 1 if up else index + 1, len(lane))), item.id)

    @precondition(has_cards)
    @rule(data=st.data())
    def crowd(self, data: st.DataObject) -> None:
        """Slip the last card of a column into second place, many times: the gap between
        the first two halves each time until the column is renumbered."""
        lane = self.model[self.where(self.pick(data).id)]
        for _ in range(25):
            if len(lane) < 3:
                return
            last = self.items[lane[-1]]
            self.store(cards.reorder(self.board, last, 1, self.tick()))
            lane.insert(1, lane.pop())

    @precondition(has_cards)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        item = self.pick(data)
        del self.items[item.id]
        self.model[self.where(item.id)].remove(item.id)

    @rule()
    def archive(self) -> None:
        changed = cards.archive_shipped(self.board, self.tick())
        assert [item.id for item in changed] == self.model["Shipped"]
        self.store(changed)
        self.archived.update(self.model["Shipped"])
        self.model["Shipped"] = []

    # what always holds -------------------------------------------------------------

    @invariant()
    def every_card_once_in_model_order(self) -> None:
        board = self.board
        for column in RULES.columns:
            assert [item.id for item in board.cards(column)] == self.model[column]
        on_board = [item.id for item in board.all_cards()]
        assert len(on_board) == len(set(on_board))
        assert set(on_board) | self.archived == set(self.items)
        assert not set(on_board) & self.archived

    @invariant()
    def positions_strictly_increase(self) -> None:
        for column in RULES.columns:
            positions = [item.position for item in self.board.cards(column)]
            assert all(a < b for a, b in pairwise(positions))

    @invariant()
    def shipped_means_the_last_column_and_the_limit_holds(self) -> None:
        board = self.board
        for item in board.all_cards():
            assert item.column == board.column_of(item)  # stored as configured
            assert (item.shipped is not None) == (item.column == "Shipped")
        assert len(board.cards("Doing")) <= 2
        record = cards.track_record(self.items.values())
        assert {item.id for item in record} == self.archived | set(self.model["Shipped"])


BoardMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
test_board_sequences = BoardMachine.TestCase
