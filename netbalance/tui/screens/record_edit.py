"""The save of a form that edits a stored record, on the terms of `core.revisions`.

The form saves before it closes. When another process changed the record meanwhile, the
action merges the change field by field; when both changed the same field the form stays
open, says which field and both values, and shows what is stored with the user's values
in the clashing fields, so saving again keeps theirs and loses nobody else's change. When
the record was deleted meanwhile the form says so, and saving again adds it as new.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from netbalance.core.revisions import EditConflict, RecordGone, view_after_clash
from netbalance.store.errors import StoreError
from netbalance.tui.screens.form import Form

Record = TypeVar("Record")
Draft = TypeVar("Draft")
Result = TypeVar("Result")


class Asked(Exception):
    """The save asks the user something first (an overlap: trim the other session?); the
    form stays open, saying nothing, until the answer saves it or says why not."""


class RecordEdit(Generic[Record, Draft, Result]):
    """A form's `saving` for an edit of `seen`: `wanted(seen, draft)` is the record as
    the user wants it, `save(seen, wanted)` stores it (the action), `add_again(wanted)`
    adds it as new after it was deleted, `saved(result)` follows a save."""

    def __init__(
        self,
        form: Form[Draft],
        seen: Record,
        *,
        noun: str,
        wanted: Callable[[Record, Draft], Record],
        save: Callable[[Record, Record], Result],
        add_again: Callable[[Record], Result],
        saved: Callable[[Result], None],
    ) -> None:
        self.form = form
        self.seen = seen
        self.noun = noun
        self.wanted = wanted
        self.save = save
        self.add_again = add_again
        self.saved = saved
        self.gone = False
        form.saving = self

    def __call__(self, draft: Draft) -> str | None:
        try:
            wanted = self.wanted(self.seen, draft)
            record = self.add_again(wanted) if self.gone else self.save(self.seen, wanted)
        except EditConflict as clash:
            self.seen = clash.stored
            self.form.fill(view_after_clash(clash))
            self.form.refill()
            return (
                f"{clash}. The form shows what is stored now, with yours where you both "
                "changed it: save again to keep yours."
            )
        except Asked:
            return ""
        except RecordGone as gone:
            self.gone = True
            return f"{gone}. Save again to add it as a new {self.noun}, or Esc to leave it deleted."
        except (ValueError, StoreError, OSError) as problem:
            return str(problem)
        self.saved(record)
        return None
