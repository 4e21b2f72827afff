"""The board: the work that produces, by column.

Each column is a Lane, which draws only the cards in view however many there are.
Keys: arrows / hjkl move the selection; H/L (shift+←/→) move the card between columns;
K/J (shift+↑/↓) reorder it; a add; e or Enter edit; delete; / filter by text or #tag;
f start a produce box on the card; A archive shipped cards; r the track record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from netbalance.actions import cards
from netbalance.core import board as board_rules
from netbalance.core.board import Board, BoardError, BoardRules
from netbalance.core.models import Item, Kind
from netbalance.core.revisions import RecordChanged, RecordGone, RevisionError
from netbalance.core.text import printable
from netbalance.store.errors import StoreError
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.item_form import CardDraft, ItemForm
from netbalance.tui.screens.record_edit import RecordEdit
from netbalance.tui.screens.track_record import TrackRecordScreen
from netbalance.tui.widgets.card import CardColours, card_height, card_lines
from netbalance.tui.widgets.column_head import ColumnHead
from netbalance.tui.widgets.lane import Lane, LaneFrame

# the keys that act on the selected card
CARD_ACTIONS = ("move", "reorder", "edit", "delete", "focus_box")


class BoardScreen(ModeScreen):
    MODE = "board"
    AUTO_FOCUS = ""  # the screen takes the keys: moving between columns moves no focus
    # its look, parsed as the mode is first shown: not with the app's stylesheet, before
    # the first frame
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #board-body { height: 1fr; }
    #board-filter { margin: 0 1; display: none; }
    #board { height: 1fr; }
    .board-column {
        width: 1fr;
        height: 1fr;
        padding: 0 0 0 1;
    }
    .column-head { color: $primary; padding: 0 1; width: 1fr; height: 2; }
    .lane-frame { height: 1fr; border: round $foreground 20%; }
    .lane-frame.-current { border: round $primary; }
    .lane { height: 1fr; scrollbar-gutter: stable; }
    .lane > .lane--card-highlighted { background: $surface; }
    .lane > .lane--card-current { background: $primary 35%; }
    """
    BINDINGS = [
        Binding("left,h", "column(-1)", "◀", show=False, id="board.left"),
        Binding("right,l", "column(1)", "▶", show=False, id="board.right"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="board.down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="board.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="board.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="board.page_up"),
        Binding("home", "end(-1)", "First", show=False, id="board.first"),
        Binding("end", "end(1)", "Last", show=False, id="board.last"),
        Binding("H,shift+left", "move(-1)", "◀ Move", id="board.move_left"),
        Binding("L,shift+right", "move(1)", "Move ▶", id="board.move_right"),
        Binding("K,shift+up", "reorder(-1)", "Up", show=False, id="board.move_up"),
        Binding("J,shift+down", "reorder(1)", "Down", show=False, id="board.move_down"),
        Binding("a", "add", "Add", id="board.add"),
        Binding("e,enter", "edit", "Edit", id="board.edit"),
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
        self.lane_index = 0  # the column with the selection
        self._look: tuple[date, CardColours] | None = None  # how cards are drawn today
        self._keep: str | None = None  # the card to select after the next load
        self._heads: dict[int, tuple[str, int | None, int, list[Item], list[int]]] = {}

    @property
    def rules(self) -> BoardRules:
        return cards.board_rules(self.nb.settings)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="board-body"):
            yield Input(placeholder="filter: text or #tag — Esc clears", id="board-filter")
            with Horizontal(id="board"):
                for index, _column in enumerate(self.rules.columns):
                    with Vertical(classes="board-column"):
                        yield ColumnHead(classes="column-head", id=f"head-{index}")
                        yield LaneFrame(
                            Lane(self._card_lines, card_height, id=f"lane-{index}", classes="lane"),
                            id=f"frame-{index}",
                        )

    # data -----------------------------------------------------------------

    def load(self) -> None:
        board = self.nb.guard(lambda: cards.board(self.nb.store, self.rules))
        if board is None:
            return
        self.board = board
        keep, self._keep = self._keep, None
        self.show(keep)
        self.count_time_spent()  # counted again only when a history file changed

    @work(thread=True, exclusive=True, group="time-spent")
    def count_time_spent(self) -> None:
        """Time spent per card reads every session ever recorded: off the event loop,
        so the board shows at once and the times follow."""
        try:
            spent = cards.time_spent_apart(self.nb.store)
        except StoreError:
            spent = {}  # the app's own reads report a bad file
        self.app.call_from_thread(self._spent_counted, spent)

    def _spent_counted(self, spent: dict[str, int]) -> None:
        if spent != self.spent:
            self.spent = spent
            self.show()
        self.nb.heap.kept()  # the cards and their drawings, kept while the screen is

    def lanes(self) -> list[Lane]:
        """The columns' lanes, found once (the board's columns are fixed while it is up)."""
        if self._lanes is None:
            count = len(self.rules.columns)
            self._lanes = [self.query_one(f"#lane-{i}", Lane) for i in range(count)]
        return self._lanes

    _lanes: list[Lane] | None = None

    def _card_lines(self, card: Item, seconds: int, width: int) -> list[Text]:
        assert self._look is not None
        today, colours = self._look
        return card_lines(card, seconds, today, colours, width)

    def _shown_cards(self, column: str) -> list[Item]:
        """The cards of a column that pass the filter."""
        assert self.board is not None
        cards = self.board.cards(column)
        if not self.filter_text.strip():
            return list(cards)
        return [card for card in cards if self._matches(card)]

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
        theme = self.nb.theme_variables
        look = (
            self.nb.today(),
            CardColours(
                muted="dim", overdue=theme.get("error", ""), produce=theme.get("produce", "")
            ),
        )
        lanes = self.lanes()
        if look != self._look:
            self._look = look
            for lane in lanes:
                lane.forget_drawing()
        focus = self.current_lane()
        spent = self.spent
        for index, (column, lane) in enumerate(zip(board.columns, lanes, strict=True)):
            cards = self._shown_cards(column)
            lane.show_cards(cards, [spent.get(card.id, 0) for card in cards])
            self._show_head(index, column, lane)
            found = lane.index_of(keep) if keep else None
            if found is not None:
                lane.highlighted = found
                focus = index
        self.choose_lane(focus)

    def _show_head(self, index: int, column: str, lane: Lane) -> None:
        """The column's head, written again only when its cards or the limit changed."""
        assert self.board is not None
        limit = self.board.rules.limit_of(column)
        held = len(self.board.cards(column))  # all of them, whatever the filter shows
        shown = self._heads.get(index)
        if shown is not None:
            shown_column, shown_limit, shown_held, shown_cards, shown_spent = shown
            if (
                shown_column == column
                and shown_limit == limit
                and shown_held == held
                and shown_cards is lane.cards
                and shown_spent is lane.spent
            ):
                return
        self._heads[index] = (column, limit, held, lane.cards, lane.spent)
        cards = lane.cards
        self.query_one(f"#head-{index}", ColumnHead).show(
            column,
            held,
            limit,
            len(cards),
            sum(card.estimate or 0 for card in cards),
            sum(self.spent.get(card.id, 0) for card in cards) / 60,
        )

    # selection ------------------------------------------------------------

    def current_lane(self) -> int:
        return self.lane_index

    def choose_lane(self, index: int) -> None:
        """Make a column the one with the selection (it shows as current)."""
        self.lane_index = index
        for number, lane in enumerate(self.lanes()):
            frame = lane.parent
            assert isinstance(frame, LaneFrame)
            frame.show_as_current(number == index)
        has_card = self.selected() is not None
        if has_card != self._had_card:  # the card keys come and go from the key bar
            self._had_card = has_card
            self.refresh_bindings()

    _had_card = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None, not False: the key stays bound, off the key bar, and says why (`why_not`)
        if action in CARD_ACTIONS and self.board is not None:
            return self.selected() is not None or None
        return True

    def why_not(self, action: str) -> str:
        """A card key with no card selected: the column is empty, or the filter hides its
        cards (or every card)."""
        if action not in CARD_ACTIONS or self.board is None:
            return ""
        column = printable(self.rules.columns[self.current_lane()])
        wanted = self.filter_text.strip()
        if wanted and not any(lane.count for lane in self.lanes()):
            return f"No card matches the filter “{printable(wanted)}”: Esc clears it."
        if wanted:
            return f"No card in {column} matches the filter: ← → to another column, Esc clears it."
        return f"No cards in {column}: a adds one here, ← → goes to another column."

    @on(Lane.Picked)
    def lane_picked(self, event: Lane.Picked) -> None:
        """A click chose a card."""
        self.choose_lane(self.lanes().index(event.lane))
        if self.query_one("#board-filter", Input).has_focus:
            self.set_focus(None)

    def selected_id(self) -> str | None:
        chosen = self.selected()
        return None if chosen is None else chosen.id

    def selected(self) -> Item | None:
        return self.lanes()[self.current_lane()].selected

    def action_column(self, step: int) -> None:
        lanes = self.lanes()
        index = (self.current_lane() + step) % len(lanes)
        row = lanes[self.current_lane()].highlighted or 0
        target = lanes[index]
        self.choose_lane(index)
        if target.count:
            target.highlighted = min(row, target.count - 1)

    def action_cursor(self, step: int) -> None:
        self.lanes()[self.current_lane()].action_cursor(step)

    def action_page(self, step: int) -> None:
        self.lanes()[self.current_lane()].action_page_cursor(step)

    def action_end(self, step: int) -> None:
        lane = self.lanes()[self.current_lane()]
        if step > 0:
            lane.action_last()
        else:
            lane.action_first()

    # changes --------------------------------------------------------------

    def _change(self, change: Callable[[], object], keep: str | None = None) -> bool:
        """Run a board action; the board shows what is stored after it (or, when it
        failed, a notice and the board as it was)."""
        try:
            done = self.nb.guard(change)
        except (BoardError, RevisionError) as problem:
            self.notify(printable(str(problem)), severity="warning", markup=False)
            self.nb.changed()
            return False
        if done is None:
            return False
        self._after_save(keep)
        return True

    def _after_save(self, keep: str | None) -> None:
        self._keep = keep
        self.nb.changed()  # reloads this screen (load → show) and everything else

    def action_move(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            store, now = self.nb.store, self.nb.clock.now()
            moved: list[Item | None] = []

            def change() -> list[Item | None]:
                moved.append(cards.step(store, self.rules, item, step, now))
                return moved

            if self._change(change, item.id) and moved[0] is not None:
                card = moved[0]
                if card.contact_id and card.shipped and not item.shipped:
                    self.notify(
                        f"Shipped “{printable(card.title)}”: the follow-up is logged with "
                        "its person.",
                        markup=False,
                    )

    def action_reorder(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            store, now = self.nb.store, self.nb.clock.now()
            self._change(lambda: cards.reorder(store, self.rules, item, step, now), item.id)

    def action_add(self) -> None:
        column = self.rules.columns[self.current_lane()]
        form = ItemForm.kept(self.app, self.nb.today(), column=column)

        def save(draft: CardDraft) -> str | None:
            try:
                card = cards.add(
                    self.nb.store,
                    self.rules,
                    draft.title,
                    self.nb.clock.now(),
                    column=column,
                    notes=draft.notes,
                    tags=draft.tags,
                    due=draft.due,
                    estimate=draft.estimate,
                )
            except (ValueError, StoreError, OSError) as problem:
                return str(problem)
            self._after_save(card.id)
            return None

        form.saving = save
        self.app.push_screen(form)

    def action_edit(self) -> None:
        item = self.selected()
        if item is None:
            return
        form = ItemForm.kept(self.app, self.nb.today(), item)
        store, rules = self.nb.store, self.rules

        def wanted(seen: Item, draft: CardDraft) -> Item:
            return board_rules.edit(
                seen,
                self.nb.clock.now(),
                title=draft.title,
                notes=draft.notes,
                tags=draft.tags,
                due=draft.due,
                estimate=draft.estimate,
            )

        RecordEdit(
            form,
            item,
            noun="card",
            wanted=wanted,
            save=lambda seen, card: cards.edit(store, rules, seen, card),
            add_again=lambda card: cards.add_again(store, rules, card, self.nb.clock.now()),
            saved=lambda card: self._after_save(card.id),
        )
        self.app.push_screen(form)

    @on(Lane.Chosen)
    def card_chosen(self) -> None:
        self.action_edit()

    def action_delete(self) -> None:
        item = self.selected()
        if item is not None:
            self._ask_to_delete(item)

    def _ask_to_delete(self, item: Item, again: str = "") -> None:
        """Ask about this card as it is; changed before the answer, ask again."""

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = self.nb.guard(lambda: cards.delete(self.nb.store, self.rules, item))
            except RecordChanged as changed:
                self._ask_to_delete(changed.stored, f"{changed}. ")
                return
            except RecordGone as gone:
                self.notify(printable(str(gone)), severity="warning", markup=False)
                self.nb.changed()
                return
            if done is not None:
                self._after_save(None)
                self.notify("Card deleted; its sessions keep their minutes and its title.")

        self.app.push_screen(
            ConfirmScreen(
                f"{again}Delete the card “{printable(item.title)}”?", yes="Delete", no="Keep"
            ),
            answered,
        )

    def action_archive(self) -> None:
        """Asks first, naming how many; says what it did."""
        board = self.board
        count = 0 if board is None else len(board.cards(self.rules.shipped))
        if not count:
            self.notify(f"No cards in {self.rules.shipped} to archive.")
            return
        card_s = "card" if count == 1 else "cards"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            store, now = self.nb.store, self.nb.clock.now()
            archived: list[Item] = []

            def archive() -> list[Item]:
                archived.extend(cards.archive_shipped(store, self.rules, now))
                return archived

            if self._change(archive):
                done = len(archived)
                self.notify(
                    f"Archived {done} {'card' if done == 1 else 'cards'}; they stay in the "
                    "track record (r)."
                )

        self.app.push_screen(
            ConfirmScreen(
                f"Archive the {count} {card_s} in {printable(self.rules.shipped)}? They leave "
                "the board and stay in the track record.",
                yes="Archive",
                no="Keep",
            ),
            answered,
        )

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
        items = self.nb.guard(lambda: cards.track_record(self.nb.store)) or []
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
        self.set_focus(None)  # the keys go back to the board
        self.show()

    def action_clear_filter(self) -> None:
        field = self.query_one("#board-filter", Input)
        field.value = ""
        field.display = False
        self.filter_text = ""
        self.show()
