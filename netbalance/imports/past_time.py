"""What the Watson and Timewarrior importers share: an entry of past time, the rule
that maps projects and tags to a kind, the checks, and the dedupe against history.

No storage here: the command reads the store, calls `fresh_entries`, and writes the
stored documents of `session_docs` in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from netbalance.core.models import Kind, Session
from netbalance.store.codec import Doc, new_session_docs

LONGEST = timedelta(hours=24)


class ImportProblem(ValueError):
    """Input that cannot be imported; one line naming the file, the line and the value."""


class Entry(NamedTuple):
    """One stretch of past time read from another tool (a tuple: an import reads tens
    of thousands, and a tuple is made in a third of a frozen dataclass's time)."""

    start: datetime
    end: datetime
    kind: Kind
    note: str
    line: int  # where it was read, for messages


@dataclass(frozen=True, slots=True)
class OpenEntry:
    """A stretch still running in the other tool (Timewarrior's open interval)."""

    start: datetime
    kind: Kind
    note: str
    line: int


def network_words(text: str) -> frozenset[str]:
    """`meeting, coffee` → {"meeting", "coffee"} (any case)."""
    return frozenset(word.strip().casefold() for word in text.split(",") if word.strip())


def kind_of(words: Iterable[str], network: frozenset[str]) -> Kind:
    """Network when any project or tag is one of the network words, else produce."""
    return Kind.NETWORK if any(w.casefold() in network for w in words) else Kind.PRODUCE


def check_entry(start: datetime, end: datetime, now: datetime) -> str | None:
    """Why an entry cannot be recorded, or None."""
    if end < start:
        return f"it ends ({end:%Y-%m-%d %H:%M} UTC) before it starts"
    if start > now:
        return f"it starts in the future ({start:%Y-%m-%d %H:%M} UTC)"
    if end > now:
        return f"it ends in the future ({end:%Y-%m-%d %H:%M} UTC)"
    if end - start > LONGEST:
        hours = (end - start).total_seconds() / 3600
        return (
            f"it lasts {hours:.1f} h, longer than 24 h; shorten it in the "
            "other tool and import again"
        )
    return None


def fresh_entries(entries: Iterable[Entry], existing: Iterable[Session]) -> tuple[list[Entry], int]:
    """The entries not yet in history (same start, end and kind), and how many were
    already there. Entries of no length count as already there."""
    seen = {(s.start, s.end, s.kind) for s in existing}
    fresh: list[Entry] = []
    known = 0
    for entry in entries:
        key = (entry.start, entry.end, entry.kind)
        if key in seen or entry.end == entry.start:
            known += 1
            continue
        seen.add(key)
        fresh.append(entry)
    return fresh, known


def _session_ids(count: int) -> list[str]:
    """`count` random (version 4) UUIDs, as `uuid.uuid4()` makes them, from one read of
    the system's random source: a large import makes tens of thousands."""
    raw = bytearray(os.urandom(16 * count))
    ids = []
    for index in range(0, len(raw), 16):
        raw[index + 6] = (raw[index + 6] & 0x0F) | 0x40
        raw[index + 8] = (raw[index + 8] & 0x3F) | 0x80
        text = raw[index : index + 16].hex()
        ids.append(f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}")
    return ids


def session_docs(entries: list[Entry], now: datetime) -> list[Doc]:
    """The stored documents of new sessions for entries (fresh ids, created now): what
    the codec makes of such sessions, without making the sessions first."""
    return new_session_docs(_session_ids(len(entries)), entries, now)
