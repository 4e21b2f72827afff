"""What the Contacts and History tables share: a table drawn a line at a time (the Line
API), so only the rows on screen are ever drawn, whatever the number of rows.

A row, once drawn, is kept for as long as the look (the frame's styles and width) stays,
so a cursor move draws two rows and a new set of rows draws only those on screen; a new
number of rows moves the scroll bar without laying the screen out again. The cursor is a
row index; the table posts `Highlighted` when it moves and `Chosen` on Enter or a double
click on a row. A subclass says what its rows are, how its look is read from the
stylesheet (`make_look`) and how a row and the heading are drawn (`draw`); its keys are
`cursor_bindings` under its own ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from netbalance.tui.textual_internals import ScrollBarsOnChange, set_virtual_size_quietly


@dataclass(frozen=True, slots=True)
class Look:
    """What rows are drawn with in one frame: the content width and the table's style.
    A subclass adds its own styles; a change of any of them draws the rows again."""

    width: int
    base: Style


RowT = TypeVar("RowT")
LookT = TypeVar("LookT", bound=Look)

DRAWN_ROWS_KEPT = 500  # rows kept drawn (a screen shows about 40): dropped all at once when full


def cursor_bindings(area: str, chosen: str) -> list[BindingType]:
    """The table's keys, with ids under `area` (`contacts.up`) so the keymap reaches them;
    `chosen` is what Enter does, in the footer's words."""
    return [
        Binding("up,k", "move(-1)", "Up", show=False, id=f"{area}.up"),
        Binding("down,j", "move(1)", "Down", show=False, id=f"{area}.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{area}.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id=f"{area}.page_down"),
        Binding("home", "edge(0)", "First", show=False, id=f"{area}.first"),
        Binding("end", "edge(1)", "Last", show=False, id=f"{area}.last"),
        Binding("enter", "choose", chosen, show=False, id=f"{area}.choose"),
    ]


class LineTable(ScrollBarsOnChange, Generic[RowT, LookT], can_focus=True):
    """Rows under a one-line heading, each row named by an id (`ids`, in row order)."""

    ZEBRA: ClassVar[bool] = False  # every other row drawn with the `stripe` of `draw`

    cursor: reactive[int] = reactive(0, repaint=False)

    @dataclass
    class Highlighted(Message):
        table: LineTable[Any, Any]
        row_id: str | None

        @property
        def control(self) -> LineTable[Any, Any]:
            return self.table

    @dataclass
    class Chosen(Message):
        table: LineTable[Any, Any]
        row_id: str

        @property
        def control(self) -> LineTable[Any, Any]:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[RowT] = ()
        self.ids: Sequence[str] = ()
        self._look: LookT | None = None
        self._drawn: dict[tuple[RowT | None, bool, bool], Strip] = {}

    # what a subclass says -------------------------------------------------------

    def make_look(self) -> LookT:
        """The styles and width of this frame (read from the stylesheet)."""
        raise NotImplementedError

    def draw(self, row: RowT | None, selected: bool, stripe: bool, look: LookT) -> Strip:
        """The heading (`row` None) or one row, `look.width` cells wide."""
        raise NotImplementedError

    def heading_clicked(self, x: int) -> None:
        """A click on the heading, `x` cells from the left."""

    # data -------------------------------------------------------------------------

    def show_rows(
        self, rows: Sequence[RowT], ids: Sequence[str], keep: str | None, otherwise: int | None
    ) -> None:
        """Show these rows; the cursor stays on `keep` when it is among them, else goes to
        row `otherwise` (None: stays at its index, within the rows)."""
        self.rows = rows
        self.ids = ids
        self._set_length(len(rows))
        index = _index(ids, keep) if keep else None
        if index is None:
            index = otherwise if otherwise is not None else self.cursor
        target = max(0, min(index, len(rows) - 1))
        if target == self.cursor:
            self._reveal()
            self.post_message(self.Highlighted(self, self.selected_id()))
        else:
            self.cursor = target
        self.refresh()

    def selected_id(self) -> str | None:
        if not 0 <= self.cursor < len(self.ids):
            return None
        return self.ids[self.cursor]

    def move_to(self, row_id: str) -> bool:
        index = _index(self.ids, row_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # cursor -----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._reveal()
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected_id()))

    def _reveal(self) -> None:
        visible = max(1, self.size.height - 1)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, step: int) -> None:
        self.cursor += step * max(1, self.size.height - 2)

    def action_edge(self, end: int) -> None:
        self.cursor = len(self.rows) - 1 if end else 0

    def action_choose(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.post_message(self.Chosen(self, chosen))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self.heading_clicked(event.x)
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain > 1:
                self.action_choose()
            self.cursor = index

    # drawing ----------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.rows) + 1)
        self._reveal()  # shorter now (the details beside it grew): the cursor stays in view

    def _set_length(self, rows: int) -> None:
        """The scrollable size for this many rows (never wider than the view). Only the
        scroll bars follow it: the table's place on screen stays, so nothing is laid out
        again; when a scroll bar comes or goes, Textual lays the screen out itself."""
        set_virtual_size_quietly(self, Size(0, rows + 1))

    def restyle(self) -> None:
        """Draw every row again (something `make_look` reads changed)."""
        self._look = None
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of one frame: the styles are looked up once for all of them, and
        a row drawn before in the same look is not drawn again."""
        self._current_look()
        return super().render_lines(crop)

    def _current_look(self) -> LookT:
        """The look now (a change of theme, focus or size makes a new look, and the rows
        drawn in the old one are dropped)."""
        look = self.make_look()
        if look != self._look:
            self._look = look
            self._drawn.clear()
        return look

    def render_line(self, y: int) -> Strip:
        look = self._look or self._current_look()
        if y == 0:
            return self._drawn_row(None, False, False, look)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(look.width, look.base)
        stripe = self.ZEBRA and index % 2 == 0
        return self._drawn_row(self.rows[index], index == self.cursor, stripe, look)

    def _drawn_row(self, row: RowT | None, selected: bool, stripe: bool, look: LookT) -> Strip:
        """The heading (`row` None) or a row, drawn once for each look and selection."""
        key = (row, selected, stripe)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= DRAWN_ROWS_KEPT:
                self._drawn.clear()
            strip = self._drawn[key] = self.draw(row, selected, stripe, look)
        return strip


def _index(ids: Sequence[str], wanted: str) -> int | None:
    try:
        return ids.index(wanted)
    except ValueError:
        return None


def fit(text: str, width: int) -> str:
    """The text in exactly `width` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…" if width else ""
