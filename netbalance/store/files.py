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
        if old is None:
            self.done.append((path, functools.partial(os.unlink, path)))
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
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
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
