"""start, pause, resume, extend, stop, cancel, status."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from netbalance.cli.output import UsageError, note, safe


def start(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_for_start, settings, zone_of
    from netbalance.core.models import Kind

    kind = Kind(args.kind)
    tags = tags_given(args.plus_tags, args.tag)
    item = None
    if args.item is not None:
        if kind is not Kind.PRODUCE:
            raise UsageError("--item links a card to a produce box; a network box has no card")
        from netbalance.actions import cards
        from netbalance.cli.context import open_store

        item = cards.resolve(open_store(args), args.item)  # before anything is written
    contact = None
    if args.contact is not None:
        if kind is not Kind.NETWORK:
            raise UsageError("--contact links a contact to a network box; use start network")
        from netbalance.cli.contact_commands import find
        from netbalance.cli.context import open_store

        contact = find(open_store(args), args.contact)  # before anything is written
    config = settings()
    minutes = None if args.stopwatch else args.minutes
    if minutes is None and not args.stopwatch:
        minutes = config.settings.default_minutes(kind)
    tz = zone_of(config)
    at = _at(args.at, tz)  # read before anything is written
    store = open_for_start(args, tz)
    box = boxes.start(
        store,
        kind,
        minutes=minutes,
        note=args.note,
        item_id=None if item is None else item.id,
        item_title=None if item is None else item.title,
        contact_id=None if contact is None else contact.id,
        contact_name=None if contact is None else contact.name,
        tags=tags,
        at=at,
        tz=tz,
    )
    on = "" if item is None else f" on {item.id[:6]}: {item.title}"
    if contact is not None:
        on = f" with {contact.id[:6]}: {contact.name}"
    print(safe(f"started a {boxes.describe(box, store.clock.now(), tz)}{on}{_tagged(tags)}"))
    from netbalance.actions import sync

    elsewhere = sync.elsewhere_text(sync.boxes_elsewhere(store), store.clock.now())
    if elsewhere:
        note(f"netbalance: note: {elsewhere} too")
    return 0


def tags_given(plus: list[str], tagged: list[str]) -> tuple[str, ...]:
    """`+writing` words and `--tag` values → the tags; a word without its `+` is refused
    (`start produce myproject`: a Watson project is a tag here)."""
    from netbalance.core.tags import TagError, clean

    for word in plus:
        if not word.startswith("+"):
            raise UsageError(
                f"{word!r} is not a tag: a tag after the kind starts with +, as in "
                f"`netbalance start produce +{word}` (or use --tag {word})"
            )
    try:
        return clean([*plus, *tagged])
    except TagError as problem:
        raise UsageError(str(problem)) from None


def _tagged(tags: tuple[str, ...]) -> str:
    return f" [{', '.join(tags)}]" if tags else ""


def restart(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_for_start, settings, zone_of
    from netbalance.cli.history_commands import check_note

    note = None if args.note is None else check_note(args.note)
    tz = zone_of(settings())
    at = _at(args.at, tz)
    store = open_for_start(args, tz)
    done = boxes.restart(
        store, minutes=args.minutes, stopwatch=args.stopwatch, note=note, at=at, tz=tz
    )
    box = done.box
    on = f" on {box.link}" if box.link else ""
    gone = ""
    if done.again.link and not box.link:
        gone = f" (its {'card' if done.again.item_id else 'contact'} was deleted: not linked)"
    print(
        safe(
            f"started the last box again: a {boxes.describe(box, store.clock.now(), tz)}{on}"
            f"{_tagged(box.tags)}{gone}"
        )
    )
    return 0


def pause(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_store, settings, zone_of

    store = open_store(args)
    box = boxes.pause(store)
    print(safe(f"paused the {boxes.describe(box, store.clock.now(), zone_of(settings()))}"))
    return 0


def resume(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_store, settings, zone_of

    store = open_store(args)
    box = boxes.resume(store)
    print(safe(f"resumed the {boxes.describe(box, store.clock.now(), zone_of(settings()))}"))
    return 0


def extend(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_store, settings, zone_of

    store = open_store(args)
    box = boxes.extend(store, args.minutes)
    described = boxes.describe(box, store.clock.now(), zone_of(settings()))
    from netbalance.core.instants import format_hours

    print(safe(f"extended by {format_hours(args.minutes)}: {described}"))
    return 0


def stop(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_store, settings, typed_instant, zone_of
    from netbalance.core.instants import format_length
    from netbalance.core.models import short_id

    store = open_store(args)
    config = settings()
    tz = zone_of(config)
    at = None if args.at is None else typed_instant(args.at, store.clock.now(), tz)
    minimum = config.settings.minimum_minutes
    try:
        finished = boxes.stop(
            store, note=args.note, at=at, force=args.force, tz=tz, minimum_minutes=minimum
        )
    except boxes.TooShort as short:
        raise UsageError(
            f"{short}; `netbalance cancel` drops it, --force records it as it is"
        ) from None
    except boxes.NeedsEnd as refused:
        again = "another time with --at TIME" if at is not None else "`netbalance stop --at TIME`"
        raise UsageError(
            f"{refused.problem}; record it until {again}, or as it is with --force"
        ) from None
    session = finished.session
    spent = format_length(session.active_seconds)
    if finished.already:
        ended = session.end.astimezone(tz)
        print(
            safe(
                f"the {session.kind} box was recorded already: {spent}, until {ended:%H:%M} "
                f"({short_id(session.id)}); nothing more was recorded, and the box is cleared"
            )
        )
        return 0
    print(safe(f"recorded {spent} of {session.kind} ({short_id(session.id)})"))
    return 0


def _at(text: str | None, tz: tzinfo) -> datetime | None:
    """`--at TIME` read on the clock the store will use; None without it."""
    if text is None:
        return None
    from netbalance.cli.context import typed_instant
    from netbalance.core.clock import default_clock

    return typed_instant(text, default_clock().now(), tz)


def cancel(args: argparse.Namespace) -> int:
    from netbalance.actions import boxes
    from netbalance.cli.context import open_store

    store = open_store(args)
    box = boxes.cancel(store)
    print(safe(f"cancelled the {box.kind} box; nothing was recorded"))
    return 0


def status(args: argparse.Namespace) -> int:
    from netbalance.cli.status import show

    return show(getattr(args, "db", None), as_json=args.json, template=args.format, idle=args.idle)
