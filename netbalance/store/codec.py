"""Records ⇄ stored documents, in one place. Instants are stored as UTC ISO strings,
dates as `YYYY-MM-DD`, tuples as lists; empty optional fields are left out (a record's
revision `rev` too, while it is 0: a record never edited)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from netbalance.core.instants import from_iso, optional_iso, to_iso
from netbalance.core.models import ActiveBox, Contact, Interaction, Item, Kind, Session

Doc = dict[str, Any]


_parse_iso = datetime.fromisoformat


def _instant(text: str) -> datetime:
    """`from_iso`, quicker for the stored form, which is UTC already."""
    instant = _parse_iso(text)
    return instant if instant.tzinfo is UTC else from_iso(text)


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else _instant(text)


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


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
            "planned_seconds": session.planned_seconds,
            "recovered": session.recovered or None,
            "rev": session.revision or None,
            **_stamps(session.created, session.updated),
        }
    )


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
    """`session_to_doc` of new sessions that have only an id, a kind, a start, an end
    and a note, created and updated now: the same documents, keys in the same order,
    made without Session records (an import makes tens of thousands)."""
    stamp = to_iso(now)
    text = _InstantTexts()
    return [
        {
            "id": record_id,
            "kind": session.kind.value,
            "start": text(session.start),
            "end": text(session.end),
            "paused_seconds": 0,
            "note": session.note,
            "created": stamp,
            "updated": stamp,
        }
        for record_id, session in zip(record_ids, sessions, strict=True)
    ]


def session_from_doc(doc: Doc) -> Session:
    return Session(
        id=doc["id"],
        kind=Kind(doc["kind"]),
        start=_instant(doc["start"]),
        end=_instant(doc["end"]),
        created=_instant(doc["created"]),
        updated=_instant(doc["updated"]),
        paused_seconds=doc.get("paused_seconds", 0),
        item_id=doc.get("item_id"),
        item_title=doc.get("item_title"),
        contact_id=doc.get("contact_id"),
        contact_name=doc.get("contact_name"),
        note=doc.get("note", ""),
        planned_seconds=doc.get("planned_seconds"),
        recovered=doc.get("recovered", False),
        revision=doc.get("rev", 0),
    )


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
        }
    )


def box_from_doc(doc: Doc) -> ActiveBox:
    return ActiveBox(
        id=doc["id"],
        kind=Kind(doc["kind"]),
        started=_instant(doc["started"]),
        updated=_instant(doc["updated"]),
        planned_seconds=doc.get("planned_seconds"),
        paused_at=_optional_instant(doc.get("paused_at")),
        paused_seconds=doc.get("paused_seconds", 0),
        item_id=doc.get("item_id"),
        item_title=doc.get("item_title"),
        contact_id=doc.get("contact_id"),
        contact_name=doc.get("contact_name"),
        note=doc.get("note", ""),
    )


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
            **_stamps(item.created, item.updated),
        }
    )


def item_from_doc(doc: Doc) -> Item:
    return Item(
        id=doc["id"],
        title=doc["title"],
        column=doc["column"],
        position=doc["position"],
        created=_instant(doc["created"]),
        updated=_instant(doc["updated"]),
        notes=doc.get("notes", ""),
        tags=tuple(doc.get("tags", ())),
        due=_date(doc.get("due")),
        estimate=doc.get("estimate"),
        shipped=_optional_instant(doc.get("shipped")),
        archived=doc.get("archived", False),
        revision=doc.get("rev", 0),
    )


def contact_to_doc(contact: Contact) -> Doc:
    return _compact(
        {
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
            "snoozed_until": _date_text(contact.snoozed_until),
            "rev": contact.revision or None,
            **_stamps(contact.created, contact.updated),
        }
    )


def contact_from_doc(doc: Doc) -> Contact:
    return Contact(
        id=doc["id"],
        name=doc["name"],
        created=_instant(doc["created"]),
        updated=_instant(doc["updated"]),
        organisation=doc.get("organisation", ""),
        role=doc.get("role", ""),
        email=doc.get("email", ""),
        phone=doc.get("phone", ""),
        links=tuple(doc.get("links", ())),
        tags=tuple(doc.get("tags", ())),
        how_met=doc.get("how_met", ""),
        notes=doc.get("notes", ""),
        cadence_days=doc.get("cadence_days"),
        snoozed_until=_date(doc.get("snoozed_until")),
        revision=doc.get("rev", 0),
    )


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
            **_stamps(interaction.created, interaction.updated),
        }
    )


def interaction_from_doc(doc: Doc) -> Interaction:
    return Interaction(
        id=doc["id"],
        contact_id=doc["contact_id"],
        when=_instant(doc["when"]),
        created=_instant(doc["created"]),
        updated=_instant(doc["updated"]),
        channel=doc.get("channel", "other"),
        minutes=doc.get("minutes", 0),
        note=doc.get("note", ""),
        exchange=doc.get("exchange", ""),
        shared_item_id=doc.get("shared_item_id"),
        follow_up=_date(doc.get("follow_up")),
        session_id=doc.get("session_id"),
        revision=doc.get("rev", 0),
    )
