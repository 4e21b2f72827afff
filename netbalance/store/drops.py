"""When one save removes too much: a file's records counted, and the big-drop rule
(the store refuses such a save unless the user said yes, and keeps a backup first)."""

from __future__ import annotations

from netbalance.store import schema

# A save is a big drop when it leaves a file with fewer than half the records it had AND
# removes at least this many: deleting your only card, or a contact with a few
# interactions from a quiet month, is an everyday change, not a big drop.
BIG_DROP = 10


def is_big_drop(before: int, after: int) -> bool:
    """Would going from `before` records to `after` drop more than half, and at least
    BIG_DROP of them?"""
    return before - after >= BIG_DROP and after * 2 < before


def count_records(data: schema.Data) -> int:
    """The records of a file's data: the documents of every table but `meta`."""
    return sum(len(docs) for name, docs in data.items() if name != schema.META)
