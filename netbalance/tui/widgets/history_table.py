"""The History table: a week's days, each with its sessions and interactions, drawn a line
at a time (a `LineTable`), so a week change draws only the rows on screen.

The screen hands it plain rows (`HistoryRow`, already printable): a day's row (its date
and totals) followed by the day's sessions and interactions. The columns Day, Time, Kind
and Length are as wide as their widest cell; On and Note share what is left, and the
days' totals run across both (across all but Day when one does not fit there). Rows are
striped (zebra), a kind is drawn in its theme colour (`$produce`, `$network`), tags are
muted before the note. It posts `Highlighted` when the cursor moves and `Chosen` on Enter
or a double click. Its look is in app.tcss.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from netbalance.core.named import NamedTuple
from netbalance.tui.widgets.line_table import LineTable, Look, cursor_bindings, fit

HEADINGS = ("Day", "Time", "Kind", "Length", "On", "Note")
PADDING = 1  # cells each side of a cell, as Textual's DataTable has them
SIZED = 4  # Day, Time, Kind, Length: as wide as their widest cell; On and Note share the rest


class HistoryRow(NamedTuple):
    """One row, already made printable: a day's (`day` and `totals`) or an entry's."""

    id: str
    day: str = ""
    time: str = ""
    kind: str = ""  # "produce", or an interaction's channel
    tone: str = ""  # "produce" or "network": the colour the kind is drawn in
    length: str = ""
    on: str = ""
    tags: str = ""  # "#writing #thesis", muted before the note
    note: str = ""
    totals: str = ""  # a day's produce and network time: across On and Note, muted


class HistoryTable(LineTable[HistoryRow, "_Look"]):
    COMPONENT_CLASSES = {
        "history-table--header",
        "history-table--cursor",
        "history-table--stripe",
        "history-table--day",
        "history-table--muted",
        "history-table--produce",
        "history-table--network",
    }
    BINDINGS = cursor_bindings("history", "Edit")
    ZEBRA = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._natural: tuple[int, ...] = tuple(cell_len(h) for h in HEADINGS)
        self._totals = 0  # the widest day's totals

    def set_rows(self, rows: Sequence[HistoryRow], keep: str | None = None) -> None:
        """Show these rows; the cursor stays on `keep` when it is among them, else goes
        to the first row."""
        self._natural = _natural(rows)
        self._totals = max((cell_len(row.totals) for row in rows), default=0)
        self.show_rows(rows, [row.id for row in rows], keep, 0)

    def make_look(self) -> _Look:
        base = self.rich_style

        def partial(name: str) -> Style:
            return self.get_component_rich_style(f"history-table--{name}", partial=True)

        return _Look(
            width=self.scrollable_content_region.width,
            base=base,
            natural=self._natural,
            totals=self._totals,
            header=base + self.get_component_rich_style("history-table--header"),
            cursor=base + self.get_component_rich_style("history-table--cursor"),
            stripe=base + self.get_component_rich_style("history-table--stripe"),
            day=partial("day"),
            muted=partial("muted"),
            produce=partial("produce"),
            network=partial("network"),
        )

    def draw(self, row: HistoryRow | None, selected: bool, stripe: bool, look: _Look) -> Strip:
        return _draw(row, selected, stripe, look)


@dataclass(frozen=True, slots=True)
class _Look(Look):
    """The history table's styles of one frame, and its columns' natural widths."""

    natural: tuple[int, ...]  # each column's widest cell (or heading)
    totals: int  # the widest day's totals
    header: Style
    cursor: Style
    stripe: Style
    day: Style  # partial styles, added to the row's
    muted: Style
    produce: Style
    network: Style

    @property
    def widths(self) -> tuple[int, ...]:
        return _widths(self.width, self.natural)


Runs = tuple[tuple[str, Style], ...]  # a cell's text, in pieces of one style each


def _draw(row: HistoryRow | None, selected: bool, stripe: bool, look: _Look) -> Strip:
    if row is None:
        cells: list[Runs] = [((heading, look.header),) for heading in HEADINGS]
        return _line(cells, look.header, look)
    style = look.cursor if selected else look.stripe if stripe else look.base
    if row.totals:
        totals: Runs = ((row.totals, style + look.muted),)
        widths = look.widths
        if look.totals <= widths[SIZED] + widths[SIZED + 1] + 2 * PADDING:
            return _line([((row.day, style + look.day),), (), (), (), totals], style, look)
        return _line([((row.day, style + look.day),), totals], style, look)  # a narrow table
    tone = look.produce if row.tone == "produce" else look.network if row.tone else Style()
    note: Runs = ((row.note, style),)
    if row.tags:
        note = ((row.tags, style + look.muted), (f" {row.note}" if row.note else "", style))
    cells = [
        ((row.day, style + look.day),),
        ((row.time, style),),
        ((row.kind, style + tone),),
        ((row.length, style),),
        ((row.on, style),),
        note,
    ]
    return _line(cells, style, look)


def _line(cells: Sequence[Runs], style: Style, look: _Look) -> Strip:
    """The cells side by side, each padded; a last cell of fewer columns runs across the
    rest (a day's totals across On and Note). Neighbours of one style make one segment."""
    widths = look.widths
    pad = " " * PADDING
    pieces: list[tuple[str, Style]] = []
    for index, runs in enumerate(cells):
        width = widths[index]
        if index == len(cells) - 1:
            width += sum(w + 2 * PADDING for w in widths[index + 1 :])
        pieces.append((pad, style))
        for text, run_style in runs:
            if width <= 0:
                break
            shown = fit(text, width) if cell_len(text) > width else text
            pieces.append((shown, run_style))
            width -= cell_len(shown)
        pieces.append((" " * width + pad, style))
    segments: list[Segment] = []
    text, current = pieces[0]
    for piece, piece_style in pieces[1:]:
        if piece_style == current or not piece:
            text += piece
        else:
            segments.append(Segment(text, current))
            text, current = piece, piece_style
    segments.append(Segment(text, current))
    return Strip(segments).adjust_cell_length(look.width, style)


def _natural(rows: Sequence[HistoryRow]) -> tuple[int, ...]:
    """Each column's widest cell or heading (a day's totals run across, so not counted)."""
    entries = [row for row in rows if not row.totals]

    def widest(heading: str, cells: Iterable[str]) -> int:
        return max(cell_len(heading), max(map(cell_len, cells), default=0))

    return (
        widest("Day", (row.day for row in rows)),
        widest("Time", (row.time for row in entries)),
        widest("Kind", (row.kind for row in entries)),
        widest("Length", (row.length for row in entries)),
        widest("On", (row.on for row in entries)),
        widest("Note", (_note_text(row) for row in entries)),
    )


def _note_text(row: HistoryRow) -> str:
    """The Note cell's text: the tags, then the note."""
    return f"{row.tags} {row.note}" if row.tags and row.note else row.tags or row.note


@lru_cache(maxsize=16)
def _widths(width: int, natural: tuple[int, ...]) -> tuple[int, ...]:
    """The columns' widths in a table `width` cells wide: Day, Time, Kind and Length as
    their widest cell; On (the card or the person) as its widest too when that leaves Note
    its own or takes at most three fifths of what is left; Note the rest."""
    sized = natural[:SIZED]
    left = max(2, width - sum(sized) - 2 * PADDING * len(natural))
    on_natural, note_natural = natural[SIZED:]
    on = min(on_natural, max(left * 3 // 5, left - note_natural))
    return (*sized, on, left - on)
