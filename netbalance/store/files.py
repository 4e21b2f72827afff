"""Durable file operations: atomic replace, private permissions, leftovers cleaned.

A save writes a temporary file in the same folder, fsyncs it, renames it over the
target and fsyncs the folder: a crash at any moment leaves the old or the new file,
never a torn one.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar

TEMP_MARK = ".nbtmp-"
FILE_MODE = 0o600
DIR_MODE = 0o700


class PutBackFailed(Exception):
    """A failed save (`error`) whose files could not all be put back as they were."""

    def __init__(self, error: Exception, left: list[str]) -> None:
        super().__init__(str(error))
        self.error = error
        self.left = left


class _UndoLog:
    """What the saves inside `all_or_nothing()` changed, in order, so that a failure puts
    it back: each replaced file's previous state (a hard link to it; none when it was
    new) and each appended file's size before the append."""

    def __init__(self) -> None:
        self.done: list[tuple[str, Callable[[], None]]] = []  # (path, how to put it back)
        self.links: list[str] = []

    def keep(self, path: str) -> str | None:
        """Keep the current state of `path` (about to be replaced) under a temporary
        name that `clean_temp_files` removes if the process dies."""
        if not os.path.lexists(path):
            return None
        folder, name = os.path.split(os.path.abspath(path))
        old = os.path.join(folder, f"{TEMP_MARK}{name}.{os.getpid()}.old")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(old)
        try:
            os.link(path, old)
        except OSError:
            import shutil  # a file system without hard links

            shutil.copy2(path, old)
        self.links.append(old)
        return old

    def replaced(self, path: str, old: str | None) -> None:
        if old is None:  # (a rollback of `several` may have removed it already)
            self.done.append((path, functools.partial(_remove, path)))
        else:
            self.done.append((path, functools.partial(os.replace, old, path)))

    def appended(self, path: str, size: int) -> None:
        self.done.append((path, functools.partial(os.truncate, path, size)))

    def undo(self) -> list[str]:
        """Put every change back, newest first; the files that could not be. The first
        that cannot be stops it: the files were saved in an order where each state on
        the way is one a kill could leave (history before the box it records), so the
        earlier ones stay new too."""
        left: list[str] = []
        folders = set()
        for path, put_back in reversed(self.done):
            if not left:
                try:
                    put_back()
                    folders.add(os.path.dirname(os.path.abspath(path)))
                    continue
                except OSError:
                    pass
            left.append(path)
        for folder in folders:
            with contextlib.suppress(OSError):
                fsync_dir(folder)
        self.forget()
        return left

    def forget(self) -> None:
        for old in self.links:
            with contextlib.suppress(OSError):
                os.unlink(old)
        self.done = []
        self.links = []


_LOG: ContextVar[_UndoLog | None] = ContextVar("netbalance_undo_log", default=None)


@contextlib.contextmanager
def all_or_nothing() -> Iterator[None]:
    """Saves of several files as one: when an exception ends the block, every file an
    `atomic_write` replaced or an `appending` grew inside it is put back as it was (then
    the error goes on; PutBackFailed when a file could not be put back, which leaves it
    as a kill at that moment would: every file whole, old or new)."""
    log = _UndoLog()
    token = _LOG.set(log)
    try:
        yield
    except Exception as error:
        left = log.undo()
        if left:
            raise PutBackFailed(error, left) from error
        raise
    except BaseException:
        log.undo()
        raise
    else:
        log.forget()
    finally:
        _LOG.reset(token)


def appending(path: str, size: int) -> None:
    """`path` is about to grow from `size` bytes: inside `all_or_nothing()`, a failure
    cuts it back."""
    log = _LOG.get()
    if log is not None:
        log.appended(path, size)


def ensure_private_dir(folder: str) -> None:
    """Create a missing folder (and parents) readable by the user alone."""
    if not os.path.isdir(folder):
        os.makedirs(folder, mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)


def fsync_dir(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


Signature = tuple[int, int, int]


def file_signature(path: str) -> Signature | None:
    """What tells a changed file: its inode, size and modification time (None when it
    is missing). A save renames a new file in, so the inode changes too."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def write_durably(fd: int, data: bytes) -> None:
    """All of `data` to the open file `fd` (a write may take part of it), then fsync."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def atomic_write(path: str, data: bytes) -> None:
    """Replace `path` with `data`, durably, 0600. On failure the old file is intact
    (inside `all_or_nothing()` also when the failure comes after the rename: the
    folder's fsync)."""
    folder = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(folder, f"{TEMP_MARK}{os.path.basename(path)}.{os.getpid()}")
    log = _LOG.get()
    old: str | None = None
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            write_durably(fd, data)
        finally:
            os.close(fd)
        if log is not None:
            old = log.keep(path)
        os.replace(temp, path)
    except BaseException:
        for leftover in (temp, old):
            if leftover is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
        raise
    if log is not None:
        log.replaced(path, old)
    fsync_dir(folder)


def clean_temp_files(folder: str, name: str) -> None:
    """Remove temporary files a killed save of `name` left behind. Called under the
    writer lock, so no other process is writing one right now."""
    prefix = f"{TEMP_MARK}{name}."
    try:
        entries = os.listdir(folder)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.startswith(prefix):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, entry))


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


# saves of several files --------------------------------------------------------------
#
# A kill between the renames of a save of several files (a session into two history
# files, a finished box: its session, then the box) would leave some files new and the
# others old. So before the first rename, each file's current state is kept (a hard
# link, `<stem>.rollback.<n>`) and a rollback record `<stem>.rollback` lists them;
# removing the record once every file is renamed is the commit. A process that finds
# the record under the writer lock (the next save, or opening the store) puts every
# listed file back: a save that did not finish is wholly absent, as SQLite's rollback
# journal makes it.


@contextlib.contextmanager
def several(record: str, paths: list[str]) -> Iterator[None]:
    """Saves of the files `paths` inside the block are one change for a kill too: all
    of them or none (see above). `record` is `<stem>.rollback` in their folder.
    Callers hold the writer lock."""
    folder = os.path.dirname(os.path.abspath(record))
    for entry in os.listdir(folder):  # kept by a save killed after its commit
        if entry.startswith(f"{os.path.basename(record)}."):
            _remove(os.path.join(folder, entry))
    entries: list[list[str | None]] = []
    kept = set()
    undo_log = _LOG.set(None)  # the record and the links are not part of the change
    try:
        for number, path in enumerate(paths, start=1):
            name = os.path.basename(path)
            before: str | None = None
            if os.path.lexists(path):
                link = f"{os.path.abspath(record)}.{number}"
                kept.add(link)
                try:
                    os.link(path, link)
                except OSError:
                    import shutil  # a file system without hard links

                    shutil.copy2(path, link)
                before = os.path.basename(link)
            entries.append([name, before])
        import orjson

        clean_temp_files(folder, os.path.basename(record))  # of a killed save's record
        atomic_write(record, orjson.dumps({"rollback": entries}))
    except BaseException:
        for leftover in [*kept, record]:  # no data file was replaced yet
            with contextlib.suppress(OSError):
                _remove(leftover)
        raise
    finally:
        _LOG.reset(undo_log)
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):  # else the record stays: the next save does it
            roll_back(record, sync=_sync_if_possible)
        raise
    os.unlink(record)  # the commit
    try:
        fsync_dir(folder)
    finally:  # (a failing fsync: the caller's undo puts the files back)
        for link in kept:
            _remove(link)


def _sync_if_possible(folder: str) -> None:
    with contextlib.suppress(OSError):  # as `_UndoLog.undo` does on a failing disk
        fsync_dir(folder)


def roll_back(record: str, sync: Callable[[str], None] = fsync_dir) -> bool:
    """Put back every file a save of several files that did not finish had listed in its
    rollback `record`, then remove the record; True when there was one. Safe to repeat
    after a kill part way. Callers hold the writer lock."""
    try:
        with open(record, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return False
    import orjson

    folder = os.path.dirname(os.path.abspath(record))
    try:
        entries = orjson.loads(raw)["rollback"]
        pairs = [(str(name), before) for name, before in entries]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        pairs = []  # not a record of ours (it is only ever written whole)
    changed = False
    for name, before in reversed(pairs):
        if os.path.basename(name) != name or (before is not None and not isinstance(before, str)):
            continue
        target = os.path.join(folder, name)
        if before is None:  # the save created it
            if os.path.lexists(target):
                os.unlink(target)
                changed = True
            continue
        link = os.path.join(folder, os.path.basename(before))
        if not os.path.lexists(link):
            continue  # put back already
        if os.path.lexists(target) and os.path.samefile(link, target):
            os.unlink(link)  # the save had not replaced it yet
            continue
        os.replace(link, target)
        changed = True
    if changed:
        sync(folder)  # the files are back before the record goes
    os.unlink(record)
    sync(folder)
    return True
