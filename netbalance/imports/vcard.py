"""vCard files (3.0 and 4.0) with many cards, read and written through `vobject`.

The file is cut at its `BEGIN:VCARD` / `END:VCARD` lines so that each card is parsed on
its own (by vobject: folding, escapes, parameters) and a bad card is reported with the
line it starts on while the others are still read.

netbalance's own fields come back from the X-NETBALANCE-… properties its export writes
(`exports.contacts`), and a UID in the form of netbalance's ids (a UUID) becomes the
contact's id: the same card imported again is the same contact, whoever else has its
name or email.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from netbalance.core.contacts import (
    VCARD_CADENCE,
    VCARD_CREATED,
    VCARD_HOW_MET,
    VCARD_SNOOZED_UNTIL,
    ContactError,
    check_email,
    check_field,
    check_name,
    check_notes,
    parse_cadence,
    parse_tags,
)
from netbalance.core.instants import from_iso
from netbalance.core.models import Contact, new_id
from netbalance.imports.contacts import ImportFileError, Note, Parsed, Progress, Row, decode

# what vobject raises on text it cannot read (it has no single base class for it)
_VOBJECT_ERRORS: tuple[type[Exception], ...] = (
    ValueError,  # binascii.Error, UnicodeError, bad dates
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
)


_LINE_END = re.compile(r"\r\n|\r|\n")


def _cards(text: str) -> Iterator[tuple[int, str | None, str]]:
    """(first line, card text or None, problem) for each card; stray text is a problem."""
    # lines end at CRLF, LF or CR only (`splitlines` would also cut at a form feed or
    # U+2028 inside a value, and every line number after it would be wrong)
    lines = _LINE_END.split(text)
    start: int | None = None
    for number, line in enumerate(lines, start=1):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            if start is not None:
                yield start, None, "a card that never ends (no END:VCARD before the next)"
            start = number
        elif word == "END:VCARD":
            if start is None:
                yield number, None, "END:VCARD without a BEGIN:VCARD"
            else:
                yield start, "\r\n".join(lines[start - 1 : number]) + "\r\n", ""
                start = None
        elif start is None and word:
            yield number, None, "text outside a card"
    if start is not None:
        yield start, None, "a card that never ends (no END:VCARD)"


def parse(data: bytes, source: str, now: datetime, progress: Progress | None = None) -> Parsed:
    import vobject

    text = decode(data, source)
    if "BEGIN:VCARD" not in text.upper():
        raise ImportFileError(f"{source}: no BEGIN:VCARD found; is this a vCard (.vcf) file?")
    parsed = Parsed(source)
    total = max(1, text.count("\n"))
    for count, (line, card_text, problem) in enumerate(_cards(text), start=1):
        if card_text is None:
            parsed.bad.append(Note(line, problem))
            continue
        try:
            card = vobject.readOne(card_text, validate=False)
            contact = _contact(card, now)
        except ContactError as error:
            parsed.bad.append(Note(line, str(error)))
            continue
        except (vobject.base.VObjectError, *_VOBJECT_ERRORS) as error:
            message = str(error).split(": ", 1)[-1] if "At line" in str(error) else str(error)
            parsed.bad.append(
                Note(line, f"not a readable vCard ({message or type(error).__name__})")
            )
            continue
        if contact is None:
            parsed.skipped.append(Note(line, "a card with no name"))
        else:
            parsed.contact_rows.append(Row(line, contact, own_id=_uid(card) == contact.id))
        if progress is not None and count % 200 == 0:
            progress(min(1.0, line / total))
    if progress is not None:
        progress(1.0)
    return parsed


def _text(value: Any) -> str:
    """A property's value as one string (ORG and CATEGORIES are lists in vobject)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(part for part in (_text(v) for v in value) if part)
    if isinstance(value, bytes):
        return ""
    return str(value)


def _values(card: Any, name: str) -> list[Any]:
    contents: dict[str, list[Any]] = card.contents
    return list(contents.get(name, []))


def _preferred(entries: Iterable[Any]) -> list[str]:
    """Values, the preferred one first (TYPE=pref in 3.0, PREF=1 in 4.0)."""

    def rank(entry: Any) -> int:
        params = {key.upper(): [str(v).lower() for v in vals] for key, vals in entry.params.items()}
        if "pref" in params.get("TYPE", []) or params.get("PREF"):
            return 0
        return 1

    ordered = sorted(entries, key=rank)
    return [value for value in (_text(entry.value).strip() for entry in ordered) if value]


def _name(card: Any) -> str:
    for entry in _values(card, "fn"):
        name = _text(entry.value).strip()
        if name:
            return name
    for entry in _values(card, "n"):
        value = entry.value
        parts = [
            _text(getattr(value, part, ""))
            for part in ("prefix", "given", "additional", "family", "suffix")
        ]
        name = " ".join(part.strip() for part in parts if part.strip())
        if name:
            return name
    return ""


def _contact(card: Any, now: datetime) -> Contact | None:
    name = _name(card)
    if not name:
        return None
    emails = _preferred(_values(card, "email"))
    phones = [phone.removeprefix("tel:") for phone in _preferred(_values(card, "tel"))]
    links = tuple(dict.fromkeys(_preferred(_values(card, "url"))))
    notes = [_text(entry.value).rstrip() for entry in _values(card, "note")]
    extra = [*emails[1:], *phones[1:]]
    if extra:
        notes.append("Also: " + ", ".join(extra))
    organisation = next((_text(e.value) for e in _values(card, "org") if _text(e.value)), "")
    role = next(
        (_text(e.value) for key in ("title", "role") for e in _values(card, key) if _text(e.value)),
        "",
    )
    tags: list[str] = []
    for entry in _values(card, "categories"):
        value = entry.value
        tags.extend(value if isinstance(value, list) else _text(value).split(","))
    snoozed = _own(card, VCARD_SNOOZED_UNTIL)
    created = _own(card, VCARD_CREATED)
    return Contact(
        id=_uid(card) or new_id(),
        name=check_name(name),
        created=_instant(VCARD_CREATED, created) if created else now,
        updated=now,
        how_met=check_field("how met", _own(card, VCARD_HOW_MET)),
        cadence_days=parse_cadence(_own(card, VCARD_CADENCE)),
        snoozed_until=_day(VCARD_SNOOZED_UNTIL, snoozed) if snoozed else None,
        organisation=check_field("the organisation", organisation),
        role=check_field("the title", role),
        email=check_email(emails[0]) if emails else "",
        phone=check_field("the phone", phones[0]) if phones else "",
        links=tuple(check_field("a URL", link) for link in links),
        tags=parse_tags([_text(tag) for tag in tags]),
        notes=check_notes("\n".join(note for note in notes if note)),
    )


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uid(card: Any) -> str | None:
    """The card's UID when it is an id as netbalance makes them (a UUID, which is what
    its export writes); None for any other UID."""
    for entry in _values(card, "uid"):
        word = _text(entry.value).strip().lower().removeprefix("urn:uuid:")
        if _UUID.fullmatch(word):
            return word
    return None


def _own(card: Any, name: str) -> str:
    """The text of one of netbalance's own properties ("" when the card has none)."""
    return next((_text(e.value).strip() for e in _values(card, name) if _text(e.value)), "")


def _day(name: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ContactError(f"{name.upper()} {text[:40]!r} is not a date like 2026-12-01") from None


def _instant(name: str, text: str) -> datetime:
    try:
        return from_iso(text)
    except (ValueError, OverflowError):
        raise ContactError(
            f"{name.upper()} {text[:40]!r} is not an instant like 2026-11-28T09:00:00+00:00"
        ) from None
