"""A board column's head, said in the room it has: `Doing  2 of 3` over its cards'
estimate and time spent (`4 boxes · 14 h 26 m spent`), shortened by whole words as the
column narrows (`4 boxes · 14 h 26 m`, then `14 h 26 m spent`, then `14 h 26 m`) rather
than cut off mid-figure. While a filter hides cards, `2 shown · ` comes first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label

from netbalance.core import words
from netbalance.core.instants import format_hours
from netbalance.core.text import printable


class ColumnHead(Label):
    # what it says: the first line; the second's `N shown · `, estimate and time spent
    _said: tuple[str, str, str, str] = ("", "", "", "")

    def show(
        self,
        column: str,
        held: int,
        limit: int | None,
        shown: int,
        estimate: int,
        spent_minutes: float,
    ) -> None:
        """The column holds `held` cards (all of them, whatever a filter shows) against
        its `limit`; `shown` are on screen, with their `estimate` and time spent."""
        said = (
            printable(column) + f"  {held}" + (f" of {limit}" if limit is not None else ""),
            f"{shown} shown · " if shown != held else "",
            words.count(estimate, "box", "boxes"),
            format_hours(spent_minutes),
        )
        if said != self._said:
            self._said = said
            self.refresh()

    def render(self) -> Text:
        first = self._said[0]
        head = Text(first, style="bold")
        if not first:
            return head
        head.append("\n" + self._second_line(self.content_size.width), style="dim")
        return head

    def _second_line(self, width: int) -> str:
        _first, shown, boxes, spent = self._said
        choices = (
            f"{shown}{boxes} · {spent} spent",
            f"{shown}{boxes} · {spent}",
            f"{shown}{spent} spent",
        )
        return next((line for line in choices if len(line) <= width), f"{shown}{spent}")
