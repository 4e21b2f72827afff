"""Edits made from a record the user saw, merged with what is stored now.

Every record carries a revision that every save bumps. An edit names the record as the
user saw it (`seen`), the record as they want it (`wanted`) and the record as it is
stored now (`stored`). When nothing else changed it meanwhile (the same revision) the
edit goes in as it is. Otherwise it is merged field by field:

- a field the user left alone takes the stored value (another process's change stays);
- a field only the user changed takes the user's value;
- a field both changed, to different values, is a clash: the edit is refused with one
  line naming the field and both values, and nothing is saved.

A record deleted meanwhile is never re-created by an edit: RecordGone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netbalance.core.models import replace
from netbalance.core.named import NamedTuple

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Record = TypeVar("Record", bound=tuple[Any, ...])

# Fields the store keeps and no user edits: never merged, never a clash.
KEPT = frozenset({"id", "created", "updated", "revision"})

# Fields in the product's words, for messages.
WORDS = {
    "column": "column",
    "position": "place in its column",
    "shipped": "shipped date",
    "due": "due date",
    "cadence_days": "cadence",
    "snoozed_until": "snooze",
    "how_met": "how met",
    "organisation": "organisation",
    "item_id": "card",
    "item_title": "card",
    "contact_id": "contact",
    "contact_name": "contact",
    "paused_seconds": "paused time",
    "shared_item_id": "shared card",
    "follow_up": "follow-up date",
}


class Clash(NamedTuple):
    """A field both the user and someone else changed, to different values."""

    field: str
    stored: object
    yours: object


class RevisionError(ValueError):
    """A change that cannot be made as asked because the record changed meanwhile."""


class RecordGone(RevisionError):
    """The record was deleted since the user saw it: an edit never brings it back."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"{what} was deleted meanwhile; nothing was saved")


class EditConflict(RevisionError):
    """The user and someone else changed the same fields: nothing was saved."""

    def __init__(self, what: str, clashes: Sequence[Clash], stored: Any) -> None:
        self.what = what
        self.clashes = tuple(clashes)
        self.stored = stored
        said = "; ".join(
            f"{field_word(c.field)} is now {_value(c.stored)}, yours {_value(c.yours)}"
            for c in self.clashes
        )
        super().__init__(f"{what} was changed meanwhile: {said}; nothing was saved")


class RecordChanged(RevisionError):
    """A question was asked about a record that has changed since: ask again."""

    def __init__(self, what: str, stored: Any) -> None:
        self.what = what
        self.stored = stored
        super().__init__(f"{what} changed since you were asked; nothing was changed")


def field_word(name: str) -> str:
    return WORDS.get(name, name.replace("_", " "))


def _value(value: object) -> str:
    """A field's value in a message: quoted, shortened to stay on one line."""
    if value is None or value == "" or value == ():
        return "empty"
    if isinstance(value, tuple):
        text = ", ".join(str(part) for part in value)
    elif isinstance(value, date):  # a datetime is one too
        text = value.isoformat()
    else:
        text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def changed_fields(before: tuple[Any, ...], after: tuple[Any, ...]) -> list[str]:
    """The user-editable fields that differ between two versions of a record."""
    names: tuple[str, ...] = type(before)._fields  # type: ignore[attr-defined]
    return [
        name for name in names if name not in KEPT and getattr(before, name) != getattr(after, name)
    ]


def merge(seen: Record, stored: Record, wanted: Record, what: str) -> Record:
    """`wanted` made from `seen`, applied to `stored`: the record to save (it keeps the
    stored revision, which the store bumps). Raises EditConflict on a clash."""
    if _revision(stored) == _revision(seen):
        return replace(wanted, revision=_revision(stored))
    changes: dict[str, object] = {}
    clashes = []
    for name in changed_fields(seen, wanted):
        mine, theirs, base = getattr(wanted, name), getattr(stored, name), getattr(seen, name)
        if theirs == mine:
            continue  # both made the same change
        if theirs != base:
            clashes.append(Clash(name, theirs, mine))
        else:
            changes[name] = mine
    if clashes:
        raise EditConflict(what, clashes, stored)
    if not changes:
        return stored
    return replace(stored, **changes, updated=_updated(wanted))


def _revision(record: Any) -> int:
    return int(record.revision)


def _updated(record: Any) -> object:
    return record.updated


def view_after_clash(conflict: EditConflict) -> Any:
    """What a form shows after a clash: the stored record with the user's values in the
    clashing fields, so that saving again keeps theirs there and the rest as stored."""
    return replace(conflict.stored, **{c.field: c.yours for c in conflict.clashes})
