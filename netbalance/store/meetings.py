"""A month's meetings, kept beside its history file for the weekly summary's look-back.

The summary of a week reads the 120 days before it for each contact's last meeting and
the follow-ups still owed (`actions.summary`): of those months it needs only the
interactions and the boxes with a person. `netbalance.2026-07.meetings` holds just those
documents of `netbalance.2026-07.json`, parsed (`store.parsed`: marshal's format), a
third of its size on ten years of data, and the look-back reads it instead of the
history file.

It is a copy, never the data, checked as `store.parsed` checks one: read only while the
history file is the file it was made from; otherwise the history file is read, as it
was before copies, and the copy is made again from it when the folder can be written.
It stays on its device (the ignore lines of the devices layout, `store.devices`).
"""

from __future__ import annotations

import contextlib
import os

from netbalance.store import parsed, schema
from netbalance.store.files import Signature, file_signature

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.store.codec import Doc
    from netbalance.store.datafile import DataFile

SUFFIX = parsed.MEETINGS


def path_of(history: str) -> str:
    """The copy of the history file `…/netbalance.2026-07.json`:
    `…/netbalance.2026-07.meetings`."""
    return history.removesuffix(".json") + SUFFIX


def is_meeting(table: str, doc: Doc) -> bool:
    """Whether a history file's document is a meeting: an interaction, or a session with
    a person (`contact_id`)."""
    return table == "interactions" or (table == "sessions" and doc.get("contact_id") is not None)


def meetings(data: schema.Data) -> schema.Data:
    """The tables of a copy of a history file's data: its meetings."""
    return {
        table: {key: doc for key, doc in data.get(table, {}).items() if is_meeting(table, doc)}
        for table in ("sessions", "interactions")
    }


class MeetingsCopy:
    """A month's meetings as its copy holds them, read as a history file's tables are.
    Its path is the history file's: a malformed record is named where it is kept."""

    __slots__ = ("data", "decoded", "path")

    def __init__(self, path: str, data: schema.Data) -> None:
        self.path = path
        self.data = data
        self.decoded: dict[int, tuple[dict[str, object], object]] = {}

    def documents(self, table: str) -> dict[str, Doc]:
        """One table's documents, as `DataFile.documents` gives them."""
        return self.data.get(table, {})


def read(history: str, source: bytes) -> schema.Data | None:
    """The copy of `history`'s meetings, when it was made from these bytes of it; None
    otherwise."""
    return parsed.read(path_of(history), source)


def write(history: str, source: bytes, data: schema.Data) -> None:
    """Keep the meetings of `data`, parsed from `source` (the bytes of `history`), beside
    it; nothing when the folder cannot be written (a reader's copy is a nicety)."""
    parsed.write(path_of(history), source, meetings(data))
    # the copy as netbalance 0.1.0 of 2026-12-06 kept it (JSON), made again as this one
    with contextlib.suppress(OSError):
        os.unlink(history.removesuffix(".json") + ".meetings.json")


class Meetings:
    """The copies a store has read, each with the signature of its history file as it
    was then (the app reads a copy once, while its history file does not change)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Signature, MeetingsCopy]] = {}

    def of(self, history: DataFile) -> DataFile | MeetingsCopy:
        """What to read a month's meetings from: the copy, when it is of the history
        file as it is now; else the history file (read now), its copy made anew."""
        signature = file_signature(history.path)
        if signature is None:
            return history  # no such month: read as empty
        kept = self._kept.get(history.path)
        if kept is not None and kept[0] == signature:
            return kept[1]
        try:
            with open(history.path, "rb") as handle:
                source = handle.read()
        except OSError:
            return history  # read as a history file is, with its words for what is wrong
        tables = read(history.path, source)
        if tables is None:
            history.refresh(copy=False)  # its meetings' copy is what is kept, not its own
            data = history.data
            if history.signature == signature:  # what was read is the file looked at
                write(history.path, source, data)
            return history
        copy = MeetingsCopy(history.path, tables)
        self._kept[history.path] = (signature, copy)
        return copy
