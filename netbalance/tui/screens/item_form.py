"""Add or edit a card: a form that validates before it closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from netbalance.core.board import check_estimate, check_notes, check_title, parse_tags
from netbalance.core.dates import parse_due
from netbalance.core.models import Item
from netbalance.tui.screens.form import Form, FormRow


@dataclass(frozen=True)
class CardDraft:
    """What the form returns: every field checked."""

    title: str
    tags: tuple[str, ...]
    due: date | None
    estimate: int | None
    notes: str


class ItemForm(Form[CardDraft]):
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
            with FormRow():
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
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#card-title", Input).focus()

    def fill(self, record: object) -> None:
        assert isinstance(record, Item)
        self.query_one("#card-title", Input).value = record.title
        self.query_one("#card-tags", Input).value = ", ".join(record.tags)
        self.query_one("#card-due", Input).value = record.due.isoformat() if record.due else ""
        estimate = str(record.estimate) if record.estimate else ""
        self.query_one("#card-estimate", Input).value = estimate
        self.query_one("#card-notes", TextArea).load_text(record.notes)

    def draft(self) -> CardDraft:
        """The form's values, checked; BoardError or DueDateError naming the field."""
        due_text = self.value("#card-due").strip()
        estimate_text = self.value("#card-estimate").strip()
        return CardDraft(
            title=check_title(self.value("#card-title")),
            tags=parse_tags(self.value("#card-tags")),
            due=parse_due(due_text, self.today) if due_text else None,
            estimate=check_estimate(int(estimate_text)) if estimate_text else None,
            notes=check_notes(self.text("#card-notes")),
        )
