"""The track record: what shipped, newest first — what makes people know you."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from netbalance.core.instants import format_hours
from netbalance.core.models import Item
from netbalance.tui.literal import literal
from netbalance.tui.textual_internals import DialogShownOnce


class TrackRecordScreen(DialogShownOnce[None]):
    BINDINGS = [Binding("escape,r,q", "dismiss", "Close", id="track.close")]

    def __init__(self, items: list[Item], spent: dict[str, int]) -> None:
        super().__init__()
        self.items = items
        self.spent = spent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="track-record"):
            yield Static(f"Track record — {len(self.items)} shipped", classes="dialog-title")
            table: DataTable[object] = DataTable(id="track-table", cursor_type="row")
            # the short columns first: a long title is cut, never the time spent
            table.add_columns("Shipped", "Time spent", "Title", "Tags")
            for item in self.items:
                shipped = f"{item.shipped:%Y-%m-%d}" if item.shipped else ""
                table.add_row(
                    shipped,
                    format_hours(self.spent.get(item.id, 0) / 60),
                    literal(item.title),
                    literal(" ".join(f"#{tag}" for tag in item.tags)),
                    key=item.id,
                )
            yield table
            yield Static("Esc closes", classes="dialog-hint")
