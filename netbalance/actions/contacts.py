"""People and what passed between you: every change the `contact` commands and the
Contacts mode make, and the values both show.

- An edit (a snooze is one) names the contact as the user saw it: a change made
  meanwhile by another process is merged field by field or refused (`core.revisions`);
  a contact deleted meanwhile is never brought back.
- A delete names the contact it asked about and how many interactions go with them:
  either changed since, RecordChanged asks again.
- An interaction logged within half an hour of a network box with the person is about
  that box: linked to it, it takes the box's minutes unless given others, and its time
  counts once (`core.contacts.box_to_log`). One rule for the CLI and the app.
- A follow-up can become work: a card "Follow up with NAME: NOTE" in the first column,
  due on the follow-up date and linked to the person; shipping it logs an interaction
  that follows the follow-up up (`actions.cards`).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from netbalance.actions import records
from netbalance.core import board as board_rules
from netbalance.core import contacts as rules
from netbalance.core.contacts import Derived
from netbalance.core.models import Contact, Interaction, Item, Session, new_id, replace
from netbalance.core.named import NamedTuple
from netbalance.core.revisions import RecordChanged, RecordGone

if TYPE_CHECKING:
    from netbalance.core.board import BoardRules
    from netbalance.store.store import Store


def named(contact: Contact) -> str:
    """A contact in words, for messages."""
    return f"the contact “{contact.name}”"


# reading ---------------------------------------------------------------------------


def all_contacts(store: Store) -> list[Contact]:
    return store.contacts.all()


def get(store: Store, contact_id: str) -> Contact | None:
    return store.contacts.get(contact_id)


def names_of(store: Store, contact_ids: set[str]) -> dict[str, str]:
    """These contacts' names by id (only theirs are decoded)."""
    if not contact_ids:
        return {}
    found = store.contacts.where(lambda doc: doc.get("id") in contact_ids)
    return {contact.id: contact.name for contact in found}


def find(store: Store, who: str) -> Contact:
    """WHO: an id prefix, a name (any case) or part of one; ContactError otherwise."""
    return rules.find(store.contacts.all(), who)


def history(store: Store, contact_id: str) -> list[Interaction]:
    """A contact's interactions, oldest first."""
    return store.interactions.of_contact(contact_id)


def derived(store: Store, contacts: list[Contact], tz: tzinfo) -> dict[str, Derived]:
    """What the log says of each contact: last contact, interactions, minutes, due."""
    return rules.derive(contacts, store.interactions.all(), tz, store.sessions.all())


def box_to_log(store: Store, contact: Contact, now: datetime) -> Session | None:
    """The network box with this person that an interaction at `now` is about."""
    since = now - rules.FOLLOWS_A_BOX
    return rules.box_to_log(
        store.sessions.between(since, now),
        store.interactions.between(since, now),
        contact.id,
        now,
    )


def similar(store: Store, contact: Contact) -> Contact | None:
    """A stored contact that is this one by the rule imports merge by
    (`core.contacts.same_person`: same email or LinkedIn URL, or same name and
    organisation with no other profile or email)."""
    return next(iter(rules.look_alikes(store.contacts.all(), contact)), None)


# changes ---------------------------------------------------------------------------


def add(store: Store, contact: Contact) -> Contact:
    """A new contact."""
    return store.contacts.add(contact)


def edit(store: Store, seen: Contact, wanted: Contact) -> Contact:
    """The contact as the user edited it from `seen`, merged with what is stored now
    (EditConflict on a clash, RecordGone when deleted meanwhile); the contact as stored."""
    return records.edit(store, store.contacts, seen, wanted, named)


def snooze(store: Store, seen: Contact, today: date, days: int, now: datetime) -> Contact:
    """Put a contact off for `days` days from today (an edit of the snooze alone)."""
    return edit(store, seen, rules.snooze(seen, today, days, now))


class Deleted(NamedTuple):
    contact: Contact
    interactions: int


def interaction_count(store: Store, contact: Contact) -> int:
    """How many interactions a delete of this contact takes with them (to ask)."""
    return len(store.interactions.of_contact(contact.id))


def delete(store: Store, seen: Contact, count: int) -> Deleted:
    """Delete the contact the user was asked about, with the `count` interactions they
    were told of, in one save. RecordChanged when the contact or the number changed
    since (ask again); RecordGone when they are gone already."""
    with store.transaction():
        stored = store.contacts.get(seen.id)
        if stored is None:
            raise RecordGone(named(seen))
        interactions = store.interactions.of_contact(seen.id)
        if stored.revision != seen.revision or len(interactions) != count:
            raise RecordChanged(named(stored), stored)
        for interaction in interactions:
            store.interactions.remove(interaction)
        store.contacts.remove(stored)
    return Deleted(stored, len(interactions))


class Logged(NamedTuple):
    interaction: Interaction
    box: Session | None  # the network box it is about (its minutes count once)
    card: Item | None = None  # the follow-up card it made


def follow_up_title(name: str, note: str) -> str:
    """`Follow up with Ada Lovelace: send the deck` (the note's first line), kept within
    a card title's length."""
    first = next((line.strip() for line in note.splitlines() if line.strip()), "")
    title = f"Follow up with {name}" + (f": {first}" if first else "")
    limit = board_rules.MAX_TITLE
    return title if len(title) <= limit else title[: limit - 1] + "…"


def add_follow_up_card(
    store: Store,
    rules_of: BoardRules,
    contact: Contact,
    due: date | None,
    note: str,
    now: datetime,
    follows_up: str | None = None,
) -> Item:
    """A card "Follow up with NAME: NOTE" at the end of the first column, due on the
    follow-up date, linked to the person (shipping it logs an interaction with them)."""
    with store.transaction(f"add a follow-up card for {contact.name}"):
        current = board_rules.Board.build(store.items.all(), rules_of)
        card = board_rules.add(
            current, follow_up_title(contact.name, note), now, due=due, item_id=new_id()
        )
        return store.items.add(replace(card, contact_id=contact.id, follows_up=follows_up))


def log(
    store: Store,
    contact: Contact,
    *,
    channel: str = "other",
    minutes: int | None = None,
    note: str = "",
    exchange: str = "",
    shared_item_id: str | None = None,
    follow_up: date | None = None,
    session: Session | None = None,
    card: BoardRules | None = None,
    at: datetime | None = None,
) -> Logged:
    """Log an interaction with a contact, now or `at` a time before (after the fact) —
    or, for `session` (the network box it is about), at the box's end, linked to it.
    Without a session, a network box with the person that ended in the half hour before
    is that box (`box_to_log`). `minutes` None takes the box's (else 0). With `card` (the
    board's rules) and a follow-up date, a follow-up card goes on the board too, in the
    same save."""
    if card is not None and follow_up is None:
        raise rules.ContactError("a follow-up card needs a follow-up date")
    with store.transaction():
        if store.contacts.get(contact.id) is None:
            raise RecordGone(named(contact))
        now = store.clock.now()
        if session is not None:
            when = session.end
        else:
            when = now if at is None else rules.check_logged_at(at, now)
        box = session if session is not None else box_to_log(store, contact, when)
        if minutes is None:
            minutes = round(box.active_seconds / 60) if box is not None else 0
        interaction = Interaction(
            id=new_id(),
            contact_id=contact.id,
            when=when,
            created=now,
            updated=now,
            channel=channel,
            minutes=minutes,
            note=note,
            exchange=exchange,
            shared_item_id=shared_item_id,
            follow_up=follow_up,
            session_id=None if box is None else box.id,
        )
        store.interactions.add(interaction)
        made = None
        if card is not None:
            made = add_follow_up_card(
                store, card, contact, follow_up, note, now, follows_up=interaction.id
            )
    return Logged(interaction, box, made)


def with_fields(contact: Contact, now: datetime, **fields: object) -> Contact:
    """The contact with fields changed (already checked by `core.contacts`)."""
    changed = replace(contact, **fields)
    return contact if changed == contact else replace(changed, updated=now)
