"""A table of contacts that draws only the rows on screen (the Line API), so 5,000
contacts show, scroll and filter as fast as 50.

The screen hands it plain rows, or `Rows` that make each row when it is first drawn.
A row, once drawn, is kept for as long as the look (the frame's styles and width) stays,
so a filter keystroke or a cursor move draws only the rows not on screen before; and
a new number of rows moves the scroll bar without laying the screen out again. It
posts `Highlighted` when the cursor moves, `Chosen` on Enter or a click on the selected
row and `SortClicked` for a click on a heading. Its look is in app.tcss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from netbalance.tui.textual_internals import ScrollBarsOnChange, set_virtual_size_quietly

HEADINGS = ("Name", "Organisation", "Tags", "Last contact", "Next due", "Talks")
FIXED = (0, 0, 0, 12, 10, 5)  # the last three columns; the rest share what is left
SHARES = (3, 2, 2)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One row, already made printable."""

    id: str
    name: str
    organisation: str
    tags: str
    last_contact: str
    next_due: str
    interactions: str
    overdue: bool = False


class Rows(Sequence[ContactRow]):
    """Rows made when first asked for: only the rows in view need their text."""

    def __init__(self, ids: Sequence[str], make: Callable[[int], ContactRow]) -> None:
        self.ids = ids
        self._make = make

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> ContactRow: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ContactRow]: ...

    def __getitem__(self, index: int | slice) -> ContactRow | Sequence[ContactRow]:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(len(self.ids)))]
        if index < 0:
            index += len(self.ids)
        if not 0 <= index < len(self.ids):
            raise IndexError(index)
        return self._make(index)


class ContactTable(ScrollBarsOnChange, can_focus=True):
    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--overdue",
        "contact-table--muted",
    }
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="contacts.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="contacts.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="contacts.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="contacts.page_down"),
        Binding("home", "edge(0)", "First", show=False, id="contacts.first"),
        Binding("end", "edge(1)", "Last", show=False, id="contacts.last"),
        Binding("enter", "choose", "Edit", show=False, id="contacts.choose"),
    ]

    cursor: reactive[int] = reactive(0, repaint=False)

    @dataclass
    class Highlighted(Message):
        table: ContactTable
        contact_id: str | None

        @property
        def control(self) -> ContactTable:
            return self.table

    @dataclass
    class Chosen(Message):
        table: ContactTable
        contact_id: str

        @property
        def control(self) -> ContactTable:
            return self.table

    @dataclass
    class SortClicked(Message):
        table: ContactTable
        column: int

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[ContactRow] = ()
        self.ids: Sequence[str] = ()
        self.sorted_by: int | None = 0  # the column the rows are sorted by (by name)
        self._look: _Look | None = None
        self._drawn: dict[tuple[ContactRow | None, bool], Strip] = {}

    # data -------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactRow], keep: str | None = None) -> None:
        """Show these rows; the cursor stays on `keep` when it is among them."""
        self.rows = rows
        self.ids = rows.ids if isinstance(rows, Rows) else [row.id for row in rows]
        self._set_length(len(rows))
        index = _index(self.ids, keep) if keep else None
        target = index if index is not None else min(self.cursor, max(0, len(rows) - 1))
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

    def move_to(self, contact_id: str) -> bool:
        index = _index(self.ids, contact_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # cursor -----------------------------------------------------------------

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
            x = event.x
            for column, width in enumerate(self._widths()):
                if x < width + 1:
                    self.post_message(self.SortClicked(self, column))
                    return
                x -= width + 1
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain > 1:
                self.action_choose()
            self.cursor = index

    # drawing ----------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.rows) + 1)

    def _set_length(self, rows: int) -> None:
        """The scrollable size for this many rows (never wider than the view). Only the
        scroll bars follow it: the table's place on screen stays, so nothing is laid out
        again; when a scroll bar comes or goes, Textual lays the screen out itself."""
        set_virtual_size_quietly(self, Size(0, rows + 1))

    def sort_shown(self, column: int | None) -> None:
        """Mark the column the rows are sorted by in the heading."""
        if column != self.sorted_by:
            self.sorted_by = column
            self._look = None
            self.refresh()

    def _widths(self) -> list[int]:
        return list(_widths(self.scrollable_content_region.width))

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of one frame: the styles are looked up once for all of them, and
        a row drawn before in the same look is not drawn again."""
        self._current_look()
        return super().render_lines(crop)

    def _current_look(self) -> _Look:
        """The styles and widths the rows are drawn with now (a change of theme, focus
        or size makes a new look, and the rows drawn in the old one are dropped)."""
        base = self.rich_style
        look = _Look(
            sorted_by=self.sorted_by,
            width=self.scrollable_content_region.width,
            base=base,
            header=base + self.get_component_rich_style("contact-table--header"),
            cursor=base + self.get_component_rich_style("contact-table--cursor"),
            muted=self.get_component_rich_style("contact-table--muted", partial=True),
            overdue=self.get_component_rich_style("contact-table--overdue", partial=True),
        )
        if look != self._look:
            self._look = look
            self._drawn.clear()
        return look

    def render_line(self, y: int) -> Strip:
        look = self._look or self._current_look()
        if y == 0:
            return self._drawn_row(None, False, look)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(look.width, look.base)
        return self._drawn_row(self.rows[index], index == self.cursor, look)

    def _drawn_row(self, row: ContactRow | None, selected: bool, look: _Look) -> Strip:
        """The heading (`row` None) or a row, drawn once for each look and selection."""
        key = (row, selected)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= DRAWN_ROWS_KEPT:
                self._drawn.clear()
            strip = self._drawn[key] = _draw(row, selected, look)
        return strip


@dataclass(frozen=True, slots=True)
class _Look:
    """What a row is drawn with: the content width and the styles of one frame."""

    sorted_by: int | None  # the column the rows are sorted by: marked ▾ in the heading
    width: int
    base: Style
    header: Style
    cursor: Style
    muted: Style  # partial styles, added to the row's
    overdue: Style

    @property
    def widths(self) -> tuple[int, ...]:
        return _widths(self.width)


DRAWN_ROWS_KEPT = 500  # rows kept drawn (a screen shows about 40): dropped all at once when full


def _draw(row: ContactRow | None, selected: bool, look: _Look) -> Strip:
    if row is None:
        headings = tuple(
            f"{heading} ▾" if index == look.sorted_by else heading
            for index, heading in enumerate(HEADINGS)
        )
        return _line(headings, (look.header,) * len(HEADINGS), look)
    style = look.cursor if selected else look.base
    muted = style + look.muted
    due = style + look.overdue if row.overdue else style
    cells = (
        row.name,
        row.organisation,
        row.tags,
        row.last_contact,
        row.next_due,
        row.interactions,
    )
    return _line(cells, (style, style, muted, style, due, style), look)


def _line(cells: Sequence[str], styles: Sequence[Style], look: _Look) -> Strip:
    segments: list[Segment] = []
    for index, (text, width, style) in enumerate(zip(cells, look.widths, styles, strict=True)):
        if index:
            segments.append(Segment(" ", styles[0]))
        segments.append(Segment(fit(text, width), style))
    return Strip(segments).adjust_cell_length(look.width, styles[0])


@lru_cache(maxsize=16)
def _widths(width: int) -> tuple[int, ...]:
    """The columns' widths in a table `width` cells wide."""
    fixed = sum(FIXED) + len(HEADINGS) - 1
    left = max(len(SHARES) * 4, width - fixed)
    total = sum(SHARES)
    shared = [left * share // total for share in SHARES]
    shared[0] += left - sum(shared)
    return (*shared, *FIXED[len(SHARES) :])


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
