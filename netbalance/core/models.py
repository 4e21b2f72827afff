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
from typing import Any, NamedTuple, TypeVar, cast

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
    the 13th hex digit (4), the variant the top two bits of the 17th (10)."""
    import os

    text = os.urandom(16 * count).hex()
    variant = _VARIANT
    return [
        f"{text[i : i + 8]}-{text[i + 8 : i + 12]}-4{text[i + 13 : i + 16]}-"
        f"{variant[text[i + 16]]}{text[i + 17 : i + 20]}-{text[i + 20 : i + 32]}"
        for i in range(0, 32 * count, 32)
    ]


# a hex digit → itself with its top two bits 10: (digit & 0b0011) | 0b1000
_VARIANT = {f"{n:x}": f"{(n & 0x3) | 0x8:x}" for n in range(16)}


def short_id(record_id: str) -> str:
    return record_id[:6]


def replace(value: Value, /, **changes: Any) -> Value:
    """A copy of a record (or of any other named tuple or dataclass of netbalance) with
    the named fields changed."""
    if isinstance(value, tuple):
        return cast(Value, cast(Any, value)._replace(**changes))
    import dataclasses

    return cast(Value, dataclasses.replace(cast(Any, value), **changes))


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
