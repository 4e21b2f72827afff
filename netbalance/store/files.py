"""Durable file operations: atomic replace, private permissions, leftovers cleaned.

A save writes a temporary file in the same folder, fsyncs it, renames it over the
target and fsyncs the folder: a crash at any moment leaves the old or the new file,
never a torn one.
"""

from __future__ import annotations

import contextlib
import os

TEMP_MARK = ".nbtmp-"
FILE_MODE = 0o600
DIR_MODE = 0o700


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
    """Replace `path` with `data`, durably, 0600. On failure the old file is intact."""
    folder = os.path.dirname(os.path.abspath(path))
    temp = os.path.join(folder, f"{TEMP_MARK}{os.path.basename(path)}.{os.getpid()}")
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
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
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
