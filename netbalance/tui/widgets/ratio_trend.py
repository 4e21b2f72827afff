"""The weekly ratio of the last 12 weeks as a small column chart, with the target. Plain
values in, a Rich `Text` out (the dashboard shows it in a Static; nothing here imports
Textual, and it is imported after the first frame)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from netbalance.core.stats import format_ratio

LEVELS = " ▁▂▃▄▅▆▇█"
ROWS = 4


@dataclass(frozen=True)
class WeekRatio:
    label: str  # 2026-W48
    produce: float
    network: float

    @property
    def ratio(self) -> float | None:
        if self.network <= 0:
            return None if self.produce <= 0 else float("inf")
        return self.produce / self.network


def render_trend(
    weeks: Sequence[WeekRatio], target: float, good: str, bad: str, rows: int = ROWS
) -> Text:
    """Columns `rows` high, two cells per week; a week at or above the target in `good`,
    below it in `bad`; the top is twice the target (anything higher is capped)."""
    top = max(target * 2, 1.0)
    heights = []
    for week in weeks:
        value = week.ratio
        capped = 0.0 if value is None else min(value, top)
        heights.append(capped / top * rows * 8)
    text = Text()
    for row in range(rows, 0, -1):
        marker = "┄" if abs(row - rows / 2) < 0.5 else " "
        for week, height in zip(weeks, heights, strict=True):
            value = week.ratio
            style = good if value is not None and round(value, 1) >= target else bad
            fill = height - (row - 1) * 8
            char = LEVELS[max(0, min(8, round(fill)))] if fill > 0 else marker
            text.append(char * 2 + " ", style=style if fill > 0 else "dim")
        text.append("\n")
    text.append(f"{weeks[0].label[-3:] if weeks else '':<6}", style="dim")
    last = weeks[-1] if weeks else None
    if last is not None:
        width = max(0, len(weeks) * 3 - 12)
        text.append(f"{'':<{width}}{last.label[-3:]:>6}", style="dim")
        text.append(f"\nlast: {format_ratio(last.produce, last.network)}", style="bold")
        text.append(f"  target {target:g} : 1 (┄)", style="dim")
    return text
