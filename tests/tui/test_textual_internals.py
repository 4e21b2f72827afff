"""The private parts of Textual that netbalance uses (fenced in tui/textual_internals.py)
are there, in the Textual version the test extra pins. An upgrade that moves one fails
here, by name; the app then falls back to Textual's public ways (slower, not broken)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import textual
from textual import events
from textual.app import App, ComposeResult
from textual.scroll_view import ScrollView
from textual.widgets import Static

from netbalance.tui import textual_internals

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_pinned_textual_is_the_one_the_fence_was_read_from() -> None:
    pinned = re.search(r'"textual==([0-9.]+)"', PYPROJECT.read_text())
    assert pinned is not None, "the test extra pins textual exactly"
    assert pinned.group(1) == textual_internals.TEXTUAL == textual.__version__


def test_the_private_parts_are_there_with_the_shapes_used() -> None:
    assert list(inspect.signature(App._refresh_truecolor_filter).parameters) == [
        "self",
        "theme",
    ]
    assert list(inspect.signature(ScrollView._scroll_update).parameters) == [
        "self",
        "virtual_size",
    ]
    app: App[None] = App()
    assert isinstance(app._css_update_count, int)


async def test_a_theme_started_early_is_the_theme_of_the_first_frame() -> None:
    app: App[None] = App()
    textual_internals.start_with_theme(app, "textual-light")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-light" and app.current_theme.dark is False
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")


def test_the_dialog_fence_finds_what_it_leans_on() -> None:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    assert "_on_screen_resume" in Screen.__dict__ and "_on_resize" in Screen.__dict__
    assert events.ScreenResume().refresh_styles is True
    # the handlers up the MRO stop at a handler that prevents the default
    assert "_no_default_action" in inspect.getsource(MessagePump._get_dispatch_methods)
    screen: Screen[None] = Screen()
    assert isinstance(screen._compositor.size, textual_internals.Size)
    assert textual_internals.DialogShownOnce()._compositor_size() is not None


class _Dialog(textual_internals.DialogShownOnce[None]):
    DEFAULT_CSS = """
    _Dialog { align: center middle; }
    _Dialog #box { width: 50%; height: 5; background: red; }
    """

    def compose(self) -> ComposeResult:
        yield Static("a dialog", id="box")


async def test_a_dialog_shown_once_is_styled_and_follows_a_real_resize() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = _Dialog()
        app.push_screen(dialog)
        await pilot.pause()
        box = dialog.query_one("#box", Static)
        assert box.styles.background.hex == "#FF0000"
        assert box.region.width == 40 and box.region.height == 5
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert box.region.width == 50, "a real resize lays the dialog out again"


def test_a_widget_s_size_update_still_takes_a_layout_flag() -> None:
    from textual.widget import Widget

    assert list(inspect.signature(Widget._size_updated).parameters) == [
        "self",
        "size",
        "virtual_size",
        "container_size",
        "layout",
    ]


class Grows(App[None]):
    CSS = "Static { height: auto; }"

    def __init__(self, kind: type[Static]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield self.kind("one line", id="grows")
        yield Static("below", id="below")


async def layouts_for_a_taller_text(kind: type[Static]) -> tuple[int, int]:
    """How many layouts of the screen a Static of `kind` takes to show a text two lines
    taller, and where the widget below it ends up."""
    app = Grows(kind)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        layouts = 0
        laid_out = screen._refresh_layout

        def counted(*args: object, **kwargs: object) -> None:
            nonlocal layouts
            layouts += 1
            laid_out(*args, **kwargs)  # type: ignore[arg-type]

        screen._refresh_layout = counted  # type: ignore[method-assign]
        app.query_one("#grows", Static).update("one\ntwo\nthree")
        for _ in range(3):
            await pilot.pause()
        return layouts, app.query_one("#below").region.y


async def test_a_static_sized_by_a_layout_takes_one_layout_not_two() -> None:
    """A Static's new height costs Textual two layouts of the screen (the second asked
    for by its virtual size, set by the first); SizedByLayout's costs one, with the same
    result on screen."""
    plain, plain_below = await layouts_for_a_taller_text(Static)
    sized, sized_below = await layouts_for_a_taller_text(textual_internals.SizedByLayout)
    assert (plain, sized) == (2, 1)
    assert plain_below == sized_below == 3
