"""The board: the work that produces, by column.

Each column is an OptionList, so only the visible cards are drawn however many there
are. Keys: arrows / hjkl move the selection; H/L (shift+←/→) move the card between
columns; K/J (shift+↑/↓) reorder it; a add; e or Enter edit; delete; / filter by text or
#tag; f start a produce box on the card; A archive shipped cards; r the track record.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from netbalance.core import board as rules
from netbalance.core.board import Board, BoardError, BoardRules
from netbalance.core.instants import format_hours
from netbalance.core.models import Item, Kind, new_id
from netbalance.core.text import printable
from netbalance.tui.commands import BoardCommands
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.item_form import CardDraft, ItemForm
from netbalance.tui.screens.track_record import TrackRecordScreen
from netbalance.tui.widgets.card import CardColours, card_text


class BoardScreen(ModeScreen):
    AUTO_FOCUS = "#lane-0"
    COMMANDS = ModeScreen.COMMANDS | {BoardCommands}
    BINDINGS = [
        Binding("left,h", "column(-1)", "◀", show=False, id="board.left"),
        Binding("right,l", "column(1)", "▶", show=False, id="board.right"),
        Binding("j", "cursor(1)", "Down", show=False, id="board.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="board.up"),
        Binding("H,shift+left", "move(-1)", "◀ Move", id="board.move_left"),
        Binding("L,shift+right", "move(1)", "Move ▶", id="board.move_right"),
        Binding("K,shift+up", "reorder(-1)", "Up", show=False, id="board.move_up"),
        Binding("J,shift+down", "reorder(1)", "Down", show=False, id="board.move_down"),
        Binding("a", "add", "Add", id="board.add"),
        Binding("e", "edit", "Edit", id="board.edit"),
        Binding("delete", "delete", "Delete", id="board.delete"),
        Binding("slash", "filter", "Filter", key_display="/", id="board.filter"),
        Binding("f", "focus_box", "Box", id="board.box"),
        Binding("A", "archive", "Archive shipped", show=False, id="board.archive"),
        Binding("r", "track_record", "Shipped", id="board.track_record"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="board.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.spent: dict[str, int] = {}
        self.filter_text = ""
        self.lane_index = 0  # the column with the selection (focus follows it)
        self._drawn: dict[int, list[tuple[str, tuple[Item, int]]]] = {}  # lane → shown
        self._keep: str | None = None  # the card to select after the next load

    @property
    def rules(self) -> BoardRules:
        return BoardRules.from_settings(self.nb.settings)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="board-body"):
            yield Input(placeholder="filter: text or #tag — Esc clears", id="board-filter")
            with Horizontal(id="board"):
                for index, _column in enumerate(self.rules.columns):
                    with Vertical(classes="board-column"):
                        yield Label("", classes="column-head", id=f"head-{index}")
                        yield OptionList(id=f"lane-{index}", classes="lane")

    # data -----------------------------------------------------------------

    def load(self) -> None:
        store = self.nb.store
        self.board = Board.build(store.items.all(), self.rules)
        keep, self._keep = self._keep, None
        self.show(keep)
        self.count_time_spent()

    @work(thread=True, exclusive=True, group="time-spent")
    def count_time_spent(self) -> None:
        """Time spent per card reads every session ever recorded: off the event loop,
        so the board shows at once and the times follow."""
        spent = self.nb.time_spent_per_item()
        self.app.call_from_thread(self._spent_counted, spent)

    def _spent_counted(self, spent: dict[str, int]) -> None:
        if spent != self.spent:
            self.spent = spent
            self.show()

    def lanes(self) -> list[OptionList]:
        return [self.query_one(f"#lane-{i}", OptionList) for i in range(len(self.rules.columns))]

    def _matches(self, item: Item) -> bool:
        wanted = self.filter_text.strip().casefold()
        if not wanted:
            return True
        if wanted.startswith("#"):
            return any(tag.casefold() == wanted[1:] for tag in item.tags)
        return wanted in item.title.casefold() or wanted in item.notes.casefold()

    def show(self, keep: str | None = None) -> None:
        """Fill the columns; keep the selection on the card `keep` (or where it was)."""
        board = self.board
        if board is None:
            return
        keep = keep or self.selected_id()
        today = self.nb.today()
        theme = self.nb.theme_variables
        colours = CardColours(
            muted="dim",
            overdue=theme.get("error", ""),
            produce=theme.get("produce", ""),
        )
        focus = self.current_lane()
        for index, (column, lane) in enumerate(zip(board.columns, self.lanes(), strict=True)):
            cards = [card for card in board.cards(column) if self._matches(card)]
            row = lane.highlighted
            self._draw(
                index,
                lane,
                cards,
                lambda card: card_text(card, self.spent.get(card.id, 0), today, colours),
            )
            self.query_one(f"#head-{index}", Label).update(self._head(column, cards))
            found = next((i for i, card in enumerate(cards) if card.id == keep), None)
            if found is not None:
                lane.highlighted = found
                focus = index
            elif cards:
                lane.highlighted = min(row or 0, len(cards) - 1)
        self.lane_index = focus
        if not self.query_one("#board-filter", Input).has_focus:
            self.lanes()[focus].focus()

    def _draw(
        self, index: int, lane: OptionList, cards: list[Item], text: Callable[[Item], Text]
    ) -> None:
        """Bring a column's options up to date, redrawing only what changed: a lane of
        hundreds of cards is rebuilt only when its order changes."""
        drawn = self._drawn.get(index, [])
        wanted = [(card.id, (card, self.spent.get(card.id, 0))) for card in cards]
        self._drawn[index] = wanted
        old_ids = [card_id for card_id, _ in drawn]
        new_ids = [card_id for card_id, _ in wanted]
        keys = dict(drawn)
        if new_ids == old_ids:
            for position, (card, (card_id, key)) in enumerate(zip(cards, wanted, strict=True)):
                if keys[card_id] != key:
                    lane.replace_option_prompt_at_index(position, text(card))
            return
        kept = set(new_ids)
        remaining = [card_id for card_id in old_ids if card_id in kept]
        if remaining == new_ids[: len(remaining)] and all(
            keys[card_id] == key for card_id, key in wanted[: len(remaining)]
        ):
            for card_id in old_ids:
                if card_id not in kept:
                    lane.remove_option(card_id)
            lane.add_options(Option(text(card), id=card.id) for card in cards[len(remaining) :])
            return
        lane.clear_options()
        lane.add_options(Option(text(card), id=card.id) for card in cards)

    def _head(self, column: str, cards: list[Item]) -> Text:
        assert self.board is not None
        limit = self.board.rules.limit_of(column)
        head = Text(printable(column), style="bold")
        count = f"  {len(cards)}" + (f" of {limit}" if limit is not None else "")
        head.append(count)
        estimate = sum(card.estimate or 0 for card in cards)
        spent = sum(self.spent.get(card.id, 0) for card in cards) / 60
        head.append(f"\n{estimate} boxes · {format_hours(spent)} spent", style="dim")
        return head

    # selection ------------------------------------------------------------

    def current_lane(self) -> int:
        return self.lane_index

    @on(events.DescendantFocus, ".lane")
    def lane_focused(self, event: events.DescendantFocus) -> None:
        """A click or Tab chose a column."""
        name = event.widget.id or ""
        if name.startswith("lane-"):
            self.lane_index = int(name.removeprefix("lane-"))

    def selected_id(self) -> str | None:
        lane = self.lanes()[self.current_lane()]
        if lane.highlighted is None or lane.option_count == 0:
            return None
        return lane.get_option_at_index(lane.highlighted).id

    def selected(self) -> Item | None:
        chosen = self.selected_id()
        if chosen is None or self.board is None:
            return None
        return next((card for card in self.board.all_cards() if card.id == chosen), None)

    def action_column(self, step: int) -> None:
        lanes = self.lanes()
        index = (self.current_lane() + step) % len(lanes)
        row = lanes[self.current_lane()].highlighted or 0
        target = lanes[index]
        self.lane_index = index
        target.focus()
        if target.option_count:
            target.highlighted = min(row, target.option_count - 1)

    def action_cursor(self, step: int) -> None:
        lane = self.lanes()[self.current_lane()]
        if step > 0:
            lane.action_cursor_down()
        else:
            lane.action_cursor_up()

    # changes --------------------------------------------------------------

    def _save(self, change: Callable[[Board], list[Item]], keep: str | None = None) -> None:
        """Apply a board rule and store what it changed, in one save."""
        board = self.board
        if board is None:
            return
        try:
            changed = change(board)
        except BoardError as problem:
            self.notify(printable(str(problem)), severity="warning", markup=False)
            return
        if not changed:
            return
        store = self.nb.store

        def write() -> bool:
            with store.transaction():
                for item in changed:
                    if store.items.get(item.id) is None:
                        store.items.add(item)
                    else:
                        store.items.update(item)
            return True

        if self.nb.guard(write):
            self._keep = keep
            self.nb.changed()  # reloads this screen (load → show) and everything else

    def action_move(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            now = self.nb.clock.now()
            mover = rules.move_right if step > 0 else rules.move_left
            self._save(lambda board: [mover(board, item, now)], item.id)

    def action_reorder(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            now = self.nb.clock.now()
            mover = rules.move_down if step > 0 else rules.move_up
            self._save(lambda board: mover(board, item, now), item.id)

    def action_add(self) -> None:
        column = self.rules.columns[self.current_lane()]

        def added(draft: CardDraft | None) -> None:
            if draft is None:
                return
            now = self.nb.clock.now()
            card_id = new_id()
            self._save(
                lambda board: [
                    rules.add(
                        board,
                        draft.title,
                        now,
                        column=column,
                        notes=draft.notes,
                        tags=draft.tags,
                        due=draft.due,
                        estimate=draft.estimate,
                        item_id=card_id,
                    )
                ],
                card_id,
            )

        self.app.push_screen(ItemForm(self.nb.today()), added)

    def action_edit(self) -> None:
        item = self.selected()
        if item is None:
            return

        def edited(draft: CardDraft | None) -> None:
            if draft is None:
                return
            now = self.nb.clock.now()
            new = rules.edit(
                item,
                now,
                title=draft.title,
                notes=draft.notes,
                tags=draft.tags,
                due=draft.due,
                estimate=draft.estimate,
            )
            self._save(lambda board: [new] if new is not item else [], item.id)

        self.app.push_screen(ItemForm(self.nb.today(), item), edited)

    @on(OptionList.OptionSelected, ".lane")
    def card_chosen(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        item = self.selected()
        if item is None:
            return

        def remove() -> bool:
            self.nb.store.items.remove(item)
            return True

        def answered(yes: bool | None) -> None:
            if yes and self.nb.guard(remove):
                self.load()
                self.nb.changed()
                self.notify("Card deleted; its sessions keep their minutes and its title.")

        self.app.push_screen(
            ConfirmScreen(f"Delete the card “{printable(item.title)}”?", yes="Delete", no="Keep"),
            answered,
        )

    def action_archive(self) -> None:
        now = self.nb.clock.now()
        self._save(lambda board: rules.archive_shipped(board, now))

    def action_focus_box(self) -> None:
        item = self.selected()
        if item is None:
            self.notify("Select a card first.")
            return
        if self.nb.running_box() is not None:
            self.notify("A box is running: s finishes it, x cancels it.")
            return
        self.nb.start_box(
            Kind.PRODUCE,
            self.nb.settings.default_minutes(Kind.PRODUCE),
            item_id=item.id,
            item_title=item.title,
        )

    def action_track_record(self) -> None:
        items = rules.track_record(self.nb.store.items.all())
        self.app.push_screen(TrackRecordScreen(items, self.spent))

    # filter ---------------------------------------------------------------

    def action_filter(self) -> None:
        field = self.query_one("#board-filter", Input)
        field.display = True
        field.focus()

    @on(Input.Changed, "#board-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.show()

    @on(Input.Submitted, "#board-filter")
    def filter_done(self) -> None:
        self.lanes()[0].focus()
        self.show()

    def action_clear_filter(self) -> None:
        field = self.query_one("#board-filter", Input)
        field.value = ""
        field.display = False
        self.filter_text = ""
        self.show()
