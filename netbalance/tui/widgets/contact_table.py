"""A table of contacts that draws only the rows on screen (a `LineTable`), so 5,000
contacts show, scroll and filter as fast as 50.

The screen hands it plain rows, or `Rows` that make each row when it is first drawn.
A row, once drawn, is kept for as long as the look (the frame's styles and width) stays,
so a filter keystroke or a cursor move draws only the rows not on screen before; and
a new number of rows moves the scroll bar without laying the screen out again. It
posts `Highlighted` when the cursor moves, `Chosen` on Enter or a double click on the
selected row and `SortClicked` for a click on a heading. Its look is in app.tcss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from netbalance.tui.widgets.line_table import LineTable, Look, cursor_bindings, fit

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


class ContactTable(LineTable[ContactRow, "_Look"]):
    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--cursor",
        "contact-table--overdue",
        "contact-table--muted",
    }
    BINDINGS = cursor_bindings("contacts", "Edit")

    class Highlighted(LineTable.Highlighted):
        @property
        def contact_id(self) -> str | None:
            return self.row_id

    class Chosen(LineTable.Chosen):
        @property
        def contact_id(self) -> str:
            return self.row_id

    @dataclass
    class SortClicked(Message):
        table: ContactTable
        column: int

        @property
        def control(self) -> ContactTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sorted_by: int | None = 0  # the column the rows are sorted by (by name)

    # data -------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ContactRow], keep: str | None = None) -> None:
        """Show these rows; the cursor stays on `keep` when it is among them."""
        ids = rows.ids if isinstance(rows, Rows) else [row.id for row in rows]
        self.show_rows(rows, ids, keep, None)

    def heading_clicked(self, x: int) -> None:
        for column, width in enumerate(self._widths()):
            if x < width + 1:
                self.post_message(self.SortClicked(self, column))
                return
            x -= width + 1

    # drawing ----------------------------------------------------------------

    def sort_shown(self, column: int | None) -> None:
        """Mark the column the rows are sorted by in the heading."""
        if column != self.sorted_by:
            self.sorted_by = column
            self.restyle()

    def _widths(self) -> list[int]:
        return list(_widths(self.scrollable_content_region.width))

    def make_look(self) -> _Look:
        base = self.rich_style
        return _Look(
            sorted_by=self.sorted_by,
            width=self.scrollable_content_region.width,
            base=base,
            header=base + self.get_component_rich_style("contact-table--header"),
            cursor=base + self.get_component_rich_style("contact-table--cursor"),
            muted=self.get_component_rich_style("contact-table--muted", partial=True),
            overdue=self.get_component_rich_style("contact-table--overdue", partial=True),
        )

    def draw(self, row: ContactRow | None, selected: bool, stripe: bool, look: _Look) -> Strip:
        return _draw(row, selected, look)


@dataclass(frozen=True, slots=True)
class _Look(Look):
    """The contact table's styles of one frame, beside the width and base style."""

    sorted_by: int | None  # the column the rows are sorted by: marked ▾ in the heading
    header: Style
    cursor: Style
    muted: Style  # partial styles, added to the row's
    overdue: Style

    @property
    def widths(self) -> tuple[int, ...]:
        return _widths(self.width)


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
