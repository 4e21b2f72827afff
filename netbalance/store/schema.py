"""The shape of a netbalance data file, its schema version, and ordered migrations.

Every file is TinyDB's JSON layout — `{"table": {"1": {...}, "2": {...}}}` — with a
`meta` table whose one document carries `schema_version` and the file's `role`.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Data = dict[str, dict[str, dict[str, Any]]]
    Migration = Callable[[Data], Data]

SCHEMA_VERSION = 1
META = "meta"

# MIGRATIONS[n] turns a file of schema n into schema n + 1. Applied in order on open,
# after a backup of the file as it was.
MIGRATIONS: dict[int, Migration] = {}


def new_data(role: str) -> Data:
    return {META: {"1": {"schema_version": SCHEMA_VERSION, "role": role}}}


def shape_problem(data: object, role: str) -> str | None:
    """Why `data` is not a netbalance file of this role, or None when it is."""
    if not isinstance(data, dict):
        return f"expected a JSON object, found {type(data).__name__}"
    meta = data.get(META)
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        return "no meta table"
    version = meta["1"].get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return "no schema version"
    if meta["1"].get("role") != role:
        return f"it holds {meta['1'].get('role')!r} data, expected {role!r}"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is not an object"
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                return f"table {name!r} holds a malformed record {doc_id!r}"
    return None


def version_of(data: Data) -> int:
    version: int = data[META]["1"]["schema_version"]
    return version


def migrate(data: Data) -> Data:
    """Bring data of an older schema up to SCHEMA_VERSION, one step at a time."""
    version = version_of(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data[META]["1"]["schema_version"] = version
    return data
