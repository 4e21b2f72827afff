"""The dashboard: today's, this week's and the last 30 days' balance, live."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Label, Static

from netbalance.core import timer
from netbalance.core.instants import format_hours
from netbalance.core.models import Kind
from netbalance.core.stats import Minutes, Windows
from netbalance.tui.screens.base import ModeScreen
from netbalance.tui.widgets.timer_bar import TimerView

WINDOWS = (("today", "Today"), ("this_week", "This week"), ("last_30_days", "Last 30 days"))

WELCOME = """\
Welcome to netbalance.

Produce first, then network deliberately — and keep the two in a healthy ratio.

  p   start a produce box (deep work on your own output)
  n   start a network box (time with the people who should know your work)
  ?   all keys

Your boxes, the week's balance and the ratio appear here as soon as you record one."""


class DashboardScreen(ModeScreen):
    """Cached window totals (read on data changes) plus the running box (on each tick)."""

    def __init__(self) -> None:
        super().__init__()
        self._windows: Windows | None = None
        self._shown: dict[str, str] = {}  # what each label shows now

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            yield Static(WELCOME, id="welcome")
            with Grid(id="balance"):
                for text in ("", "Produce", "Network", "Ratio"):
                    yield Label(text, classes="balance-head")
                for key, title in WINDOWS:
                    yield Label(title, classes="balance-window")
                    yield Label("", id=f"{key}-produce", classes="produce")
                    yield Label("", id=f"{key}-network", classes="network")
                    yield Label("", id=f"{key}-ratio", classes="ratio")
            yield Static("", id="target")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#balance").border_title = "Balance"

    def load(self) -> None:
        self._windows = self.nb.windows()
        view = self.nb.timer_view
        first_run = self.nb.is_first_run() and (view is None or view.box is None)
        self.query_one("#welcome").display = first_run
        self.query_one("#balance").display = not first_run
        self.query_one("#target").display = not first_run
        self.show(view)

    def tick(self, view: TimerView) -> None:
        if self._windows is not None:
            self.show(view)

    def show(self, view: TimerView | None) -> None:
        windows = self._windows
        if windows is None:
            return
        running = Minutes()
        if view is not None and view.box is not None:
            minutes = timer.elapsed_seconds(view.box, view.now) / 60
            running = (
                Minutes(produce=minutes)
                if view.box.kind is Kind.PRODUCE
                else Minutes(network=minutes)
            )
            self.query_one("#welcome").display = False
            self.query_one("#balance").display = True
            self.query_one("#target").display = True
        texts: dict[str, str] = {}
        for key, _title in WINDOWS:
            minutes_now: Minutes = getattr(windows, key) + running
            texts[f"{key}-produce"] = format_hours(minutes_now.produce)
            texts[f"{key}-network"] = format_hours(minutes_now.network)
            texts[f"{key}-ratio"] = minutes_now.ratio_text
        for name, text in texts.items():
            if self._shown.get(name) != text:  # most ticks change nothing: skip the repaint
                self._shown[name] = text
                self.query_one(f"#{name}", Label).update(text)
        settings = self.nb.settings
        week = windows.this_week + running
        target = Text()
        target.append(f"Target {settings.target_ratio:g} : 1", style="bold")
        target.append(
            f"  ·  this week {format_hours(week.produce)} of {settings.produce_budget_hours:g} h"
            f" produce, {format_hours(week.network)} of {settings.network_budget_hours:g} h network"
        )
        if view is not None:
            target.append(f"  ·  {view.today}")
        if self._shown.get("target") != target.plain:
            self._shown["target"] = target.plain
            self.query_one("#target", Static).update(target)
