"""A data file's document kept parsed beside it, as Python keeps a module's compiled
code beside its source.

`report`, an export or `log` spend more on JSON than on their own work: orjson parses the
main file fastest, but importing it (with `dataclasses`, `uuid` and `json`) costs a
command as much as the parse, and the scanner that spares a month's reader that import
is slower. marshal is built in and reads a document back as fast as orjson parses it. So
a command that parsed the main file or a month's keeps the document in marshal's format
(`netbalance.parsed`, `netbalance.2026-11.parsed`: `DataFile`), and the next one reads
that instead; the weekly summary's look-back keeps each month's meetings so
(`netbalance.2026-07.meetings`, store/meetings.py). The main file's copy keeps its
shipped cards and its contacts without a cadence apart, read when asked for
(store/shelf.py).

It is a copy, never the data. Its first line names the bytes it was parsed from (their
length and CRC-32), the Python and marshal format that made it, and a CRC-32 of the rest:
it is read only with the data file's bytes as they are now, by the same Python, and
whole. Otherwise the data file is parsed, as without copies, and the copy is made again.
It is written without fsync: a copy cut short by a crash does not match its check. It
stays on its device (the devices layout's ignore lines, `store.devices`).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from netbalance.core.collector import kept_out
from netbalance.store.files import clean_temp_files, replace_quickly

TYPE_CHECKING = False  # not `from typing import …`: `netbalance report` spares typing
if TYPE_CHECKING:
    from typing import Any

    from netbalance.store.schema import Data

FORMAT = "netbalance-parsed-1"
SUFFIX = ".parsed"  # netbalance.json: netbalance.parsed
MEETINGS = ".meetings"  # netbalance.2026-07.json: netbalance.2026-07.meetings
# What made a copy: another Python's marshal format may differ
MADE_BY = (
    f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    f" marshal-{marshal.version}"
)


def is_copy(name: str) -> bool:
    """Whether a file's name is a parsed copy's (never data: safe to delete)."""
    return name.endswith((SUFFIX, MEETINGS))


def _head(source: bytes, body: bytes) -> bytes:
    fields = (FORMAT, MADE_BY, len(source), zlib.crc32(source), zlib.crc32(body))
    return " ".join(map(str, fields)).encode() + b"\n"


def read(path: str, source: bytes) -> Data | None:
    """The document kept at `path`, when it was parsed from `source` (a data file's
    bytes) by this Python and is whole; None otherwise."""
    data = load(path, source)
    return data if isinstance(data, dict) else None


def load(path: str, source: bytes) -> object:
    """What is kept at `path` (a document, or the main file's with some records kept
    apart: store/shelf.py), when it was made of `source` by this Python and is whole;
    None otherwise."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    head, newline, body = raw.partition(b"\n")
    if not newline or head + newline != _head(source, body):
        return None
    try:
        with kept_out():  # a document has no cycles: see core/collector.py
            return marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None


def write(path: str, source: bytes, data: Any) -> None:
    """Keep `data`, parsed from `source`, at `path`; nothing when the folder cannot be
    written (a reader's copy is a nicety). `data` is as a JSON parser made it (or the
    main file's document as store/shelf.py keeps it): marshal keeps its dicts, lists,
    strings and numbers as they are."""
    body = marshal.dumps(data)
    try:
        clean_temp_files(*os.path.split(path))  # of a reader killed while writing one
        replace_quickly(path, _head(source, body) + body)
    except OSError:
        pass
