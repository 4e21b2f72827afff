"""What every form shares: it closes only with values that passed their checks.

Save is ctrl+s, Enter in a field or the Save button; Cancel is Esc or its button. A
refused value (any ValueError the form's `draft()` raises, naming the field) shows in
the form's error line, literally, and the form stays open.

A stored value is shown in its field as `printable` makes it (`\\x1b` for an escape, per
line in a text area): a field never sends a control or bidi character to the terminal.
A field left as shown gives back the stored value, unchanged; an edited one, what is in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Static, TextArea

from netbalance.core.text import printable, printable_lines
from netbalance.tui.textual_internals import DialogShownOnce

Draft = TypeVar("Draft")


class FormRow(Horizontal):
    """A row of a form's fields, each in a column (a Vertical). The last column is marked
    `row-end` (app.tcss: no gap after it) as the row is composed, so it is styled once,
    as it mounts (marked after mounting, the columns were styled again)."""

    DEFAULT_CLASSES = "form-row"
    _last_column: Vertical | None = None  # the column marked so far

    def compose_add_child(self, widget: Widget) -> None:
        if isinstance(widget, Vertical):
            if self._last_column is not None:
                self._last_column.remove_class("row-end", update=False)
            widget.add_class("row-end", update=False)
            self._last_column = widget
        super().compose_add_child(widget)


class Form(DialogShownOnce[Draft | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
        # priority: the focus moves before the keys typed after Tab are handed out, so
        # text typed (or pasted as keys) fast lands in the next field, not the last one
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form.next"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="form.previous",
        ),
    ]

    # Saves the checked values before the form closes: None when saved, else why not
    # (the form stays open and shows it: a record changed or deleted meanwhile).
    saving: Callable[[Draft], str | None] | None = None

    def draft(self) -> Draft:
        """The form's values, checked; a ValueError naming the field otherwise."""
        raise NotImplementedError

    def fill(self, record: object) -> None:
        """Show a record's values in the fields (after a clash: see `RecordEdit`)."""
        raise NotImplementedError

    @on(events.Mount)
    def _show_fields_literally(self) -> None:
        """Each field shows its stored value made visible; what it showed is kept so that
        a field left alone gives back the stored value."""
        self._stored: dict[str, tuple[str, str]] = {}  # id → (stored, shown)
        for field in self.query(Input):
            if field.id and printable(field.value) != field.value:
                stored = field.value
                field.value = printable(stored)
                self._stored[field.id] = (stored, field.value)
        for area in self.query(TextArea):
            shown = printable_lines(area.text)
            if area.id and shown != area.text:
                stored = area.text
                area.load_text(shown)
                self._stored[area.id] = (stored, area.text)

    def _typed(self, widget: Input | TextArea, now: str) -> str:
        stored, shown = getattr(self, "_stored", {}).get(widget.id or "", (now, now))
        return stored if now == shown else now

    def value(self, selector: str) -> str:
        """An input's value: the stored one while the field is left as shown."""
        field = self.query_one(selector, Input)
        return self._typed(field, field.value)

    def text(self, selector: str) -> str:
        """A text area's text: the stored one while the area is left as shown."""
        area = self.query_one(selector, TextArea)
        return self._typed(area, area.text)

    def buttons(self, save: str = "Save (ctrl+s)") -> ComposeResult:
        """The error line and the buttons, at the foot of the form: docked, so they stay in
        view while the fields above scroll in a short terminal."""
        with Vertical(classes="dialog-foot"):
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(save, variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def action_save(self) -> None:
        try:
            draft = self.draft()
        except ValueError as problem:
            self.refuse(str(problem))
            return
        if self.saving is not None:
            refused = self.saving(draft)
            if refused is not None:  # "": a question was asked, the answer says
                if refused:
                    self.refuse(refused)
                return
        self.dismiss(draft)

    def refuse(self, message: str) -> None:
        """Keep the form open, saying why in its error line (literally)."""
        error = self.query_one(".dialog-error", Static)
        error.update(Text(printable(message)))
        error.display = True

    def refill(self) -> None:
        """After `fill`: show the new values literally, as at mount."""
        self._show_fields_literally()

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
