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
    ("Change theme", "Pick a theme; the choice is saved (t)", "change_theme"),
    ("Show keys", "Every key of the current screen (?)", "show_help_panel"),
    ("Quit", "A running box keeps running (q)", "quit"),
)


class NetbalanceCommands(Provider):
    async def discover(self) -> Hits:
        for title, help_text, action in COMMANDS:
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in COMMANDS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
