"""Cards on the board: every change the `item` commands and the Board mode make, and the
board as it stands.

A change is worked out by a rule of `core.board` on the board as stored — first on the
board as read (bad input fails before a lock file or a folder is made), then again
inside the transaction on the board as it is then (another process may have changed
it) — and saved once: one user action, one undo step.

The board is built from every card once and kept while the main file stays as it was
read (its generation); our own change re-sorts only the columns it touched
(`Board.applied`), so a move on a board of thousands of cards costs one column.

A follow-up card (linked to a contact) that ships logs an interaction with its person in
the same save: the follow-up is done.

An edit names the card as the user saw it: a change made meanwhile by another process is
merged field by field or refused (`core.revisions`); a card deleted meanwhile is never
brought back. A delete names the card it asked about: changed since, it asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from netbalance.actions import records
from netbalance.core import board as rules_of_board
from netbalance.core.board import Board, BoardRules
from netbalance.core.models import Interaction, Item
from netbalance.core.revisions import RecordGone

if TYPE_CHECKING:
    from netbalance.core.review import Contacted
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store

Change = Callable[[Board], list[Item]]

_boards: WeakKeyDictionary[Store, tuple[int, BoardRules, Board]] = WeakKeyDictionary()


def board_rules(settings: Settings) -> BoardRules:
    """The columns and the WIP limit of the settings."""
    return BoardRules(settings.board_columns, settings.wip_column, settings.wip_limit)


def named(item: Item) -> str:
    """A card in words, for messages: the card “Write chapter 3”."""
    return f"the card “{item.title}”"


# reading ---------------------------------------------------------------------------


def board(store: Store, rules: BoardRules) -> Board:
    """The board as the store holds it (built again only when the main file was read
    again or saved by another change since)."""
    cached = _boards.get(store)
    if cached is not None and cached[1] == rules and cached[0] == store.main_generation:
        return cached[2]
    built = Board.build(store.items.all(), rules)
    _boards[store] = (store.main_generation, rules, built)
    return built


def all_cards(store: Store) -> list[Item]:
    """Every card, archived ones too, as stored."""
    return store.items.all()


def resolve(store: Store, prefix: str) -> Item:
    """A card by its id or an unambiguous start of it (UnknownId otherwise)."""
    return store.items.resolve(prefix)


def track_record(store: Store) -> list[Item]:
    """Shipped cards, archived ones too, newest first."""
    return rules_of_board.track_record(store.items.all())


def shared_with(store: Store) -> dict[str, tuple[Contacted, ...]]:
    """Card id → who it was shared with, and when first: worked out from the
    interactions that name it (`contact log --shared`, the review), never stored."""
    from netbalance.core.review import shared_with as worked_out

    names = {contact.id: contact.name for contact in store.contacts.all()}
    return worked_out(
        store.interactions.where(lambda doc: doc.get("shared_item_id") is not None), names
    )


def find(store: Store, text: str) -> Item:
    """A card by id prefix or title (any case; part of a title when only one card has
    it); BoardError naming what matched otherwise."""
    return rules_of_board.find(store.items.all(), text)


# changes ---------------------------------------------------------------------------


def _apply(store: Store, rules: BoardRules, change: Change) -> list[Item]:
    """Work out a change on the board as read, then again in one transaction on the board
    as stored, and save it; nothing is written when it changes nothing."""
    if not change(board(store, rules)):
        return []
    with store.transaction():
        current = board(store, rules)
        changed = change(current)
        stored = []
        for item in changed:
            before = store.items.get(item.id)
            stored.append(_put(store, item))
            if stored[-1].contact_id and stored[-1].shipped and not (before and before.shipped):
                _followed_up(store, stored[-1])
    _boards[store] = (store.main_generation, rules, current.applied(stored))
    return stored


def _followed_up(store: Store, card: Item) -> Interaction | None:
    """A follow-up card shipped: the interaction with its person, now, in the same save
    (one undo step); the follow-up it carries is done. None when they were deleted."""
    from netbalance.core.models import new_id

    contact = store.contacts.get(card.contact_id or "")
    if contact is None or card.shipped is None:
        return None
    with store.transaction(f"ship card “{card.title}”, logged with {contact.name}"):
        when = card.shipped
        interaction = Interaction(
            id=new_id(),
            contact_id=contact.id,
            when=when,
            created=when,
            updated=when,
            note=card.title,
            follows_up=card.follows_up,
        )
        return store.interactions.add(interaction)


def _stored(store: Store, item: Item) -> Item:
    """The card as stored now (the user may have seen an older version of it)."""
    stored = store.items.get(item.id)
    if stored is None:
        raise RecordGone(named(item))
    return stored


def _put(store: Store, item: Item) -> Item:
    """Store a card made by a rule from the card as stored: added when new."""
    if store.items.get(item.id) is None:
        return store.items.add(item)
    return store.items.update(item)


def add(
    store: Store,
    rules: BoardRules,
    title: str,
    now: datetime,
    *,
    column: str | None = None,
    notes: str = "",
    tags: tuple[str, ...] = (),
    due: date | None = None,
    estimate: int | None = None,
) -> Item:
    """A new card at the end of a column (default: the first); BoardError when the
    column is full or a field is bad."""
    from netbalance.core.models import new_id

    item_id = new_id()

    def change(current: Board) -> list[Item]:
        card = rules_of_board.add(
            current,
            title,
            now,
            column=column,
            notes=notes,
            tags=tags,
            due=due,
            estimate=estimate,
            item_id=item_id,
        )
        return [card]

    (card,) = _apply(store, rules, change)
    return card


def move(store: Store, rules: BoardRules, item: Item, column: str, now: datetime) -> Item | None:
    """The card moved to the end of a column (into the last it ships); None when it is
    there already. The card is the one stored now, wherever the user saw it."""

    def change(current: Board) -> list[Item]:
        card = _stored(store, item)
        moved = rules_of_board.move(current, card, column, now)
        return [moved] if moved != card else []

    return next(iter(_apply(store, rules, change)), None)


def step(store: Store, rules: BoardRules, item: Item, by: int, now: datetime) -> Item | None:
    """The card moved `by` columns to the right (negative: left); None at either end."""

    def change(current: Board) -> list[Item]:
        card = _stored(store, item)
        mover = rules_of_board.move_right if by > 0 else rules_of_board.move_left
        moved = mover(current, card, now)
        return [moved] if moved != card else []

    return next(iter(_apply(store, rules, change)), None)


def reorder(store: Store, rules: BoardRules, item: Item, by: int, now: datetime) -> list[Item]:
    """The card one place down (`by` > 0) or up its column; the cards that changed."""

    def change(current: Board) -> list[Item]:
        card = current.find(item.id)
        mover = rules_of_board.move_down if by > 0 else rules_of_board.move_up
        return mover(current, card, now)

    return _apply(store, rules, change)


def archive_shipped(store: Store, rules: BoardRules, now: datetime) -> list[Item]:
    """Every card in the last column archived: it leaves the board, stays in the track
    record. The cards archived."""
    return _apply(store, rules, lambda current: rules_of_board.archive_shipped(current, now))


def edit(store: Store, rules: BoardRules, seen: Item, wanted: Item) -> Item:
    """The card as the user edited it from `seen`, merged with what is stored now:
    EditConflict when someone else changed a field they changed too, RecordGone when it
    was deleted meanwhile (it is never brought back). The card as stored."""
    with store.transaction():
        current = board(store, rules)
        saved = records.edit(store, store.items, seen, wanted, named)
    _boards[store] = (store.main_generation, rules, current.applied([saved]))
    return saved


def add_again(store: Store, rules: BoardRules, wanted: Item, now: datetime) -> Item:
    """A card that was deleted while the user edited it, added as a new card (the user
    said so) at the end of its column."""
    return add(
        store,
        rules,
        wanted.title,
        now,
        column=rules.place(wanted),
        notes=wanted.notes,
        tags=wanted.tags,
        due=wanted.due,
        estimate=wanted.estimate,
    )


def delete(store: Store, rules: BoardRules, seen: Item) -> Item:
    """Delete the card the user was asked about. RecordChanged when it changed since
    (ask again), RecordGone when it is gone already. Its sessions keep their time and
    the title they were spent on."""
    with store.transaction():
        current = board(store, rules)
        deleted = records.delete(store, store.items, seen, named)
    _boards[store] = (store.main_generation, rules, current.applied([], [deleted.id]))
    return deleted


def time_spent(store: Store) -> dict[str, int]:
    """Card id → seconds of produce time spent on it, over all history."""
    return rules_of_board.time_spent(store.sessions.all())


_spent: dict[str, tuple[object, dict[str, int]]] = {}


def time_spent_apart(store: Store) -> dict[str, int]:
    """`time_spent`, read through a store of its own (safe in a worker thread) and
    counted again only when a history file changed since the last count."""
    reader = store.twin()
    key = reader.history_signature()
    known = _spent.get(store.path)
    if known is not None and known[0] == key:
        return known[1]
    spent = time_spent(reader)
    _spent[store.path] = (key, spent)
    return spent
