"""A cheap look at a data file without parsing it: its meta record and its last byte.

Parsing the main file (items and contacts) costs tens of milliseconds with years of
data; commands that only read history or the running box check its head and tail
instead, and the full validation happens the moment anything reads it. Standard library
only: `netbalance status` uses it.
"""

from __future__ import annotations

import os

from netbalance.store import light_json
from netbalance.store.errors import DataFileError

TYPE_CHECKING = False  # not `from typing import …`: `netbalance status` would pay for it
if TYPE_CHECKING:
    from typing import Any

# How every netbalance file starts: {"meta": {"1": {…its role and schema…}, …}, …}
_META_PATH = ("{", '"meta"', ":", "{", '"1"', ":")


def own_data_path(data_path: str) -> str:
    """The data file this device reads: the path itself (its target, when it is a
    symlink), or this device's own when the folder is laid out for several devices
    (store/devices.py, imported only then)."""
    data_path = os.path.realpath(data_path)
    stem = data_path[: -len(".json")] if data_path.endswith(".json") else data_path
    if os.path.isdir(f"{stem}.devices"):
        from netbalance.store.devices import own_path

        return own_path(data_path)
    return data_path


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
    try:
        meta = _meta(head.decode("utf-8", "replace"))
    except ValueError:
        return "its meta record is not JSON", None
    if meta is None:
        return "it does not start with netbalance's meta record", None
    if meta.get("role") != role:
        return f"it holds {meta.get('role')!r} data, expected {role!r}", None
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return "no schema version", None
    return None, version


def box_doc(path: str) -> dict[str, Any] | None:
    """The running box's document in the box file at `path`; None when nothing runs
    (or no file). A file that is not a box file raises DataFileError naming it."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    try:
        data = light_json.loads(raw)
    except ValueError as error:
        raise DataFileError(path, f"not JSON: {error}", None) from None
    boxes = data.get("box", {}) if isinstance(data, dict) else None
    metas = data.get("meta") if isinstance(data, dict) else None
    meta = metas.get("1") if isinstance(metas, dict) else None
    if not isinstance(meta, dict) or meta.get("role") != "box" or not isinstance(boxes, dict):
        raise DataFileError(path, "it is not netbalance's running-box file", None)
    docs = list(boxes.values())
    if not docs:
        return None
    doc = docs[0]
    if not isinstance(doc, dict) or doc.get("kind") not in ("produce", "network"):
        raise DataFileError(path, "unreadable running box", None)
    return doc


def _meta(head: str) -> dict[str, Any] | None:
    """The meta record a file's head starts with; None when it starts otherwise,
    ValueError when the record is not JSON (or does not end within the head)."""
    index = 0
    for token in _META_PATH:
        index = light_json.skip_space(head, index)
        if not head.startswith(token, index):
            return None
        index += len(token)
    meta, _end = light_json.value_at(head, index)
    return meta if isinstance(meta, dict) else None
