"""Undo and redo: the last change of any record, made in any mode or by any command.

A question names the step it asks about: the app asks before an undo that would remove
most of a file's records, and the answer undoes that step only. When another process made
or undid a change meanwhile, StepChanged says which step is last now, and nothing is
changed (store.journal holds the rules: an undo never overwrites a later change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netbalance.store.journal import Outcome, Step
    from netbalance.store.store import Store


def next_step(store: Store, verb: str) -> Step | None:
    """The step `undo` (verb "undo") or `redo` would take now; None when there is none."""
    return store.next_step(verb)


def undo(store: Store, expect: str | None = None) -> Outcome:
    """Undo the last change (with `expect`, only if it is still that step)."""
    return store.undo(expect)


def redo(store: Store, expect: str | None = None) -> Outcome:
    """Redo the last undone change (with `expect`, only if it is still that step)."""
    return store.redo(expect)


def step(store: Store, verb: str, expect: str | None = None) -> Outcome:
    """`undo` or `redo`, by name."""
    return undo(store, expect) if verb == "undo" else redo(store, expect)


def steps(store: Store) -> tuple[list[Step], int]:
    """The kept steps, oldest first, and how many of them are done."""
    return store.steps()
