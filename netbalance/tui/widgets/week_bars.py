"""A week as stacked bars, one row per day: produce then network, in the theme's colours,
with each day's total. Plain values in, a Rich `Text` out (the dashboard shows it in a
Static; nothing here imports Textual, and it is imported after the first frame)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text

from netbalance.core.instants import format_hours

BAR = "█"


@dataclass(frozen=True)
class DayBar:
    day: date
    produce: float  # minutes
    network: float
    today: bool = False


def render_bars(
    days: Sequence[DayBar], width: int, produce_colour: str, network_colour: str
) -> Text:
    most = max((d.produce + d.network for d in days), default=0.0)
    scale = max(most, 60.0)
    text = Text()
    for index, day in enumerate(days):
        if index:
            text.append("\n")
        label = f"{day.day:%a %d}"
        text.append(f"{label:<7}", style="bold" if day.today else "")
        text.append("▸ " if day.today else "  ")
        produce = round(width * day.produce / scale)
        network = round(width * day.network / scale)
        text.append(BAR * produce, style=produce_colour)
        text.append(BAR * network, style=network_colour)
        text.append(" " * max(0, width - produce - network))
        total = day.produce + day.network
        text.append(
            f" {format_hours(total) if total else '·':>9}", style="dim" if not total else ""
        )
    return text
