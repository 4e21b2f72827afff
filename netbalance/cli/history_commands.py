"""`netbalance add / edit / delete / split`: past time, corrected from the command line.

Each change is worked out once on the data as read, so that bad input fails before a
lock file or a folder is made, then again inside one transaction on the data as it is
then (another process may have changed it), and saved once: one user action, one
transaction.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo

from netbalance.actions import cards, past_time
from netbalance.actions import contacts as people
from netbalance.cli.context import open_store, settings, zone_of
from netbalance.cli.output import UsageError, safe
from netbalance.core import history
from netbalance.core import tags as tagging
from netbalance.core.contacts import ContactError
from netbalance.core.history import Changes, HistoryError
from netbalance.core.instants import format_length
from netbalance.core.models import Contact, Item, Kind, Session, new_id, replace, short_id
from netbalance.core.when import WhenError, parse_instant, parse_when
from netbalance.store.store import Store

LONGEST_NOTE = 2000


@contextmanager
def _for_people() -> Iterator[None]:
    """Time and history refusals are bad input: one line, exit 2."""
    try:
        yield
    except (WhenError, HistoryError) as problem:
        raise UsageError(str(problem)) from None


def check_note(text: str) -> str:
    if len(text) > LONGEST_NOTE:
        raise UsageError(f"a note is at most {LONGEST_NOTE} characters, not {len(text)}")
    return text


def _links(
    store: Store, kind: Kind, item_id: str | None, who: str | None
) -> tuple[Item | None, Contact | None]:
    if item_id is not None and kind is not Kind.PRODUCE:
        raise UsageError("--item links a card to a produce session; a network one has no card")
    if who is not None and kind is not Kind.NETWORK:
        raise UsageError("--contact links a contact to a network session, not a produce one")
    item = None if item_id is None else cards.resolve(store, item_id)
    contact = None
    if who is not None:
        try:
            contact = people.find(store, who)
        except ContactError as problem:
            raise UsageError(str(problem)) from None
    return item, contact


@contextmanager
def _placing() -> Iterator[None]:
    """An overlap says how to get past it on the command line."""
    with _for_people():
        try:
            yield
        except history.OverlapError as overlap:
            raise UsageError(f"{overlap}; change the time, or add --trim to shorten it") from None


def _apply(store: Store, work: Callable[[], Changes]) -> Changes:
    with _placing():
        return past_time.record(store, work)


def _said(session: Session, tz: tzinfo) -> str:
    link = f" on {session.link}" if session.link else ""
    tags = f" [{', '.join(session.tags)}]" if session.tags else ""
    return (
        f"{format_length(session.active_seconds)} of {session.kind}{link}, "
        f"{history.span_text(session.start, session.end, tz)}{tags} ({short_id(session.id)})"
    )


def _tags(words: list[str]) -> tuple[str, ...]:
    try:
        return tagging.clean(words)
    except tagging.TagError as problem:
        raise UsageError(str(problem)) from None


def _report(changes: Changes) -> None:
    for line in changes.trimmed:
        print(safe(line))


# commands ---------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    tz = zone_of(settings())
    store = open_store(args)
    now = store.clock.now()
    kind = Kind(args.kind)
    note = check_note(args.note)
    tags = _tags(args.tag)
    with _for_people():
        start, end = parse_when(" ".join(args.when), now, tz)
    item, contact = _links(store, kind, args.item, args.contact)
    session = Session(
        id=new_id(),
        kind=kind,
        start=start,
        end=end,
        created=now,
        updated=now,
        item_id=None if item is None else item.id,
        item_title=None if item is None else item.title,
        contact_id=None if contact is None else contact.id,
        contact_name=None if contact is None else contact.name,
        note=note,
        tags=tags,
    )
    changes = _apply(store, lambda: past_time.plan_place(store, session, tz, trim=args.trim))
    print(safe(f"added {_said(session, tz)}"))
    _report(changes)
    return 0


def _edited(store: Store, old: Session, args: argparse.Namespace, tz: tzinfo) -> Session:
    now = store.clock.now()
    day = old.start.astimezone(tz).date()
    with _for_people():
        start = old.start if args.start is None else parse_instant(args.start, now, tz, day)
        moved = args.start is not None
        end_day = (start if moved else old.end).astimezone(tz).date()
        end = old.end if args.end is None else parse_instant(args.end, now, tz, end_day)
    kind = old.kind if args.kind is None else Kind(args.kind)
    try:
        tags = tagging.removed(tagging.added(old.tags, _tags(args.tag)), args.untag)
    except tagging.TagError as problem:
        raise UsageError(str(problem)) from None
    session = replace(
        old,
        tags=tags,
        kind=kind,
        start=start,
        end=end,
        updated=now,
        note=old.note if args.note is None else check_note(args.note),
        paused_seconds=min(old.paused_seconds, max(0, int((end - start).total_seconds()))),
    )
    if args.no_link or args.item is not None or args.contact is not None:
        session = replace(
            session, item_id=None, item_title=None, contact_id=None, contact_name=None
        )
    item, contact = _links(store, kind, args.item, args.contact)
    if item is not None:
        session = replace(session, item_id=item.id, item_title=item.title)
    if contact is not None:
        session = replace(session, contact_id=contact.id, contact_name=contact.name)
    if kind is Kind.NETWORK and session.item_id and args.item is None:
        raise UsageError("a network session has no card: add --no-link to drop the card")
    if kind is Kind.PRODUCE and session.contact_id and args.contact is None:
        raise UsageError("a produce session has no contact: add --no-link to drop the contact")
    return session


def edit(args: argparse.Namespace) -> int:
    changing = (args.start, args.end, args.kind, args.note, args.item, args.contact)
    if all(value is None for value in changing) and not (args.no_link or args.tag or args.untag):
        raise UsageError(
            "nothing to change: give --start, --end, --kind, --note, a link, --tag or --untag"
        )
    _tags([*args.tag, *args.untag])  # a bad tag is refused before anything is read
    tz = zone_of(settings())
    store = open_store(args)
    wanted = past_time.resolve(store, args.id)

    def work() -> Changes:
        session = _edited(store, past_time.current(store, wanted.id), args, tz)
        return past_time.plan_place(store, session, tz, trim=args.trim)

    changes = _apply(store, work)
    edited = next(s for s in changes.updated if s.id == wanted.id)
    print(safe(f"changed to {_said(edited, tz)}"))
    _report(changes)
    return 0


def delete(args: argparse.Namespace) -> int:
    tz = zone_of(settings())
    store = open_store(args)
    session = past_time.delete(store, past_time.resolve(store, args.id))
    print(safe(f"deleted {_said(session, tz)}"))
    return 0


def split(args: argparse.Namespace) -> int:
    tz = zone_of(settings())
    store = open_store(args)
    wanted = past_time.resolve(store, args.id)
    text = " ".join(args.time)

    def at() -> datetime:
        return history.split_point(text, past_time.current(store, wanted.id), store.clock.now(), tz)

    with _for_people():
        history.split(wanted, at(), store.clock.now(), tz, new_id)  # checked before writing
        pieces = past_time.split(store, wanted, at(), tz)
    for session in pieces:
        print(safe(f"now {_said(session, tz)}"))
    return 0
