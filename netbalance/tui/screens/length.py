"""How long a box should be: the presets for its kind, or any length typed in."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netbalance.core.instants import format_hours
from netbalance.core.models import Kind
from netbalance.core.timer import MAX_BOX_MINUTES
from netbalance.tui.textual_internals import DialogShownOnce

STOPWATCH = "stopwatch"


@dataclass(frozen=True)
class BoxLength:
    """The chosen length; `minutes=None` is a stopwatch."""

    minutes: int | None


class LengthScreen(DialogShownOnce[BoxLength | None]):
    """Enter takes the highlighted preset (the default at first); digits type a length."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="length.cancel")]

    def __init__(self, kind: Kind, presets: tuple[int, ...], default: int, link: str = "") -> None:
        super().__init__()
        self.kind = kind
        self.presets = presets
        self.default = default
        self.link = link

    def compose(self) -> ComposeResult:
        options = [
            Option(
                f"{format_hours(minutes)}{'  (default)' if minutes == self.default else ''}",
                id=str(minutes),
            )
            for minutes in self.presets
        ]
        options.append(Option("stopwatch (counts up)", id=STOPWATCH))
        with Vertical(classes="dialog", id="length-dialog"):
            yield Static(f"Start a {self.kind.value} box", classes="dialog-title")
            if self.link:
                yield Static(self.link, classes="dialog-subtitle", markup=False)
            yield OptionList(*options, id="length-presets")
            yield Input(
                placeholder="or type minutes, then Enter",
                id="length-minutes",
                restrict=r"[0-9]*",
                select_on_focus=False,
                max_length=4,
            )
            yield Static("", id="length-error", classes="dialog-error")
            yield Static("Enter starts · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        presets = self.query_one("#length-presets", OptionList)
        if self.default in self.presets:
            presets.highlighted = self.presets.index(self.default)
        else:
            presets.highlighted = 0
        presets.focus()

    def on_key(self, event: Key) -> None:
        field = self.query_one("#length-minutes", Input)
        if event.character and event.character.isdigit() and not field.has_focus:
            field.focus()
            field.insert_text_at_cursor(event.character)
            event.stop()

    @on(OptionList.OptionSelected, "#length-presets")
    def preset_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        self.dismiss(BoxLength(None if chosen == STOPWATCH else int(str(chosen))))

    @on(Input.Submitted, "#length-minutes")
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(BoxLength(self.default))
            return
        minutes = int(text)
        if not 1 <= minutes <= MAX_BOX_MINUTES:
            error = self.query_one("#length-error", Static)
            error.update(f"A box lasts 1 to {MAX_BOX_MINUTES} minutes, not {minutes}.")
            error.display = True
            return
        self.dismiss(BoxLength(minutes))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
