"""A checkbox whose mark says its state: ✓ ticked, blank not. Textual's draws an X in
both states and tells them apart by colour alone, which a monochrome terminal, a theme
of close colours or a colour-blind eye does not see."""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED, CLEAR = "✓", " "


class TickBox(Checkbox):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        """The mark inside the box, read by Textual as it draws it."""
        return TICKED if self.value else CLEAR
