"""The tick box says its state by its mark, not by colour alone."""

from __future__ import annotations

from textual.app import App, ComposeResult

from netbalance.tui.widgets.tick_box import TickBox


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("clear", id="clear")
        yield TickBox("ticked", value=True, id="ticked")


def mark(box: TickBox) -> str:
    """The character inside the box as drawn."""
    return str(box.render()).split("▐", 1)[1][0]


async def test_a_ticked_box_shows_a_tick_and_a_clear_one_none() -> None:
    app = Boxes()
    async with app.run_test() as pilot:
        clear, ticked = app.query_one("#clear", TickBox), app.query_one("#ticked", TickBox)
        assert (mark(clear), mark(ticked)) == (" ", "✓")
        clear.focus()
        await pilot.press("space")
        assert clear.value and mark(clear) == "✓"
        await pilot.press("space")
        assert not clear.value and mark(clear) == " "
