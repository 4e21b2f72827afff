"""A card on the board, as text: title, tags, due date, estimate and time spent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text

from netbalance.core.board import overdue
from netbalance.core.instants import format_hours
from netbalance.core.models import Item
from netbalance.core.text import printable

BOX_MINUTES = 25  # an estimate "in boxes" is read as boxes of this length for the bar
BAR = 6


@dataclass(frozen=True)
class CardColours:
    """Theme colours the card text needs (Rich text cannot use CSS variables)."""

    muted: str
    overdue: str
    produce: str


def card_text(item: Item, spent_seconds: int, today: date, colours: CardColours) -> Text:
    """The lines of a card; user text shown literally."""
    text = Text(printable(item.title), style="bold")
    if item.tags:
        text.append("\n")
        text.append(" ".join(f"#{printable(tag)}" for tag in item.tags), style=colours.muted)
    if item.due is not None:
        late = overdue(item, today)
        text.append("\n")
        text.append(
            f"{'overdue' if late else 'due'} {item.due:%a %d %b}",
            style=f"bold {colours.overdue}" if late else colours.muted,
        )
    spent = spent_seconds / 60
    if item.estimate:
        share = min(1.0, spent / (item.estimate * BOX_MINUTES))
        filled = round(share * BAR)
        text.append("\n")
        text.append("▰" * filled, style=colours.produce)
        text.append("▱" * (BAR - filled), style=colours.muted)
        text.append(
            f" {item.estimate} box{'es' if item.estimate != 1 else ''}", style=colours.muted
        )
    if spent:
        text.append("\n")
        text.append(f"{format_hours(spent)} spent", style=colours.produce)
    text.append("\n")  # a blank line between cards
    return text
