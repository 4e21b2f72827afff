"""What every mode screen shares: the timer bar, the key bar, and a data refresh hook."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult

from netbalance.tui.textual_internals import ShownAsMounted
from netbalance.tui.widgets.key_bar import KeyBar
from netbalance.tui.widgets.mode_bar import Mode, ModeBar
from netbalance.tui.widgets.timer_bar import TimerBar, TimerView

if TYPE_CHECKING:
    from netbalance.tui.app import NetbalanceApp


class ModeScreen(ShownAsMounted):
    """A mode: the mode bar, its body, the timer bar and the key bar. `load()` runs
    whenever the data changed (here or in another process) while the screen is shown."""

    MODE = ""  # the app's name of this mode

    @property
    def nb(self) -> NetbalanceApp:
        from netbalance.tui.app import NetbalanceApp

        return cast(NetbalanceApp, self.app)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        yield ModeBar((), self.MODE)
        yield from self.compose_body()
        yield TimerBar(id="timer-bar")
        yield KeyBar()

    def modes(self) -> tuple[Mode, ...]:
        """The modes, with the keys the keymap gives them now (bindings `mode.…`)."""
        found: dict[str, Mode] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            name = (binding.id or "").removeprefix("mode.")
            if binding.id and binding.id.startswith("mode.") and name not in found:
                found[name] = Mode(name, binding.description, self.app.get_key_display(binding))
        return tuple(found.values())

    def on_mount(self) -> None:
        self.query_one(ModeBar).show(self.modes())
        self.watch(self.app, "timer_view", self._timer_changed, init=True)
        self.watch(self.app, "data_version", self._data_changed, init=False)

    def _timer_changed(self, view: TimerView | None) -> None:
        self.query_one(TimerBar).view = view
        if view is not None:
            self.tick(view)

    def _data_changed(self, _version: int) -> None:
        if self.is_current:
            self.load()

    def on_screen_resume(self) -> None:
        self.query_one(ModeBar).show(self.modes())
        self.load()
        self.refresh_bindings()  # the footer shows only the keys that apply now

    def why_not(self, action: str) -> str:
        """Why a key of this screen that cannot act now does nothing ("": say nothing)."""
        return ""

    def load(self) -> None:
        """Read what the screen shows from the store."""

    def tick(self, view: TimerView) -> None:
        """Repaint whatever moves with the clock (no data file access here)."""
