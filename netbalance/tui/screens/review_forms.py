"""The Review mode's dialogs: who to tell of a shipped card, a cadence, a follow-up card,
the next week's plan and the reflection. Each checks its values before it closes and
returns a plain draft (the Review mode saves it through the actions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from netbalance.core import contacts as rules
from netbalance.core import plans
from netbalance.core.contacts import ContactError
from netbalance.core.dates import parse_due
from netbalance.core.models import Contact, Item
from netbalance.core.review import Suggestion
from netbalance.core.text import printable
from netbalance.tui.screens.form import Form, FormRow
from netbalance.tui.textual_internals import DialogShownOnce


class ShareScreen(DialogShownOnce[str | None]):
    """Who was a shipped card shared with: the suggestions first, then anyone, found by
    typing part of a name. Enter picks; Esc closes."""

    BINDINGS = [Binding("escape", "close", "Close", id="share.close")]

    def __init__(self, card: Item, suggested: Sequence[Suggestion], contacts: Sequence[Contact]):
        super().__init__()
        self.card = card
        self.suggested = list(suggested)
        self.contacts = sorted(contacts, key=lambda c: (c.name.casefold(), c.id))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="share-dialog"):
            title = Text("Shared “")
            title.append(printable(self.card.title), style="bold")
            title.append("” with …")
            yield Static(title, classes="dialog-title")
            yield Input(placeholder="type a name to find anyone", id="share-filter")
            yield OptionList(id="share-list")
            yield Static("Enter: log it as shared · ↑ ↓ choose · Esc: close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.show("")
        self.query_one("#share-filter", Input).focus()

    def show(self, wanted: str) -> None:
        listed = self.query_one("#share-list", OptionList)
        listed.clear_options()
        text = wanted.strip().casefold()
        options: list[Option] = []
        seen: set[str] = set()
        for suggestion in self.suggested:
            if text and text not in suggestion.name.casefold():
                continue
            prompt = Text(printable(suggestion.name), style="bold")
            prompt.append(f"  {printable(suggestion.why)}", style="dim")
            options.append(Option(prompt, id=suggestion.contact_id))
            seen.add(suggestion.contact_id)
        for contact in self.contacts:
            if contact.id in seen or (text and text not in contact.name.casefold()):
                continue
            if len(options) >= 200:
                break
            options.append(Option(Text(printable(contact.name)), id=contact.id))
        listed.add_options(options)
        if options:
            listed.highlighted = 0

    @on(Input.Changed, "#share-filter")
    def filtered(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#share-filter")
    def submitted(self) -> None:
        listed = self.query_one("#share-list", OptionList)
        if listed.highlighted is not None:
            self.dismiss(listed.get_option_at_index(listed.highlighted).id)

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key in ("down", "up"):  # the list moves while the name is typed
            listed = self.query_one("#share-list", OptionList)
            if key == "down":
                listed.action_cursor_down()
            else:
                listed.action_cursor_up()
            getattr(event, "stop", lambda: None)()

    @on(OptionList.OptionSelected, "#share-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class CadenceForm(Form[int | None]):
    """Stay in touch every N days (empty or 0: no cadence)."""

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="cadence-dialog"):
            title = Text("Stay in touch with ")
            title.append(printable(self.contact.name), style="bold")
            yield Static(title, classes="dialog-title")
            yield Label("Every … days (1 to 3650; empty: no cadence)")
            days = str(self.contact.cadence_days or "")
            yield Input(days, placeholder="30", id="cadence-days", restrict=r"[0-9]*", max_length=4)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#cadence-days", Input).focus()

    def draft(self) -> int | None:
        return rules.parse_cadence(self.value("#cadence-days"))


@dataclass(frozen=True)
class FollowUpDraft:
    due: date
    note: str


class FollowUpCardForm(Form[FollowUpDraft]):
    """A card "Follow up with NAME: NOTE" on the board, due on a day."""

    def __init__(self, contact: Contact, today: date) -> None:
        super().__init__()
        self.contact = contact
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="follow-up-dialog"):
            title = Text("A follow-up card for ")
            title.append(printable(self.contact.name), style="bold")
            yield Static(title, classes="dialog-title")
            yield Label("When (2026-12-01, fri, tomorrow, +3d)")
            yield Input("+7d", id="follow-up-due")
            yield Label("About what (the card says: Follow up with NAME: this)")
            yield Input("", id="follow-up-note")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#follow-up-note", Input).focus()

    def draft(self) -> FollowUpDraft:
        due = parse_due(self.value("#follow-up-due"), self.today)
        if due < self.today:
            raise ContactError(f"the follow-up date {due} has passed; give today or later")
        return FollowUpDraft(due, rules.check_notes(self.value("#follow-up-note")))


@dataclass(frozen=True)
class PlanDraft:
    produce_hours: float
    network_hours: float
    focus: tuple[str, ...]


class PlanForm(Form[PlanDraft]):
    """The next week's budgets and its focus cards (space ticks a card)."""

    def __init__(
        self,
        week: str,
        produce_hours: float,
        network_hours: float,
        candidates: Sequence[Item],
        chosen: Sequence[str],
        wip_limit: int,
        wip_column: str,
    ) -> None:
        super().__init__()
        self.week = week
        self.produce_hours = produce_hours
        self.network_hours = network_hours
        self.candidates = list(candidates)
        self.chosen = set(chosen)
        self.wip_limit = wip_limit
        self.wip_column = wip_column

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="plan-form"):
            yield Static(f"Plan {self.week}", classes="dialog-title")
            with FormRow():
                with Vertical():
                    yield Label("Produce, hours")
                    yield Input(f"{self.produce_hours:g}", id="plan-produce", max_length=5)
                with Vertical():
                    yield Label("Network, hours")
                    yield Input(f"{self.network_hours:g}", id="plan-network", max_length=5)
            limit = f"at most {self.wip_limit}; " if self.wip_limit else ""
            yield Label(
                f"Focus: moved to {self.wip_column or 'the WIP column'} ({limit}space ticks)"
            )
            yield SelectionList[str](
                *(
                    Selection(
                        Text(f"{printable(item.title)}  ({printable(item.column)})"),
                        item.id,
                        item.id in self.chosen,
                    )
                    for item in self.candidates[:200]
                ),
                id="plan-focus",
            )
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#plan-produce", Input).focus()

    def draft(self) -> PlanDraft:
        produce = plans.parse_hours(self.value("#plan-produce"), "produce")
        network = plans.parse_hours(self.value("#plan-network"), "network")
        focus = tuple(self.query_one("#plan-focus", SelectionList).selected)
        if self.wip_limit and len(focus) > self.wip_limit:
            raise plans.PlanError(
                f"{len(focus)} focus cards ticked, more than the WIP limit of {self.wip_limit}"
            )
        return PlanDraft(produce, network, focus)


class ReflectionForm(Form[str]):
    """A few lines on the week: saving it finishes the review."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reflection.cancel")]

    def __init__(self, week: str, text: str, done: bool) -> None:
        super().__init__()
        self.week = week
        self.text_before = text
        self.done = done

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reflection-form"):
            yield Static(f"How did {self.week} go?", classes="dialog-title")
            hint = (
                "Saving keeps it with the week."
                if self.done
                else "Saving finishes the review and exports the week's summary."
            )
            yield Label(hint)
            yield TextArea(self.text_before, id="reflection-text")
            yield from self.buttons("Save (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#reflection-text", TextArea).focus()

    def draft(self) -> str:
        text = plans.check_reflection(self.text("#reflection-text"))
        if not text:
            raise plans.PlanError("a reflection cannot be empty: a line on how the week went")
        return text
