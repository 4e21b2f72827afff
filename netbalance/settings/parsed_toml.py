"""The settings file and the theme files read through a parsed copy, as the data files
are (store/parsed.py).

Every command that counts days reads `config.toml`, and the app reads it and every theme
file as it starts. tomllib is written in Python: importing it (with `typing`, which it
needs) and parsing the settings file cost `report` ~5 ms of its ~55, the app ~2 ms of its
start. So what was parsed is kept in marshal's format, one copy for every such file
(`settings.parsed` in the user's cache folder: `~/.cache/netbalance/` on Linux), and
read instead while a file holds the bytes it was parsed from.

It is a copy, never the settings. Each file's document is kept under its path with the
length and CRC-32 of the bytes it was parsed from; the copy's first line names the Python
and marshal format that made it and a CRC-32 of the rest. A file whose bytes are not the
ones kept is parsed with tomllib, and kept; a file that is not valid TOML is never kept
(its error is found each time). Written without fsync: a copy cut short by a crash does
not match its check. Safe to delete.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

from netbalance.settings import paths
from netbalance.store.files import clean_temp_files, ensure_private_dir, replace_quickly

TYPE_CHECKING = False  # not `from typing import …`: `netbalance report` spares typing
if TYPE_CHECKING:
    from typing import Any

NAME = "settings.parsed"
FORMAT = "netbalance-settings-1"
MADE_BY = (
    f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"
    f" marshal-{marshal.version}"
)
# Files kept, the latest parsed last: the settings file, the themes, and the settings
# files of other folders a user points NETBALANCE_CONFIG at (the demo's, a test's).
KEEP = 32

# path: (length, CRC-32, the document in marshal's format), as read from the copy once a
# process and as this process parsed since; each reader gets a document of its own
_kept: dict[str, tuple[int, int, bytes]] | None = None


def loads(path: str, raw: bytes) -> dict[str, Any]:
    """The TOML document of `raw`, the bytes now in the file at `path`: the copy's when
    it was parsed from these bytes, else parsed, raising as `tomllib.loads` does (or
    UnicodeDecodeError: TOML is UTF-8), and kept."""
    kept = _read()
    key = os.path.abspath(path)
    crc = zlib.crc32(raw)
    try:
        length, kept_crc, body = kept[key]
        if (length, kept_crc) == (len(raw), crc):
            document = marshal.loads(body)
            if isinstance(document, dict):
                return document
    except (KeyError, EOFError, ValueError, TypeError):
        pass
    import tomllib

    document = tomllib.loads(raw.decode("utf-8"))
    try:
        parsed = marshal.dumps(document)
    except ValueError:  # a date or time (TOML has them, marshal does not): parsed each time
        return document
    kept.pop(key, None)
    kept[key] = (len(raw), crc, parsed)
    for old in list(kept)[:-KEEP]:
        del kept[old]
    _write(kept)
    return document


def unreadable(error: ValueError) -> str:
    """Why `loads` refused a file, for a one-line message naming it."""
    import tomllib

    if isinstance(error, tomllib.TOMLDecodeError | UnicodeDecodeError):
        return f"not valid TOML ({error})"
    return "a number too long to read"  # a whole number of thousands of digits


def copy_path() -> str:
    return os.path.join(paths.cache_dir(), NAME)


def _head(body: bytes) -> bytes:
    return f"{FORMAT} {MADE_BY} {zlib.crc32(body)}\n".encode()


def _read() -> dict[str, tuple[int, int, bytes]]:
    global _kept
    if _kept is None:
        _kept = {}
        try:
            with open(copy_path(), "rb") as handle:
                raw = handle.read()
        except OSError:
            return _kept
        head, newline, body = raw.partition(b"\n")
        if newline and head + newline == _head(body):
            try:
                found = marshal.loads(body)
            except (EOFError, ValueError, TypeError):
                found = None
            if isinstance(found, dict):
                _kept = found
    return _kept


def _write(kept: dict[str, tuple[int, int, bytes]]) -> None:
    """The copy made again; nothing when the cache folder cannot be written."""
    body = marshal.dumps(kept)
    path = copy_path()
    folder, name = os.path.split(path)
    try:
        ensure_private_dir(folder)
        clean_temp_files(folder, name)  # of a process killed while writing one
        replace_quickly(path, _head(body) + body)
    except OSError:
        pass
