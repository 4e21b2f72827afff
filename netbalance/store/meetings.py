"""A month's meetings, kept beside its history file for the weekly summary's look-back.

The summary of a week reads the 120 days before it for each contact's last meeting and
the follow-ups still owed (`actions.summary`): of those months it needs only the
interactions and the boxes with a person. `netbalance.2026-07.meetings.json` holds just
those documents of `netbalance.2026-07.json`, a third of its size on ten years of data,
and the look-back reads it instead of the history file.

It is a copy, never the data: it names the history file it was made from by that file's
signature (inode, size, modification time), and it is read only while the history file
is that file; otherwise (the month changed, the copy is missing, unreadable or of
another schema) the history file is read, as it was before copies, and the copy is made
again from it when the folder can be written. It is written without fsync: a copy lost
or cut short by a crash is only a copy that does not match. It stays on its device (it
is in the ignore lines of the devices layout, `store.devices`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from netbalance.core.collector import kept_out
from netbalance.store import light_json, schema
from netbalance.store.files import Signature, clean_temp_files, file_signature, replace_quickly

if TYPE_CHECKING:
    from netbalance.store.codec import Doc
    from netbalance.store.datafile import DataFile

SUFFIX = ".meetings.json"
ROLE = "meetings"


def path_of(history: str) -> str:
    """The copy of the history file `…/netbalance.2026-07.json`:
    `…/netbalance.2026-07.meetings.json`."""
    return history.removesuffix(".json") + SUFFIX


def is_copy(name: str) -> bool:
    """Whether a file's name is a copy's (a device's own file, not its data)."""
    return name.endswith(SUFFIX)


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


def read(history: str, signature: Signature) -> schema.Data | None:
    """The copy of `history`'s meetings, when it was made from the file with this
    signature; None otherwise."""
    try:
        with open(path_of(history), "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    try:
        with kept_out():  # a document has no cycles: see core/collector.py
            data = light_json.loads_data(raw)
    except ValueError:
        return None
    if schema.shape_problem(data, ROLE) is not None:
        return None
    meta = data[schema.META]["1"]
    if meta.get("schema_version") != schema.SCHEMA_VERSION or meta.get("of") != list(signature):
        return None
    found: schema.Data = data
    return found


def write(history: str, signature: Signature, data: schema.Data) -> None:
    """Keep the meetings of `data`, read from `history` with this signature, beside it;
    nothing when the folder cannot be written (a reader's copy is a nicety)."""
    import orjson

    copy = {
        schema.META: {
            "1": {"schema_version": schema.SCHEMA_VERSION, "role": ROLE, "of": list(signature)}
        },
        **meetings(data),
    }
    path = path_of(history)
    try:
        clean_temp_files(*os.path.split(path))  # of a reader killed while writing it
        replace_quickly(path, orjson.dumps(copy))
    except OSError:
        pass


class Meetings:
    """The copies a store has read, each with the signature of its history file."""

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
        tables = read(history.path, signature)
        if tables is None:
            data = history.data
            if history.signature == signature:  # what was read is the file looked at
                write(history.path, signature, data)
            return history
        copy = MeetingsCopy(history.path, tables)
        self._kept[history.path] = (signature, copy)
        return copy
