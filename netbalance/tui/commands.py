"""The command palette: every action of the app and of the current mode, listed before
typing, each with the key the keymap gives it now.

The palette is read from the bindings that are active where it was opened (the mode's,
the app's), so a remapped key shows as remapped and a key that cannot act now (pause with
no box running) is not offered. `WORDS` gives each binding id its title and help in the
product's words; `EXTRA` holds the actions that have no key (an import).

It is netbalance's own dialog rather than Textual's `CommandPalette`: every command is
known as it opens, so the list is in its first frame. Textual's gathers its commands in a
worker and shows them over several frames (50-80 ms of CPU an opening, measured by
tests/perf/keys.py). It is built once and kept, closed, for the next opening, when a list
of the same commands shows as it was drawn. Typing filters the list by Textual's fuzzy
match, the letters matched underlined; ↑ ↓ move, Enter or a click runs, Esc closes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import FuzzySearch
from textual.screen import Screen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from netbalance.core.named import NamedTuple
from netbalance.tui.textual_internals import DialogShownOnce

# binding id → (title, help), in the order the palette lists them
WORDS: dict[str, tuple[str, str]] = {
    "box.produce": ("Start a produce box", "Deep work on your own output"),
    "box.network": ("Start a network box", "Deliberate relationship building"),
    "box.pause": ("Pause the box", "It keeps its time"),
    "box.resume": ("Resume the box", "Go on where it paused"),
    "box.extend": ("Extend the box by 5 minutes", "More time for the same box"),
    "box.finish": ("Finish the box", "Record the time actually spent"),
    "box.cancel": ("Cancel the box", "Record nothing (asks first)"),
    "box.focus": ("Focus view", "The box in large digits"),
    "box.skip_break": ("Skip the break", "Back to work"),
    "mode.dashboard": ("Dashboard", "The balance of produce and network time"),
    "mode.board": ("Board", "The work that produces"),
    "mode.contacts": ("Contacts", "The people you know"),
    "mode.history": ("History", "Sessions and interactions in time order"),
    "mode.review": ("Review", "The weekly review: balance, shipped, people, next week, write"),
    "dashboard.previous_week": ("Previous week", "The dashboard a week back"),
    "dashboard.next_week": ("Next week", "The dashboard a week on"),
    "dashboard.this_week": ("This week", "Back to the current week"),
    "dashboard.start_next": ("Start the next box", "The suggested box, with its card or person"),
    "dashboard.export": ("Export the week", "The summary, in the formats of the settings"),
    "board.add": ("Add a card", "To the selected column"),
    "board.edit": ("Edit the card", "Title, tags, due date, estimate, notes"),
    "board.move_left": ("Move the card left", "To the previous column"),
    "board.move_right": ("Move the card right", "To the next column; the last ships it"),
    "board.move_up": ("Move the card up", "Within its column"),
    "board.move_down": ("Move the card down", "Within its column"),
    "board.delete": ("Delete the card", "Asks first; its sessions keep their time"),
    "board.filter": ("Filter the board", "By text or #tag"),
    "board.box": ("Start a box on the card", "A produce box linked to it"),
    "board.archive": ("Archive shipped cards", "They stay in the track record"),
    "board.track_record": ("Track record", "What shipped, newest first"),
    "contacts.add": ("Add a contact", "Name, organisation, links, cadence …"),
    "contacts.edit": ("Edit the contact", "Any of their fields"),
    "contacts.log": ("Log an interaction", "With the selected contact"),
    "contacts.network": ("Network box with the contact", "The interaction form follows"),
    "contacts.delete": ("Delete the contact", "With their interactions; asks first"),
    "contacts.due": ("Due list", "Overdue cadences and follow-ups, most overdue first"),
    "contacts.snooze": ("Snooze the contact", "Put them off for N days"),
    "contacts.filter": ("Filter contacts", "By name, organisation or #tag"),
    "contacts.sort": ("Sort contacts", "Name, organisation, last contact, next due, talks"),
    "history.previous_week": ("Previous week", "History a week back"),
    "history.next_week": ("Next week", "History a week on"),
    "history.filter": ("Filter by kind", "All, produce, network"),
    "history.add": ("Add a session", "Time you forgot to track"),
    "history.edit": ("Edit the session", "Times, kind, card, contact, note"),
    "history.delete": ("Delete the session", "Asks first"),
    "history.split": ("Split the session", "In two at a time"),
    "review.next_step": ("Next review step", "Balance, shipped, people, next week, write"),
    "review.previous_step": ("Previous review step", "Back one step"),
    "review.previous_week": ("Review the week before", "A week back"),
    "review.next_week": ("Review the week after", "A week on"),
    "review.share": ("Shared with …", "Log the card as shared; the suggested first"),
    "review.log": ("Log an interaction", "With the person chosen"),
    "review.snooze": ("Snooze the person", "Put them off for N days"),
    "review.cadence": ("Set a cadence", "Stay in touch every N days"),
    "review.follow_up_card": ("Make a follow-up card", "On the board, due on a day"),
    "review.plan": ("Plan the next week", "Budgets and focus cards"),
    "review.write": ("Write the reflection", "Saving finishes the review"),
    "interaction.card": ("Follow-up card", "A card on the board, due on the follow-up date"),
    "app.undo": ("Undo", "The last change of any record, in any mode"),
    "app.redo": ("Redo", "The last undone change"),
    "app.theme": ("Change theme", "Pick a theme; the choice is saved"),
    "app.keys": ("Show keys", "Every key of the current screen"),
    "app.quit": ("Quit", "A running box keeps running"),
}

# mode → actions with no key of their own: (title, help, action on the screen)
EXTRA: dict[str, tuple[tuple[str, str, str], ...]] = {
    "contacts": (
        ("Import LinkedIn connections", "Connections.csv", "import_file('linkedin')"),
        ("Import a vCard file", "A .vcf with one or many cards", "import_file('vcard')"),
    ),
}


class Command(NamedTuple):
    title: str
    help: str
    action: str
    node: DOMNode  # where the action runs: the screen, or the app


def commands_at(screen: Screen[Any]) -> list[Command]:
    """Every binding active on `screen` and able to act now, titled from WORDS, with its
    key as the keymap has it; then the mode's actions with no key."""
    app = screen.app
    by_id: dict[str, Command] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.id or binding.id not in WORDS or binding.id in by_id:
            continue
        if not active.enabled:
            continue  # cannot act now: not offered
        title, help_text = WORDS[binding.id]
        key = app.get_key_display(binding)
        by_id[binding.id] = Command(title, f"{help_text} ({key})", binding.action, active.node)
    found = [by_id[binding_id] for binding_id in WORDS if binding_id in by_id]
    for title, help_text, action in EXTRA.get(getattr(screen, "MODE", ""), ()):
        found.append(Command(title, help_text, action, screen))
    return found


PALETTE = "palette"  # the kept palette's name among the app's screens
PALETTE_TOP = 2  # rows above the palette: the mode bar and a gap


class Palette(DialogShownOnce[None]):
    """The commands of the screen it was opened over, searched as the user types."""

    AUTO_FOCUS = "#palette-search"
    # across the top, below the mode bar (PALETTE_TOP); a long list scrolls, its height
    # set from the terminal's (`_list_rows`)
    DEFAULT_CSS = f"""
    Palette {{ align-horizontal: center; }}
    Palette #palette {{ width: 100%; max-width: 120; height: auto; margin-top: {PALETTE_TOP};
        background: $surface; }}
    Palette #palette-search {{ border: hkey $border; background: $surface; }}
    Palette #palette-search:focus {{ border: hkey $primary; }}
    Palette #palette-list {{ height: auto; border: none; padding: 0 1; background: $surface; }}
    """
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="palette.close"),
        Binding("down", "move(1)", "Next", show=False, id="palette.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="palette.previous"),
        Binding("pagedown", "move(10)", show=False, id="palette.page_down"),
        Binding("pageup", "move(-10)", show=False, id="palette.page_up"),
    ]

    def __init__(self, commands: Sequence[Command]) -> None:
        super().__init__(id="palette-screen")
        self.commands = list(commands)
        self.shown = self.commands  # in the list's order
        self._search = FuzzySearch()
        self._rows = 0  # the list's most rows (`_list_rows`)

    @classmethod
    def kept(cls, app: App[Any], commands: Sequence[Command]) -> str:
        """The app's palette (built at its first opening, kept closed for the next),
        listing `commands`: the name to push."""
        if not app.is_screen_installed(PALETTE):
            app.install_screen(cls(commands), PALETTE)
            return PALETTE
        palette = app.get_screen(PALETTE)
        assert isinstance(palette, cls)
        palette.reopen(commands)
        return PALETTE

    def reopen(self, commands: Sequence[Command]) -> None:
        """Shown again, for these commands: the search empty, the first highlighted. A
        list as it was is kept as it was drawn (the same mode, nothing changed there)."""
        search = self.query_one("#palette-search", Input)
        listed = self.listed
        if list(commands) != self.commands:
            self.commands = list(commands)
            if not search.value:
                listed.set_options(self._options(self.commands, ""))
        if search.value:
            search.value = ""  # its Changed lists every command again
        self.shown = self.commands
        listed.highlighted = 0
        listed.scroll_home(animate=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="palette"):
            yield Input(placeholder="Search for commands…", id="palette-search")
            listed = OptionList(*self._options(self.commands, ""), id="palette-list")
            listed.can_focus = False  # the typing stays in the search
            self._rows = listed.styles.max_height = _list_rows(self.app.size.height)
            yield listed

    def on_resize(self, event: events.Resize) -> None:
        rows = _list_rows(event.size.height)
        if rows != self._rows:
            self._rows = self.listed.styles.max_height = rows

    @property
    def listed(self) -> OptionList:
        return self.query_one("#palette-list", OptionList)

    @on(Input.Changed, "#palette-search")
    def _search_for(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.shown = list(self._matching(query)) if query else self.commands
        listed = self.listed
        listed.set_options(self._options(self.shown, query))
        if not self.shown:
            listed.add_option(Option(Content(f"No command matches “{query}”"), disabled=True))
        listed.highlighted = 0 if self.shown else None

    def _matching(self, query: str) -> Iterator[Command]:
        """The commands whose title (or, weighing half, help) matches, best first."""
        scored = []
        for order, command in enumerate(self.commands):
            title, _ = self._search.match(query, command.title)
            helped, _ = self._search.match(query, command.help)
            score = max(title, helped * 0.5)
            if score > 0:
                scored.append((-score, order, command))
        yield from (command for _, _, command in sorted(scored))

    def _options(self, commands: Sequence[Command], query: str) -> list[Option]:
        """Each command as two lines: its title in bold (the letters the query matched
        underlined), its help dimmed. Both are shown literally."""
        options = []
        for command in commands:
            title = Content(command.title).stylize("bold")
            if query:
                _, offsets = self._search.match(query, command.title)
                for offset in offsets:
                    title = title.stylize("underline", offset, offset + 1)
            options.append(Option(Content.assemble(title, "\n", (command.help, "dim"))))
        return options

    def action_move(self, by: int) -> None:
        listed = self.listed
        if not self.shown:
            return
        now = listed.highlighted or 0
        listed.highlighted = max(0, min(len(self.shown) - 1, now + by))

    @on(Input.Submitted, "#palette-search")
    def _run_highlighted(self) -> None:
        if self.listed.highlighted is not None and self.shown:
            self._run(self.shown[self.listed.highlighted])

    @on(OptionList.OptionSelected, "#palette-list")
    def _run_clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.shown):
            self._run(self.shown[event.option_index])

    def _run(self, command: Command) -> None:
        app = self.app
        self.dismiss()
        app.call_next(app.run_action, command.action, command.node)


def _list_rows(height: int) -> int:
    """The list's most rows on a terminal `height` rows high: below it, a row of the mode
    beneath; above it the search, a gap and the mode bar. (A height in `vh` would not
    do: a parent as tall as its children takes the list's whole length.)"""
    return max(2, height - PALETTE_TOP - 3 - 1)
