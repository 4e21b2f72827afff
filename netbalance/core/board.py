"""The kanban board of work items: columns, order, WIP limit, the track record.

Pure: items in, new `Item` values out (`models.replace`); the caller stores them.

- Columns come from the settings (`BoardRules`); the last one always means shipped.
  A card's stored column matches a configured one regardless of case. A card whose
  column is not configured (a column renamed or removed) is never lost: it shows in the
  last column if it was shipped, else in the first.
- Archived cards leave the board; they stay in the track record.
- Within a column cards are ordered by `position`, a float: a new or moved card goes to
  the end; a reordered card goes halfway between its new neighbours, and when that gap
  gets too small the whole column is renumbered 1, 2, 3 …
- Moving into the last column sets `shipped` to now; moving out of it clears it.
- Moving into the WIP column when it already holds `wip_limit` cards is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from netbalance.core.models import Item, Kind, Session, new_id, replace

MAX_TITLE = 200
MAX_NOTES = 10_000
MAX_TAG = 40
MAX_ESTIMATE = 999
MIN_GAP = 1e-6  # two neighbours closer than this: the column is renumbered
STEP = 1.0  # the distance between renumbered cards, and from the last card to a new one


class BoardError(ValueError):
    """A board change that cannot be made; the message is one line for a person."""


def _shown(text: str, limit: int = 40) -> str:
    """A value quoted in an error, shortened to stay on one line."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# fields --------------------------------------------------------------------------


def check_title(text: str) -> str:
    """A card's title: stripped, not empty, one line, at most 200 characters."""
    title = text.strip()
    if not title:
        raise BoardError("a card needs a title; it cannot be empty")
    if len(title.splitlines()) != 1:
        raise BoardError(f"a title must be one line: {_shown(title)}")
    if len(title) > MAX_TITLE:
        raise BoardError(
            f"a title can be at most {MAX_TITLE} characters, not {len(title)}: {_shown(title)}"
        )
    return title


def check_notes(text: str) -> str:
    """Notes: any text (several lines too), at most 10,000 characters, trailing space
    removed."""
    notes = text.rstrip()
    if len(notes) > MAX_NOTES:
        raise BoardError(f"notes can be at most {MAX_NOTES} characters, not {len(notes)}")
    return notes


def parse_tags(text: str | Iterable[str]) -> tuple[str, ...]:
    """`"writing, #deep ,writing"` → `("writing", "deep")`: split on commas, a leading
    `#` dropped, blanks dropped, each tag once (first spelling kept, case ignored)."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    tags: list[str] = []
    seen: set[str] = set()
    for part in parts:
        tag = part.strip().lstrip("#").strip()
        if not tag:
            continue
        if len(tag) > MAX_TAG or len(tag.splitlines()) != 1:
            raise BoardError(
                f"a tag must be one line of at most {MAX_TAG} characters: {_shown(tag)}"
            )
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tuple(tags)


def check_estimate(boxes: int | None) -> int | None:
    """An estimate in boxes: None (no estimate) or 1 … 999."""
    if boxes is not None and not 1 <= boxes <= MAX_ESTIMATE:
        raise BoardError(f"an estimate must be from 1 to {MAX_ESTIMATE} boxes, not {boxes}")
    return boxes


def overdue(item: Item, today: date) -> bool:
    """A due date passed on a card that has not shipped."""
    return item.due is not None and item.due < today and item.shipped is None


# the rules ------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRules:
    """The columns (left to right; the last means shipped) and the WIP limit."""

    columns: tuple[str, ...] = ("Backlog", "Next", "Doing", "Shipped")
    wip_column: str = "Doing"  # "" or a name not among the columns: no limit
    wip_limit: int = 3  # 0: no limit

    def __post_init__(self) -> None:
        folded = [column.casefold() for column in self.columns]
        if len(self.columns) < 2 or len(set(folded)) != len(folded) or not all(folded):
            raise ValueError(f"a board needs at least 2 different columns, not {self.columns}")

    @property
    def first(self) -> str:
        return self.columns[0]

    @property
    def shipped(self) -> str:
        """The last column: a card there is shipped."""
        return self.columns[-1]

    @property
    def limited(self) -> str | None:
        """The column the WIP limit applies to, as configured; None when there is none."""
        if self.wip_limit <= 0:
            return None
        return self.known(self.wip_column)

    def known(self, name: str) -> str | None:
        """The configured spelling of a column name (case ignored), or None."""
        wanted = name.strip().casefold()
        return next((column for column in self.columns if column.casefold() == wanted), None)

    def column(self, name: str) -> str:
        """The configured column a person named (case ignored); BoardError listing the
        columns otherwise."""
        found = self.known(name)
        if found is None:
            raise BoardError(f"no column {_shown(name)}; the columns are {', '.join(self.columns)}")
        return found

    def limit_of(self, column: str) -> int | None:
        """The WIP limit of a column, None when it has none."""
        return self.wip_limit if column == self.limited else None

    def place(self, item: Item) -> str:
        """The column a card shows in: its own, or (not configured) the last when it
        shipped, else the first."""
        if item.column in self.columns:  # the usual case: spelled as configured
            return item.column
        found = self.known(item.column)
        if found is not None:
            return found
        return self.shipped if item.shipped is not None else self.first


# the board ------------------------------------------------------------------------


# stands in `applied` for a deleted card: it leaves its column and joins none
_GONE: Final = Item("", "", "", 0.0, datetime.min, datetime.min, archived=True)


def _order(item: Item) -> tuple[float, datetime, str]:
    return (item.position, item.created, item.id)


@dataclass(frozen=True)
class Board:
    """The active (not archived) cards of each column, in order."""

    rules: BoardRules
    lanes: Mapping[str, tuple[Item, ...]]

    @classmethod
    def build(cls, items: Iterable[Item], rules: BoardRules) -> Board:
        lanes: dict[str, list[Item]] = {column: [] for column in rules.columns}
        for item in items:
            if not item.archived:
                lanes[rules.place(item)].append(item)
        return cls(
            rules, {column: tuple(sorted(cards, key=_order)) for column, cards in lanes.items()}
        )

    def applied(self, changed: Iterable[Item], removed: Iterable[str] = ()) -> Board:
        """The board once these changed (or new) cards are stored and the `removed` ids
        deleted: the same as building it again from every card, but only the columns a
        card leaves or joins are sorted again (archived cards leave the board)."""
        by_id = {item.id: item for item in changed}
        gone = set(removed)
        if not by_id and not gone:
            return self
        touched = {self.rules.place(item) for item in by_id.values() if not item.archived}
        by_id.update((item_id, _GONE) for item_id in gone if item_id not in by_id)
        for column, cards in self.lanes.items():
            if column not in touched and any(card.id in by_id for card in cards):
                touched.add(column)
        lanes = dict(self.lanes)
        for column in touched:
            kept = [card for card in self.lanes[column] if card.id not in by_id]
            joining = [
                item
                for item in by_id.values()
                if item is not _GONE and not item.archived and self.rules.place(item) == column
            ]
            lanes[column] = tuple(sorted(kept + joining, key=_order))
        return Board(self.rules, lanes)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.rules.columns

    def cards(self, column: str) -> tuple[Item, ...]:
        return self.lanes[self.rules.column(column)]

    def all_cards(self) -> list[Item]:
        """Every card on the board, column by column, in order."""
        return [card for column in self.columns for card in self.lanes[column]]

    def column_of(self, item: Item) -> str:
        return self.rules.place(item)

    def find(self, item_id: str) -> Item:
        """The card with this id (archived cards are not on the board)."""
        for card in self.all_cards():
            if card.id == item_id:
                return card
        raise BoardError(f"no card {item_id[:8]!r} on the board")

    def index_of(self, item: Item) -> int:
        lane = self.lanes[self.column_of(item)]
        return next(i for i, card in enumerate(lane) if card.id == item.id)

    def end_position(self, column: str) -> float:
        """The position for a card put at the end of a column."""
        lane = self.lanes[column]
        return lane[-1].position + STEP if lane else STEP

    def check_room(self, column: str) -> None:
        """Refuse a card coming into the WIP column when it is full."""
        limit = self.rules.limit_of(column)
        if limit is not None and len(self.lanes[column]) >= limit:
            raise BoardError(
                f"{column} already holds {len(self.lanes[column])} cards, its limit of {limit}; "
                f"move one on first, or change board.wip_limit in config.toml"
            )


# changes: each returns new Item values, to be stored --------------------------------


def add(
    board: Board,
    title: str,
    now: datetime,
    *,
    column: str | None = None,
    notes: str = "",
    tags: Iterable[str] = (),
    due: date | None = None,
    estimate: int | None = None,
    item_id: str | None = None,
) -> Item:
    """A new card at the end of `column` (default: the first)."""
    target = board.rules.first if column is None else board.rules.column(column)
    item = Item(
        id=item_id or new_id(),
        title=check_title(title),
        column=target,
        position=board.end_position(target),
        created=now,
        updated=now,
        notes=check_notes(notes),
        tags=parse_tags(tags),
        due=due,
        estimate=check_estimate(estimate),
        shipped=now if target == board.rules.shipped else None,
    )
    board.check_room(target)
    return item


class _Keep:
    """The default of `edit`'s optional fields: leave the value as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()


def edit(
    item: Item,
    now: datetime,
    *,
    title: str | None = None,
    notes: str | None = None,
    tags: Iterable[str] | None = None,
    due: date | _Keep | None = KEEP,
    estimate: int | _Keep | None = KEEP,
) -> Item:
    """The card with the given fields changed (`due=None` clears the due date,
    `estimate=None` the estimate); `updated` moves only when something changed."""
    changed = replace(
        item,
        title=item.title if title is None else check_title(title),
        notes=item.notes if notes is None else check_notes(notes),
        tags=item.tags if tags is None else parse_tags(tags),
        due=item.due if isinstance(due, _Keep) else due,
        estimate=item.estimate if isinstance(estimate, _Keep) else check_estimate(estimate),
    )
    return item if changed == item else replace(changed, updated=now)


def move(board: Board, item: Item, column: str, now: datetime) -> Item:
    """The card moved to the end of another column (named in any case). Into the last
    column it ships (now); out of it, it is no longer shipped. A card already there is
    returned unchanged."""
    if item.archived:
        raise BoardError(f"{_shown(item.title)} is archived: it is no longer on the board")
    target = board.rules.column(column)
    if board.column_of(item) == target:
        if item.column == target:
            return item
        return replace(item, column=target, updated=now)  # a stray column made real
    board.check_room(target)
    shipping = target == board.rules.shipped
    return replace(
        item,
        column=target,
        position=board.end_position(target),
        shipped=now if shipping else None,
        updated=now,
    )


def move_left(board: Board, item: Item, now: datetime) -> Item:
    """The card moved to the previous column; unchanged in the first."""
    return _step(board, item, -1, now)


def move_right(board: Board, item: Item, now: datetime) -> Item:
    """The card moved to the next column; unchanged in the last."""
    return _step(board, item, +1, now)


def _step(board: Board, item: Item, by: int, now: datetime) -> Item:
    index = board.columns.index(board.column_of(item)) + by
    if not 0 <= index < len(board.columns):
        return item
    return move(board, item, board.columns[index], now)


def reorder(board: Board, item: Item, index: int, now: datetime) -> list[Item]:
    """Put the card at `index` within its column (clamped to the column). Returns the
    cards that changed: the card alone, or the whole column when it had to be
    renumbered; nothing when it is already there."""
    column = board.column_of(item)
    lane = list(board.lanes[column])
    current = board.index_of(item)
    index = max(0, min(index, len(lane) - 1))
    if index == current:
        return []
    card = lane.pop(current)
    lane.insert(index, card)
    before = lane[index - 1].position if index > 0 else None
    after = lane[index + 1].position if index + 1 < len(lane) else None
    if before is None and after is not None:
        position = after - STEP
    elif after is None and before is not None:
        position = before + STEP
    elif before is not None and after is not None and after - before >= 2 * MIN_GAP:
        position = (before + after) / 2
    else:
        position = None
    if position is None or not _between(before, position, after):
        return _renumber(lane, column, now)
    return [replace(card, column=column, position=position, updated=now)]


def _between(before: float | None, position: float, after: float | None) -> bool:
    return (before is None or before < position) and (after is None or position < after)


def move_up(board: Board, item: Item, now: datetime) -> list[Item]:
    """One place up within the column (see `reorder`)."""
    return reorder(board, item, max(0, board.index_of(item) - 1), now)


def move_down(board: Board, item: Item, now: datetime) -> list[Item]:
    """One place down within the column (see `reorder`)."""
    return reorder(board, item, board.index_of(item) + 1, now)


def _renumber(lane: Sequence[Item], column: str, now: datetime) -> list[Item]:
    changed: list[Item] = []
    for number, card in enumerate(lane, start=1):
        position = number * STEP
        if card.position != position or card.column != column:
            changed.append(replace(card, column=column, position=position, updated=now))
    return changed


def archive_shipped(board: Board, now: datetime) -> list[Item]:
    """Every card in the last column, archived: it leaves the board and stays in the
    track record."""
    return [replace(card, archived=True, updated=now) for card in board.lanes[board.rules.shipped]]


# reading ---------------------------------------------------------------------------


def track_record(items: Iterable[Item]) -> list[Item]:
    """Shipped cards, archived ones too, newest first."""
    shipped = [item for item in items if item.shipped is not None]
    return sorted(shipped, key=lambda item: (item.shipped, item.id), reverse=True)


def find(items: Iterable[Item], text: str) -> Item:
    """A card by id prefix or title, as a person types it: the exact title (any case),
    else the one card whose title holds the text, else the one whose id starts with it;
    BoardError naming the matches. Part of a title comes before an id's start: "add" is
    hex, and among 3,000 cards some id starts with it one time in two; a short id (six
    characters of hex) is part of no title."""
    wanted = text.strip().casefold()
    if not wanted:
        raise BoardError("name a card by its title or id")
    cards = list(items)
    for found in (
        [item for item in cards if item.title.strip().casefold() == wanted],
        [item for item in cards if wanted in item.title.casefold()],
        [item for item in cards if item.id.startswith(wanted)],
    ):
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(_shown(item.title, 30) for item in found[:5])
            more = f" and {len(found) - 5} more" if len(found) > 5 else ""
            raise BoardError(f"{len(found)} cards match {_shown(text)}: {listed}{more}")
    raise BoardError(f"no card with the title or id {_shown(text)}")


def time_spent(sessions: Iterable[Session]) -> dict[str, int]:
    """Item id → seconds of produce time spent on it (pauses excluded)."""
    spent: dict[str, int] = {}
    for session in sessions:
        if session.kind is Kind.PRODUCE and session.item_id:
            spent[session.item_id] = spent.get(session.item_id, 0) + session.active_seconds
    return spent
