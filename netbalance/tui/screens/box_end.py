"""Until when to record a box that cannot be recorded as it is (it ran longer than 24
hours, or over another session): the app's side of `netbalance stop --at TIME`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from netbalance.core.text import printable
from netbalance.core.when import WhenError, parse_instant
from netbalance.tui.textual_internals import DialogShownOnce


class BoxEndScreen(DialogShownOnce[bool]):
    """The question, and a time prefilled with a sensible end. Enter records the box
    until the time typed (`record` says why not, and the form stays open); Esc leaves
    the box as it is. Dismissed with True once recorded."""

    DEFAULT_CSS = "BoxEndScreen { align: center middle; }"
    BINDINGS = [Binding("escape", "leave", "Leave it", id="box_end.leave")]

    def __init__(
        self,
        problem: str,
        suggested: datetime,
        zone: tzinfo,
        now: Callable[[], datetime],
        record: Callable[[datetime], str | None],
    ) -> None:
        super().__init__(id="box-end")
        self.problem = problem
        self.suggested = suggested
        self.zone = zone
        self.now = now
        self.record = record

    def compose(self) -> ComposeResult:
        shown = self.suggested.astimezone(self.zone)
        with Vertical(classes="dialog", id="box-end-dialog"):
            yield Static(
                Text(f"{self.problem[:1].upper()}{self.problem[1:]}."), classes="dialog-title"
            )
            yield Static("Record it until:", classes="dialog-subtitle")
            yield Input(value=f"{shown:%Y-%m-%d %H:%M}", id="box-end-time", max_length=40)
            yield Static("", id="box-end-error", classes="dialog-error")
            yield Static(
                "Enter records it · Esc leaves the box as it is (x cancels it)",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#box-end-time", Input).focus()

    @on(Input.Submitted, "#box-end-time")
    def typed(self, event: Input.Submitted) -> None:
        try:
            at = parse_instant(event.value, self.now(), self.zone)
        except WhenError as problem:
            self._refuse(str(problem))
            return
        refused = self.record(at)
        if refused is not None:
            self._refuse(refused)
            return
        self.dismiss(True)

    def _refuse(self, problem: str) -> None:
        error = self.query_one("#box-end-error", Static)
        error.update(Text(printable(problem)))
        error.display = True

    def action_leave(self) -> None:
        self.dismiss(False)
