"""The backups of the data files: listed, and one put back (`netbalance restore`).

Works when a data file is damaged: the store is never parsed, only locked. The file a
restore replaces is kept first as `<name>.before-restore-<YYYYMMDDTHHMMSS>.json`.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from netbalance.core.clock import Clock
from netbalance.core.named import NamedTuple
from netbalance.store.backups import listing, restore
from netbalance.store.errors import ReadOnlyError
from netbalance.store.store import Store


class Backup(NamedTuple):
    path: str
    of: str  # the data file it is a backup of
    saved: datetime  # local time
    size: int


def folder(data_path: str, clock: Clock) -> str:
    """Where the backups are kept."""
    return Store(data_path, clock).backups.folder


def backups(data_path: str, clock: Clock) -> list[Backup]:
    """The backups of the data files, newest first."""
    store = Store(data_path, clock)
    found = []
    for path, of in listing(store.backups, store.stem):
        status = os.stat(path)
        saved = datetime.fromtimestamp(status.st_mtime, UTC).astimezone()
        found.append(Backup(path, of, saved, status.st_size))
    return found


def put_back(
    data_path: str, clock: Clock, backup: str, *, drop_allowed: bool
) -> tuple[str, str | None]:
    """Restore a backup under the writer lock: (the file restored, where the file as it
    was is kept, or None). ValueError naming the backup when it cannot be used."""
    store = Store(data_path, clock)
    label = f"before-restore-{clock.now().astimezone(UTC):%Y%m%dT%H%M%S}"
    try:
        store.lock.acquire()
    except OSError as error:
        raise ReadOnlyError(store.folder, error.strerror or str(error)) from None
    try:
        return restore(store.backups, store.stem, backup, label, drop_allowed=drop_allowed)
    finally:
        store.lock.release()
