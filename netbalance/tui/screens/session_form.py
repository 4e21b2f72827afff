"""Add or edit a session after the fact: kind, when, card, contact, note.

The form checks what it can before it closes (`check` turns the fields into a session
or raises a one-line error, shown in the form); overlaps are the History screen's
business, since the answer may be to trim the other session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from netbalance.core.models import Kind, Session


@dataclass(frozen=True)
class SessionDraft:
    """The form's fields as typed."""

    kind: Kind
    when: str
    card: str
    contact: str
    note: str


class SessionForm(ModalScreen[Session | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="session.cancel"),
        Binding("ctrl+s", "save", "Save", id="session.save"),
    ]
    DEFAULT_CSS = """
    SessionForm .dialog { width: 76; }
    """

    def __init__(
        self,
        check: Callable[[SessionDraft], Session],
        draft: SessionDraft | None = None,
        title: str = "Add a session",
    ) -> None:
        super().__init__()
        self.check = check
        self.draft = draft or SessionDraft(Kind.PRODUCE, "", "", "", "")
        self.title_text = title

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(classes="dialog", id="session-form"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Kind")
                    yield Select(
                        [("produce", Kind.PRODUCE), ("network", Kind.NETWORK)],
                        value=draft.kind,
                        allow_blank=False,
                        id="session-kind",
                    )
                with Vertical():
                    yield Label("When (09:00-10:30, yesterday 14:00 50m)")
                    yield Input(draft.when, id="session-when", max_length=200)
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Card (id or title, produce)")
                    yield Input(draft.card, id="session-card", max_length=200)
                with Vertical():
                    yield Label("Contact (name or id, network)")
                    yield Input(draft.contact, id="session-contact", max_length=200)
            yield Label("Note")
            yield Input(draft.note, id="session-note", max_length=2000)
            yield Static("", id="session-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#session-when", Input).focus()

    def fields(self) -> SessionDraft:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        kind = self.query_one("#session-kind", Select).value
        return SessionDraft(
            kind=kind if isinstance(kind, Kind) else Kind.PRODUCE,
            when=value("#session-when"),
            card=value("#session-card"),
            contact=value("#session-contact"),
            note=value("#session-note"),
        )

    def action_save(self) -> None:
        try:
            session = self.check(self.fields())
        except ValueError as problem:  # WhenError, HistoryError, a link not found
            error = self.query_one("#session-error", Static)
            error.update(str(problem))
            error.display = True
            return
        self.dismiss(session)

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


class SplitForm(ModalScreen[str | None]):
    """Ask for the time at which to split a session."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="split.cancel")]

    def __init__(self, described: str, check: Callable[[str], object]) -> None:
        super().__init__()
        self.described = described
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="split-form"):
            yield Static(f"Split {self.described}", classes="dialog-title", markup=False)
            yield Label("At (14:00, or a day and a time)")
            yield Input("", id="split-at", max_length=100)
            yield Static("", id="split-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Split (enter)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#split-at", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#split-at", Input).value
        try:
            self.check(text)
        except ValueError as problem:
            error = self.query_one("#split-error", Static)
            error.update(str(problem))
            error.display = True
            return
        self.dismiss(text)

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
