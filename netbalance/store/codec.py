"""Records ⇄ stored documents, in one place. Instants are stored as UTC ISO strings,
dates as `YYYY-MM-DD`, tuples as lists; empty optional fields are left out (a record's
revision `rev` too, while it is 0: a record never edited).

Decoding checks every field of a document: its type (text is a string, a count a whole
number and never `true`, a list of tags a list of strings, a time or a date one that
reads) and its range (the bounds the app itself keeps to). A hand-edited document that
fails raises `BadField`, naming the field, what it holds and what belongs there; the
repositories add the file, the table and the record. The checks are plain type and range
comparisons on the way to the record; only a failure looks at each field in turn to say
which one it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from netbalance.core.instants import from_iso, optional_iso, to_iso
from netbalance.core.models import (
    ActiveBox,
    Contact,
    Interaction,
    Item,
    Kind,
    Session,
    WeekPlan,
)

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any, Protocol

    Doc = dict[str, Any]

    class NewSession(Protocol):
        """What a new session is made of when it is made straight into its document."""

        @property
        def kind(self) -> Kind: ...
        @property
        def start(self) -> datetime: ...
        @property
        def end(self) -> datetime: ...
        @property
        def note(self) -> str: ...
        @property
        def tags(self) -> tuple[str, ...]: ...


# The bounds of counts and numbers; where the app has a rule of its own, the same one.
MAX_PLANNED_SECONDS = 24 * 3600  # core.timer: a box is at most 24 hours
MAX_PAUSED_SECONDS = 10**9  # some 31 years of pauses
MAX_ESTIMATE = 999  # core.board.MAX_ESTIMATE
MAX_CADENCE = 3650  # core.contacts.MAX_CADENCE
MAX_MINUTES = 24 * 60  # core.contacts.MAX_MINUTES
MAX_POSITION = 1e15  # a card's place in its column
MAX_REVISION = 2**53  # far below what a save can write (64 bits)
MAX_WEEK_HOURS = 168  # core.plans.MAX_HOURS: the hours of a week


class BadField(ValueError):
    """A stored document with a field of the wrong type or out of range; the message is
    one line that names the field, what it holds and what belongs there."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(problem)


def shown(value: object) -> str:
    """A stored value as a message shows it: its JSON-like repr, cut short."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to write out
        text = f"a {type(value).__name__} too long to show"
    return text if len(text) <= 40 else f"{text[:39]}…"


_DECODE_ERRORS = (KeyError, TypeError, ValueError, OverflowError)
_KINDS = {kind.value: kind for kind in Kind}
_NO_TEXTS: list[str] = []

_parse_iso = datetime.fromisoformat


def _instant(text: str) -> datetime:
    """`from_iso`, quicker for the stored form, which is UTC already."""
    instant = _parse_iso(text)
    return instant if instant.tzinfo is UTC else from_iso(text)


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else _instant(text)


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _texts(value: list[str]) -> tuple[str, ...]:
    """A stored list of strings as a tuple; TypeError for anything else."""
    if type(value) is not list:
        raise TypeError(value)
    "".join(value)  # TypeError unless every element is a string
    return tuple(value)


# Each field of a document for the diagnosis of one that fails: (key, required, check,
# what belongs there). A field left out takes its default.
if TYPE_CHECKING:
    _Field = tuple[str, bool, Callable[[Any], bool], str]


def _is_text(value: object) -> bool:
    return type(value) is str


def _is_text_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _is_flag(value: object) -> bool:
    return type(value) is bool


def _is_texts(value: object) -> bool:
    return type(value) is list and all(type(element) is str for element in value)


def _is_kind(value: object) -> bool:
    return type(value) is str and value in _KINDS


def _is_position(value: object) -> bool:
    return (type(value) is float or type(value) is int) and -MAX_POSITION <= value <= MAX_POSITION


def _whole(low: int, high: int, *, optional: bool = False) -> Callable[[Any], bool]:
    def check(value: object) -> bool:
        if value is None:
            return optional
        return type(value) is int and low <= value <= high

    return check


def _reads(parse: Callable[[Any], object], *, optional: bool = False) -> Callable[[Any], bool]:
    def check(value: object) -> bool:
        if value is None:
            return optional
        if type(value) is not str:
            return False
        try:
            parse(value)
        except (ValueError, OverflowError):
            return False
        return True

    return check


TEXT = "text"
OPTIONAL_TEXT = "text, or left out"
INSTANT = "a time like 2026-11-28T09:00:00+00:00"
OPTIONAL_INSTANT = f"{INSTANT}, or left out"
OPTIONAL_DATE = "a date like 2026-12-24, or left out"


def _count(key: str, low: int, high: int, *, optional: bool = False) -> _Field:
    words = f"a whole number from {low} to {high}" + (", or left out" if optional else "")
    return (key, False, _whole(low, high, optional=optional), words)


_ID = ("id", True, _is_text, TEXT)
_KIND = ("kind", True, _is_kind, "'produce' or 'network'")
_NOTE = ("note", False, _is_text, TEXT)
_REVISION = _count("rev", 0, MAX_REVISION)
_LINKS = tuple(
    (key, False, _is_text_or_none, OPTIONAL_TEXT)
    for key in ("item_id", "item_title", "contact_id", "contact_name")
)


def _instant_field(key: str, *, optional: bool = False) -> _Field:
    words = OPTIONAL_INSTANT if optional else INSTANT
    return (key, not optional, _reads(_instant, optional=optional), words)


_STAMPS = (_instant_field("created"), _instant_field("updated"))
_DATE_CHECK = _reads(date.fromisoformat, optional=True)

SESSION_FIELDS: tuple[_Field, ...] = (
    _ID,
    _KIND,
    _instant_field("start"),
    _instant_field("end"),
    *_STAMPS,
    _count("paused_seconds", 0, MAX_PAUSED_SECONDS),
    *_LINKS,
    _NOTE,
    _count("planned_seconds", 1, MAX_PLANNED_SECONDS, optional=True),
    ("recovered", False, _is_flag, "true or false"),
    _REVISION,
    ("tags", False, _is_texts, "a list of texts"),
)
BOX_FIELDS: tuple[_Field, ...] = (
    _ID,
    _KIND,
    _instant_field("started"),
    _instant_field("updated"),
    _count("planned_seconds", 1, MAX_PLANNED_SECONDS, optional=True),
    _instant_field("paused_at", optional=True),
    _count("paused_seconds", 0, MAX_PAUSED_SECONDS),
    *_LINKS,
    _NOTE,
    ("tags", False, _is_texts, "a list of texts"),
)
ITEM_FIELDS: tuple[_Field, ...] = (
    _ID,
    ("title", True, _is_text, TEXT),
    ("column", True, _is_text, TEXT),
    ("position", True, _is_position, "a number from -10^15 to 10^15"),
    *_STAMPS,
    ("notes", False, _is_text, TEXT),
    ("tags", False, _is_texts, "a list of texts"),
    ("due", False, _DATE_CHECK, OPTIONAL_DATE),
    _count("estimate", 1, MAX_ESTIMATE, optional=True),
    _instant_field("shipped", optional=True),
    ("archived", False, _is_flag, "true or false"),
    _REVISION,
    ("contact_id", False, _is_text_or_none, OPTIONAL_TEXT),
    ("follows_up", False, _is_text_or_none, OPTIONAL_TEXT),
)
CONTACT_FIELDS: tuple[_Field, ...] = (
    _ID,
    ("name", True, _is_text, TEXT),
    *_STAMPS,
    *(
        (key, False, _is_text, TEXT)
        for key in ("organisation", "role", "email", "phone", "how_met", "notes")
    ),
    ("links", False, _is_texts, "a list of texts"),
    ("tags", False, _is_texts, "a list of texts"),
    _count("cadence_days", 1, MAX_CADENCE, optional=True),
    ("snoozed_until", False, _DATE_CHECK, OPTIONAL_DATE),
    _REVISION,
)
INTERACTION_FIELDS: tuple[_Field, ...] = (
    _ID,
    ("contact_id", True, _is_text, TEXT),
    _instant_field("when"),
    *_STAMPS,
    ("channel", False, _is_text, TEXT),
    _count("minutes", 0, MAX_MINUTES),
    _NOTE,
    ("exchange", False, _is_text, TEXT),
    ("shared_item_id", False, _is_text_or_none, OPTIONAL_TEXT),
    ("follow_up", False, _DATE_CHECK, OPTIONAL_DATE),
    ("session_id", False, _is_text_or_none, OPTIONAL_TEXT),
    _REVISION,
    ("follows_up", False, _is_text_or_none, OPTIONAL_TEXT),
)


def _is_hours(value: Any) -> bool:
    if value is None:
        return True
    return (type(value) is float or type(value) is int) and 0 <= value <= MAX_WEEK_HOURS


WEEK_FIELDS: tuple[_Field, ...] = (
    _ID,
    ("week", True, _is_text, "a week like 2026-W48"),
    *_STAMPS,
    ("produce_hours", False, _is_hours, f"a number of hours from 0 to {MAX_WEEK_HOURS}"),
    ("network_hours", False, _is_hours, f"a number of hours from 0 to {MAX_WEEK_HOURS}"),
    ("focus", False, _is_texts, "a list of texts"),
    ("reflection", False, _is_text, TEXT),
    _instant_field("reviewed", optional=True),
    ("review_step", False, _is_text, TEXT),
    _REVISION,
)


def bad_field(doc: Doc, fields: Iterable[_Field]) -> BadField:
    """The first field of `doc` that is missing, of the wrong type or out of range."""
    for key, required, check, words in fields:
        if key not in doc:
            if required:
                return BadField(key, f"field {key!r} is missing; it must be {words}")
            continue
        value = doc[key]
        if not check(value):
            return BadField(key, f"field {key!r} is {shown(value)}; it must be {words}")
    # every field checks: the decoder and these checks disagree (a defect, not the file)
    return BadField("", "it does not read as a netbalance record")


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _stamps(created: datetime, updated: datetime) -> Doc:
    """`created` and `updated` as stored; a record never edited writes one stamp twice
    (an import of 50,000 sessions formats 50,000 fewer)."""
    text = to_iso(created)
    return {"created": text, "updated": text if updated == created else to_iso(updated)}


def revision_of(doc: Doc | None) -> int:
    """A stored document's revision (0: never edited, or absent)."""
    revision = None if doc is None else doc.get("rev")
    return revision if type(revision) is int and revision > 0 else 0


def _compact(doc: Doc) -> Doc:
    return {key: value for key, value in doc.items() if value is not None}


def session_to_doc(session: Session) -> Doc:
    return _compact(
        {
            "id": session.id,
            "kind": session.kind.value,
            "start": to_iso(session.start),
            "end": to_iso(session.end),
            "paused_seconds": session.paused_seconds,
            "item_id": session.item_id,
            "item_title": session.item_title,
            "contact_id": session.contact_id,
            "contact_name": session.contact_name,
            "note": session.note,
            "tags": list(session.tags) if session.tags else None,
            "planned_seconds": session.planned_seconds,
            "recovered": session.recovered or None,
            "rev": session.revision or None,
            **_stamps(session.created, session.updated),
        }
    )


class _InstantTexts:
    """`to_iso` of many instants: the date and the time of day of each one are formatted
    once (isoformat of a UTC instant is its date's, `T`, its time's and `+00:00`)."""

    def __init__(self) -> None:
        self._days: dict[int, str] = {}
        self._times: dict[tuple[int, int, int], str] = {}

    def __call__(self, instant: datetime) -> str:
        if instant.tzinfo is not UTC or instant.microsecond:
            return to_iso(instant)
        ordinal = instant.toordinal()
        day = self._days.get(ordinal)
        if day is None:
            day = self._days[ordinal] = f"{instant.date().isoformat()}T"
        second = (instant.hour, instant.minute, instant.second)
        time = self._times.get(second)
        if time is None:
            time = self._times[second] = f"{instant.time().isoformat()}+00:00"
        return day + time


def new_session_docs(
    record_ids: Iterable[str], sessions: Iterable[NewSession], now: datetime
) -> list[Doc]:
    """`session_to_doc` of new sessions that have only an id, a kind, a start, an end,
    a note and tags, created and updated now: the same documents, keys in the same
    order, made without Session records (an import makes tens of thousands)."""
    stamp = to_iso(now)
    text = _InstantTexts()
    docs: list[Doc] = []
    for record_id, session in zip(record_ids, sessions, strict=True):
        doc: Doc = {
            "id": record_id,
            "kind": session.kind.value,
            "start": text(session.start),
            "end": text(session.end),
            "paused_seconds": 0,
            "note": session.note,
        }
        if session.tags:
            doc["tags"] = list(session.tags)
        doc["created"] = doc["updated"] = stamp
        docs.append(doc)
    return docs


def session_from_doc(doc: Doc) -> Session:
    get = doc.get
    try:
        record_id, note = doc["id"], get("note", "")
        paused, planned = get("paused_seconds", 0), get("planned_seconds")
        item_id, item_title = get("item_id"), get("item_title")
        contact_id, contact_name = get("contact_id"), get("contact_name")
        recovered, revision = get("recovered", False), get("rev", 0)
        tags = get("tags", _NO_TEXTS)
        if (
            type(record_id) is str
            and type(note) is str
            and type(paused) is int
            and 0 <= paused <= MAX_PAUSED_SECONDS
            and (planned is None or (type(planned) is int and 0 < planned <= MAX_PLANNED_SECONDS))
            and (item_id is None or type(item_id) is str)
            and (item_title is None or type(item_title) is str)
            and (contact_id is None or type(contact_id) is str)
            and (contact_name is None or type(contact_name) is str)
            and type(recovered) is bool
            and type(revision) is int
            and 0 <= revision <= MAX_REVISION
        ):
            return Session(
                record_id,
                _KINDS[doc["kind"]],
                _instant(doc["start"]),
                _instant(doc["end"]),
                _instant(doc["created"]),
                _instant(doc["updated"]),
                paused,
                item_id,
                item_title,
                contact_id,
                contact_name,
                note,
                planned,
                recovered,
                revision,
                _texts(tags),
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, SESSION_FIELDS)


def box_to_doc(box: ActiveBox) -> Doc:
    return _compact(
        {
            "id": box.id,
            "kind": box.kind.value,
            "started": to_iso(box.started),
            "updated": to_iso(box.updated),
            "planned_seconds": box.planned_seconds,
            "paused_at": optional_iso(box.paused_at),
            "paused_seconds": box.paused_seconds,
            "item_id": box.item_id,
            "item_title": box.item_title,
            "contact_id": box.contact_id,
            "contact_name": box.contact_name,
            "note": box.note,
            "tags": list(box.tags) if box.tags else None,
        }
    )


def box_from_doc(doc: Doc) -> ActiveBox:
    get = doc.get
    try:
        record_id, note = doc["id"], get("note", "")
        paused, planned = get("paused_seconds", 0), get("planned_seconds")
        item_id, item_title = get("item_id"), get("item_title")
        contact_id, contact_name = get("contact_id"), get("contact_name")
        tags = get("tags", _NO_TEXTS)
        if (
            type(record_id) is str
            and type(note) is str
            and type(paused) is int
            and 0 <= paused <= MAX_PAUSED_SECONDS
            and (planned is None or (type(planned) is int and 0 < planned <= MAX_PLANNED_SECONDS))
            and (item_id is None or type(item_id) is str)
            and (item_title is None or type(item_title) is str)
            and (contact_id is None or type(contact_id) is str)
            and (contact_name is None or type(contact_name) is str)
        ):
            return ActiveBox(
                record_id,
                _KINDS[doc["kind"]],
                _instant(doc["started"]),
                _instant(doc["updated"]),
                planned,
                _optional_instant(get("paused_at")),
                paused,
                item_id,
                item_title,
                contact_id,
                contact_name,
                note,
                _texts(tags),
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, BOX_FIELDS)


def item_to_doc(item: Item) -> Doc:
    return _compact(
        {
            "id": item.id,
            "title": item.title,
            "column": item.column,
            "position": item.position,
            "notes": item.notes,
            "tags": list(item.tags),
            "due": _date_text(item.due),
            "estimate": item.estimate,
            "shipped": optional_iso(item.shipped),
            "archived": item.archived or None,
            "rev": item.revision or None,
            "contact_id": item.contact_id,
            "follows_up": item.follows_up,
            **_stamps(item.created, item.updated),
        }
    )


def item_from_doc(doc: Doc) -> Item:
    get = doc.get
    try:
        record_id, title, column, position = doc["id"], doc["title"], doc["column"], doc["position"]
        notes, estimate = get("notes", ""), get("estimate")
        archived, revision = get("archived", False), get("rev", 0)
        contact_id, follows_up = get("contact_id"), get("follows_up")
        if (
            type(record_id) is str
            and type(title) is str
            and type(column) is str
            and (type(position) is float or type(position) is int)
            and -MAX_POSITION <= position <= MAX_POSITION
            and type(notes) is str
            and (estimate is None or (type(estimate) is int and 0 < estimate <= MAX_ESTIMATE))
            and type(archived) is bool
            and type(revision) is int
            and 0 <= revision <= MAX_REVISION
            and (contact_id is None or type(contact_id) is str)
            and (follows_up is None or type(follows_up) is str)
        ):
            return Item(
                record_id,
                title,
                column,
                float(position),
                _instant(doc["created"]),
                _instant(doc["updated"]),
                notes,
                _texts(get("tags", _NO_TEXTS)),
                _date(get("due")),
                estimate,
                _optional_instant(get("shipped")),
                archived,
                revision,
                contact_id,
                follows_up,
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, ITEM_FIELDS)


def contact_to_doc(contact: Contact) -> Doc:
    fields: dict[str, Any] = {
        "organisation": contact.organisation,
        "role": contact.role,
        "email": contact.email,
        "phone": contact.phone,
        "links": list(contact.links),
        "tags": list(contact.tags),
        "how_met": contact.how_met,
        "notes": contact.notes,
    }
    if contact.cadence_days is None and contact.snoozed_until is None and not contact.revision:
        # a new contact (an import makes tens of thousands): nothing to leave out, and the
        # import's instant written once for all of them
        created = _iso_of(contact.created)
        updated = created if contact.updated == contact.created else to_iso(contact.updated)
        return new_contact_doc(contact.id, contact.name, created, updated, **fields)
    doc = new_contact_doc(contact.id, contact.name, "", "", **fields)
    del doc["created"], doc["updated"]  # written last, after the fields a new one has not
    doc.update(
        cadence_days=contact.cadence_days,
        snoozed_until=_date_text(contact.snoozed_until),
        rev=contact.revision or None,
        **_stamps(contact.created, contact.updated),
    )
    return _compact(doc)


def new_contact_doc(
    record_id: str,
    name: str,
    created: str,
    updated: str,
    *,
    organisation: str = "",
    role: str = "",
    email: str = "",
    phone: str = "",
    links: list[str] | None = None,
    tags: list[str] | None = None,
    how_met: str = "",
    notes: str = "",
) -> Doc:
    """`contact_to_doc` of a contact never edited, with no cadence and no snooze, made
    from its fields by name (`created` and `updated` as `to_iso` writes them): an import
    writes 100,000 new contacts' documents straight from the file's fields, with no
    Contact made of them. The one place the document's fields are laid out."""
    return {
        "id": record_id,
        "name": name,
        "organisation": organisation,
        "role": role,
        "email": email,
        "phone": phone,
        "links": [] if links is None else links,
        "tags": [] if tags is None else tags,
        "how_met": how_met,
        "notes": notes,
        "created": created,
        "updated": updated,
    }


_last_iso: tuple[datetime, str] | None = None


def _iso_of(instant: datetime) -> str:
    """`to_iso(instant)`; the same instant object as the last call's gives the same
    string object (the records of one import share their `created`)."""
    global _last_iso
    last = _last_iso
    if last is not None and last[0] is instant:
        return last[1]
    text = to_iso(instant)
    _last_iso = (instant, text)
    return text


def contact_from_doc(doc: Doc) -> Contact:
    get = doc.get
    try:
        record_id, name = doc["id"], doc["name"]
        organisation, role = get("organisation", ""), get("role", "")
        email, phone = get("email", ""), get("phone", "")
        how_met, notes = get("how_met", ""), get("notes", "")
        cadence, revision = get("cadence_days"), get("rev", 0)
        if (
            type(record_id) is str
            and type(name) is str
            and type(organisation) is str
            and type(role) is str
            and type(email) is str
            and type(phone) is str
            and type(how_met) is str
            and type(notes) is str
            and (cadence is None or (type(cadence) is int and 0 < cadence <= MAX_CADENCE))
            and type(revision) is int
            and 0 <= revision <= MAX_REVISION
        ):
            return Contact(
                record_id,
                name,
                _instant(doc["created"]),
                _instant(doc["updated"]),
                organisation,
                role,
                email,
                phone,
                _texts(get("links", _NO_TEXTS)),
                _texts(get("tags", _NO_TEXTS)),
                how_met,
                notes,
                cadence,
                _date(get("snoozed_until")),
                revision,
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, CONTACT_FIELDS)


def interaction_to_doc(interaction: Interaction) -> Doc:
    return _compact(
        {
            "id": interaction.id,
            "contact_id": interaction.contact_id,
            "when": to_iso(interaction.when),
            "channel": interaction.channel,
            "minutes": interaction.minutes,
            "note": interaction.note,
            "exchange": interaction.exchange,
            "shared_item_id": interaction.shared_item_id,
            "follow_up": _date_text(interaction.follow_up),
            "session_id": interaction.session_id,
            "rev": interaction.revision or None,
            "follows_up": interaction.follows_up,
            **_stamps(interaction.created, interaction.updated),
        }
    )


def interaction_from_doc(doc: Doc) -> Interaction:
    get = doc.get
    try:
        record_id, contact_id = doc["id"], doc["contact_id"]
        channel, minutes = get("channel", "other"), get("minutes", 0)
        note, exchange = get("note", ""), get("exchange", "")
        shared, session_id = get("shared_item_id"), get("session_id")
        revision, follows_up = get("rev", 0), get("follows_up")
        if (
            type(record_id) is str
            and type(contact_id) is str
            and type(channel) is str
            and type(minutes) is int
            and 0 <= minutes <= MAX_MINUTES
            and type(note) is str
            and type(exchange) is str
            and (shared is None or type(shared) is str)
            and (session_id is None or type(session_id) is str)
            and type(revision) is int
            and 0 <= revision <= MAX_REVISION
            and (follows_up is None or type(follows_up) is str)
        ):
            return Interaction(
                record_id,
                contact_id,
                _instant(doc["when"]),
                _instant(doc["created"]),
                _instant(doc["updated"]),
                channel,
                minutes,
                note,
                exchange,
                shared,
                _date(get("follow_up")),
                session_id,
                revision,
                follows_up,
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, INTERACTION_FIELDS)


def _hours_of(value: Any) -> float | None:
    """Stored hours as a float; TypeError for anything but a number in range."""
    if value is None:
        return None
    if (type(value) is float or type(value) is int) and 0 <= value <= MAX_WEEK_HOURS:
        return float(value)
    raise TypeError(value)


def week_to_doc(plan: WeekPlan) -> Doc:
    return _compact(
        {
            "id": plan.id,
            "week": plan.week,
            "produce_hours": plan.produce_hours,
            "network_hours": plan.network_hours,
            "focus": list(plan.focus) or None,
            "reflection": plan.reflection or None,
            "reviewed": optional_iso(plan.reviewed),
            "review_step": plan.review_step or None,
            "rev": plan.revision or None,
            **_stamps(plan.created, plan.updated),
        }
    )


def week_from_doc(doc: Doc) -> WeekPlan:
    get = doc.get
    try:
        record_id, week = doc["id"], doc["week"]
        reflection, step = get("reflection", ""), get("review_step", "")
        revision = get("rev", 0)
        if (
            type(record_id) is str
            and type(week) is str
            and type(reflection) is str
            and type(step) is str
            and type(revision) is int
            and 0 <= revision <= MAX_REVISION
        ):
            return WeekPlan(
                record_id,
                week,
                _instant(doc["created"]),
                _instant(doc["updated"]),
                _hours_of(get("produce_hours")),
                _hours_of(get("network_hours")),
                _texts(get("focus", _NO_TEXTS)),
                reflection,
                _optional_instant(get("reviewed")),
                step,
                revision,
            )
    except _DECODE_ERRORS:
        pass
    raise bad_field(doc, WEEK_FIELDS)
