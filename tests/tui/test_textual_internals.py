"""The private parts of Textual that netbalance uses (fenced in tui/textual_internals.py)
are there, in the Textual version the test extra pins. An upgrade that moves one fails
here, by name; the app then falls back to Textual's public ways (slower, not broken)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import textual
from textual import events
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Button, Static

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
    # pushing a screen repaints the whole screen beneath, through its flag
    assert "mode_screen.refresh()" in inspect.getsource(App.push_screen)
    assert screen._repaint_required is False
    screen.refresh()
    assert screen._repaint_required is True


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


async def test_a_dialog_shown_again_is_styled_again_only_when_its_styles_may_differ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A kept dialog (installed, shown, closed, shown again) keeps its widgets' styles
    while the stylesheet and the app's classes are as they were; after a theme change it
    is styled again (for the new colours)."""
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = _Dialog()
        app.install_screen(dialog, "kept")
        styled: list[bool] = []
        update_nodes = app.stylesheet.update_nodes

        def counted(nodes: Any, animate: bool = False) -> None:
            nodes = list(nodes)
            styled.append(dialog in nodes)
            update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counted)

        async def show_and_close() -> bool:
            styled.clear()
            app.push_screen("kept")
            await pilot.pause()
            was_styled = any(styled)
            app.pop_screen()
            await pilot.pause()
            return was_styled

        assert not await show_and_close()  # the first show: styled as it mounted
        assert not await show_and_close()  # nothing changed: kept
        app.theme = "textual-light"
        await pilot.pause()
        assert await show_and_close()
        assert not await show_and_close()
        assert dialog.query_one("#box", Static).styles.background.hex == "#FF0000"


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


def test_the_dimmed_drawing_finds_what_it_leans_on() -> None:
    from textual.renderables.background_screen import BackgroundScreen
    from textual.screen import Screen
    from textual.visual import RichVisual

    screen: Screen[None] = Screen()
    assert callable(screen._compositor.render_strips)
    # what render_strips composes its lines from: (region, clip, lines) of each widget
    assert list(inspect.signature(screen._compositor._get_renders).parameters) == ["crop"]
    assert "self._get_renders(crop)" in inspect.getsource(type(screen._compositor)._render_chops)
    assert list(inspect.signature(BackgroundScreen).parameters) == ["screen", "color"]
    assert list(inspect.signature(BackgroundScreen.process_segments).parameters) == [
        "segments",
        "color",
    ]
    # Screen.render hands a translucent screen the one beneath in a BackgroundScreen
    assert "BackgroundScreen(base_screen, background)" in inspect.getsource(Screen.render)
    # which RichVisual draws under the widget's style (the drawing copies that)
    assert "post_render" in inspect.getsource(RichVisual.render_strips)


class _Beneath(Screen[None]):
    """A screen of many styles: colours, bold, a link, a border, a button."""

    def compose(self) -> ComposeResult:
        yield Static("[bold red]red[/] [on blue]blue[/] [link='https://x.org']a link[/]")
        yield Static("[italic]words[/] plain", id="words")
        yield Button("A button")
        yield Static("a box", id="boxed")

    DEFAULT_CSS = "#boxed { border: round $primary; height: 5; }"


class _Plain(ModalScreen[None]):
    """The same dialog, drawn over the screen beneath by Textual alone."""

    DEFAULT_CSS = _Dialog.DEFAULT_CSS.replace("_Dialog", "_Plain")

    def compose(self) -> ComposeResult:
        yield Static("a dialog", id="box")


async def _drawn(dialog: Screen[None], size: tuple[int, int]) -> list[Strip]:
    app: App[None] = App()
    async with app.run_test(size=size) as pilot:
        app.push_screen(_Beneath())
        await pilot.pause()
        app.push_screen(dialog)
        await pilot.pause()
        return app.screen._compositor.render_strips()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_dialog_draws_the_screen_beneath_as_textual_does(size: tuple[int, int]) -> None:
    ours, textuals = await _drawn(_Dialog(), size), await _drawn(_Plain(), size)
    assert len(ours) == size[1]
    assert [list(line) for line in ours] == [list(line) for line in textuals]
    assert any("a link" in line.text for line in ours)


def draws_of(screen: Screen[Any]) -> list[None]:
    """A list that grows by one each time the screen's compositor draws its lines."""
    drawn = screen._compositor.render_strips
    calls: list[None] = []

    def counted() -> list[Strip]:
        calls.append(None)
        return drawn()

    screen._compositor.render_strips = counted  # type: ignore[method-assign]
    return calls


async def dialog_over_a_screen(app: App[None], pilot: Any) -> tuple[_Beneath, _Dialog]:
    """A screen, and a dialog opened over it (each drawn)."""
    beneath = _Beneath()
    app.push_screen(beneath)
    await pilot.pause()
    dialog = _Dialog()
    app.push_screen(dialog)
    await pilot.pause()
    return beneath, dialog


async def test_what_changes_beneath_an_open_dialog_is_drawn() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        beneath, dialog = await dialog_over_a_screen(app, pilot)
        calls = draws_of(beneath)
        dialog.refresh()  # the dialog alone: the screen beneath is not drawn again
        await pilot.pause()
        assert calls == []
        beneath.query_one("#words", Static).update("changed beneath")
        await pilot.pause()
        assert len(calls) == 1
        lines = [line.text for line in app.screen._compositor.render_strips()]
        assert any("changed beneath" in line for line in lines)


class _SparesTheRepaintBeneath(App[None]):
    """Pushes a dialog as netbalance's app does."""

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        beneath = self.screen_stack[-1]
        pushed = super().push_screen(screen, *args, **kwargs)
        if isinstance(screen, textual_internals.DialogShownOnce):
            textual_internals.spare_repaint(beneath)
        return pushed


async def test_a_dialog_is_not_repainted_for_the_repaint_textual_gives_the_screen_beneath(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual repaints the whole screen beneath a pushed screen, which reaches the dialog
    as every region beneath repainted: a second full frame, the screen beneath gathered
    and compared again. The dialog draws that screen from its lines as they are when it
    opens; only what changes there later reaches it."""
    app = _SparesTheRepaintBeneath()
    async with app.run_test(size=(80, 24)) as pilot:
        beneath = _Beneath()
        app.push_screen(beneath)
        await pilot.pause()
        dialog = _Dialog()
        repainted: list[tuple[Region, ...]] = []
        refresh = dialog.refresh

        def counted(*regions: Region, **flags: Any) -> Any:
            if regions:
                repainted.append(regions)
            return refresh(*regions, **flags)

        monkeypatch.setattr(dialog, "refresh", counted)
        for _ in range(2):
            app.push_screen(dialog)
            for _ in range(3):
                await pilot.pause()
            assert repainted == []
            lines = [line.text for line in app.screen._compositor.render_strips()]
            assert any("a box" in line for line in lines) and any(
                "a dialog" in line for line in lines
            )
            app.pop_screen()
            await pilot.pause()
        app.push_screen(dialog)
        await pilot.pause()
        beneath.query_one("#words", Static).update("changed beneath")
        await pilot.pause()
        assert repainted, "what changes beneath the open dialog still reaches it"
        lines = [line.text for line in app.screen._compositor.render_strips()]
        assert any("changed beneath" in line for line in lines)


async def test_the_palette_opens_over_the_dimmed_mode() -> None:
    from textual.widgets import OptionList

    from netbalance.tui.commands import Command, Palette

    class _App(App[None]):
        def action_command_palette(self) -> None:
            self.push_screen(Palette([Command("Ring", "The bell", "app.bell", self)]))

        def compose(self) -> ComposeResult:
            yield Static("[bold red]under the palette[/]")

    app = _App()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, Palette)
        assert app.screen.query_one(OptionList).option_count == 1
        lines = [line.text for line in app.screen._compositor.render_strips()]
        assert "under the palette" in lines[0]


async def test_the_next_dialog_over_an_unchanged_screen_keeps_its_drawing() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        beneath = _Beneath()
        app.push_screen(beneath)
        await pilot.pause()
        calls = draws_of(beneath)

        async def open_and_read() -> list[str]:
            app.push_screen(_Dialog())
            await pilot.pause()
            lines = [line.text for line in app.screen._compositor.render_strips()]
            app.pop_screen()
            await pilot.pause()
            return lines

        first = await open_and_read()
        assert len(calls) == 1
        assert await open_and_read() == first
        assert len(calls) == 1, "nothing changed beneath: not drawn again"
        beneath.query_one("#words", Static).update("changed between the dialogs")
        await pilot.pause()
        third = await open_and_read()
        assert len(calls) == 2
        assert any("changed between the dialogs" in line for line in third)


async def test_a_dialog_shown_again_draws_what_changed_beneath_while_it_was_hidden() -> None:
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        beneath, dialog = await dialog_over_a_screen(app, pilot)
        app.push_screen(Screen())  # opaque: neither the dialog nor the screen beneath shows
        await pilot.pause()
        beneath.query_one("#words", Static).update("changed while hidden")
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert app.screen is dialog
        lines = [line.text for line in dialog._compositor.render_strips()]
        assert any("changed while hidden" in line for line in lines)


class _Mode(textual_internals.ShownAsMounted):
    DEFAULT_CSS = "_Mode #box { background: red; }"

    def compose(self) -> ComposeResult:
        yield Static("a mode", id="box")


async def test_a_mode_first_shown_keeps_the_styles_it_mounted_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mode's screen is styled as its widgets mount, and not again when it is first
    shown; one made before the stylesheet changed is styled again when first shown."""
    app: App[None] = App()
    async with app.run_test(size=(80, 24)) as pilot:
        styled: list[Screen[Any]] = []
        update_nodes = app.stylesheet.update_nodes

        def counted(nodes: Any, animate: bool = False) -> None:
            nodes = list(nodes)
            styled.extend(node for node in nodes if isinstance(node, _Mode))
            update_nodes(nodes, animate=animate)

        monkeypatch.setattr(app.stylesheet, "update_nodes", counted)
        mode = _Mode()
        assert mode._styled_for is not None  # made with the app running: the key kept
        app.push_screen(mode)
        await pilot.pause()
        assert styled == []
        assert mode.query_one("#box", Static).styles.background.hex == "#FF0000"

        made_before = _Mode()
        app.theme = "textual-light"
        await pilot.pause()
        styled.clear()
        app.push_screen(made_before)
        await pilot.pause()
        assert made_before in styled
        assert made_before.query_one("#box", Static).styles.background.hex == "#FF0000"
