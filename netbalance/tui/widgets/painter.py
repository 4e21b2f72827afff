"""Texts put into a screen's Statics: a widget is updated only when what it shows
changes, and the screen is laid out again only when a widget's height does.

A layout of a whole mode (the dashboard's panels, the Review's steps) is most of what a
week step or a Review step costs; most such steps change the panels' text but not
their number of lines, and a clock tick changes nothing at all."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


class Painter:
    """What each Static of one screen shows, by id, and the height of its text."""

    def __init__(self) -> None:
        self._shown: dict[str, object] = {}
        self._heights: dict[Static, tuple[int, int]] = {}  # content width, height

    def forget(self) -> None:
        """Paint everything anew at the next `paint` (the theme, the data changed)."""
        self._shown.clear()

    def paint(self, widget: Static, content: str | Text | Content) -> bool:
        """Show `content` in `widget` unless it shows it already; True when updated."""
        key: object = content
        if isinstance(content, Text):
            key = (content.plain, str(content.style), tuple(content.spans))
        elif isinstance(content, Content):  # equal to another by its text alone
            key = (content.plain, tuple(content.spans))
        name = widget.id or str(id(widget))
        if self._shown.get(name) == key:
            return False
        self._shown[name] = key
        self._update(widget, content)
        return True

    def border(self, widget: Widget, title: str, subtitle: str | None = None) -> None:
        """Put `title` (and `subtitle`) on `widget`'s border unless it has it already:
        Textual repaints the widget at every setting, a panel with all it holds."""
        name = widget.id or str(id(widget))
        for part, text in (("border_title", title), ("border_subtitle", subtitle)):
            key = f"{name} {part}"
            if text is not None and self._shown.get(key) != text:
                self._shown[key] = text
                setattr(widget, part, text)

    def _update(self, widget: Static, content: str | Text | Content) -> None:
        """`widget.update`, with a layout only when it may move something: a widget of a
        fixed height never asks; one as wide as its text (a Label) always does; any
        other asks when its text's number of lines at its width changes."""
        height = widget.styles.height
        if height is not None and height.is_cells:
            widget.update(content, layout=False)
            return
        width = widget.content_size.width
        wanted = widget.styles.width
        if not width or (wanted is not None and wanted.is_auto):
            self._heights.pop(widget, None)
            widget.update(content)
            return
        widget.update(content, layout=False)
        lines = widget.get_content_height(widget.size, widget.size, width)
        if self._heights.get(widget) != (width, lines):
            self._heights[widget] = (width, lines)
            widget.refresh(layout=True)
