"""The contact log's rules: fields, derived values, the due list, finding a person.

Derived values (last contact, number of interactions, minutes, next due) are never
stored: `derive` computes them for every contact in one pass over the interactions,
so 50,000 interactions cost one loop, not one scan per contact.

- last contact: the newest interaction or network box with the person (a box counts
  as meeting them, as its minutes count as time with them).
- next due: `core.due.due_day`, the one rule every surface that shows a due date uses:
  the earliest pending follow-up, whatever the cadence, else last contact + cadence, a
  snooze pushing either further (that module says when a follow-up is pending).
- minutes: the interactions' minutes plus network sessions linked to the contact that
  no interaction already carries (an interaction logged at the end of a network box is
  linked to its session: the time counts once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from netbalance.core import board
from netbalance.core.due import Tally, due_day, last_boxes, last_met, tally
from netbalance.core.models import Contact, Interaction, Kind, Session, replace, short_id

CHANNELS: tuple[str, ...] = (
    "in person",
    "call",
    "video",
    "email",
    "message",
    "event",
    "social",
    "other",
)
EXCHANGES: tuple[str, ...] = ("shared", "asked", "helped", "introduced")
# each channel as what was logged: "logged a video call with Ada"
CHANNEL_NOUNS: dict[str, str] = {
    "in person": "a meeting in person",
    "call": "a call",
    "video": "a video call",
    "email": "an email",
    "message": "a message",
    "event": "a meeting at an event",
    "social": "an exchange on social media",
    "other": "an interaction",
}

MAX_NAME = 200
MAX_FIELD = 300
MAX_NOTES = 10_000
MAX_CADENCE = 3650
MAX_MINUTES = 24 * 60


class ContactError(ValueError):
    """Bad contact input; the message is one line for a person."""


class NoSuchContact(ContactError):
    pass


class NotYet(ContactError):
    """An interaction logged at a time still to come; each surface names the time typed."""


def check_logged_at(at: datetime, now: datetime) -> datetime:
    """When an interaction logged after the fact happened: any time up to now."""
    if at > now:
        raise NotYet("that time has not come yet: an interaction is logged once it happened")
    return at


class AmbiguousContact(ContactError):
    def __init__(self, who: str, matches: Sequence[Contact]) -> None:
        self.matches = list(matches)
        listed = "; ".join(describe(contact) for contact in self.matches[:10])
        more = f" and {len(self.matches) - 10} more" if len(self.matches) > 10 else ""
        super().__init__(
            f"{who!r} matches {len(self.matches)} contacts: {listed}{more}; "
            "give more of the name or the id"
        )


def _shown(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def describe(contact: Contact) -> str:
    """`1a2b3c Ada Lovelace (Analytical Engines)` — a contact in a message."""
    org = f" ({contact.organisation})" if contact.organisation else ""
    return f"{short_id(contact.id)} {contact.name}{org}"


# fields --------------------------------------------------------------------------


def check_name(text: str) -> str:
    name = " ".join(text.split()) if "\n" not in text and "\r" not in text else text.strip()
    if not name:
        raise ContactError("a contact needs a name; it cannot be empty")
    if not name.isprintable() and len(name.splitlines()) != 1:
        raise ContactError(f"a name must be one line: {_shown(name)}")
    if len(name) > MAX_NAME:
        raise ContactError(f"a name can be at most {MAX_NAME} characters, not {len(name)}")
    return name


def check_field(label: str, text: str) -> str:
    """A one-line field (organisation, role, phone, how met): stripped, may be empty."""
    value = text.strip()
    if not value.isprintable() and len(value.splitlines()) > 1:  # a line break is not printable
        raise ContactError(f"{label} must be one line: {_shown(value)}")
    if len(value) > MAX_FIELD:
        raise ContactError(f"{label} can be at most {MAX_FIELD} characters, not {len(value)}")
    return value


def check_email(text: str) -> str:
    value = check_field("an email address", text)
    if value and (value.count("@") != 1 or " " in value or value.startswith("@")):
        raise ContactError(f"not an email address: {_shown(value)}")
    return value


def check_notes(text: str) -> str:
    notes = text.rstrip()
    if len(notes) > MAX_NOTES:
        raise ContactError(f"notes can be at most {MAX_NOTES} characters, not {len(notes)}")
    return notes


def parse_tags(text: str | Iterable[str]) -> tuple[str, ...]:
    """`"founder, #climate"` → `("founder", "climate")`: the board's tag rules."""
    try:
        return board.parse_tags(text)
    except board.BoardError as problem:
        raise ContactError(str(problem)) from None


def parse_cadence(text: str | int | None) -> int | None:
    """Stay-in-touch cadence in days: 1 … 3650, or None (empty, `0`, `none`)."""
    if text is None:
        return None
    word = str(text).strip().lower()
    if word in ("", "0", "none", "no", "off"):
        return None
    try:
        days = int(word.removesuffix("d"))
    except ValueError:
        raise ContactError(f"a cadence is a number of days, not {_shown(str(text))}") from None
    if not 1 <= days <= MAX_CADENCE:
        raise ContactError(f"a cadence must be from 1 to {MAX_CADENCE} days, not {days}")
    return days


def parse_minutes(text: str | int) -> int:
    word = str(text).strip()
    try:
        minutes = int(word) if word else 0
    except ValueError:
        raise ContactError(f"minutes must be a whole number, not {_shown(word)}") from None
    if not 0 <= minutes <= MAX_MINUTES:
        raise ContactError(f"minutes must be from 0 to {MAX_MINUTES}, not {minutes}")
    return minutes


def contact_fields(contact: Contact) -> list[tuple[str, str]]:
    """A contact's own fields as (label, text), in the order people read them; empty
    ones included (callers skip what they do not show)."""
    cadence = contact.cadence_days
    snoozed = contact.snoozed_until
    return [
        ("organisation", contact.organisation),
        ("role", contact.role),
        ("email", contact.email),
        ("phone", contact.phone),
        ("links", " ".join(contact.links)),
        ("tags", ", ".join(contact.tags)),
        ("how met", contact.how_met),
        ("cadence", f"every {cadence} days" if cadence else ""),
        ("snoozed until", snoozed.isoformat() if snoozed else ""),
    ]


FOLLOWS_A_BOX = timedelta(minutes=30)


def box_to_log(
    sessions: Iterable[Session],
    interactions: Iterable[Interaction],
    contact_id: str,
    now: datetime,
) -> Session | None:
    """The network box with this person that ended in the last half hour and has no
    interaction yet: an interaction logged now is about that box, so the two are linked
    and its minutes are counted once."""
    linked = {i.session_id for i in interactions if i.session_id}
    recent = [
        s
        for s in sessions
        if s.kind is Kind.NETWORK
        and s.contact_id == contact_id
        and s.id not in linked
        and timedelta(0) <= now - s.end <= FOLLOWS_A_BOX
    ]
    return max(recent, key=lambda s: s.end, default=None)


_CHANNEL_WORDS = {channel.replace(" ", ""): channel for channel in CHANNELS}
_CHANNEL_WORDS.update({"inperson": "in person", "meeting": "in person", "phone": "call"})


def parse_channel(text: str) -> str:
    """`In person`, `in-person`, `CALL` → the channel's name; anything else is an error."""
    word = re.sub(r"[\s_-]+", "", text.strip().lower())
    if not word:
        return "other"
    channel = _CHANNEL_WORDS.get(word)
    if channel is None:
        raise ContactError(f"unknown channel {_shown(text)}; use one of {', '.join(CHANNELS)}")
    return channel


def parse_exchange(text: str) -> str:
    """What passed between you: one of shared, asked, helped, introduced (or nothing)."""
    word = text.strip().lower()
    if word and word not in EXCHANGES:
        raise ContactError(f"unknown exchange {_shown(text)}; use one of {', '.join(EXCHANGES)}")
    return word


# derived values ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Derived:
    """What the interactions say about one contact."""

    last_contact: datetime | None = None
    interactions: int = 0
    minutes: int = 0
    follow_up: date | None = None  # pending
    next_due: date | None = None

    def overdue_days(self, today: date) -> int | None:
        """Days past the next due date (0 on the day); None when not due."""
        if self.next_due is None or self.next_due > today:
            return None
        return (today - self.next_due).days


def session_minutes(sessions: Iterable[Session], linked: set[str]) -> dict[str, int]:
    """Contact id → minutes of its network sessions that no interaction carries."""
    extra: dict[str, int] = {}
    for session in sessions:
        if session.kind is Kind.NETWORK and session.contact_id and session.id not in linked:
            extra[session.contact_id] = extra.get(session.contact_id, 0) + round(session.minutes)
    return extra


def derive(
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    tz: tzinfo,
    sessions: Iterable[Session] = (),
) -> dict[str, Derived]:
    """Contact id → its derived values, in one pass over the interactions."""
    tallies, linked = tally(interactions)
    listed = list(sessions)
    extra = session_minutes(listed, linked)
    return dict(DerivedValues(contacts, tallies, extra, tz, last_boxes(listed)))


class DerivedValues(Mapping[str, Derived]):
    """Contact id → its derived values, from its tally, its unlinked session minutes and
    its newest network box, each worked out when first asked for: a table shows a
    screenful of thousands (sorting by a derived value, or the due list, asks for them
    all)."""

    def __init__(
        self,
        contacts: Iterable[Contact],
        tallies: Mapping[str, Tally],
        extra: Mapping[str, int],
        tz: tzinfo,
        boxes: Mapping[str, datetime] | None = None,
    ) -> None:
        self._contacts = {contact.id: contact for contact in contacts}
        self._tallies = tallies
        self._extra = extra
        self._tz = tz
        self._boxes = boxes or {}
        self._known: dict[str, Derived] = {}

    def __getitem__(self, contact_id: str) -> Derived:
        found = self._known.get(contact_id)
        if found is None:
            contact = self._contacts[contact_id]
            found = _derived(
                contact,
                self._tallies.get(contact_id),
                self._extra.get(contact_id, 0),
                self._tz,
                self._boxes.get(contact_id),
            )
            self._known[contact_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._contacts)

    def __len__(self) -> int:
        return len(self._contacts)


def _derived(
    contact: Contact, tally: Tally | None, extra: int, tz: tzinfo, last_box: datetime | None
) -> Derived:
    last = last_met(tally, last_box)
    met_day = last.astimezone(tz).date() if last is not None else None
    due = due_day(contact, tally, met_day, tz)
    return Derived(
        last_contact=last,
        interactions=tally.count if tally is not None else 0,
        minutes=(tally.minutes if tally is not None else 0) + extra,
        follow_up=due.follow_up,
        next_due=due.due,
    )


@dataclass(frozen=True, slots=True)
class Due:
    """A contact in the due list."""

    contact: Contact
    derived: Derived
    overdue_days: int
    reason: str  # "follow-up" or "cadence"


def due_list(contacts: Iterable[Contact], derived: Mapping[str, Derived], today: date) -> list[Due]:
    """Contacts whose next due day has come, most overdue first (then by name)."""
    due: list[Due] = []
    for contact in contacts:
        values = derived.get(contact.id)
        if values is None:
            continue
        days = values.overdue_days(today)
        if days is None:
            continue
        reason = "follow-up" if values.follow_up == values.next_due else "cadence"
        if contact.snoozed_until is not None and contact.snoozed_until == values.next_due:
            reason = "snooze over"
        due.append(Due(contact, values, days, reason))
    due.sort(key=lambda entry: (-entry.overdue_days, entry.contact.name.casefold()))
    return due


def snooze(contact: Contact, today: date, days: int, now: datetime) -> Contact:
    """Put a contact off for `days` days (1 … 365) from today."""
    if not 1 <= days <= 365:
        raise ContactError(f"snooze for 1 to 365 days, not {days}")
    return replace(contact, snoozed_until=today + timedelta(days=days), updated=now)


# finding a person ------------------------------------------------------------------


def find(contacts: Sequence[Contact], who: str) -> Contact:
    """WHO: a full id, a name (any case), part of a name, or an id prefix. Several
    matches at the same step raise AmbiguousContact, listing them. A name's part comes
    before an id's start: "ada" is hex, and among 2,000 people some id starts with it
    four times in ten; a short id (six characters of hex) is part of no name."""
    wanted = " ".join(who.split()).casefold()
    if not wanted:
        raise NoSuchContact("name a contact: an id prefix or a name")
    for contact in contacts:
        if contact.id == wanted:
            return contact
    steps = (
        lambda c: c.name.casefold() == wanted,
        lambda c: wanted in c.name.casefold(),
        lambda c: c.id.startswith(wanted),
    )
    for matches_step in steps:
        matches = [contact for contact in contacts if matches_step(contact)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            matches.sort(key=lambda c: (c.name.casefold(), c.id))
            raise AmbiguousContact(who.strip(), matches)
    raise NoSuchContact(f"no contact matches {_shown(who.strip())}")


# duplicates ------------------------------------------------------------------------

_URL_HEAD = re.compile(r"^(https?://)?(www\.|[a-z]{2}\.)?", re.IGNORECASE)


def normal_url(url: str) -> str:
    """`https://www.linkedin.com/in/ada/?x=1` → `linkedin.com/in/ada`."""
    text = url.strip()
    if "?" in text:  # looked for first: most URLs have neither
        text = text.split("?", 1)[0]
    if "#" in text:
        text = text.split("#", 1)[0]
    if text.startswith("https://www."):  # as LinkedIn writes them: what `_URL_HEAD` takes
        return text[12:].rstrip("/").lower()
    return _URL_HEAD.sub("", text).rstrip("/").lower()


def duplicate_keys(contact: Contact, folded: dict[str, str] | None = None) -> set[str]:
    """The keys under which a look-alike is searched for: a LinkedIn URL, an email, the
    name and organisation together. Sharing a key makes two contacts candidates; whether
    they are the same person is `same_person`'s call. `folded` keeps each organisation's
    folded form for the next call (many contacts of an import share one)."""
    return set(keys_of(contact.name, contact.organisation, contact.email, contact.links, folded))


def keys_of(
    name: str,
    organisation: str,
    email: str,
    links: Iterable[str],
    folded: dict[str, str] | None = None,
) -> list[str]:
    """`duplicate_keys` of a contact with these fields, each once, as a list: for a row
    of a file read before any contact is made of it (most rows of a big import never
    need one), and for an import's index, which only looks them up (a set of them made
    for each of 100,000 rows cost more than the rest of the keys)."""
    keys = []
    for link in links:
        url = _linkedin_url(link)
        if url is not None and "url:" + url not in keys:
            keys.append("url:" + url)
    email = _email_of(email)
    if email:
        keys.append("email:" + email)
    name = " ".join(name.split()).casefold()
    if name:
        org = None if folded is None else folded.get(organisation)
        if org is None:
            org = " ".join(organisation.split()).casefold()
            if folded is not None:
                folded[organisation] = org
        keys.append(f"name:{name}|{org}")
    return keys


def _linkedin_urls(contact: Contact) -> set[str]:
    return _linkedin_urls_in(contact.links)


def _linkedin_urls_in(links: Iterable[str]) -> set[str]:
    return {url for url in map(_linkedin_url, links) if url is not None}


def _linkedin_url(link: str) -> str | None:
    """A link's normal form when it is a LinkedIn profile's."""
    url = normal_url(link)
    return url if "linkedin.com/" in url else None


def _email(contact: Contact) -> str:
    return _email_of(contact.email)


def _email_of(email: str) -> str:
    return email.strip().casefold()


def shares_address(one: Contact, other: Contact) -> bool:
    """The same record (id), LinkedIn profile or email: the same person, whatever the
    names say."""
    if one.id == other.id:
        return True
    email = _email(one)
    if email and email == _email(other):
        return True
    return bool(_linkedin_urls(one) & _linkedin_urls(other))


def same_person(one: Contact, other: Contact) -> bool:
    """Whether two contacts are one person: the same id, LinkedIn URL or email; or the
    same name and organisation, unless they have different LinkedIn profiles or different
    emails (two John Smiths at Google with their own profiles are two people)."""
    if shares_address(one, other):
        return True
    if not duplicate_keys(one) & duplicate_keys(other):
        return False  # the name and organisation differ too
    urls, their_urls = _linkedin_urls(one), _linkedin_urls(other)
    if urls and their_urls:
        return False  # both have a profile, and no profile in common
    email, their_email = _email(one), _email(other)
    return not (email and their_email)  # both have an email, and not the same one


def look_alikes(contacts: Iterable[Contact], contact: Contact) -> list[Contact]:
    """The contacts that are the same person as `contact` (`same_person`), those sharing
    an id, LinkedIn URL or email first."""
    found = [c for c in contacts if c.id != contact.id and same_person(c, contact)]
    found.sort(key=lambda c: not shares_address(c, contact))
    return found


def merge(existing: Contact, incoming: Contact, now: datetime) -> Contact:
    """`existing`, with its empty fields filled from `incoming` and new links and tags
    added. Nothing already there is overwritten; merging twice changes nothing."""
    changes: dict[str, object] = {}
    for name in ("organisation", "role", "email", "phone", "how_met", "notes"):
        if not getattr(existing, name) and getattr(incoming, name):
            changes[name] = getattr(incoming, name)
    known_links = {normal_url(link) for link in existing.links}
    links = [link for link in incoming.links if normal_url(link) not in known_links]
    if links:
        changes["links"] = (*existing.links, *dict.fromkeys(links))
    known_tags = {tag.casefold() for tag in existing.tags}
    tags = [tag for tag in incoming.tags if tag.casefold() not in known_tags]
    if tags:
        changes["tags"] = (*existing.tags, *tags)
    if existing.cadence_days is None and incoming.cadence_days is not None:
        changes["cadence_days"] = incoming.cadence_days
    if existing.snoozed_until is None and incoming.snoozed_until is not None:
        changes["snoozed_until"] = incoming.snoozed_until
    if not changes:
        return existing
    return replace(existing, updated=now, **changes)


# netbalance's own fields as vCard extension properties (RFC 6350 §6.10), which other
# programs keep or leave alone: `exports.contacts` writes them, `imports.vcard` reads them
# back. The id travels as UID.
VCARD_HOW_MET = "x-netbalance-how-met"
VCARD_CADENCE = "x-netbalance-cadence"
VCARD_SNOOZED_UNTIL = "x-netbalance-snoozed-until"
VCARD_CREATED = "x-netbalance-created"


# filtering and sorting --------------------------------------------------------------


def matches_filter(contact: Contact, wanted: str) -> bool:
    """The `/` filter: `#tag` matches a tag; other text a part of the name or
    organisation (any case)."""
    return key_matches(filter_key(contact), normal_filter(wanted))


def normal_filter(wanted: str) -> str:
    """The filter text as `key_matches` takes it."""
    return wanted.strip().casefold()


FilterKey = tuple[str, str, str, str]
"""What the `/` filter and the sorts look at in a contact, case folded once, so a
keystroke filters thousands of contacts without folding any text: the name, the
organisation, both on two lines (the text searched: a filter is one line), and the tags,
each as a line break and `#tag`. Plain strings in a plain tuple: nothing for the
garbage collector to follow."""


def filter_key(contact: Contact) -> FilterKey:
    name, organisation = contact.name.casefold(), contact.organisation.casefold()
    tags = "".join([f"\n#{tag.casefold()}" for tag in contact.tags]) if contact.tags else ""
    return (name, organisation, f"{name}\n{organisation}", tags)


def key_matches(key: FilterKey, text: str) -> bool:
    """`text` as `normal_filter` makes it: `#tag` matches the start of a tag (`#` alone
    every contact); other text a part of the name or organisation."""
    if not text:
        return True
    if text[0] == "#":
        return len(text) == 1 or f"\n{text}" in key[3]
    return "\n" not in text and text in key[2]


def narrows(before: str, after: str) -> bool:
    """Whether every contact that passes the filter `after` passes `before` (both as
    `normal_filter` makes them): the next keystroke only needs to look at those."""
    if not before:
        return True
    return after.startswith(before) and before.startswith("#") == after.startswith("#")


SORTS: tuple[str, ...] = ("name", "organisation", "last contact", "next due", "interactions")
