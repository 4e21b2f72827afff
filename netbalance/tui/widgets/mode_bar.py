"""The top line: the modes by name with their keys, the current one marked; a click on a
mode switches to it. Fed plain values: the modes and their keys as the keymap has them."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

from netbalance.core.named import NamedTuple


class Mode(NamedTuple):
    name: str  # the app's mode: "dashboard"
    title: str  # as shown: "Dashboard"
    key: str  # the key that switches to it, as the keymap has it now: "1"


class ModeBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"mode-bar--key", "mode-bar--current", "mode-bar--title"}
    DEFAULT_CSS = """
    ModeBar { dock: top; height: 1; background: $panel; color: $text-muted; }
    ModeBar > .mode-bar--key { color: $footer-key-foreground; text-style: bold; }
    ModeBar > .mode-bar--current { background: $primary; color: $background; text-style: bold; }
    ModeBar > .mode-bar--title { color: $foreground; }
    """

    def __init__(self, modes: tuple[Mode, ...], current: str) -> None:
        super().__init__()
        self.modes = modes
        self.current = current
        self._spans: list[tuple[int, int, str]] = []

    def show(self, modes: tuple[Mode, ...]) -> None:
        """The modes again (the keymap may have changed)."""
        if modes != self.modes:
            self.modes = modes
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("mode-bar--key")
        current_style = self.get_component_rich_style("mode-bar--current")
        title_style = self.get_component_rich_style("mode-bar--title")
        line = Text(no_wrap=True, overflow="crop")
        spans = []
        for mode in self.modes:
            start = line.cell_len
            if mode.name == self.current:
                line.append(f" {mode.key} {mode.title} ", style=current_style)
            else:
                line.append(f" {mode.key}", style=key_style)
                line.append(f" {mode.title} ", style=title_style)
            spans.append((start, line.cell_len, mode.name))
            line.append(" ")
        self._spans = spans
        return line

    def mode_at(self, x: int) -> str | None:
        return next((name for start, end, name in self._spans if start <= x < end), None)

    async def _on_click(self, event: events.Click) -> None:
        name = self.mode_at(event.x)
        if name is not None and name != self.current:
            await self.app.run_action(f"switch_mode({name!r})")
