"""The bottom line of keys: one widget drawing one line of text.

Textual's Footer mounts a widget per key and builds them again whenever the keys that
apply change (a box starts, a mode is shown) — tens of milliseconds each time. The keys
are one line of text: this draws them as such, and a click on a key presses it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from netbalance.core.named import NamedTuple

# The keys that act on a running box come first: a line of 80 columns has no room for
# every key of a mode, and these are the ones a running box needs at hand.
FIRST = frozenset({"box.pause", "box.resume", "box.extend", "box.finish", "box.cancel"})


class Key(NamedTuple):
    key: str  # what a click presses
    shown: str  # how the key is written
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The keys of the current screen that are meant to be shown and can act now; the
    palette at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--palette"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--palette { color: $foreground 20%; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[Key, ...] = ()
        self.palette: Key | None = None
        self._spans: list[tuple[int, int, str]] = []  # (first cell, end cell, key)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)
        # the app may settle what applies (a box found at start-up) just after this
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        keys, palette = self._read(screen)
        if (keys, palette) != (self.keys, self.palette):
            self.keys, self.palette = keys, palette
            self.refresh()

    def _read(self, screen: Screen[object]) -> tuple[tuple[Key, ...], Key | None]:
        """The shown keys, one per action (the first key bound to it), in binding order,
        those of a running box (FIRST) first."""
        app = self.app
        keys: list[Key] = []
        first: list[Key] = []
        actions: set[str] = set()
        palette = None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = Key(key, app.get_key_display(binding), binding.description, enabled)
                continue
            if not binding.show or binding.action in actions or not enabled:
                continue  # a key that cannot act now is not offered (it says why if pressed)
            actions.add(binding.action)
            shown = Key(key, app.get_key_display(binding), binding.description, enabled)
            (first if binding.id in FIRST else keys).append(shown)
        return (*first, *keys), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        width = self.size.width
        right = Text()
        if self.palette is not None:
            right.append("▏", style=self.get_component_rich_style("key-bar--palette"))
            right.append(self.palette.shown, style=key_style)
            right.append(f" {self.palette.description}", style=description_style)
        room = max(0, width - right.cell_len - 1)
        line = Text(no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, str]] = []
        for key in self.keys:
            piece = Text.assemble(
                (key.shown, key_style), (f" {key.description} ", description_style)
            )
            if not key.enabled:
                piece.stylize("dim")
            if line.cell_len + piece.cell_len > room:
                break
            start = line.cell_len
            line.append_text(piece)
            spans.append((start, line.cell_len, key.key))
        if self.palette is not None:
            line.append(" " * max(0, width - line.cell_len - right.cell_len))
            spans.append((line.cell_len, line.cell_len + right.cell_len, self.palette.key))
            line.append_text(right)
        self._spans = spans
        return line

    def key_at(self, x: int) -> str | None:
        """The key drawn at a column of the bar."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    async def _on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            self.app.simulate_key(key)
