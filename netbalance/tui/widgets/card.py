"""A card on the board, as text: title, tags, due date, estimate and time spent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from netbalance.core.board import overdue
from netbalance.core.dates import brief
from netbalance.core.instants import format_hours
from netbalance.core.models import Item
from netbalance.core.text import printable

BOX_MINUTES = 25  # an estimate "in boxes" is read as boxes of this length for the bar
BAR = 6
_MEASURE = Console(width=1000, color_system=None, legacy_windows=False)  # wraps text only


@dataclass(frozen=True)
class CardColours:
    """Theme colours the card text needs (Rich text cannot use CSS variables)."""

    muted: str
    overdue: str
    produce: str


TITLE_LINES = 2  # a longer title ends in "…"


def card_height(item: Item, spent_seconds: int, width: int) -> int:
    """The number of lines `card_lines` gives, without drawing the card."""
    title = 1 if cell_len(printable(item.title)) <= width else TITLE_LINES
    return (
        title
        + bool(item.tags)
        + (item.due is not None)
        + bool(item.estimate)
        + bool(spent_seconds)
        + 1  # a blank line between cards
    )


def card_lines(
    item: Item, spent_seconds: int, today: date, colours: CardColours, width: int
) -> list[Text]:
    """The lines of a card at a width; user text shown literally, cut with "…"."""
    title = Text(printable(item.title), style="bold")
    wrapped = list(title.wrap(_MEASURE, width, overflow="fold")) if title.cell_len > width else []
    lines = wrapped[:TITLE_LINES] or [title]
    if len(wrapped) > TITLE_LINES:
        last = lines[-1]
        last.rstrip()
        last.truncate(width - 1)
        last.append("…")
    if item.tags:
        lines.append(Text(" ".join(f"#{printable(tag)}" for tag in item.tags), style=colours.muted))
    if item.due is not None:
        late = overdue(item, today)
        lines.append(
            Text(
                f"{'overdue' if late else 'due'} {brief(item.due, today)}",
                style=f"bold {colours.overdue}" if late else colours.muted,
            )
        )
    spent = spent_seconds / 60
    if item.estimate:
        share = min(1.0, spent / (item.estimate * BOX_MINUTES))
        filled = round(share * BAR)
        bar = Text()
        bar.append("▰" * filled, style=colours.produce)
        bar.append("▱" * (BAR - filled), style=colours.muted)
        bar.append(f" {item.estimate} box{'es' if item.estimate != 1 else ''}", style=colours.muted)
        lines.append(bar)
    if spent_seconds:
        lines.append(Text(f"{format_hours(spent)} spent", style=colours.produce))
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    lines.append(Text())  # a blank line between cards
    return lines
