"""The command palette: every action of the app, listed before typing."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, action) — every key in the footer is also here.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Start a produce box", "Deep work on your own output (p)", "start_box('produce')"),
    ("Start a network box", "Deliberate relationship building (n)", "start_box('network')"),
    ("Pause the box", "space", "pause"),
    ("Resume the box", "space", "resume"),
    ("Extend the box by 5 minutes", "+", "extend"),
    ("Finish the box", "Record the time actually spent (s)", "finish"),
    ("Cancel the box", "Record nothing (x)", "cancel"),
    ("Focus view", "The box in large digits (z)", "focus_view"),
    ("Skip the break", "b", "skip_break"),
    ("Dashboard", "The balance of produce and network time (1)", "switch_mode('dashboard')"),
    ("Board", "The work that produces (2)", "switch_mode('board')"),
    ("Contacts", "The people you know (3)", "switch_mode('contacts')"),
    ("History", "Sessions in time order (4)", "switch_mode('history')"),
    ("Undo", "The last change of any record, in any mode (u)", "undo"),
    ("Redo", "The last undone change (U)", "redo"),
    ("Change theme", "Pick a theme; the choice is saved (t)", "change_theme"),
    ("Show keys", "Every key of the current screen (?)", "show_help_panel"),
    ("Quit", "A running box keeps running (q)", "quit"),
)


BOARD_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Add a card", "To the selected column (a)", "screen.add"),
    ("Edit the card", "e or Enter", "screen.edit"),
    ("Move the card left", "To the previous column (H)", "screen.move(-1)"),
    ("Move the card right", "To the next column; the last ships it (L)", "screen.move(1)"),
    ("Move the card up", "Within its column (K)", "screen.reorder(-1)"),
    ("Move the card down", "Within its column (J)", "screen.reorder(1)"),
    ("Delete the card", "Asks first (delete)", "screen.delete"),
    ("Filter the board", "By text or #tag (/)", "screen.filter"),
    ("Start a box on the card", "A produce box linked to it (f)", "screen.focus_box"),
    ("Archive shipped cards", "They stay in the track record (A)", "screen.archive"),
    ("Track record", "What shipped, newest first (r)", "screen.track_record"),
)


CONTACT_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Add a contact", "a", "screen.add"),
    ("Edit the contact", "e", "screen.edit"),
    ("Log an interaction", "With the selected contact (l)", "screen.log"),
    ("Network box with the contact", "The interaction form follows (n)", "screen.network_box"),
    ("Delete the contact", "With their interactions; asks first (delete)", "screen.delete"),
    ("Due list", "Overdue cadences and follow-ups, most overdue first (D)", "screen.due"),
    ("Snooze the contact", "Put them off for N days (Z)", "screen.snooze"),
    ("Filter contacts", "By name, organisation or #tag (/)", "screen.filter"),
    ("Sort contacts", "Name, organisation, last contact, next due, talks (o)", "screen.sort"),
    ("Import LinkedIn connections", "Connections.csv", "screen.import_file('linkedin')"),
    ("Import a vCard file", "A .vcf with one or many cards", "screen.import_file('vcard')"),
)


HISTORY_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Add a session", "Time you forgot to track (a)", "screen.add"),
    ("Edit the session", "Times, kind, card, contact, note (e)", "screen.edit"),
    ("Delete the session", "Asks first (delete)", "screen.delete"),
    ("Split the session", "In two at a time (/)", "screen.split"),
    ("Previous week", "←", "screen.week(-1)"),
    ("Next week", "→", "screen.week(1)"),
    ("Filter by kind", "All, produce, network (f)", "screen.filter"),
)


class _Commands(Provider):
    """Commands from a table of (title, help, action); listed before typing."""

    table: tuple[tuple[str, str, str], ...] = ()

    async def discover(self) -> Hits:
        for title, help_text, action in self.table:
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self.table:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )


class NetbalanceCommands(_Commands):
    table = COMMANDS


class BoardCommands(_Commands):
    table = BOARD_COMMANDS


class ContactCommands(_Commands):
    table = CONTACT_COMMANDS


class HistoryCommands(_Commands):
    table = HISTORY_COMMANDS
