"""The focus view: the running box in large digits."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from netbalance.core.text import printable
from netbalance.tui.widgets.key_bar import KeyBar
from netbalance.tui.widgets.timer_bar import TimerView


class FocusScreen(Screen[None]):
    # its look, parsed as it is first shown (not with the app's stylesheet)
    SCOPED_CSS = False
    DEFAULT_CSS = """
    FocusScreen { align: center middle; }
    #focus { width: auto; height: auto; align: center middle; }
    #focus > Static { width: 100%; text-align: center; }
    #focus-kind { text-style: bold; color: $primary; }
    FocusScreen.-produce #focus-kind, FocusScreen.-produce #focus-digits { color: $produce; }
    FocusScreen.-network #focus-kind, FocusScreen.-network #focus-digits { color: $network; }
    FocusScreen.-paused #focus-digits { color: $warning; }
    #focus-digits { width: auto; }
    #focus-caption, #focus-today { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,z", "app.pop_screen", "Back", id="focus.back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="focus"):
            yield Static(id="focus-kind")
            with Center():
                yield Digits("--:--", id="focus-digits")
            yield Static(id="focus-caption")
            yield Static(id="focus-link")
            yield Static(id="focus-today")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "timer_view", self.show, init=True)

    def show(self, view: TimerView | None) -> None:
        if view is None:
            return
        box = view.box
        kind = self.query_one("#focus-kind", Static)
        digits = self.query_one("#focus-digits", Digits)
        if box is None:
            kind.update("BREAK" if view.state == "break" else "NO BOX RUNNING")
            caption = "left of the break" if view.state == "break" else "p produce · n network"
        else:
            kind.update(box.kind.value.upper())
            caption = {"paused": "paused", "over": "done"}.get(view.state, view.caption)
        for name in ("produce", "network"):
            self.set_class(box is not None and box.kind.value == name, f"-{name}")
        self.set_class(view.state == "paused", "-paused")
        digits.update(view.clock)
        self.query_one("#focus-caption", Static).update(caption)
        link = printable(box.link) if box is not None and box.link else ""
        self.query_one("#focus-link", Static).update(Text(link))
        self.query_one("#focus-today", Static).update(view.today)
