"""The running box, docked on every screen."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from netbalance.core import timer
from netbalance.core.instants import format_clock
from netbalance.core.models import ActiveBox
from netbalance.core.named import NamedTuple
from netbalance.core.text import printable


class TimerView(NamedTuple):
    """Everything the timer displays, as plain values; recomputed from the clock."""

    now: datetime
    box: ActiveBox | None = None
    boxes_today: int = 0
    break_end: datetime | None = None
    waiting: bool = False  # the box is over; another process holds the files: not recorded yet
    # boxes running on other devices of a shared data folder, with each device's name
    elsewhere: tuple[tuple[str, ActiveBox], ...] = ()

    @property
    def clock(self) -> str:
        if self.box is None:
            if self.break_end is not None:
                return format_clock((self.break_end - self.now).total_seconds())
            return "--:--"
        remaining = timer.remaining_seconds(self.box, self.now)
        if remaining is None:
            return format_clock(timer.elapsed_seconds(self.box, self.now))
        return format_clock(remaining)

    @property
    def state(self) -> str:
        """idle, break, running, paused or over."""
        if self.box is None:
            return "break" if self.break_end is not None else "idle"
        if self.box.is_paused:
            return "paused"
        return "over" if timer.is_over(self.box, self.now) else "running"

    @property
    def caption(self) -> str:
        """`left`, `elapsed`, `paused`… the word after the digits."""
        if self.box is None:
            return "break" if self.break_end is not None else ""
        if self.box.is_paused:
            return "paused"
        if self.waiting:
            return "over, waiting to be recorded"
        return "elapsed" if self.box.is_stopwatch else "left"

    @property
    def elsewhere_text(self) -> str:
        """`produce 24:59 left on laptop-3f9a1c` for each box running elsewhere."""
        return "  ·  ".join(
            f"{box.kind.value} {timer.left_text(box, self.now)} on {name}"
            for name, box in self.elsewhere
        )

    @property
    def today(self) -> str:
        return f"{self.boxes_today} box{'es' if self.boxes_today != 1 else ''} today"


class TimerBar(Static):
    """`▶ PRODUCE 23:41 left · Write chapter 3 · 3 boxes today`."""

    view: reactive[TimerView | None] = reactive(None)

    def watch_view(self, view: TimerView | None) -> None:
        kind = view.box.kind.value if view is not None and view.box is not None else ""
        state = view.state if view is not None else "idle"
        self.set_class(kind == "produce", "-produce")
        self.set_class(kind == "network", "-network")
        for name in ("idle", "paused", "break", "over"):
            self.set_class(state == name, f"-{name}")

    def render(self) -> Text:
        view = self.view
        if view is None:
            return Text("")
        line = Text(" ")
        if view.box is None and view.break_end is None:
            line.append("idle", style="bold")
            elsewhere = view.elsewhere_text
            if elsewhere:
                line.append(f"  ·  {printable(elsewhere)}", style="italic")
            line.append("  ·  p produce box  ·  n network box  ·  ? keys")
        elif view.box is None:
            line.append("☕ BREAK ", style="bold")
            line.append(f" {view.clock} left")
            line.append("  ·  b skip the break")
        else:
            box = view.box
            mark = "⏸" if box.is_paused else "▶"
            line.append(f"{mark} {box.kind.value.upper()} ", style="bold")
            line.append(f" {view.clock} {view.caption}")
            if box.link:
                line.append("  ·  ")
                line.append(printable(box.link))
        line.append(f"  ·  {view.today}")
        return line
