"""Add or edit a card: a form that validates before it closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from netbalance.core.board import check_estimate, check_notes, check_title, parse_tags
from netbalance.core.dates import parse_due
from netbalance.core.models import Item
from netbalance.core.text import printable
from netbalance.tui.screens.form import FormRow, KeptForm


@dataclass(frozen=True)
class CardDraft:
    """What the form returns: every field checked."""

    title: str
    tags: tuple[str, ...]
    due: date | None
    estimate: int | None
    notes: str


class ItemForm(KeptForm[CardDraft]):
    """A new card's form (no `item`) or the edit of `item`."""

    first_field = "#card-title"

    def setup(self, today: date, item: Item | None = None, column: str = "") -> None:
        """A new card (in `column`, named in the title), or `item` to edit."""
        self.today = today
        self.item = item
        self.column = column

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="card-form"):
            yield Static("", classes="dialog-title", id="card-form-title")
            yield Label("Title")
            yield Input(id="card-title", max_length=200)
            yield Label("Tags (comma separated)")
            yield Input(id="card-tags")
            with FormRow():
                with Vertical():
                    yield Label("Due (2026-12-01, fri, tomorrow, +3d)")
                    yield Input(id="card-due")
                with Vertical():
                    yield Label("Estimate in boxes")
                    yield Input(id="card-estimate", restrict=r"[0-9]*", max_length=3)
            yield Label("Notes")
            yield TextArea(id="card-notes")
            yield from self.buttons()

    def show(self) -> None:
        if self.item is not None:
            title = "Edit card"
        else:
            title = f"New card in {printable(self.column)}" if self.column else "New card"
        self.show_title("#card-form-title", Text(title))  # a column's name, literally
        self.fill(self.item)

    def fill(self, record: object) -> None:
        """The card's values in the fields; no card: the fields empty."""
        assert record is None or isinstance(record, Item)
        due = record.due.isoformat() if record and record.due else ""
        estimate = str(record.estimate) if record and record.estimate else ""
        for selector, value in (
            ("#card-title", record.title if record else ""),
            ("#card-tags", ", ".join(record.tags) if record else ""),
            ("#card-due", due),
            ("#card-estimate", estimate),
        ):
            self.part(selector, Input).value = value
        self.part("#card-notes", TextArea).load_text(record.notes if record else "")

    def draft(self) -> CardDraft:
        """The form's values, checked; a refusal names the field and focuses it."""
        return CardDraft(
            title=self.checked("#card-title", check_title),
            tags=self.checked("#card-tags", parse_tags),
            due=self.checked("#card-due", self._due),
            estimate=self.checked("#card-estimate", _estimate),
            notes=self.checked("#card-notes", check_notes),
        )

    def _due(self, text: str) -> date | None:
        return parse_due(text.strip(), self.today) if text.strip() else None


def _estimate(text: str) -> int | None:
    return check_estimate(int(text.strip())) if text.strip() else None
