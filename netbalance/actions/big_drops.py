"""A yes to a big drop (a save that removes more than half of a file's records), bound to
what the user was asked: the same files and the same figures. Should another process
change the files before the answer, the save is refused again with its new figures, to be
asked about anew (store.store `allow_drop`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netbalance.store.errors import BigDrop
    from netbalance.store.store import Store


@contextmanager
def agreed(store: Store, drop: BigDrop) -> Iterator[None]:
    """Within: exactly the drop the user said yes to may be made (a backup is kept)."""
    with store.allow_drop(drop.drops):
        yield
