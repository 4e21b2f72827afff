"""Every private part of Textual that netbalance leans on, fenced here, each for a goal
the benchmark measures (`tests/perf/bench.py`); `tests/tui/test_textual_internals.py`
pins them to the Textual version in the test extra, so an upgrade that moves one fails
there, by name, and not somewhere in a screen. Each falls back to Textual's public way
when the private part is gone.

- `start_with_theme`: the settings' theme in place before the stylesheet is first parsed
  (assigning `App.theme` parses and applies the whole stylesheet twice more before the
  first frame: app start).
- `ShownAsMounted`: a mode's screen marked as styled with the app's stylesheet as it is
  made (Textual otherwise re-parses every stylesheet of the app when a mode is first shown,
  twice: opening the Board or Contacts mode), and first shown with the styles its widgets
  mounted with (Textual styles every widget of a screen again when it is first shown: the
  app's first frame).
- `DialogShownOnce`: a dialog styled once and laid out once when it opens (Textual styles
  its widgets as they mount and again when it is first shown, and lays it out again, with
  the screen beneath, for the Resize its own first layout sends it: opening a form), and
  a kept dialog shown again styled again only when the stylesheet (its private count of
  changes) or the app's classes changed since (reopening a kept form); and
  `DimmedBeneath`, the mode beneath it drawn dimmed from its compositor's lines, each style
  tinted once, kept until the mode repaints and for the next dialog while the mode's
  widgets are where they were with the lines they had (Textual draws it through a stream
  of segments it tints one by one, at each repaint of the dialog: opening a form); and
  `spare_repaint`, no repaint of the whole mode as a dialog is pushed over it (which
  Textual passes on to the dialog as a second full frame: opening a form).
- `ScrollBarsOnChange`, `set_virtual_size_quietly`: a scroll view whose scroll bars repaint
  only when what they show changes, and whose length changes without laying the screen out
  again (the Contacts filter, a keystroke at a time).
- `SizedByLayout`: a Static whose new size, set by a layout of the screen, asks for no
  second layout (Textual sets its virtual size as a reactive that lays the whole screen
  out again: a Review step whose text changes its height).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar
from weakref import WeakKeyDictionary

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static

from netbalance.tui.dialog_look import DIALOG_CSS

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.visual import RenderOptions

TEXTUAL = "8.2.8"  # the version these were read from (and the test extra pins)


def start_with_theme(app: App[Any], name: str) -> None:
    """Make `name` the app's theme before its first frame, its variables in place before
    the stylesheet is first parsed; the public assignment where a part is missing."""
    if name == app.theme:
        return
    refresh_filter = getattr(app, "_refresh_truecolor_filter", None)
    if refresh_filter is None:
        app.theme = name
        return
    app.set_reactive(type(app).theme, name)
    dark = app.current_theme.dark
    app.set_class(dark, "-dark-mode", update=False)
    app.set_class(not dark, "-light-mode", update=False)
    app.set_class(True, f"-theme-{name}", update=False)
    refresh_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


def _styles_key(app: App[Any]) -> tuple[object, ...] | None:
    """What the widgets' styles follow from besides their own classes (whose every
    change restyles them at once): the app's stylesheet, counted by each change, and the
    app's classes. None: not known in this Textual."""
    count = getattr(app, "_css_update_count", None)
    if not isinstance(count, int):
        return None
    return (count, app.classes, app.pseudo_classes)


class ShownAsMounted(Screen[None]):
    """A mode's screen. Made, it is marked as styled with the app's current stylesheet
    (its widgets are styled as they mount). Its first show keeps the styles its widgets
    mounted with while the stylesheet and the app's classes are what they were when it
    was made: Textual would style every widget of it again (~3 ms of the app's first
    frame), and nothing can have changed them in between. Without the private count, as
    Textual does."""

    def __init__(self) -> None:
        super().__init__()
        self._styled_for: tuple[object, ...] | None = None  # until the first show
        try:
            self._css_update_count = self.app._css_update_count
        except (RuntimeError, AttributeError):  # no app running, or another Textual
            return
        self._styled_for = _styles_key(self.app)

    # Textual calls the handler of every class up the MRO; this one calls Screen's itself
    # and stops the walk (`prevent_default`), as DialogShownOnce's does.
    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        event.prevent_default()
        styled_for, self._styled_for = self._styled_for, None
        if styled_for is not None and styled_for == _styles_key(self.app):
            event.refresh_styles = False
        super()._on_screen_resume(event)


def spare_repaint(beneath: Screen[Any]) -> None:
    """Drop the repaint of the whole screen that Textual asks of `beneath` as it pushes a
    dialog over it, which reaches the dialog as every region beneath repainted: a second
    full frame of the dialog, with the screen beneath gathered and compared again (6-7 ms
    of opening a Board form). Nothing is missed without it: the dialog's first frame draws
    the screen beneath from its widgets' lines as they are then, and a widget there that
    changes later repaints its own region, which reaches the dialog."""
    if getattr(beneath, "_repaint_required", None) is True:
        beneath._repaint_required = False


ResultType = TypeVar("ResultType")


class DialogShownOnce(ModalScreen[ResultType]):
    """A dialog over a mode. Textual styles each widget as it mounts, then, when the
    screen is first shown (ScreenResume), styles every widget of it again; and the screen's
    first layout sends the screen a Resize, which lays it out again, and every screen
    beneath it, though nothing changed size: four full frames of the screen and the mode
    under it for one opened form. Here the first show keeps the styles the widgets mounted
    with (nothing can have changed them in between), and a Resize to the size the screen is
    already laid out at does nothing. A dialog shown again (a kept form) keeps its styles
    too while the stylesheet and the app's classes (`-short`, `-narrow`, the theme's) are
    what they were when it was last styled; else, as a real resize, it goes to Textual."""

    # the look of every dialog, parsed with the first to open (tui/dialog_look.py)
    SCOPED_CSS = False
    DEFAULT_CSS = DIALOG_CSS

    _shown_before = False
    _styled_for: tuple[object, ...] | None = None  # see `_styles_key`

    # Textual calls the handler of every class up the MRO; each of these calls Screen's
    # itself when it should run, and stops the walk (`prevent_default`).

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        event.prevent_default()
        self._dimmed = None  # what is beneath may have changed while this was hidden
        key = _styles_key(self.app)
        if not self._shown_before:
            self._shown_before = True
            if self._compositor_size() is not None:
                event.refresh_styles = False
        elif key is not None and key == self._styled_for:
            event.refresh_styles = False
        super()._on_screen_resume(event)
        self._styled_for = key

    async def _on_resize(self, event: events.Resize) -> None:
        event.prevent_default()
        laid_out = self._compositor_size()
        if laid_out is not None and laid_out == event.size == self.app.size:
            event.stop()
            return
        await super()._on_resize(event)

    def _compositor_size(self) -> Size | None:
        """The size the screen was last laid out at (None: not known in this Textual)."""
        size = getattr(getattr(self, "_compositor", None), "size", None)
        return size if isinstance(size, Size) else None

    # the screen beneath as last drawn dimmed here: (what it was drawn for, its lines)
    _dimmed: tuple[tuple[object, ...], list[Strip]] | None = None

    def render(self) -> RenderableType:
        rendered = super().render()
        if isinstance(rendered, BackgroundScreen) and _composited(rendered.screen):
            return DimmedBeneath(rendered.screen, rendered.color, self)  # type: ignore[return-value]
        return rendered

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """Regions refreshed on a dialog are what the screens beneath repainted (Textual
        passes them up to the top screen only): they are drawn again, dimmed, here and
        in each dialog between (a form under a question draws the mode under it);
        anything else keeps the drawing."""
        if regions:
            self._dimmed = None
            try:
                stack = self.app.screen_stack
            except RuntimeError:  # no app running (NoActiveAppError)
                stack = []
            if self in stack:
                for beneath in stack[: stack.index(self)]:
                    if isinstance(beneath, DialogShownOnce):
                        beneath.refresh(*regions)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def _composited(screen: Screen[Any]) -> bool:
    return callable(getattr(getattr(screen, "_compositor", None), "render_strips", None))


# (the dialog's own style, the tint) → each style beneath → that style dimmed
_DIMMED: dict[tuple[RichStyle, Color], dict[RichStyle | None, RichStyle]] = {}
_DIMMED_KEEP = 64  # (style, tint) pairs kept: a theme switch brings new ones

# a screen that was beneath a dialog → (what it was drawn for, what its compositor drew
# it from, its lines dimmed): the next dialog over it, when nothing there changed
_BENEATH: WeakKeyDictionary[Screen[Any], tuple[tuple[object, ...], list[Any], list[Strip]]]
_BENEATH = WeakKeyDictionary()


class DimmedBeneath(Visual):
    """The screen beneath a dialog, dimmed: what Textual's `BackgroundScreen` draws, cell
    for cell, made from the lines the screen beneath draws (its compositor's), each style
    tinted once, and kept by the dialog until the screen beneath repaints. Textual instead
    renders the screen beneath into a stream of segments, tints every segment anew and
    splits the stream into lines again, at each repaint of the dialog's screen (twice as it
    opens): most of the cost of opening a form."""

    def __init__(
        self, beneath: Screen[Any], tint: Color, dialog: DialogShownOnce[Any] | None = None
    ) -> None:
        self.beneath = beneath
        self.tint = tint
        self.dialog = dialog

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        base = style.rich_style
        drawn_for = (self.beneath, width, height, base, self.tint)
        dialog = self.dialog
        if dialog is not None and dialog._dimmed is not None and dialog._dimmed[0] == drawn_for:
            return list(dialog._dimmed[1])
        strips = self._kept_or_drawn(width, height, base)
        if dialog is not None:
            dialog._dimmed = (drawn_for, strips)
        return list(strips)

    def _kept_or_drawn(self, width: int, height: int | None, base: RichStyle) -> list[Strip]:
        """The lines the last dialog over the same screen drew, when what its compositor
        draws from is the same (each widget's place and lines: the widgets keep the lines
        they drew until they change); else drawn now. The compositor's drawing composes
        every line from its widgets' pieces, a cost the comparison does not have."""
        compositor = self.beneath._compositor
        drawn_for = (compositor.size, width, height, base, self.tint)
        drawn_from = list(compositor._get_renders())
        kept = _BENEATH.get(self.beneath)
        if kept is not None and kept[0] == drawn_for and kept[1] == drawn_from:
            return kept[2]
        strips = self._draw(width, height, base)
        _BENEATH[self.beneath] = (drawn_for, drawn_from, strips)
        return strips

    def _draw(self, width: int, height: int | None, base: RichStyle) -> list[Strip]:
        """What RichVisual makes of BackgroundScreen (under the widget's `_Styled`): each
        segment's style dimmed, with the dialog's own style beneath; a control segment
        is not dimmed, and becomes text when there is a style to put beneath it."""
        dimmed = _DIMMED.get((base, self.tint))
        if dimmed is None:
            if len(_DIMMED) >= _DIMMED_KEEP:
                _DIMMED.clear()
            dimmed = _DIMMED[base, self.tint] = {}
        lines = self.beneath._compositor.render_strips()
        strips: list[Strip] = []
        for line in lines if height is None else lines[:height]:
            segments: list[Segment] = []
            for segment in line:
                text, seg_style, control = segment
                if control:
                    segments.append(Segment(text, base + seg_style) if base else segment)
                    continue
                new_style = dimmed.get(seg_style)
                if new_style is None:
                    new_style = dimmed[seg_style] = base + self._dim(seg_style)
                segments.append(Segment(text, new_style))
            strip = Strip(segments)
            strips.append(strip.crop(0, width) if strip.cell_length > width else strip)
        return strips

    def _dim(self, style: RichStyle | None) -> RichStyle:
        """`BackgroundScreen.process_segments`, for one style."""
        (segment,) = BackgroundScreen.process_segments([Segment(" ", style)], self.tint)
        return segment.style or RichStyle()

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.beneath._compositor.size.height


class ScrollBarsOnChange(ScrollView):
    """Textual calls `_scroll_update` at every layout of the screen, whatever changed,
    and it repaints both scroll bars each time: one more frame after every layout. Here it
    runs only when the size, the view or the scroll bars shown did (the scroll bars repaint
    themselves when what they show changes)."""

    _scroll_state: tuple[object, ...] | None = None

    def _scroll_update(self, virtual_size: Size) -> None:
        state = (
            virtual_size,
            self.container_size,
            self.show_vertical_scrollbar,
            self.show_horizontal_scrollbar,
        )
        if state != self._scroll_state:
            self._scroll_state = state
            super()._scroll_update(virtual_size)


def set_virtual_size_quietly(view: ScrollView, size: Size) -> None:
    """A new scrollable size whose scroll bars follow, without laying the screen out again
    (a layout would repaint the scroll bars in a second frame); where the private part is
    missing, the public assignment, which lays out."""
    if size == view.virtual_size:
        return
    if not hasattr(ScrollView, "_scroll_update"):
        view.virtual_size = size
        return
    view.set_reactive(type(view).virtual_size, size)
    view._scroll_update(size)


class SizedByLayout(Static):
    """A Static laid out once for a new height. When a layout of the screen gives a widget
    a new size, Textual sets the widget's virtual size through a reactive declared to lay
    the screen out again: a second layout (and frame) that changes nothing, since that
    layout has just placed the widget. A Static is not scrollable, so its virtual size is
    only ever its size: it is set here without that layout."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
