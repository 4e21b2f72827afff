"""A desktop reminder of who is due, one a day: sent by the app when it starts and when a
box ends, and by `netbalance contact due --notify` (for cron or a systemd timer),
whichever comes first that day (`store.reminded` keeps the day). Nobody due, nothing is
sent and the day stays open: someone due later that day is still reminded of."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from netbalance.core import words
from netbalance.core.contacts import Due
from netbalance.core.named import NamedTuple
from netbalance.core.text import printable

if TYPE_CHECKING:
    from netbalance.core.clock import Clock
    from netbalance.store.store import Store

SHOWN = 3  # names in the notification; the rest are counted


class Reminder(NamedTuple):
    title: str
    body: str


def reminder(due: Sequence[Due]) -> Reminder | None:
    """The notification for a due list (most overdue first), names made inert (no control
    or bidi character reaches the desktop); None when nobody is due."""
    if not due:
        return None
    if len(due) == 1:
        title = f"{printable(due[0].contact.name)} is due"
    else:
        title = f"{words.count(len(due), 'person', 'people')} are due"
    parts = []
    for entry in due[:SHOWN]:
        days = entry.overdue_days
        late = "today" if days == 0 else f"{days} d overdue"
        parts.append(f"{printable(entry.contact.name)} ({late}, {entry.reason})")
    more = f", and {len(due) - SHOWN} more" if len(due) > SHOWN else ""
    return Reminder(f"netbalance: {title}", "; ".join(parts) + more)


def already_today(store: Store, today: date) -> bool:
    """Whether today's reminder went out already (a cheap look before any counting)."""
    from netbalance.store import reminded

    return reminded.last_day(store) == today.isoformat()


def due_now(path: str, clock: Clock, tz: tzinfo, today: date) -> list[Due]:
    """Who is due today by the contact log's rule, read through a store of its own (safe
    in a worker thread)."""
    from netbalance.actions.contact_values import count
    from netbalance.core.contacts import due_list
    from netbalance.store.store import Store

    reader = Store(path, clock)
    contacts = reader.contacts.all()
    return due_list(contacts, count(path, clock, contacts, tz).derived, today)


class Sent(NamedTuple):
    outcome: str  # "sent" | "already" | "nobody" | "no notifier"
    reminder: Reminder | None = None


def send_once(
    store: Store, today: date, due: Sequence[Due], send: Callable[[str, str], bool]
) -> Sent:
    """Send the day's reminder unless it went out already; `send` returns False where no
    notification could be sent (the day is given back)."""
    from netbalance.store import reminded

    found = reminder(due)
    if found is None:
        return Sent("nobody")
    day = today.isoformat()
    claimed, before = reminded.claim(store, day)
    if not claimed:
        return Sent("already", found)
    if not send(found.title, found.body):
        reminded.give_back(store, day, before)
        return Sent("no notifier", found)
    return Sent("sent", found)
