"""The baseline of bench.py's app-start cases: a bare Textual app, a Static and a Footer.

    python tests/perf/bare_app.py

bench.py runs it in tmux and counts it started when "ready" is on the screen.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("ready")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
