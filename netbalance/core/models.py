"""The records netbalance keeps. Plain values: no storage, no screen.

Every record has a UUID (`id`), `created` / `updated` instants in UTC and a `revision`
that every save bumps (an edit names the revision it started from: core.revisions). Records are
named tuples: as immutable as frozen dataclasses, decoded from the store in some 40 %
less time (a report decodes thousands, an import tens of thousands), and with no methods
to generate when this module is imported (a dataclass's are, on every command).
`replace` makes a changed copy.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from netbalance.core.named import NamedTuple

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any, TypeVar

    Value = TypeVar("Value")


class Kind(StrEnum):
    """Every tracked minute is one of the two."""

    PRODUCE = "produce"
    NETWORK = "network"


def new_id() -> str:
    import uuid  # imported here: `netbalance status` never needs it

    return str(uuid.uuid4())


def new_ids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs, as `uuid.uuid4()` makes them, from one read of
    the system's random source: a large import makes tens of thousands. The version is
    the top four bits of the 7th byte (0100), the variant the top two of the 9th (10).
    The text is laid out a column at a time (each hex digit of every id in one slice
    assignment), not an id at a time: 100,000 ids in a few milliseconds."""
    import os

    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = raw[6::16].translate(_VERSION)
    raw[8::16] = raw[8::16].translate(_VARIANT)
    digits = raw.hex().encode()
    # each id is 36 characters and a space: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx `
    text = bytearray(b"-" * (37 * count))
    for first, last, at in _GROUPS:
        for offset in range(last - first):
            text[at + offset :: 37] = digits[first + offset :: 32]
    text[36::37] = b" " * count
    return text.decode("ascii").split()


# a byte → itself with the UUID's version (4) in its top four bits, or its variant (10)
# in its top two
_VERSION = bytes((n & 0x0F) | 0x40 for n in range(256))
_VARIANT = bytes((n & 0x3F) | 0x80 for n in range(256))
# (first, last) hex digit of each of the five groups, and where the group starts in the text
_GROUPS = ((0, 8, 0), (8, 12, 9), (12, 16, 14), (16, 20, 19), (20, 32, 24))


def short_id(record_id: str) -> str:
    return record_id[:6]


def replace(value: Value, /, **changes: Any) -> Value:
    """A copy of a record (or of any other named tuple or dataclass of netbalance) with
    the named fields changed."""
    made: Any = value  # a named tuple or a dataclass: neither is a type mypy can name
    if isinstance(value, tuple):
        made = made._replace(**changes)
    else:
        import dataclasses

        made = dataclasses.replace(made, **changes)
    return made  # type: ignore[no-any-return]


class Session(NamedTuple):
    """A finished, recorded stretch of time of one kind."""

    id: str
    kind: Kind
    start: datetime
    end: datetime
    created: datetime
    updated: datetime
    paused_seconds: int = 0
    item_id: str | None = None
    item_title: str | None = None
    contact_id: str | None = None
    contact_name: str | None = None
    note: str = ""
    planned_seconds: int | None = None
    recovered: bool = False
    revision: int = 0
    tags: tuple[str, ...] = ()  # core.tags: categories, as Watson's projects and tags

    @property
    def active_seconds(self) -> int:
        """Time actually spent: start to end minus pauses."""
        return max(0, int((self.end - self.start).total_seconds()) - self.paused_seconds)

    @property
    def minutes(self) -> float:
        return self.active_seconds / 60

    @property
    def link(self) -> str | None:
        """The card or contact the session was spent on, as the user named it."""
        return self.item_title or self.contact_name


class ActiveBox(NamedTuple):
    """The running time box. Stored on every change so it survives anything.

    `planned_seconds` is None for a stopwatch (counts up). Remaining and elapsed time
    are computed from these instants and the clock, never counted.
    """

    id: str
    kind: Kind
    started: datetime
    updated: datetime
    planned_seconds: int | None = None
    paused_at: datetime | None = None
    paused_seconds: int = 0
    item_id: str | None = None
    item_title: str | None = None
    contact_id: str | None = None
    contact_name: str | None = None
    note: str = ""
    tags: tuple[str, ...] = ()

    @property
    def is_stopwatch(self) -> bool:
        return self.planned_seconds is None

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def link(self) -> str | None:
        return self.item_title or self.contact_name


class Item(NamedTuple):
    """A work item: a card on the board."""

    id: str
    title: str
    column: str
    position: float
    created: datetime
    updated: datetime
    notes: str = ""
    tags: tuple[str, ...] = ()
    due: date | None = None
    estimate: int | None = None
    shipped: datetime | None = None
    archived: bool = False
    revision: int = 0
    # a follow-up card: the person it is about (shipping it logs an interaction with
    # them), and the interaction whose follow-up date it carries, if any
    contact_id: str | None = None
    follows_up: str | None = None


class Contact(NamedTuple):
    """A person in the contact log."""

    id: str
    name: str
    created: datetime
    updated: datetime
    organisation: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    links: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    how_met: str = ""
    notes: str = ""
    cadence_days: int | None = None
    snoozed_until: date | None = None
    revision: int = 0


class Interaction(NamedTuple):
    """One entry of the contact log. Its minutes count as network time unless it is
    linked to a network session, which already counts them."""

    id: str
    contact_id: str
    when: datetime
    created: datetime
    updated: datetime
    channel: str = "other"
    minutes: int = 0
    note: str = ""
    exchange: str = ""
    shared_item_id: str | None = None
    follow_up: date | None = None
    session_id: str | None = None
    revision: int = 0
    # logged by shipping a follow-up card: the interaction whose follow-up this one is
    # (that follow-up is done, whatever its date)
    follows_up: str | None = None


class WeekPlan(NamedTuple):
    """A week's own plan and its review: one record a week, named by its label.

    The budgets are None where the week keeps the settings' (`targets.*`); the week's
    target ratio is that of its own budgets. `focus` holds the cards chosen as the
    week's focus. The review of the week is done when `reviewed` is set (its reflection
    written); `review_step` is where it was left, kept out of the undo journal."""

    id: str
    week: str  # 2026-W48
    created: datetime
    updated: datetime
    produce_hours: float | None = None
    network_hours: float | None = None
    focus: tuple[str, ...] = ()
    reflection: str = ""
    reviewed: datetime | None = None
    review_step: str = ""
    revision: int = 0
