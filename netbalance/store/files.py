"""Durable file operations: atomic replace, private permissions, leftovers cleaned.

A save writes a temporary file in the same folder, fsyncs it, renames it over the
target and fsyncs the folder: a crash at any moment leaves the old or the new file,
never a torn one.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
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


# a write of parts (a big file encoded a slice at a time) gathers them into blocks of
# about this many bytes: few writes, and never the whole file in memory at once
BLOCK = 1 << 20

Part = bytes | Iterable[bytes]  # bytes, or pieces of them made as they are written


def _pieces(parts: Iterable[Part]) -> Iterator[bytes]:
    for part in parts:
        if isinstance(part, bytes):
            yield part
        elif isinstance(part, bytearray | memoryview):
            yield bytes(part)
        else:
            yield from part


def write_all(fd: int, parts: Iterable[Part]) -> int:
    """Every part to the open file `fd`, in order (a write may take part of one; small
    pieces are gathered into blocks of about BLOCK bytes). The parts are never joined
    into one: a big file is made a piece at a time as it is written."""
    pending: list[bytes] = []
    size = total = 0

    def flush() -> None:
        view = memoryview(pending[0] if len(pending) == 1 else b"".join(pending))
        pending.clear()
        while view:
            view = view[os.write(fd, view) :]

    for piece in _pieces(parts):
        if not piece:
            continue
        pending.append(piece)
        size += len(piece)
        total += len(piece)
        if size >= BLOCK:
            flush()
            size = 0
    if pending:
        flush()
    return total


def write_durably(fd: int, *parts: Part) -> None:
    """All of `parts` to the open file `fd` (see `write_all`), then fsync."""
    write_all(fd, parts)
    os.fsync(fd)


def atomic_write(path: str, *parts: Part) -> None:
    """Replace `path` with `parts` one after the other (bytes, or an iterable that makes
    the bytes piece by piece: a big file never is one block in memory), durably, 0600.
    On failure — of the disk, or of what makes the pieces — the old file is intact
    (inside `all_or_nothing()` also when the failure comes after the rename: the
    folder's fsync)."""
    _replace(path, lambda fd: write_durably(fd, *parts))


def atomic_write_headed(
    path: str, head: Callable[[int], bytes], body: Iterable[bytes], room: int
) -> None:
    """`atomic_write(path, head(size), body)`, where `size` is the body's length in
    bytes, with the body made once, as it is written: it goes after `room` bytes left
    for the head, which is written in front of it at the end. A head that takes more or
    less room than that moves the body (read back and written again a block at a time:
    slower than a good guess, never made twice)."""

    def write(fd: int) -> None:
        os.lseek(fd, room, os.SEEK_SET)
        size = write_all(fd, [body])
        first = head(size)
        if len(first) != room:
            _move(fd, room, len(first), size)
        view = memoryview(first)
        at = 0
        while at < len(first):
            at += os.pwrite(fd, view[at:], at)
        os.fsync(fd)

    _replace(path, write)


def _move(fd: int, start: int, to: int, size: int) -> None:
    """The `size` bytes of the file at `start` moved to `to`, a block at a time (from the
    end when they move on, so no block is overwritten before it is read)."""
    starts = range(0, size, BLOCK)
    for offset in reversed(starts) if to > start else starts:
        block = os.pread(fd, min(BLOCK, size - offset), start + offset)
        view = memoryview(block)
        at = 0
        while at < len(block):
            at += os.pwrite(fd, view[at:], to + offset + at)
    os.ftruncate(fd, to + size)


def replace_quickly(path: str, data: bytes) -> None:
    """Replace `path` with `data`, whole or not at all but not durably (no fsync): for a
    copy that is checked as it is read (`store.parsed`), never for data."""
    _replace(path, lambda fd: write_all(fd, [data]), durable=False)


def _replace(path: str, write: Callable[[int], object], *, durable: bool = True) -> None:
    """`path` replaced by a new file that `write` fills (and fsyncs), as `atomic_write`
    describes; `durable=False`: the folder is not fsynced either."""
    folder = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(folder, f"{TEMP_MARK}{os.path.basename(path)}.{os.getpid()}")
    log = _LOG.get()
    old: str | None = None
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        try:
            write(fd)
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
    if durable:
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
# removing the record once every file is renamed is the commit.
#
# The record names its writer (host and process) and, for each file, the exact states
# involved: the digest of the state it puts back (`before`, none for a file the save
# creates) and of the state the save writes (`after`). A writer that finds the record
# under the lock (the next save) puts the files back only when every file is in one of
# those states — a record that arrived by sync, from another host, or older than the
# files it names is set aside (kept, never applied) — and keeps each file it replaces
# as a backup first. A reader never changes the files: it reads the kept states of a
# record that applies instead (`read_rollback(...).view()`), so a save that did not
# finish is wholly absent for it too, as SQLite's rollback journal makes it.


def digest(data: bytes) -> str:
    """What names a file's exact state in a rollback record."""
    import hashlib  # only a save of several files, or a rollback record found, needs it

    return hashlib.sha256(data).hexdigest()


def _digest_of(path: str) -> str | None:
    """The digest of a file's bytes; None when it is missing."""
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except FileNotFoundError:
        return None


def this_host() -> str:
    return os.uname().nodename


@contextlib.contextmanager
def several(record: str, files: Sequence[tuple[str, bytes]]) -> Iterator[None]:
    """Saves of the files inside the block — (path, the bytes it is about to be saved
    with) — are one change for a kill too: all of them or none (see above). `record` is
    `<stem>.rollback` in their folder. Callers hold the writer lock."""
    folder = os.path.dirname(os.path.abspath(record))
    for entry in os.listdir(folder):  # kept by a save killed after its commit
        if entry.startswith(f"{os.path.basename(record)}."):
            _remove(os.path.join(folder, entry))
    entries: list[dict[str, str | None]] = []
    kept = set()
    undo_log = _LOG.set(None)  # the record and the links are not part of the change
    try:
        for number, (path, payload) in enumerate(files, start=1):
            keep: str | None = None
            before: str | None = None
            if os.path.lexists(path):
                link = f"{os.path.abspath(record)}.{number}"
                kept.add(link)
                try:
                    os.link(path, link)
                except OSError:
                    import shutil  # a file system without hard links

                    shutil.copy2(path, link)
                keep = os.path.basename(link)
                before = _digest_of(link)
            name = os.path.relpath(os.path.abspath(path), folder)
            entries.append({"name": name, "keep": keep, "before": before, "after": digest(payload)})
        import orjson

        clean_temp_files(folder, os.path.basename(record))  # of a killed save's record
        writer = {"host": this_host(), "pid": os.getpid()}
        atomic_write(record, orjson.dumps({"writer": writer, "files": entries}))
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
            found = read_rollback(record)
            if found is not None and found.problem is None:
                found.apply(sync=_sync_if_possible)  # our own: no backup of what we wrote
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


class Rollback:
    """A rollback record found on disk, checked against the files it names.

    `problem` says why it does not apply (not a record of this netbalance, written on
    another host, a file in neither of the states it names); else `put_back` lists each
    file the unfinished save replaced or created, with the kept state that goes back
    (None: the save created the file, which goes)."""

    # a plain class, not a dataclass: `dataclasses` imports `inspect`, which every
    # command reading the store would pay for (about 6 ms)
    def __init__(self, record: str) -> None:
        self.record = record
        self.problem: str | None = None
        self.put_back: list[tuple[str, str | None]] = []
        self.leftovers: list[str] = []  # kept states no longer needed

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.record))

    def view(self) -> dict[str, str | None]:
        """For a reader: where each file's state before the unfinished save is (its kept
        state, or None: the file did not exist). Empty when the record does not apply."""
        return {} if self.problem is not None else dict(self.put_back)

    def apply(
        self,
        *,
        backup: Callable[[str], object] | None = None,
        sync: Callable[[str], None] = fsync_dir,
    ) -> None:
        """Put every file back (each kept first with `backup`), then remove the record.
        Safe to repeat after a kill part way. Callers hold the writer lock."""
        assert self.problem is None
        if backup is not None:
            for target, _keep in self.put_back:
                backup(target)
        for target, keep in reversed(self.put_back):
            if keep is None:
                _remove(target)
            else:
                os.replace(keep, target)
        for leftover in self.leftovers:
            _remove(leftover)
        if self.put_back:
            sync(self.folder)  # the files are back before the record goes
        os.unlink(self.record)
        sync(self.folder)

    def set_aside(self, folder: str, label: str) -> str:
        """Move the record and its kept states into `folder` (the backups), as
        `<record>.<label>` and `<record>.<label>.<n>`: never applied, never lost. Callers
        hold the writer lock. Returns where the record went."""
        ensure_private_dir(folder)
        name = os.path.basename(self.record)
        aside = os.path.join(folder, f"{name}.{label}")
        os.replace(self.record, aside)
        for entry in os.listdir(self.folder):
            if entry.startswith(f"{name}.") and entry[len(name) + 1 :].isdigit():
                os.replace(os.path.join(self.folder, entry), f"{aside}.{entry[len(name) + 1 :]}")
        fsync_dir(self.folder)
        return aside


def read_rollback(record: str) -> Rollback | None:
    """The rollback record at `record`, checked (None when there is none)."""
    try:
        with open(record, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    import orjson

    found = Rollback(record)
    folder = found.folder
    try:
        parsed = orjson.loads(raw)
        writer = parsed["writer"]
        host, pid = writer["host"], writer["pid"]
        entries = [(e["name"], e["keep"], e["before"], e["after"]) for e in parsed["files"]]
        if not isinstance(host, str) or not isinstance(pid, int):
            raise TypeError(writer)
        for name, keep, before, after in entries:
            if not isinstance(name, str) or not isinstance(after, str):
                raise TypeError(name)
            if (keep is None) != (before is None):
                raise TypeError(keep)
            if keep is not None and (not isinstance(keep, str) or os.path.basename(keep) != keep):
                raise TypeError(keep)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        found.problem = "it is not a rollback record of this netbalance"
        return found
    if host != this_host():
        found.problem = f"it was written on {host!r}, not this host"
        return found
    for name, keep, before, after in entries:
        target = os.path.normpath(os.path.join(folder, name))
        kept = None if keep is None else os.path.join(folder, keep)
        if kept is not None and os.path.lexists(kept) and _digest_of(kept) != before:
            found.problem = f"the kept state {keep} is not the one it names"
            return found
        now = _digest_of(target)
        if now == before:  # not replaced yet, or put back already
            if kept is not None and os.path.lexists(kept):
                found.leftovers.append(kept)
            continue
        if now != after:
            found.problem = f"{name} is in neither state it names (changed since)"
            return found
        if kept is not None and not os.path.lexists(kept):
            found.problem = f"the kept state {keep} of {name} is missing"
            return found
        found.put_back.append((target, kept))
    return found
