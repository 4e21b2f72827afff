"""`netbalance contact …`: the contact log from the command line.

Input is checked before anything is opened for writing; each change is one transaction.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from netbalance.actions import contacts as people
from netbalance.cli.context import open_store, settings, typed_instant
from netbalance.cli.output import UsageError, emit_json, safe, table
from netbalance.core import contacts as rules
from netbalance.core.contacts import ContactError, Derived
from netbalance.core.dates import DueDateError, parse_due
from netbalance.core.instants import format_hours, optional_iso, to_iso
from netbalance.core.models import Contact, Interaction, new_id, short_id
from netbalance.store.store import Store


@contextmanager
def for_people() -> Iterator[None]:
    """Contact and date errors are bad input: one line, exit 2."""
    try:
        yield
    except (ContactError, DueDateError) as problem:
        raise UsageError(str(problem)) from None


@contextmanager
def named_at(typed: str | None) -> Iterator[None]:
    """A time still to come, refused, named as typed."""
    try:
        yield
    except rules.NotYet as problem:
        raise UsageError(f"--at {typed}: {problem}") from None


def find(store: Store, who: str) -> Contact:
    with for_people():
        return people.find(store, who)


def _zone_name() -> str:
    return settings().settings.zone_name()


def _today(store: Store, tz_name: str) -> date:
    from netbalance.core.weeks import local_date

    return local_date(store.clock.now(), tz_name)


def _derive(store: Store, contacts: list[Contact], tz_name: str) -> dict[str, Derived]:
    from netbalance.core.weeks import zone

    return people.derived(store, contacts, zone(tz_name))


def _said(contact: Contact) -> str:
    return rules.describe(contact)


# changes ---------------------------------------------------------------------------


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given on the command line, checked."""
    found: dict[str, Any] = {}
    with for_people():
        if getattr(args, "name", None) is not None:
            found["name"] = rules.check_name(args.name)
        for option, name, label in (
            ("org", "organisation", "the organisation"),
            ("role", "role", "the role"),
            ("phone", "phone", "the phone"),
            ("how_met", "how_met", "how met"),
        ):
            value = getattr(args, option)
            if value is not None:
                found[name] = rules.check_field(label, value)
        if args.email is not None:
            found["email"] = rules.check_email(args.email)
        if args.notes is not None:
            found["notes"] = rules.check_notes(args.notes)
        if args.link is not None:
            found["links"] = tuple(
                dict.fromkeys(rules.check_field("a link", link) for link in args.link if link)
            )
        if args.tags is not None:
            found["tags"] = rules.parse_tags(args.tags)
        if args.cadence is not None:
            found["cadence_days"] = rules.parse_cadence(args.cadence)
    return found


def add(args: argparse.Namespace) -> int:
    with for_people():
        name = rules.check_name(args.name)
    fields = _fields(args)
    fields.pop("name", None)
    store = open_store(args)
    now = store.clock.now()
    contact = people.add(store, Contact(id=new_id(), name=name, created=now, updated=now, **fields))
    print(safe(f"added {_said(contact)}"))
    same = people.similar(store, contact)
    if same is not None:
        from netbalance.cli.output import note

        note(f"note: this looks like {_said(same)} (same email, LinkedIn URL or name)")
    return 0


def edit(args: argparse.Namespace) -> int:
    fields = _fields(args)
    if not fields:
        raise UsageError(
            "nothing to change: give --name, --org, --role, --email, --phone, --link, --tags, "
            "--cadence, --how-met or --notes"
        )
    store = open_store(args)
    seen = find(store, args.who)
    wanted = people.with_fields(seen, store.clock.now(), **fields)
    if wanted == seen:
        print(safe(f"unchanged {_said(seen)}"))
        return 0
    edited = people.edit(store, seen, wanted)
    print(safe(f"edited {_said(edited)}"))
    return 0


def delete(args: argparse.Namespace) -> int:
    store = open_store(args)
    wanted = find(store, args.who)
    deleted = people.delete(store, wanted, people.interaction_count(store, wanted))
    count = deleted.interactions
    said = "interaction" if count == 1 else "interactions"
    print(safe(f"deleted {_said(wanted)} and its {count} {said}"))
    return 0


def log(args: argparse.Namespace) -> int:
    tz_name = _zone_name()
    with for_people():
        channel = rules.parse_channel(args.channel)
        minutes = None if args.minutes is None else rules.parse_minutes(args.minutes)
        exchange = rules.parse_exchange(args.exchange)
        note_text = rules.check_notes(args.note)
    store = open_store(args)
    today = _today(store, tz_name)
    from netbalance.core.weeks import zone

    tz = zone(tz_name)
    at = None if args.at is None else typed_instant(args.at, store.clock.now(), tz)
    with for_people():
        follow_up = None if args.follow_up is None else parse_due(args.follow_up, today)
    if follow_up is not None and follow_up < today:
        raise UsageError(f"the follow-up date {follow_up} has passed; give today or later")
    if args.card and follow_up is None:
        raise UsageError("--card makes a follow-up card: give --follow-up DATE with it")
    shared = None
    if args.shared is not None:
        from netbalance.actions import cards

        shared = cards.resolve(store, args.shared)
        if shared.shipped is None:
            raise UsageError(
                f"card {short_id(shared.id)} has not shipped: share something from the "
                "track record (`netbalance item shipped`)"
            )
        exchange = exchange or "shared"
    contact = find(store, args.who)
    with for_people(), named_at(args.at):
        logged = people.log(
            store,
            contact,
            channel=channel,
            minutes=minutes,
            note=note_text,
            exchange=exchange,
            shared_item_id=None if shared is None else shared.id,
            follow_up=follow_up,
            card=_board_rules() if args.card else None,
            at=at,
        )
    minutes, box = logged.interaction.minutes, logged.box
    extra = f", follow up {follow_up.isoformat()}" if follow_up else ""
    if box is not None:
        extra += f"; linked to the network box {short_id(box.id)}, counted once"
    if at is not None:
        extra += f", on {logged.interaction.when.astimezone(tz):%a %Y-%m-%d %H:%M}"
    said = f"logged {rules.CHANNEL_NOUNS[channel]} with {contact.name}"
    print(safe(f"{said} ({format_hours(minutes)}{extra})"))
    if logged.card is not None:
        card = logged.card
        print(safe(f"added {short_id(card.id)} to {card.column}: {card.title}"))
    return 0


def _board_rules() -> Any:
    from netbalance.actions import cards

    return cards.board_rules(settings().settings)


def snooze(args: argparse.Namespace) -> int:
    try:
        days = int(args.days)
    except ValueError:
        raise UsageError(f"snooze for a whole number of days, not {args.days!r}") from None
    tz_name = _zone_name()
    store = open_store(args)
    wanted = find(store, args.who)
    with for_people():
        snoozed = people.snooze(store, wanted, _today(store, tz_name), days, store.clock.now())
    until = snoozed.snoozed_until.isoformat() if snoozed.snoozed_until else ""
    print(safe(f"snoozed {_said(wanted)} until {until}"))
    return 0


# reading ---------------------------------------------------------------------------


def _day(instant: Any, tz_name: str) -> str:
    from netbalance.core.weeks import local_date

    return "" if instant is None else local_date(instant, tz_name).isoformat()


def _as_json(contact: Contact, derived: Derived, today: date) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "organisation": contact.organisation,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "links": list(contact.links),
        "tags": list(contact.tags),
        "how_met": contact.how_met,
        "notes": contact.notes,
        "cadence_days": contact.cadence_days,
        "snoozed_until": None
        if contact.snoozed_until is None
        else contact.snoozed_until.isoformat(),
        "last_contact": optional_iso(derived.last_contact),
        "interactions": derived.interactions,
        "minutes": derived.minutes,
        "follow_up": None if derived.follow_up is None else derived.follow_up.isoformat(),
        "next_due": None if derived.next_due is None else derived.next_due.isoformat(),
        "overdue_days": derived.overdue_days(today),
        "created": to_iso(contact.created),
        "updated": to_iso(contact.updated),
    }


def _due_text(derived: Derived, today: date) -> str:
    if derived.next_due is None:
        return ""
    days = derived.overdue_days(today)
    if days is None:
        return derived.next_due.isoformat()
    return f"{derived.next_due.isoformat()} ({'today' if days == 0 else f'{days} d overdue'})"


def list_contacts(args: argparse.Namespace) -> int:
    tz_name = _zone_name()
    store = open_store(args)
    contacts = sorted(people.all_contacts(store), key=lambda c: (c.name.casefold(), c.id))
    derived = _derive(store, contacts, tz_name)
    today = _today(store, tz_name)
    if args.json:
        emit_json({"contacts": [_as_json(c, derived[c.id], today) for c in contacts]})
        return 0
    rows = [
        [
            short_id(c.id),
            c.name,
            c.organisation,
            ", ".join(c.tags),
            _day(derived[c.id].last_contact, tz_name),
            str(derived[c.id].interactions),
            _due_text(derived[c.id], today),
        ]
        for c in contacts
    ]
    table(["id", "name", "organisation", "tags", "last contact", "interactions", "next due"], rows)
    return 0


def due(args: argparse.Namespace) -> int:
    tz_name = _zone_name()
    store = open_store(args)
    contacts = people.all_contacts(store)
    derived = _derive(store, contacts, tz_name)
    today = _today(store, tz_name)
    entries = rules.due_list(contacts, derived, today)
    if args.notify:
        return _notify(store, today, entries)
    if args.json:
        emit_json(
            {
                "due": [
                    {**_as_json(e.contact, e.derived, today), "reason": e.reason} for e in entries
                ]
            }
        )
        return 0
    if not entries:
        print("nobody is due")
        return 0
    rows = [
        [
            short_id(e.contact.id),
            e.contact.name,
            e.contact.organisation,
            e.derived.next_due.isoformat() if e.derived.next_due else "",
            "today" if e.overdue_days == 0 else f"{e.overdue_days} d",
            e.reason,
            _day(e.derived.last_contact, tz_name),
        ]
        for e in entries
    ]
    table(["id", "name", "organisation", "due", "overdue", "why", "last contact"], rows)
    return 0


def _notify(store: Store, today: date, entries: list[rules.Due]) -> int:
    """`contact due --notify`: the day's desktop reminder, unless it went out already."""
    from netbalance.actions import reminders
    from netbalance.tui.desktop import notify

    sent = reminders.send_once(
        store, today, entries, lambda title, body: notify(title, body, wait=True)
    )
    said = {
        "sent": "notified: {title}",
        "already": "already reminded today ({day}); nothing sent",
        "nobody": "nobody is due; nothing sent",
        "no notifier": "no desktop notifications here (notify-send not found or failed); "
        "nothing sent",
    }[sent.outcome]
    title = sent.reminder.title.removeprefix("netbalance: ") if sent.reminder else ""
    print(safe(said.format(title=title, day=today.isoformat())))
    return 0


def show(args: argparse.Namespace) -> int:
    tz_name = _zone_name()
    store = open_store(args)
    contact = find(store, args.who)
    interactions = people.history(store, contact.id)
    derived = _derive(store, [contact], tz_name)[contact.id]
    today = _today(store, tz_name)
    items = _titles(store) if interactions else {}
    shared = _shared(interactions, items)
    if args.json:
        emit_json(
            {
                "contact": {
                    **_as_json(contact, derived, today),
                    "shared": [
                        {"item_id": item_id, "title": title, "when": to_iso(when)}
                        for item_id, title, when in shared
                    ],
                },
                "history": [
                    _interaction_json(i, items.get(i.shared_item_id or ""))
                    for i in reversed(interactions)
                ],
            }
        )
        return 0
    lines = [
        ("id", contact.id),
        ("name", contact.name),
        *rules.contact_fields(contact),
        ("last contact", _day(derived.last_contact, tz_name)),
        ("interactions", str(derived.interactions)),
        ("network time", format_hours(derived.minutes)),
        ("next due", _due_text(derived, today)),
    ]
    for label, value in lines:
        if value:
            print(safe(f"{label + ':':<15}{value}"))
    if contact.notes:
        print("notes:")
        for line in contact.notes.splitlines():
            print(safe(f"  {line}"))
    if shared:
        print("shared with them:")
        for _item_id, title, when in shared:
            print(safe(f"  {_day(when, tz_name)}  {title}"))
    if interactions:
        rows = [
            [
                _day(i.when, tz_name),
                i.channel,
                str(i.minutes),
                i.exchange + (f": {items.get(i.shared_item_id, '?')}" if i.shared_item_id else ""),
                i.note,
                i.follow_up.isoformat() if i.follow_up else "",
            ]
            for i in reversed(interactions)
        ]
        print()
        table(["when", "channel", "min", "exchange", "note", "follow-up"], rows, title="history")
    return 0


def _shared(interactions: list[Interaction], titles: dict[str, str]) -> list[tuple[str, str, Any]]:
    """(card id, title, when first) of each shipped card shared with them, newest first."""
    first: dict[str, Any] = {}
    for interaction in interactions:  # oldest first
        if interaction.shared_item_id and interaction.shared_item_id not in first:
            first[interaction.shared_item_id] = interaction.when
    return sorted(
        ((item_id, titles.get(item_id, "(deleted card)"), when) for item_id, when in first.items()),
        key=lambda found: found[2],
        reverse=True,
    )


def _titles(store: Store) -> dict[str, str]:
    from netbalance.actions import cards

    return {item.id: item.title for item in cards.all_cards(store)}


def _interaction_json(interaction: Interaction, shared_title: str | None) -> dict[str, Any]:
    return {
        "id": interaction.id,
        "when": to_iso(interaction.when),
        "channel": interaction.channel,
        "minutes": interaction.minutes,
        "note": interaction.note,
        "exchange": interaction.exchange,
        "shared_item_id": interaction.shared_item_id,
        "shared_item_title": shared_title,
        "follow_up": None if interaction.follow_up is None else interaction.follow_up.isoformat(),
        "session_id": interaction.session_id,
    }


def export(args: argparse.Namespace) -> int:
    from netbalance.actions.writing import check_target, write_file
    from netbalance.cli.contact_args import EXPORT_FORMATS
    from netbalance.cli.output import format_for
    from netbalance.exports.contacts import to_csv, to_vcf

    fmt = format_for(args.format, args.output, EXPORT_FORMATS)
    if args.output is not None:
        check_target(args.output, force=args.force)
    tz_name = _zone_name()
    store = open_store(args)
    contacts = sorted(people.all_contacts(store), key=lambda c: (c.name.casefold(), c.id))
    if fmt == "vcf":
        text = to_vcf(contacts)
    else:
        text = to_csv(contacts, _derive(store, contacts, tz_name), tz_name)
    if args.output is None:
        import sys

        sys.stdout.write(text)
        return 0
    write_file(args.output, text.encode("utf-8"), force=args.force)
    count = len(contacts)
    print(safe(f"wrote {count} contact{'s' if count != 1 else ''} to {args.output}"))
    return 0
