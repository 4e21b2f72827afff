"""Several machines on one history (store/devices.py, store/merge.py): laying a folder
out for several devices, and what `sync status` and the app say about them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from netbalance.store import devices

if TYPE_CHECKING:
    from netbalance.core.models import ActiveBox
    from netbalance.store.merge import Merged
    from netbalance.store.store import Store


@dataclass(frozen=True)
class Device:
    name: str
    mine: bool
    last_saved: datetime | None
    box: dict[str, Any] | None  # its running box's document, if one runs


@dataclass(frozen=True)
class SyncState:
    shared: bool
    synced_by: str | None  # the sync tool whose marker is in the folder, if any
    device: str  # this device's name
    folder: str  # where the devices' folders are
    devices: list[Device]
    merges: list[dict[str, Any]]  # the last merges made here, oldest first
    waiting: int  # conflict copies and other devices' changes not merged yet


def init(root: str) -> tuple[str, bool]:
    """Lay the data path out for several devices (once): this device's folder, and
    whether it was laid out so before."""
    root = os.path.realpath(root)
    already = devices.shared(root) and devices.is_marker(root)
    return os.path.dirname(devices.move_in(root)), already


def device_name() -> str:
    return devices.device_name()


def state(store: Store) -> SyncState:
    from netbalance.store.pending import last_seen, pending, read_seen

    root = store.root
    mine = devices.device_name() if store.shared else ""
    seen = last_seen(store) if store.shared else {}
    listed = []
    for name, saved in seen.items():
        box_file = os.path.join(
            devices.devices_folder(root),
            name,
            f"{os.path.basename(devices.stem_of(root))}.box.json",
        )
        listed.append(Device(name, name == mine, saved, _box(box_file)))
    return SyncState(
        shared=store.shared,
        synced_by=devices.synced_by(os.path.dirname(root)),
        device=mine,
        folder=devices.devices_folder(root),
        devices=listed,
        merges=list(read_seen(store)["merges"]) if store.shared else [],
        waiting=len(pending(store)),
    )


def _box(path: str) -> dict[str, Any] | None:
    from netbalance.store.errors import DataFileError
    from netbalance.store.peek import box_doc

    try:
        return box_doc(path)
    except (DataFileError, OSError):  # another device's odd file: shown as no box
        return None


def merge_others(store: Store) -> Merged | None:
    """Merge what other devices changed since the last merge (the app's poll); None
    when the store is one device's, nothing changed, or it cannot be written now."""
    if not store.shared:
        return None
    return store.merge_others()


def boxes_elsewhere(store: Store) -> list[tuple[str, ActiveBox]]:
    """The boxes running on other devices of a shared folder, with each device's name."""
    if not store.shared:
        return []
    from netbalance.store.codec import box_from_doc

    mine = os.path.basename(store.folder)
    base = os.path.basename(devices.stem_of(store.root))
    found = []
    for name in devices.devices(store.root):
        if name == mine:
            continue
        doc = _box(os.path.join(devices.devices_folder(store.root), name, f"{base}.box.json"))
        if doc is None:
            continue
        try:
            found.append((name, box_from_doc(doc)))
        except (KeyError, ValueError, TypeError):
            continue  # another device's odd box: not this one's to show
    return found


def elsewhere_text(found: list[tuple[str, ActiveBox]], now: datetime) -> str:
    """`a produce box runs on laptop-3f9a1c (12:00 left)`; "" when none runs."""
    from netbalance.core.timer import left_text

    return "; ".join(
        f"a {box.kind.value} box runs on {name} ({left_text(box, now)})" for name, box in found
    )
