"""Once a day: the local day a reminder of who is due was last sent, kept beside the data
as `<stem>.reminded` (a line of JSON: `{"day": "2026-11-28"}`), so that the app and
`contact due --notify` (run by cron or a systemd timer) send one between them.

The day is claimed under the writer lock before the notification goes out, and given
back when it could not be sent. A missing or unreadable file is a day never claimed."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import orjson

from netbalance.store.errors import ReadOnlyError, WriteError
from netbalance.store.files import atomic_write, ensure_private_dir

if TYPE_CHECKING:
    from netbalance.store.store import Store

SUFFIX = ".reminded"


def _path(store: Store) -> str:
    return f"{store.stem}{SUFFIX}"


def last_day(store: Store) -> str | None:
    """The day (`2026-11-28`) a reminder was last sent, if any."""
    try:
        with open(_path(store), "rb") as handle:
            found = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return None
    day = found.get("day") if isinstance(found, dict) else None
    return day if isinstance(day, str) else None


def _write(store: Store, day: str | None) -> None:
    path = _path(store)
    try:
        if day is None:
            os.unlink(path)
        else:
            atomic_write(path, orjson.dumps({"day": day}) + b"\n")
    except FileNotFoundError:
        pass
    except OSError as error:
        raise WriteError(path, error) from error


def claim(store: Store, day: str) -> tuple[bool, str | None]:
    """(claimed, the day claimed before): False when `day` was claimed already."""
    try:
        ensure_private_dir(store.folder)
        store.lock.acquire()
    except OSError as error:
        raise ReadOnlyError(store.folder, error.strerror or str(error)) from None
    try:
        before = last_day(store)
        if before == day:
            return False, before
        _write(store, day)
        return True, before
    finally:
        store.lock.release()


def give_back(store: Store, day: str, before: str | None) -> None:
    """The day claimed, unclaimed (the notification could not be sent)."""
    store.lock.acquire()
    try:
        if last_day(store) == day:
            _write(store, before)
    finally:
        store.lock.release()
