"""A board column: a virtual list of cards that builds only the cards on screen.

The height of every card is known from its fields without drawing it (`card_height`), so
a column of thousands of cards lays out in microseconds, and only the cards in view are
turned into text — when they scroll into view, and once per change of the card.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netbalance.core.models import Item

PAD = 1  # blank cells either side of a card's text

CardLines = Callable[[Item, int, int], list[Text]]  # (card, seconds spent, width) → lines
CardHeight = Callable[[Item, int, int], int]  # the same card's number of lines, undrawn


def _scroll_height(lines: int, view: int) -> int:
    """The lane's scroll height: its lines, rounded up in steps of half a view. A change
    of the scroll height lays the whole screen out again; in steps, moving one card
    rarely changes it. A short lane is exactly one view high (so it has no scroll bar)."""
    if lines <= view:
        return view
    step = max(8, view // 2)
    return -(-lines // step) * step


class Lane(ScrollView, can_focus=False):
    """The cards of one column; one of them highlighted. The board takes the keys (so
    that moving between columns changes no focus); the current column has the class
    `-current`."""

    COMPONENT_CLASSES = {"lane--card", "lane--card-highlighted"}
    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Picked(Message):
        """A click highlighted a card."""

        def __init__(self, lane: Lane) -> None:
            super().__init__()
            self.lane = lane

    class Chosen(Message):
        """Enter or a double click on a card."""

        def __init__(self, lane: Lane, item: Item) -> None:
            super().__init__()
            self.lane = lane
            self.item = item

    def __init__(self, lines: CardLines, height: CardHeight, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._lines_of = lines
        self._height_of = height
        self.cards: list[Item] = []
        self.spent: list[int] = []
        self._tops: list[int] = []  # first line of each card
        self._total = 0
        self._laid_out_for = -1  # the width the tops were computed for
        self._drawn: dict[tuple[Item, int, int, int], list[Strip]] = {}

    # content ----------------------------------------------------------------

    def show_cards(self, cards: Sequence[Item], spent: Sequence[int]) -> None:
        """Show these cards with their seconds spent; the highlight keeps its row."""
        if list(cards) == self.cards and list(spent) == self.spent:
            return
        self.cards = list(cards)
        self.spent = list(spent)
        self._laid_out_for = -1
        live = set(zip(self.cards, self.spent, strict=True))
        self._drawn = {key: lines for key, lines in self._drawn.items() if key[:2] in live}
        self._layout()
        row = self.highlighted
        if not self.cards:
            self.highlighted = None
        elif row is None or row >= len(self.cards):
            self.highlighted = 0 if row is None else len(self.cards) - 1
        self.refresh()

    def forget_drawing(self) -> None:
        """Draw every card again (the theme or today changed)."""
        self._drawn.clear()
        self.refresh()

    @property
    def count(self) -> int:
        return len(self.cards)

    @property
    def selected(self) -> Item | None:
        row = self.highlighted
        return None if row is None or row >= len(self.cards) else self.cards[row]

    def index_of(self, card_id: str) -> int | None:
        return next((i for i, card in enumerate(self.cards) if card.id == card_id), None)

    # layout -----------------------------------------------------------------

    @property
    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - 2 * PAD)

    def _layout(self) -> None:
        width = self._text_width
        if self._laid_out_for == width:
            return
        self._laid_out_for = width
        tops = []
        line = 0
        height_of = self._height_of
        for card, seconds in zip(self.cards, self.spent, strict=True):
            tops.append(line)
            line += height_of(card, seconds, width)
        self._tops = tops
        self._total = line
        region = self.scrollable_content_region
        self.virtual_size = Size(region.width, _scroll_height(line, region.height))

    def span(self, row: int) -> tuple[int, int]:
        """The first line and the height of a card."""
        top = self._tops[row]
        end = self._tops[row + 1] if row + 1 < len(self._tops) else self._total
        return top, end - top

    def _row_at(self, line: int) -> int | None:
        if line < 0 or line >= self._total:
            return None
        return bisect_right(self._tops, line) - 1

    # drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        row = self._row_at(line)
        if row is None:
            return Strip.blank(width, self.get_visual_style("lane--card").rich_style)
        top, _height = self.span(row)
        return self._strips(row, width)[line - top]

    def _strips(self, row: int, width: int) -> list[Strip]:
        card, seconds = self.cards[row], self.spent[row]
        lit = row == self.highlighted
        look = (2 if self.has_class("-current") else 1) if lit else 0
        key = (card, seconds, width, look)
        drawn = self._drawn.get(key)
        if drawn is None:
            names = ("lane--card", "lane--card-highlighted") if lit else ("lane--card",)
            base: Style = self.get_visual_style(*names).rich_style
            console = self.app.console
            pad = " " * PAD
            drawn = []
            for text in self._lines_of(card, seconds, self._text_width):
                segments = list(Text.assemble(pad, text, pad).render(console))
                strip = Strip(segments).adjust_cell_length(width).apply_style(base)
                drawn.append(strip)
            self._drawn[key] = drawn
        return drawn

    def notify_style_update(self) -> None:
        self._drawn.clear()
        super().notify_style_update()

    def _on_resize(self, event: events.Resize) -> None:
        self._drawn.clear()
        self._laid_out_for = -1
        self._layout()

    # the highlight ----------------------------------------------------------

    def watch_highlighted(self, row: int | None) -> None:
        if row is not None:
            self.scroll_to_card(row)
        self.refresh()

    def scroll_to_card(self, row: int) -> None:
        if not self.is_mounted or row >= len(self.cards):
            return
        self._layout()
        top, height = self.span(row)
        self.scroll_to_region(
            Region(0, top, self.scrollable_content_region.width, height),
            force=True,
            animate=False,
            immediate=True,
        )

    def action_cursor(self, step: int) -> None:
        if not self.cards:
            return
        row = self.highlighted or 0
        self.highlighted = min(max(row + step, 0), len(self.cards) - 1)

    def action_page_cursor(self, step: int) -> None:
        if not self.cards:
            return
        self._layout()
        top, _height = self.span(self.highlighted or 0)
        target = self._row_at(min(max(top + step * self.size.height, 0), self._total - 1))
        self.highlighted = target if target is not None else 0

    def action_first(self) -> None:
        if self.cards:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.cards:
            self.highlighted = len(self.cards) - 1

    def action_choose(self) -> None:
        card = self.selected
        if card is not None:
            self.post_message(self.Chosen(self, card))

    async def _on_click(self, event: events.Click) -> None:
        """A click selects a card; a double click opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self._row_at(self.scroll_offset.y + offset.y)
        if row is None:
            return
        self.highlighted = row
        self.post_message(self.Picked(self))
        if event.chain >= 2:
            self.action_choose()
