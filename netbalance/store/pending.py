"""What other devices changed since the last merge: the files to merge now.

Every command of a device that shares its data looks (`Store.merge_others`): a folder
listing a device and the record of what was merged, `<stem>.merged.json`. Only when
something is there is store/merge.py imported to merge it.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime

from netbalance.core.named import NamedTuple
from netbalance.store import devices, light_json
from netbalance.store.files import Signature, file_signature

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    from netbalance.store.store import Store

_CONFLICT = (
    re.compile(r"\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}"),  # Syncthing
    re.compile(r" \([^()]*conflicted copy[^()]*\)"),  # Dropbox, Nextcloud
)
_MONTH = re.compile(r"\.\d{4}-\d{2}\.json$")


class Source(NamedTuple):
    """A file to merge: another device's, a conflict copy, or a stray."""

    path: str
    role: str  # main, history or gone
    origin: str  # the device's name, or "conflict copy", "single-device file"
    signature: Signature | None
    moved_after: bool = False  # a conflict copy or a stray: to the backups once merged


def role_of(name: str, base: str) -> str | None:
    """The role of a data file's name (`netbalance.2026-11.json`: history)."""
    if name == f"{base}.json":
        return "main"
    if name == f"{base}.gone.json":
        return "gone"
    if name.startswith(base + ".") and _MONTH.search(name) and name.count(".") == 2:
        return "history"
    return None


def original_name(name: str) -> str | None:
    """The name a sync tool's conflict copy stands for, or None: not a conflict copy."""
    for pattern in _CONFLICT:
        if pattern.search(name):
            return pattern.sub("", name, count=1)
    return None


def seen_path(store: Store) -> str:
    return f"{store.stem}.merged.json"


def read_seen(store: Store) -> dict[str, Any]:
    """Which files were merged (path: signature, `seen`) and the last merges."""
    try:
        with open(seen_path(store), "rb") as handle:
            found = light_json.loads(handle.read())
    except (OSError, ValueError):
        return {"seen": {}, "merges": []}
    if not isinstance(found, dict):
        return {"seen": {}, "merges": []}
    found.setdefault("seen", {})
    found.setdefault("merges", [])
    return found


def _unchanged(seen: dict[str, Any], path: str) -> bool:
    """Was this file read before, as it is now (one that could not be merged)?"""
    known = seen.get(path)
    return known is not None and known == list(file_signature(path) or ())


def pending(store: Store) -> list[Source]:
    """The files to merge now: other devices' files changed since they were last
    merged, conflict copies and strays. Costs a folder listing a device."""
    if not store.shared:
        return []
    seen = read_seen(store)["seen"]
    root = store.root
    base = os.path.basename(devices.stem_of(root))
    mine = os.path.basename(store.folder)
    found: list[Source] = []
    folders = [
        (name, os.path.join(devices.devices_folder(root), name)) for name in devices.devices(root)
    ]
    for device, folder in [("", os.path.dirname(root)), *folders]:
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(folder, entry)
            original = original_name(entry)
            if original is not None and _unchanged(seen, path):
                continue
            if original is not None:
                role = role_of(original, base)
                if role is not None:
                    found.append(
                        Source(
                            path, role, "a conflict copy", file_signature(path), moved_after=True
                        )
                    )
                continue
            role = role_of(entry, base)
            if role is None:
                continue
            if device == "":
                if _unchanged(seen, path):
                    continue
                if role == "history" or (role == "main" and not devices.is_marker(path)):
                    found.append(
                        Source(
                            path,
                            role,
                            "a single-device file",
                            file_signature(path),
                            moved_after=True,
                        )
                    )
                continue
            if device == mine:
                continue
            signature = file_signature(path)
            if signature is None or seen.get(path) == list(signature):
                continue
            found.append(Source(path, role, device, signature))
    return found


def last_seen(store: Store) -> dict[str, datetime | None]:
    """When each device last saved a file (its newest file's time), by name."""
    found: dict[str, datetime | None] = {}
    for name in devices.devices(store.root):
        folder = os.path.join(devices.devices_folder(store.root), name)
        newest = 0
        try:
            for entry in os.scandir(folder):
                if entry.is_file() and entry.name.endswith(".json"):
                    newest = max(newest, entry.stat().st_mtime_ns)
        except OSError:
            pass
        found[name] = datetime.fromtimestamp(newest / 1e9, UTC) if newest else None
    return found
