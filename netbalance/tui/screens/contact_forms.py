"""The contact form, the interaction form and the snooze prompt: each validates before
it closes and returns a plain draft."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from netbalance.core import contacts as rules
from netbalance.core.contacts import CHANNELS, EXCHANGES, ContactError
from netbalance.core.dates import parse_due
from netbalance.core.models import Contact, Item
from netbalance.core.text import printable
from netbalance.core.when import parse_instant
from netbalance.tui.screens.form import FieldRefused, Form, FormRow, KeptForm
from netbalance.tui.widgets.tick_box import TickBox


@dataclass(frozen=True)
class ContactDraft:
    name: str
    organisation: str
    role: str
    email: str
    phone: str
    links: tuple[str, ...]
    tags: tuple[str, ...]
    cadence_days: int | None
    how_met: str
    notes: str


@dataclass(frozen=True)
class InteractionDraft:
    channel: str
    minutes: int
    note: str
    exchange: str
    shared_item_id: str | None
    follow_up: date | None
    card: bool = False  # a follow-up card on the board too
    at: datetime | None = None  # when it happened, when not now


class ContactForm(Form[ContactDraft]):
    """Add or edit a contact."""

    def __init__(self, contact: Contact | None = None) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        c = self.contact
        with Vertical(classes="dialog", id="contact-form"):
            yield Static("Edit contact" if c else "New contact", classes="dialog-title")
            with FormRow():
                with Vertical():
                    yield Label("Name")
                    yield Input(c.name if c else "", id="contact-name", max_length=200)
                with Vertical():
                    yield Label("Organisation")
                    yield Input(c.organisation if c else "", id="contact-org")
            with FormRow():
                with Vertical():
                    yield Label("Role")
                    yield Input(c.role if c else "", id="contact-role")
                with Vertical():
                    yield Label("Email")
                    yield Input(c.email if c else "", id="contact-email")
            with FormRow():
                with Vertical():
                    yield Label("Phone")
                    yield Input(c.phone if c else "", id="contact-phone")
                with Vertical():
                    yield Label("Stay in touch every … days")
                    cadence = str(c.cadence_days) if c and c.cadence_days else ""
                    yield Input(cadence, id="contact-cadence", restrict=r"[0-9]*", max_length=4)
            yield Label("Links (separated by spaces)")
            yield Input(" ".join(c.links) if c else "", id="contact-links")
            with FormRow():
                with Vertical():
                    yield Label("Tags (comma separated)")
                    yield Input(", ".join(c.tags) if c else "", id="contact-tags")
                with Vertical():
                    yield Label("How met")
                    yield Input(c.how_met if c else "", id="contact-how-met")
            yield Label("Notes")
            yield TextArea(c.notes if c else "", id="contact-notes")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.part("#contact-name", Input).focus()

    def fill(self, record: object) -> None:
        assert isinstance(record, Contact)
        for selector, value in (
            ("#contact-name", record.name),
            ("#contact-org", record.organisation),
            ("#contact-role", record.role),
            ("#contact-email", record.email),
            ("#contact-phone", record.phone),
            ("#contact-cadence", str(record.cadence_days) if record.cadence_days else ""),
            ("#contact-links", " ".join(record.links)),
            ("#contact-tags", ", ".join(record.tags)),
            ("#contact-how-met", record.how_met),
        ):
            self.part(selector, Input).value = value
        self.part("#contact-notes", TextArea).load_text(record.notes)

    def draft(self) -> ContactDraft:
        """The form's values, checked; a refusal names the field and focuses it."""

        def field(what: str) -> Callable[[str], str]:
            return lambda text: rules.check_field(what, text)

        return ContactDraft(
            name=self.checked("#contact-name", rules.check_name),
            organisation=self.checked("#contact-org", field("the organisation")),
            role=self.checked("#contact-role", field("the role")),
            email=self.checked("#contact-email", rules.check_email),
            phone=self.checked("#contact-phone", field("the phone")),
            links=self.checked("#contact-links", _links),
            tags=self.checked("#contact-tags", rules.parse_tags),
            cadence_days=self.checked("#contact-cadence", rules.parse_cadence),
            how_met=self.checked("#contact-how-met", field("how met")),
            notes=self.checked("#contact-notes", rules.check_notes),
        )


def _links(text: str) -> tuple[str, ...]:
    """The links typed, separated by spaces, each once."""
    return tuple(dict.fromkeys(rules.check_field("a link", link) for link in text.split()))


class OptionsWhenOpened(Select[str]):
    """A select whose options are made when its list is first opened (with Enter, the
    arrows, space or a click: every way to choose), not when the form opens: the track
    record is thousands of cards, and most interactions share none. Until then it shows
    its prompt, as it would with nothing chosen."""

    def __init__(
        self,
        options: list[tuple[Text, str]],
        later: Callable[[], list[tuple[Text, str]]] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(options, **kwargs)
        self._later = later
        self._offered = options  # what the list offers now

    def validate_expanded(self, expanded: bool) -> bool:
        if expanded and self._later is not None:
            later, self._later = self._later, None
            self._offer_now(later())
        return expanded

    def offer(
        self,
        options: list[tuple[Text, str]],
        later: Callable[[], list[tuple[Text, str]]] | None,
        value: str | None,
    ) -> None:
        """Offer these options now, or those `later` makes when the list is first opened;
        `value` chosen (one of `options`), or none."""
        self._later = later
        if options != self._offered:  # new options lay the form out again
            self._offer_now(options)
        self.value = value if value is not None else Select.NULL

    def _offer_now(self, options: list[tuple[Text, str]]) -> None:
        self._offered = options
        self.set_options(options)


class InteractionForm(KeptForm[InteractionDraft]):
    """Log an interaction; after a network box it comes with the minutes filled in, from
    the review with the card shared. ctrl+t ticks "a follow-up card on the board"."""

    BINDINGS = [
        Binding("ctrl+t", "toggle_card", "Follow-up card", id="interaction.card"),
    ]
    first_field = "#interaction-note"

    def setup(
        self,
        contact: Contact,
        today: date,
        shipped: Sequence[Item] | Callable[[], Sequence[Item]] = (),
        *,
        minutes: int = 0,
        channel: str = "call",
        heading: str = "",
        shared: str | None = None,
        clock: tuple[Callable[[], datetime], tzinfo] | None = None,
    ) -> None:
        """`shipped`: the track record, or how to read it: then it is read when the list
        of it is first opened (most interactions share nothing), unless a card comes
        `shared` with the form. `clock` (the time now, the zone): the form asks when it
        happened (empty: now); without it, it is about a network box that just ended
        (its minutes filled in, counted once), and happened then."""
        self.contact = contact
        self.clock = clock
        self.today = today
        self._shipped = shipped
        self.minutes = minutes
        self.channel = channel
        self.heading = heading
        known = shared is not None and any(item.id == shared for item in self.shipped)
        self.shared = shared if known else None

    @property
    def shipped(self) -> list[Item]:
        """The track record (read now if it was not yet)."""
        if callable(self._shipped):
            self._shipped = list(self._shipped())
        return list(self._shipped)

    def _shipped_options(self) -> list[tuple[Text, str]]:
        return [(Text(printable(item.title)), item.id) for item in self.shipped]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="interaction-form"):
            yield Static("", classes="dialog-title", id="interaction-form-title")
            yield Label("What happened (a note)")
            yield Input(id="interaction-note")
            with FormRow():
                with Vertical():
                    yield Label("Channel")
                    yield Select(
                        [(channel, channel) for channel in CHANNELS],
                        allow_blank=False,
                        id="interaction-channel",
                    )
                with Vertical():
                    yield Label("Minutes")
                    yield Input(id="interaction-minutes", restrict=r"[0-9]*", max_length=4)
                with Vertical(id="interaction-when-column"):
                    yield Label("When (empty: now)")
                    yield Input(id="interaction-when", placeholder="yesterday 15:00, -2h")
            with FormRow():
                with Vertical():
                    yield Label("What passed between you")
                    yield Select(
                        [(word, word) for word in EXCHANGES], prompt="—", id="interaction-exchange"
                    )
                with Vertical():
                    yield Label("Follow up (2026-12-01, fri, +3d)")
                    yield Input(id="interaction-follow-up")
            yield Label("Shared from the track record")
            yield OptionsWhenOpened([], None, prompt="nothing", id="interaction-shared")
            yield TickBox(
                "A follow-up card on the board, due on the follow-up date (ctrl+t)",
                id="interaction-card",
            )
            yield from self.buttons()

    def show(self) -> None:
        title = Text(self.heading or "Log an interaction with ")
        title.append(printable(self.contact.name), style="bold")
        self.show_title("#interaction-form-title", title)
        for selector, value in (
            ("#interaction-note", ""),
            ("#interaction-minutes", str(self.minutes)),
            ("#interaction-follow-up", ""),
            ("#interaction-when", ""),
        ):
            self.part(selector, Input).value = value
        self.part("#interaction-when-column", Vertical).display = self.clock is not None
        self.part("#interaction-channel", Select).value = self.channel
        exchange = self.part("#interaction-exchange", Select)
        exchange.value = "shared" if self.shared else Select.NULL
        read = not callable(self._shipped)
        self.part("#interaction-shared", OptionsWhenOpened).offer(
            self._shipped_options() if read else [],
            None if read else self._shipped_options,
            self.shared,
        )
        self.part("#interaction-card", Checkbox).value = False

    def action_toggle_card(self) -> None:
        box = self.part("#interaction-card", Checkbox)
        box.value = not box.value

    def draft(self) -> InteractionDraft:
        follow_up = self.checked("#interaction-follow-up", self._follow_up)
        exchange = self.part("#interaction-exchange", Select).value
        shared = self.part("#interaction-shared", Select).value
        shared_id = shared if isinstance(shared, str) else None
        exchange_word = exchange if isinstance(exchange, str) else ""
        if shared_id and not exchange_word:
            exchange_word = "shared"
        channel = self.part("#interaction-channel", Select).value
        card = self.part("#interaction-card", Checkbox).value
        at = self._when()
        if card and follow_up is None:
            raise FieldRefused(
                "a follow-up card needs a follow-up date: give one, or untick the card (ctrl+t)",
                "#interaction-follow-up",
            )
        return InteractionDraft(
            channel=rules.parse_channel(channel if isinstance(channel, str) else ""),
            minutes=self.checked("#interaction-minutes", rules.parse_minutes),
            note=self.checked("#interaction-note", rules.check_notes),
            exchange=exchange_word,
            shared_item_id=shared_id,
            follow_up=follow_up,
            card=card,
            at=at,
        )

    def _follow_up(self, text: str) -> date | None:
        follow_up = parse_due(text.strip(), self.today) if text.strip() else None
        if follow_up is not None and follow_up < self.today:
            raise ContactError(f"the follow-up date {follow_up} has passed")
        return follow_up

    def _when(self) -> datetime | None:
        """When it happened, as typed; None: now."""
        typed = self.value("#interaction-when").strip()
        if not typed or self.clock is None:
            return None
        now, zone = self.clock
        try:
            return rules.check_logged_at(parse_instant(typed, now(), zone), now())
        except ValueError as problem:
            raise FieldRefused(f"When {typed}: {problem}", "#interaction-when") from None


class SnoozeScreen(Form[int]):
    """Put a due contact off for N days."""

    def __init__(self, contact: Contact, days: int = 7) -> None:
        super().__init__()
        self.contact = contact
        self.days = days

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="snooze-dialog"):
            title = Text("Snooze ")
            title.append(printable(self.contact.name), style="bold")
            yield Static(title, classes="dialog-title")
            yield Label("For how many days (1 to 365)")
            yield Input(str(self.days), id="snooze-days", restrict=r"[0-9]*", max_length=3)
            yield from self.buttons()

    def on_mount(self) -> None:
        self.part("#snooze-days", Input).focus()

    def draft(self) -> int:
        text = self.value("#snooze-days").strip()
        days = int(text) if text else 0
        if not 1 <= days <= 365:
            raise ContactError(f"snooze for 1 to 365 days, not {text or 'nothing'}")
        return days
