"""Add or edit a card: a form that validates before it closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from netbalance.core.board import BoardError, check_estimate, check_notes, check_title, parse_tags
from netbalance.core.dates import DueDateError, parse_due
from netbalance.core.models import Item


@dataclass(frozen=True)
class CardDraft:
    """What the form returns: every field checked."""

    title: str
    tags: tuple[str, ...]
    due: date | None
    estimate: int | None
    notes: str


class ItemForm(ModalScreen[CardDraft | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="card.cancel"),
        Binding("ctrl+s", "save", "Save", id="card.save"),
    ]

    def __init__(self, today: date, item: Item | None = None) -> None:
        super().__init__()
        self.today = today
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="card-form"):
            yield Static("Edit card" if item else "New card", classes="dialog-title")
            yield Label("Title")
            yield Input(item.title if item else "", id="card-title", max_length=200)
            yield Label("Tags (comma separated)")
            yield Input(", ".join(item.tags) if item else "", id="card-tags")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Due (2026-12-01, fri, tomorrow, +3d)")
                    due = item.due.isoformat() if item and item.due else ""
                    yield Input(due, id="card-due")
                with Vertical():
                    yield Label("Estimate in boxes")
                    estimate = str(item.estimate) if item and item.estimate else ""
                    yield Input(estimate, id="card-estimate", restrict=r"[0-9]*", max_length=3)
            yield Label("Notes")
            yield TextArea(item.notes if item else "", id="card-notes")
            yield Static("", id="card-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#card-title", Input).focus()

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def draft(self) -> CardDraft:
        """The form's values, checked; BoardError or DueDateError naming the field."""
        due_text = self._value("#card-due").strip()
        estimate_text = self._value("#card-estimate").strip()
        return CardDraft(
            title=check_title(self._value("#card-title")),
            tags=parse_tags(self._value("#card-tags")),
            due=parse_due(due_text, self.today) if due_text else None,
            estimate=check_estimate(int(estimate_text)) if estimate_text else None,
            notes=check_notes(self.query_one("#card-notes", TextArea).text),
        )

    def action_save(self) -> None:
        try:
            draft = self.draft()
        except (BoardError, DueDateError) as problem:
            error = self.query_one("#card-error", Static)
            error.update(str(problem))
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
