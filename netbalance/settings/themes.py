"""Theme files found and read, once, for the app and for the exports.

A theme is a small TOML file in the shipped `themes/` folder or in the `themes/` folder
next to the user's `config.toml`; a theme in a later folder replaces one of the same
`name` from an earlier folder (a user's file can restyle a shipped theme), while two
files naming one theme inside one folder keep the first. What the tables mean is read
elsewhere: Textual themes in `tui.themes`, the produce and network colours of an export in
`exports.colours`. Standard library only: an export never imports textual.
"""

from __future__ import annotations

import os
from typing import Any

from netbalance.core.named import NamedTuple
from netbalance.settings import paths
from netbalance.settings.parsed_toml import loads, unreadable


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message is one line naming the file."""


class ThemeFile(NamedTuple):
    folder: int  # the index of its folder: later folders win
    path: str
    table: dict[str, Any]


def theme_folders() -> list[str]:
    """Where themes come from, in order: the shipped ones, then the user's."""
    return [paths.shipped_themes_dir(), paths.user_themes_dir()]


def read_theme_file(path: str) -> dict[str, Any]:
    """One theme file's table; ThemeFileError (one line) when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        raise ThemeFileError(f"{path}: cannot be read ({error.strerror}); theme skipped") from None
    try:
        return loads(path, raw)
    except UnicodeDecodeError:
        raise ThemeFileError(f"{path}: not UTF-8 text; theme skipped") from None
    except ValueError as error:
        raise ThemeFileError(f"{path}: {unreadable(error)}; theme skipped") from None


def theme_files(folders: list[str]) -> tuple[list[ThemeFile], list[str]]:
    """Every `*.toml` file of the folders, in name order folder by folder, read; and one
    line per file or folder that could not be read. A missing folder is no problem."""
    found: list[ThemeFile] = []
    problems: list[str] = []
    for index, folder in enumerate(folders):
        try:
            entries = sorted(os.listdir(folder))
        except FileNotFoundError:
            continue
        except OSError as error:
            problems.append(f"{folder}: cannot be read ({error.strerror}); its themes skipped")
            continue
        for entry in entries:
            path = os.path.join(folder, entry)
            if entry.startswith(".") or not entry.endswith(".toml") or not os.path.isfile(path):
                continue
            try:
                found.append(ThemeFile(index, path, read_theme_file(path)))
            except ThemeFileError as error:
                problems.append(str(error))
    return found, problems


def theme_table(name: str, folders: list[str] | None = None) -> dict[str, Any] | None:
    """The table of the theme called `name` (the later folder winning), or None. The
    file `<name>.toml` is looked at first; any other file only when that one is not it."""
    folders = theme_folders() if folders is None else folders
    if not name or "/" in name or os.sep in name or name.startswith("."):
        return None
    found: dict[str, Any] | None = None
    for folder in folders:
        try:
            table = read_theme_file(os.path.join(folder, f"{name}.toml"))
        except ThemeFileError:
            continue
        if table.get("name") == name:
            found = table
    if found is not None:
        return found
    files, _problems = theme_files(folders)
    named = [file.table for file in files if file.table.get("name") == name]
    return named[-1] if named else None
