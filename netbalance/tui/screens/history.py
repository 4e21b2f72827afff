"""History: this week's sessions in time order, by local day."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable

from netbalance.core.instants import format_duration
from netbalance.tui.literal import literal
from netbalance.tui.screens.base import ModeScreen


class HistoryScreen(ModeScreen):
    def compose_body(self) -> ComposeResult:
        table: DataTable[object] = DataTable(id="history", cursor_type="row", zebra_stripes=True)
        table.add_columns("Day", "Time", "Kind", "Length", "On", "Note")
        yield table

    def load(self) -> None:
        zone = self.nb.zone
        table = self.query_one("#history", DataTable)
        table.clear()
        for session in reversed(self.nb.week_sessions()):
            start = session.start.astimezone(zone)
            end = session.end.astimezone(zone)
            table.add_row(
                f"{start:%a %d %b}",
                f"{start:%H:%M}–{end:%H:%M}",
                Text(session.kind.value, style=self.nb.kind_colour(session.kind)),
                format_duration(session.active_seconds),
                literal(session.link or ""),
                literal(session.note),
                key=session.id,
            )
