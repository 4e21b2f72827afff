"""Files the user asked for, written in one place: a command's `-o FILE` (`export`,
`contact export`) and a week's exports into the export folder (the app's `e`).

`-o FILE` is written atomically, 0600, over an existing file only with `--force`, and
then only over a regular file: never over a folder, a FIFO, a device or a symlink
(which a rename would replace with a regular file).

Into the export folder: private files, written atomically, and never over an existing
file (a second export of the same week gets `-2`, `-3` … in its name).

Each file is written under a temporary name in the folder, fsynced, then hard-linked to
its name: the link fails when anything has that name (a file made a moment ago by another
program, a symlink, even a dangling one), so nothing is overwritten and no symlink is
followed. The name is built from the week label kept to letters, digits and `-`: the
file always lands directly in the export folder.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
from collections.abc import Iterator, Sequence

from netbalance.core.summary import WeeklySummary
from netbalance.exports import SUFFIX, render
from netbalance.exports.colours import Colours

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.settings.config import Settings


class WriteRefused(ValueError):
    """A file the user named cannot be written as asked; one line saying what to do."""


def check_target(path: str, *, force: bool) -> None:
    """Refuse, before any work, a target that must not be written (see the module)."""
    import stat

    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteRefused(f"cannot use {path}: {error.strerror}") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise WriteRefused(f"{path} is a folder; name a file")
    if status is not None and not force:
        raise WriteRefused(f"{path} exists already; add --force to overwrite it")
    if status is not None and not stat.S_ISREG(status.st_mode):
        what = "a symlink" if stat.S_ISLNK(status.st_mode) else "not a regular file"
        raise WriteRefused(f"{path} is {what}; netbalance replaces only regular files")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise WriteRefused(f"no folder {folder} for {os.path.basename(path)}")


def write_file(path: str, data: bytes, *, force: bool) -> None:
    """Write `-o FILE` atomically, 0600 (`check_target` first, and again now)."""
    from netbalance.store.files import atomic_write

    check_target(path, force=force)
    try:
        atomic_write(path, data)
    except OSError as problem:
        raise WriteRefused(f"cannot write {path}: {problem.strerror}") from None


def export_colours(theme: str) -> Colours:
    """The produce and network colours of a theme (the one in the settings), for HTML:
    a shipped theme's as it ships while the user has no theme files (which may restyle
    it), else as its file has them."""
    from netbalance.exports.colours import SHIPPED, colours_of

    if theme in SHIPPED and not _user_theme_files():
        return SHIPPED[theme]
    from netbalance.settings.themes import theme_table

    return colours_of(theme_table(theme))


def _user_theme_files() -> bool:
    """Whether the user's themes folder holds a theme file (or cannot be read)."""
    from netbalance.settings import paths

    try:
        return any(name.endswith(".toml") for name in os.listdir(paths.user_themes_dir()))
    except FileNotFoundError:
        return False
    except OSError:
        return True


def export_folder(setting: str) -> str:
    """The `export.folder` setting, or a netbalance folder in the user's documents."""
    if setting.strip():
        return os.path.abspath(os.path.expanduser(setting.strip()))
    from platformdirs import user_documents_dir

    return os.path.join(user_documents_dir(), "netbalance")


def stem_of(week: str) -> str:
    """`netbalance-2026-W48`; any character of the label but a letter, digit or `-` is
    replaced, so no label can name another folder (`../`, `/`)."""
    return "netbalance-" + re.sub(r"[^0-9A-Za-z-]", "_", week)


def names(folder: str, stem: str, suffix: str) -> Iterator[str]:
    """`stem.suffix`, then `stem-2.suffix`, `stem-3.suffix` … in folder."""
    yield os.path.join(folder, f"{stem}{suffix}")
    for count in itertools.count(2):
        yield os.path.join(folder, f"{stem}-{count}{suffix}")


def write_new(folder: str, stem: str, suffix: str, data: bytes) -> str:
    """Write data to the first free name of `names` in folder, durably, 0600, never over
    anything already there; the path written."""
    from netbalance.store.files import FILE_MODE, TEMP_MARK, fsync_dir, write_durably

    temp = os.path.join(folder, f"{TEMP_MARK}{stem}{suffix}.{os.getpid()}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        try:
            write_durably(fd, data)
        finally:
            os.close(fd)
        for path in names(folder, stem, suffix):
            try:
                os.link(temp, path)  # fails on any existing entry; follows no symlink
                break
            except FileExistsError:
                continue
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                if _create(path, data):
                    break
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    fsync_dir(folder)
    return path


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


def _create(path: str, data: bytes) -> bool:
    """A file system without hard links: create path exclusively and write it (not
    atomic, never over anything); False when the name is taken."""
    from netbalance.store.files import FILE_MODE, write_durably

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        return False
    try:
        write_durably(fd, data)
    except BaseException:
        os.close(fd)
        os.unlink(path)
        raise
    os.close(fd)
    return True


def write_exports(
    summary: WeeklySummary, formats: Sequence[str], folder: str, colours: Colours
) -> list[str]:
    """Write the summary in each format; the paths written, in order."""
    from netbalance.store.files import ensure_private_dir

    ensure_private_dir(folder)
    stem = stem_of(summary.week)
    return [write_new(folder, stem, SUFFIX[fmt], render(summary, fmt, colours)) for fmt in formats]


def export_week(summary: WeeklySummary, settings: Settings) -> list[str]:
    """A week's summary in the settings' formats and theme colours, into the export
    folder (the app's `e`, a finished review): the paths written, in order."""
    folder = export_folder(settings.export_folder)
    return write_exports(summary, settings.export_formats, folder, export_colours(settings.theme))
