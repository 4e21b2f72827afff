"""The Painter updates a Static only when what it shows changes, and asks for a layout of
the screen only when the Static's number of lines may have changed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from netbalance.tui.widgets.painter import Painter


class Panels(App[None]):
    CSS = """
    #fixed { height: 3; }
    #flowing { width: 20; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="fixed")
        yield Static("", id="flowing")


def layouts_asked(widget: Static) -> list[bool]:
    """Record each refresh the widget asks for: True when it asks for a layout."""
    asked: list[bool] = []
    refresh = widget.refresh

    def recorded(*regions: Any, **flags: Any) -> Any:
        asked.append(bool(flags.get("layout")))
        return refresh(*regions, **flags)

    widget.refresh = recorded  # type: ignore[method-assign]
    return asked


async def test_the_same_content_is_not_painted_again() -> None:
    app = Panels()
    async with app.run_test() as pilot:
        painter = Painter()
        flowing = app.query_one("#flowing", Static)
        assert painter.paint(flowing, Text("one line", style="bold"))
        await pilot.pause()
        assert not painter.paint(flowing, Text("one line", style="bold"))
        assert painter.paint(flowing, Text("one line", style="italic"))  # the look changed
        painter.forget()
        assert painter.paint(flowing, Text("one line", style="italic"))
        assert painter.paint(flowing, Content.styled("one line", "bold"))
        assert not painter.paint(flowing, Content.styled("one line", "bold"))
        assert painter.paint(flowing, Content.styled("one line", "italic"))  # Contents


async def test_a_layout_only_when_the_number_of_lines_changes() -> None:
    app = Panels()
    async with app.run_test() as pilot:
        painter = Painter()
        flowing = app.query_one("#flowing", Static)
        painter.paint(flowing, "first")
        await pilot.pause()
        asked = layouts_asked(flowing)
        painter.paint(flowing, "second")  # one line still
        assert not any(asked)
        painter.paint(flowing, "a text that wraps over three lines at this width")
        assert any(asked)
        await pilot.pause()
        assert flowing.region.height == 3


async def test_a_fixed_height_never_asks_for_a_layout() -> None:
    app = Panels()
    async with app.run_test() as pilot:
        painter = Painter()
        fixed = app.query_one("#fixed", Static)
        await pilot.pause()
        asked = layouts_asked(fixed)
        painter.paint(fixed, "one")
        painter.paint(fixed, "one\ntwo\nthree")
        assert asked and not any(asked)
        await pilot.pause()
        assert "three" in str(fixed.render())


async def test_a_border_title_is_set_only_when_it_changes() -> None:
    """Textual repaints a widget (a panel: all it holds) whenever its border title is
    set, changed or not; the painter sets it when it says something new."""
    app = Panels()
    async with app.run_test() as pilot:
        painter = Painter()
        fixed = app.query_one("#fixed", Static)
        painter.border(fixed, "Week 2026-W47", "← → weeks")
        await pilot.pause()
        assert (fixed.border_title, fixed.border_subtitle) == ("Week 2026-W47", "← → weeks")
        asked = layouts_asked(fixed)
        painter.border(fixed, "Week 2026-W47", "← → weeks")
        assert asked == []
        painter.border(fixed, "Week 2026-W46")
        assert len(asked) == 1
        assert (fixed.border_title, fixed.border_subtitle) == ("Week 2026-W46", "← → weeks")
        painter.forget()  # a new theme: everything set anew
        painter.border(fixed, "Week 2026-W46")
        assert len(asked) == 2
