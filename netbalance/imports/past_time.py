"""What the Watson and Timewarrior importers share: an entry of past time, the rule
that maps projects and tags to a kind, the checks, and the dedupe against history.

Pure: `actions.imports` reads the store, calls `fresh_entries` and writes the new
entries in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from netbalance.core.models import Kind, Session
from netbalance.core.named import NamedTuple

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
    tags: tuple[str, ...] = ()  # the other tool's projects and tags (core.tags)


@dataclass(frozen=True, slots=True)
class OpenEntry:
    """A stretch still running in the other tool (Timewarrior's open interval)."""

    start: datetime
    kind: Kind
    note: str
    line: int
    tags: tuple[str, ...] = ()


class Tags:
    """Another tool's projects and tags → a session's tags (`core.tags.clean`, each
    tag as written, never split at a comma), worked out once per combination: an import
    of 50,000 frames meets a few hundred. A tag that cannot be kept is a problem."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], tuple[str, ...] | str] = {}

    def __call__(self, words: tuple[str, ...]) -> tuple[str, ...] | str:
        found = self._seen.get(words)
        if found is None:
            from netbalance.core.tags import TagError, clean

            try:
                found = clean(words, split=False)
            except TagError as problem:
                found = str(problem)
            self._seen[words] = found
        return found


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
