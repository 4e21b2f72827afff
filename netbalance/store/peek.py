"""A cheap look at a data file without parsing it: its meta record and its last byte.

Parsing the main file (items and contacts) costs tens of milliseconds with years of
data; commands that only read history or the running box check its head and tail
instead, and the full validation happens the moment anything reads it. Standard library
only: `netbalance status` uses it.
"""

from __future__ import annotations

import json
import os
import re

_META = re.compile(rb'^\s*\{\s*"meta"\s*:\s*\{\s*"1"\s*:\s*(?P<meta>\{[^{}]*\})')


def peek(path: str, role: str) -> tuple[str | None, int | None]:
    """(problem, schema version) of the file at `path`: (None, None) when it does not
    exist, (problem, None) when it is plainly not netbalance data of this role."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(256)
            handle.seek(max(0, size - 64))
            tail = handle.read().rstrip()
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return error.strerror or str(error), None
    if size == 0:
        return "the file is empty (0 bytes)", None
    if not tail.endswith(b"}"):
        return "not a whole JSON object (truncated or with trailing garbage)", None
    match = _META.match(head)
    if match is None:
        return "it does not start with netbalance's meta record", None
    try:
        meta = json.loads(match.group("meta"))
    except ValueError:
        return "its meta record is not JSON", None
    if meta.get("role") != role:
        return f"it holds {meta.get('role')!r} data, expected {role!r}", None
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return "no schema version", None
    return None, version
