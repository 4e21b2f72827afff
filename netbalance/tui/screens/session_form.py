"""Add or edit a session after the fact: kind, when, card, contact, note, tags.

The form checks what it can before it closes (`check` turns the fields into a session
or raises a one-line error, shown in the form); overlaps are the History screen's
business, since the answer may be to trim the other session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from netbalance.core.models import Kind, Session
from netbalance.tui.screens.form import Form, FormRow


@dataclass(frozen=True)
class SessionDraft:
    """The form's fields as typed."""

    kind: Kind
    when: str
    card: str
    contact: str
    note: str
    tags: str = ""  # as typed: writing, deep


class SessionForm(Form[Session]):
    DEFAULT_CSS = """
    SessionForm .dialog { width: 76; }
    """

    def __init__(
        self,
        check: Callable[[SessionDraft], Session],
        draft: SessionDraft | None = None,
        title: str = "Add a session",
        shown: Callable[[Session], SessionDraft] | None = None,
        cards: Sequence[str] = (),
        people: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.check = check
        self.cards = cards  # card titles and contact names the fields complete from
        self.people = people
        self.initial = draft or SessionDraft(Kind.PRODUCE, "", "", "", "")
        self.title_text = title
        self.shown = shown  # a session's fields as the form shows them (for `fill`)

    def compose(self) -> ComposeResult:
        draft = self.initial
        with Vertical(classes="dialog", id="session-form"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with FormRow():
                with Vertical():
                    yield Label("When")
                    yield Input(
                        draft.when,
                        placeholder="09:00-10:30 · yesterday 14:00 50m",
                        id="session-when",
                        max_length=200,
                    )
                with Vertical():
                    yield Label("Kind")
                    yield Select(
                        [("produce", Kind.PRODUCE), ("network", Kind.NETWORK)],
                        value=draft.kind,
                        allow_blank=False,
                        id="session-kind",
                    )
            with FormRow():
                with Vertical():
                    yield Label("Card (produce)")
                    yield Input(
                        draft.card,
                        placeholder="title (→ completes)",
                        id="session-card",
                        max_length=200,
                        suggester=_suggester(self.cards),
                    )
                with Vertical():
                    yield Label("Contact (network)")
                    yield Input(
                        draft.contact,
                        placeholder="name (→ completes)",
                        id="session-contact",
                        max_length=200,
                        suggester=_suggester(self.people),
                    )
            with FormRow():
                with Vertical():
                    yield Label("Note")
                    yield Input(draft.note, id="session-note", max_length=2000)
                with Vertical():
                    yield Label("Tags")
                    yield Input(
                        draft.tags, placeholder="writing, deep", id="session-tags", max_length=400
                    )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#session-when", Input).focus()

    def fill(self, record: object) -> None:
        assert isinstance(record, Session) and self.shown is not None
        draft = self.shown(record)
        self.query_one("#session-kind", Select).value = draft.kind
        for selector, value in (
            ("#session-when", draft.when),
            ("#session-card", draft.card),
            ("#session-contact", draft.contact),
            ("#session-note", draft.note),
            ("#session-tags", draft.tags),
        ):
            self.query_one(selector, Input).value = value

    def fields(self) -> SessionDraft:
        kind = self.query_one("#session-kind", Select).value
        return SessionDraft(
            kind=kind if isinstance(kind, Kind) else Kind.PRODUCE,
            when=self.value("#session-when"),
            card=self.value("#session-card"),
            contact=self.value("#session-contact"),
            note=self.value("#session-note"),
            tags=self.value("#session-tags"),
        )

    def draft(self) -> Session:
        return self.check(self.fields())  # WhenError, HistoryError, a link not found


def _suggester(words: Sequence[str]) -> SuggestFromList | None:
    """Completion as you type (any case), → or End takes it; part of a title or a name
    is found when the form is saved."""
    return SuggestFromList(words, case_sensitive=False) if words else None


class SplitForm(Form[str]):
    """Ask for the time at which to split a session."""

    def __init__(self, described: str, check: Callable[[str], object]) -> None:
        super().__init__()
        self.described = described
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="split-form"):
            yield Static(f"Split {self.described}", classes="dialog-title", markup=False)
            yield Label("At (14:00, or a day and a time)")
            yield Input("", id="split-at", max_length=100)
            yield from self.buttons("Split (enter)")

    def on_mount(self) -> None:
        self.query_one("#split-at", Input).focus()

    def draft(self) -> str:
        text = self.value("#split-at")
        self.check(text)
        return text
