"""What the main file's parsed copy (store/parsed.py) keeps apart: the shipped cards
and the contacts without a cadence.

Over the years nearly every card is shipped and most contacts are only looked up: on the
benchmark's ten years of data, 2,924 of 3,098 cards and 1,894 of 2,088 contacts, nine
tenths of the main file. A weekly summary looks at the open cards, the contacts with a
cadence, and of the rest only those of its week or named by its boxes and meetings; to
read all the others back cost it ~6 ms of its ~60. So the copy keeps those documents in
blocks of their own (`RULES`): a month of shipped cards, a contact. A reader gets the
others with the rest of the file; the blocks of a span or of some ids when it asks for
them (`Shelf.docs`); and the whole table, in the file's order, when it reads the table as
a table (`Shelf.whole`).

A block is read once and kept: its documents stay the same objects, as the
decoded-records cache of `DataFile` needs. The copy's check (a CRC-32 of all of it)
covers the blocks; the file's shape was checked before the copy was made.
"""

from __future__ import annotations

import marshal

from netbalance.core.collector import kept_out

TYPE_CHECKING = False  # not `from typing import …`: `netbalance report` spares typing
if TYPE_CHECKING:
    from netbalance.store.codec import Doc
    from netbalance.store.schema import Data

# Per table: the field (a stored instant) its kept-apart documents are found by, how
# many of its characters name their block (None: each document is a block), and the
# field that keeps a document with the rest when set.
RULES: dict[str, tuple[str, int | None, str | None]] = {
    "items": ("shipped", 7, None),  # the shipped cards, a month a block
    "contacts": ("created", None, "cadence_days"),  # contacts without a cadence, each alone
}
EVERY_BLOCK = ""  # the block of an id found in several: read them all


def shelve(data: Data) -> object:
    """What a copy keeps of the main file's `data`: `data` itself when nothing is kept
    apart; else the document without those documents, and a shelf of each table's."""
    shelves = {}
    rests = {}
    for table, (field, width, stays) in RULES.items():
        docs = data.get(table)
        if not isinstance(docs, dict):
            continue
        rest: dict[str, Doc] = {}
        blocks: dict[str, dict[str, Doc]] = {}
        starts: dict[str, str] = {}
        block_of: dict[str, str] = {}
        for key, doc in docs.items():
            value = doc.get(field) if isinstance(doc, dict) else None
            record_id = doc.get("id") if isinstance(doc, dict) else None
            if type(value) is not str or type(record_id) is not str or (stays and doc.get(stays)):
                rest[key] = doc
                continue
            name = value[:width] if width is not None else key
            blocks.setdefault(name, {})[key] = doc
            starts[name] = value[:width] if width is not None else value
            seen = block_of.get(record_id, name)
            block_of[record_id] = name if seen == name else EVERY_BLOCK
        if blocks:
            rests[table] = rest
            kept = {name: (starts[name], marshal.dumps(docs)) for name, docs in blocks.items()}
            shelves[table] = (list(docs), block_of, kept, width)
    if not shelves:
        return data
    return ({**data, **rests}, shelves)


def unshelve(kept: object) -> tuple[Data, dict[str, Shelf]] | None:
    """The document a copy keeps (without what it keeps apart) and the shelf of each
    table; None when `kept` is neither form."""
    if isinstance(kept, dict):
        return kept, {}
    if not (isinstance(kept, tuple) and len(kept) == 2):
        return None
    data, parts = kept
    if not (isinstance(data, dict) and isinstance(parts, dict)):
        return None
    shelves = {}
    for table, part in parts.items():
        if not (
            table in RULES
            and isinstance(data.get(table), dict)
            and isinstance(part, tuple)
            and len(part) == 4
            and isinstance(part[0], list)
            and isinstance(part[1], dict)
            and isinstance(part[2], dict)
            and (part[3] is None or type(part[3]) is int)
        ):
            return None
        shelves[table] = Shelf(*part)
    return data, shelves


class Shelf:
    """The documents of a table that a main file's copy keeps apart, read a block at a
    time."""

    __slots__ = ("_block_of", "_blocks", "_order", "_read", "_width")

    def __init__(
        self,
        order: list[str],
        block_of: dict[str, str],
        blocks: dict[str, tuple[str, bytes]],
        width: int | None,
    ) -> None:
        self._order = order  # the table's keys, in the file's order
        self._block_of = block_of  # by record id
        self._blocks = blocks  # by name: where its field starts, its documents
        self._width = width
        self._read: dict[str, dict[str, Doc]] = {}

    @property
    def count(self) -> int:
        """How many documents the table holds, kept apart or not."""
        return len(self._order)

    def docs(
        self, rest: dict[str, Doc], low: str, high: str, ids: set[str]
    ) -> list[tuple[str, Doc]]:
        """The documents not kept apart (`rest`) and, of the others, those whose field
        is from `low` to `high` (as text: stored instants compare so) or whose id is in
        `ids`, in the table's order. Others may come too."""
        if self._width is not None:
            low, high = low[: self._width], high[: self._width]
        wanted = {name for name, (start, _) in self._blocks.items() if low <= start <= high}
        for record_id in ids:
            name = self._block_of.get(record_id)
            if name == EVERY_BLOCK:
                wanted = set(self._blocks)
                break
            if name is not None:
                wanted.add(name)
        return self._in_order(rest, wanted)

    def whole(self, rest: dict[str, Doc]) -> dict[str, Doc]:
        """The whole table, as the file holds it."""
        return dict(self._in_order(rest, set(self._blocks)))

    def _in_order(self, rest: dict[str, Doc], names: set[str]) -> list[tuple[str, Doc]]:
        found = dict(rest)
        with kept_out():  # documents hold no cycles: see core/collector.py
            for name in names:
                found.update(self._block(name))
        return [(key, doc) for key in self._order if (doc := found.get(key)) is not None]

    def _block(self, name: str) -> dict[str, Doc]:
        docs = self._read.get(name)
        if docs is None:
            docs = self._read[name] = marshal.loads(self._blocks[name][1])
        return docs
