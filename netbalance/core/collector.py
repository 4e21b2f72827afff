"""What the process keeps, out of the cyclic collector's way.

Documents read from the data files and an import's records are made by the hundred
thousand and hold no cycle. The collector would walk them as they are made (a pass of
the youngest objects every 700 made) and at each later pass while the process keeps
them, to find nothing: ~5 ms of `netbalance report`, ~30 ms after an import. So they are
made with the collector paused and then frozen: out of every later pass. Frozen objects
are still freed when their last reference goes; the app's `Heap` unfreezes, collects
and freezes again when the user is idle, after any freeze here (`freezes`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freezes = 0


@contextmanager
def kept_out() -> Iterator[None]:
    """The collector paused meanwhile, what the process holds at the end frozen, and
    the collector as it was before (a paused one stays paused)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        keep_frozen()
        if collecting:
            gc.enable()


def keep_frozen() -> None:
    """Freeze what the process holds now: out of every later pass of the collector."""
    global _freezes
    gc.freeze()
    _freezes += 1


def freezes() -> int:
    """How many times this process froze here (`gc.get_freeze_count()` would tell a
    freeze too, but it counts the frozen objects one by one: ~5 ms on ten years of data)."""
    return _freezes
