"""What the app keeps in memory, out of the collector's way during keys, tidied while
the user is idle, so a session of days never grows through it.

A screen that loads a large, long-lived set (the board's cards and their drawings, the
contacts' counts and histories: tens of thousands of objects) has it `kept()`: frozen out
of the collector's full passes, which would otherwise scan it in a later key (~50 ms).
What a reload replaced stays frozen too, though, and frozen objects are never collected
(the store freezes what it reads the same way: core/collector.py); so whatever was
frozen since the last tidy-up asks for one, done at the first quiet moment (no key for
QUIET_TICKS ticks of the app's one-second repaint): everything is unfrozen, collected
once, and what is alive frozen again. A key never waits for it."""

from __future__ import annotations

import gc

from netbalance.core.collector import freezes, keep_frozen

QUIET_TICKS = 2  # repaints (a second each) without a key before tidying


class Heap:
    def __init__(self) -> None:
        self.freezes = freezes()  # `keep_frozen` calls, as of the last tidy-up
        self.quiet = 0  # repaints since the last key
        self.tidied = 0  # how many tidy-ups ran (for the long-session benchmark)

    def kept(self) -> None:
        """A large set was loaded and is kept: out of the full passes from now on."""
        keep_frozen()

    @property
    def untidy(self) -> bool:
        """Something was frozen since the last tidy-up: a load kept, a data file read,
        an import."""
        return freezes() != self.freezes

    def key(self) -> None:
        self.quiet = 0

    def tick(self) -> None:
        """A repaint: tidy up once the user has been quiet long enough."""
        self.quiet += 1
        if self.untidy and self.quiet >= QUIET_TICKS:
            self.tidy()

    def tidy(self) -> None:
        """Collect what reloads replaced, and freeze what is alive again."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.freezes = freezes()
        self.tidied += 1
