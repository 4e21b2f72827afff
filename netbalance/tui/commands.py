"""The command palette: every action of the app and of the current mode, listed before
typing, each with the key the keymap gives it now.

The palette is read from the bindings that are active where it was opened (the mode's,
the app's), so a remapped key shows as remapped and a key that cannot act now (pause with
no box running) is not offered. `WORDS` gives each binding id its title and help in the
product's words; `EXTRA` holds the actions that have no key (an import)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

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


class KeyCommands(Provider):
    """Every binding active where the palette was opened and able to act now, titled
    from WORDS, with its key as the keymap has it; and the mode's actions with no key."""

    def commands(self) -> Iterator[Command]:
        screen, app = self.screen, self.app
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
        yield from (by_id[binding_id] for binding_id in WORDS if binding_id in by_id)
        for title, help_text, action in EXTRA.get(getattr(screen, "MODE", ""), ()):
            yield Command(title, help_text, action, screen)

    def _run(self, command: Command) -> None:
        self.app.call_next(self.app.run_action, command.action, command.node)

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.title, partial(self._run, command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(self._run, command),
                    help=command.help,
                )


class Palette(CommandPalette, DialogShownOnce[None]):
    """Textual's command palette, opened as netbalance's dialogs open: styled once, laid
    out once for its first frame, the mode beneath drawn dimmed from its own lines."""
