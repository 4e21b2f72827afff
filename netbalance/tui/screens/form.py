"""What every form shares: it closes only with values that passed their checks.

Save is ctrl+s, Enter in a field or the Save button; Cancel is Esc or its button. A
refused value (any ValueError the form's `draft()` raises, naming the field) shows in
the form's error line, literally, and the form stays open.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from netbalance.core.text import printable

Draft = TypeVar("Draft")


class Form(ModalScreen[Draft | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    def draft(self) -> Draft:
        """The form's values, checked; a ValueError naming the field otherwise."""
        raise NotImplementedError

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def buttons(self, save: str = "Save (ctrl+s)") -> ComposeResult:
        """The error line and the buttons, at the foot of the form."""
        yield Static("", classes="dialog-error", markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(save, variant="primary", id="save")
            yield Button("Cancel (esc)", id="cancel")

    def action_save(self) -> None:
        try:
            draft = self.draft()
        except ValueError as problem:
            error = self.query_one(".dialog-error", Static)
            error.update(Text(printable(str(problem))))
            error.display = True
            return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)
