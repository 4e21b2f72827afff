"""A board column: a virtual list of cards that builds only the cards on screen.

The height of every card is known from its fields without drawing it (`card_height`), so
a column of thousands of cards lays out in microseconds, and only the cards in view are
turned into text — when they scroll into view, and once per change of the card.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from rich.style import Style
from rich.text import Text
from textual import events
from textual.containers import Container
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netbalance.core.models import Item
from netbalance.core.named import NamedTuple

PAD = 1  # blank cells either side of a card's text
DRAWINGS_KEPT = 400  # past this many kept drawings, those of cards out of view are dropped

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


def _unchanged_ends(
    cards: list[Item], spent: list[int], new_cards: list[Item], new_spent: list[int]
) -> tuple[int, int]:
    """How the new cards differ from the shown ones: the new rows before `start` and
    from `end` on are the same cards (and seconds) as the first and last ones shown."""
    shortest = min(len(cards), len(new_cards))
    start = 0
    while (
        start < shortest and cards[start] is new_cards[start] and spent[start] == new_spent[start]
    ):
        start += 1
    same_at_end = 0
    while (
        same_at_end < shortest - start
        and cards[-1 - same_at_end] is new_cards[-1 - same_at_end]
        and spent[-1 - same_at_end] == new_spent[-1 - same_at_end]
    ):
        same_at_end += 1
    return start, len(new_cards) - same_at_end


class Lane(ScrollView, can_focus=False):
    """The cards of one column; one of them highlighted (`lane--card-highlighted`, or
    `lane--card-current` in the column with the selection). The board takes the keys (so
    that moving between columns changes no focus). Its border is its `LaneFrame`'s."""

    COMPONENT_CLASSES = {"lane--card", "lane--card-highlighted", "lane--card-current"}
    # repaint=False: `watch_highlighted` paints the two cards whose highlight changed (a
    # reactive's own repaint would paint the whole lane at each move of the highlight)
    highlighted: reactive[int | None] = reactive(None, always_update=True, repaint=False)

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
        self._heights: list[int] = []  # lines of each card
        self._tops: list[int] = []  # first line of each card
        self._total = 0
        self._laid_out_for = -1  # the width the heights were computed for
        # the last drawing of each card in each style it was drawn in:
        # (card id, base style) → (card, seconds, width, its lines)
        self._drawn: dict[tuple[str, Style], tuple[Item, int, int, list[Strip]]] = {}
        self._plain: Style | None = None  # the style of a card not highlighted, as drawn
        self._restyled = True  # the styles changed since the drawings were checked
        self._current = False  # the column with the selection
        # while a paint runs: what every line of it needs, worked out once
        self._painting: _Paint | None = None

    # content ----------------------------------------------------------------

    def show_cards(self, cards: Sequence[Item], spent: Sequence[int]) -> None:
        """Show these cards with their seconds spent; the highlight keeps its row. Only
        the cards that changed are measured again, and only the lines from the first
        change down are painted again."""
        cards, spent = list(cards), list(spent)
        if cards == self.cards and spent == self.spent:
            return
        start, end = _unchanged_ends(self.cards, self.spent, cards, spent)
        width = self._text_width
        if self._laid_out_for == width and len(self._heights) == len(self.cards):
            height_of = self._height_of
            middle = [
                height_of(card, seconds, width)
                for card, seconds in zip(cards[start:end], spent[start:end], strict=True)
            ]
            tail = len(self.cards) - (len(cards) - end)
            self.cards, self.spent = cards, spent
            self._measured(self._heights[:start] + middle + self._heights[tail:])
            first_line = self._tops[start] if start < len(self._tops) else self._total
            self._refresh_from(first_line)
        else:
            self.cards, self.spent = cards, spent
            self._laid_out_for = -1
            self._layout()
            self.refresh()
        if len(self._drawn) > DRAWINGS_KEPT:
            self._forget_unseen()
        row = self.highlighted
        if not self.cards:
            self.highlighted = None
        elif row is None or row >= len(self.cards):
            self.highlighted = 0 if row is None else len(self.cards) - 1

    def _refresh_from(self, line: int) -> None:
        """Paint again the lines in view from this line of the lane down."""
        top = self.scroll_offset.y
        bottom = top + self.scrollable_content_region.height
        first = max(line, top)
        if first < bottom:
            self.refresh_lines(first, bottom - first)

    def _forget_unseen(self) -> None:
        """Keep only the drawings of the cards in view (the cache stays small)."""
        seen = {card.id for card in self._cards_in_view()}
        self._drawn = {key: drawn for key, drawn in self._drawn.items() if key[0] in seen}

    def _cards_in_view(self) -> list[Item]:
        top = self.scroll_offset.y
        first = self._row_at(top)
        last = self._row_at(min(top + self.scrollable_content_region.height, self._total) - 1)
        if first is None or last is None:
            return []
        return self.cards[first : last + 1]

    def forget_drawing(self) -> None:
        """Draw every card again (the theme or today changed)."""
        self._drawn.clear()
        self.refresh()

    def show_as_current(self, current: bool) -> None:
        """Draw the highlighted card as the selection (this is the current column), or
        not: only that card's lines are painted again."""
        if current == self._current:
            return
        self._current = current
        row = self.highlighted
        if row is None or row >= len(self.cards):
            return
        if not self.is_mounted or self._laid_out_for != self._text_width:
            self.refresh()
            return
        top, height = self.span(row)
        self.refresh_lines(top, height)

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
        height_of = self._height_of
        self._measured(
            [
                height_of(card, seconds, width)
                for card, seconds in zip(self.cards, self.spent, strict=True)
            ]
        )

    def _measured(self, heights: list[int]) -> None:
        """Take the heights of the cards: where each card starts, the lane's height."""
        self._heights = heights
        self._tops = [0, *accumulate(heights)]
        self._total = self._tops.pop()
        region = self.scrollable_content_region
        self.virtual_size = Size(region.width, _scroll_height(self._total, region.height))

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

    def render_lines(self, crop: Region) -> list[Strip]:
        """Paint: the width, the scroll offset and the cards' styles are worked out once
        here for every line painted (each costs more than drawing a kept line)."""
        self._painting = self._paint()
        try:
            return super().render_lines(crop)
        finally:
            self._painting = None

    def _paint(self) -> _Paint:
        """The lane laid out and its styles checked: what painting its lines needs."""
        self._layout()
        if self._restyled:
            self._check_style()
        return _Paint(
            self.scrollable_content_region.width,
            self._text_width,
            self.scroll_offset.y,
            self._style(False),
            self._style(True),
        )

    def render_line(self, y: int) -> Strip:
        paint = self._painting or self._paint()
        line = paint.top + y
        row = self._row_at(line)
        if row is None:
            return Strip.blank(paint.width, paint.plain)
        return self._strips(row, paint)[line - self._tops[row]]

    def _strips(self, row: int, paint: _Paint) -> list[Strip]:
        card, seconds, width = self.cards[row], self.spent[row], paint.width
        base = paint.lit if row == self.highlighted else paint.plain
        key = (card.id, base)
        kept = self._drawn.get(key)
        if kept is not None:
            drawn_card, drawn_seconds, drawn_width, drawn = kept
            if drawn_seconds == seconds and drawn_width == width and drawn_card == card:
                return drawn
        console = self.app.console
        pad = " " * PAD
        drawn = []
        for text in self._lines_of(card, seconds, paint.text_width):
            segments = list(Text.assemble(pad, text, pad).render(console))
            drawn.append(Strip(segments).adjust_cell_length(width).apply_style(base))
        self._drawn[key] = (card, seconds, width, drawn)
        return drawn

    def _style(self, lit: bool) -> Style:
        """The base style of a card: highlighted or not (as this lane now looks)."""
        if not lit:
            names: tuple[str, ...] = ("lane--card",)
        elif self._current:
            names = ("lane--card", "lane--card-current")
        else:
            names = ("lane--card", "lane--card-highlighted")
        style: Style = self.get_visual_style(*names).rich_style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyled = True

    def _check_style(self) -> None:
        """After a change of style (the theme): the drawings are kept while the style of
        a card not highlighted stays (each drawing is kept with the style it was drawn in,
        so a highlighted card's new style draws it anew)."""
        self._restyled = False
        plain = self._style(False)
        if plain != self._plain:
            self._plain = plain
            self._drawn.clear()

    def _on_resize(self, event: events.Resize) -> None:
        self._drawn.clear()
        self._laid_out_for = -1
        self._layout()
        # The cards take fewer lines in a wider lane: a view scrolled as it was would
        # show blank lines below the last card and hide the first ones. The view goes no
        # further than the last card, and the selected card stays in it.
        bottom = max(0, self._total - self.scrollable_content_region.height)
        if self.scroll_offset.y > bottom:
            self.scroll_to(y=bottom, animate=False, immediate=True)
        if self.highlighted is not None:
            self.scroll_to_card(self.highlighted)

    # the highlight ----------------------------------------------------------

    def watch_highlighted(self, before: int | None, row: int | None) -> None:
        """Paint again the card that lost the highlight and the one that has it."""
        if row is not None:
            self.scroll_to_card(row)
        if not self.is_mounted or self._laid_out_for != self._text_width:
            self.refresh()
            return
        for lit in {before, row}:
            if lit is not None and lit < len(self.cards):
                top, height = self.span(lit)
                self.refresh_lines(top, height)

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


class _Paint(NamedTuple):
    """What every line of one paint of a lane needs."""

    width: int  # the lane's width inside its scroll bar
    text_width: int  # a card's text, inside its padding
    top: int  # the lane's line at the top of the view
    plain: Style  # a card not highlighted
    lit: Style  # the highlighted card


class LaneFrame(Container):
    """The border round a lane, with the class `-current` round the column with the
    selection. It is drawn apart from the lane: when the selection moves to another
    column, only the two borders are styled and painted again, while the lanes keep the
    lines they drew (a lane's own border would be on every one of its lines, and styling
    the lane would paint its scroll bar again too)."""

    def __init__(self, lane: Lane, *, id: str) -> None:
        super().__init__(lane, id=id, classes="lane-frame")
        self.lane = lane

    def render_lines(self, crop: Region) -> list[Strip]:
        """The frame's lines between its top and bottom border lines are all the same
        line (the side borders; the lane covers what is between them): it is drawn
        once and repeated, not drawn again for each line."""
        last = self.outer_size.height - 1
        lines: list[Strip] = []
        middle: Strip | None = None
        for y in crop.line_range:
            if 0 < y < last and middle is not None:
                lines.append(middle)
                continue
            (line,) = super().render_lines(Region(crop.x, y, crop.width, 1))
            if 0 < y < last:
                middle = line
            lines.append(line)
        return lines

    def show_as_current(self, current: bool) -> None:
        """Show the column as the one with the selection, or not."""
        self.lane.show_as_current(current)
        if self.has_class("-current") == current:
            return
        # styled alone: Textual would style the lane inside again too, and its scroll bar
        self.set_class(current, "-current", update=False)
        try:
            stylesheet = self.app.stylesheet
        except RuntimeError:  # no app running (NoActiveAppError)
            return
        stylesheet.apply(self, animate=False)
