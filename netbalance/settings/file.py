"""The settings file on disk: written with commented defaults on first run, and changed one
key at a time (tomlkit) so the user's comments and layout survive.

Reading it into a `Settings` value is `netbalance.settings.config`'s job; this module only writes.
"""

from __future__ import annotations

import os
from typing import Any

from netbalance.settings.config import SCHEMA
from netbalance.store.files import atomic_write, ensure_private_dir

DEFAULT_TEXT = """\
# netbalance settings. Every line below is a default; change what you like.
# A bad value is reported when netbalance starts and that setting falls back to its
# default. Changes made in the app (theme, lengths) keep your comments and layout.

[time]
# Time zone for days and weeks, like "Europe/Berlin"; empty = the system's zone.
time_zone = ""
# The day a week starts on: monday … sunday.
week_start = "monday"

[boxes]
# Box lengths in minutes offered when a box starts, and the one Enter takes.
produce_presets = [25, 50, 90]
produce_default = 25
network_presets = [15, 30]
network_default = 30
# A box that ran for less than this many minutes is not recorded (0: every box is).
minimum_minutes = 1

[breaks]
# Break lengths in minutes; a long break comes after every `long_every` boxes.
short = 5
long = 15
long_every = 4

[targets]
# Weekly budgets in hours per kind, and the produce : network ratio to aim for.
produce_hours = 20.0
network_hours = 5.0
ratio = 3.0

[look]
# A theme name: netbalance-dark, netbalance-dusk, netbalance-light, netbalance-paper,
# netbalance-contrast, or one of Textual's own (nord, gruvbox, …). Your own themes go
# in the themes/ folder next to this file, one .toml file each.
theme = "netbalance-dark"

[export]
# Where weekly summaries are written; empty = a netbalance folder in your documents.
folder = ""
# Any of "md", "html", "csv", "json", "ics".
formats = ["md", "html"]

[board]
# The board's columns, left to right: at least two different names. The last column
# always means shipped: a card moved there is your track record.
columns = ["Backlog", "Next", "Doing", "Shipped"]
# The column whose cards are work in progress, and how many it may hold (0 = no limit).
# A move past the limit is refused. wip_column = "" turns the limit off.
wip_column = "Doing"
wip_limit = 3

[keymap]
# Change a key: "binding id" = "keys", several keys separated by commas.
# For example, to start a produce box with f5 as well as p:
# "box.produce" = "p,f5"
"""


class SettingsFileError(Exception):
    """The settings file cannot be changed; the message is one line naming the file."""


def ensure_exists(path: str) -> bool:
    """Write the commented defaults to `path` if there is no file yet; True if written.

    The folder is created readable by the user alone (0700), the file 0600. Raises
    `OSError` if it cannot be written.
    """
    if os.path.lexists(path):
        return False
    ensure_private_dir(os.path.dirname(os.path.abspath(path)))
    atomic_write(path, DEFAULT_TEXT.encode("utf-8"))
    return True


def set_value(path: str, section: str, key: str, value: Any) -> None:
    """Set `[section] key = value` in the settings file, keeping everything else as the
    user wrote it. `value` is as it is written in the file (`"tuesday"` for week_start),
    and must be one `netbalance.settings.config` accepts. A missing file is first written with the
    defaults; a symlinked file is changed where it points.

    Raises `ValueError` for an unknown key or a value the settings would reject,
    `SettingsFileError` when the file is not TOML or the section is not a table (the file
    is left untouched), and `OSError` when it cannot be read or written.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    _check(section, key, value)
    ensure_exists(path)
    target = os.path.realpath(path)
    with open(target, encoding="utf-8") as handle:
        text = handle.read()
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as error:
        raise SettingsFileError(
            f"{path}: not valid TOML ({error}); fix it by hand to change {section}.{key}"
        ) from None
    if section not in document:
        document.add(section, tomlkit.table())
    table = document[section]
    if not isinstance(table, dict):
        raise SettingsFileError(
            f"{path}: {section} is not a [{section}] table; fix it by hand to change "
            f"{section}.{key}"
        )
    table[key] = list(value) if isinstance(value, tuple) else value
    atomic_write(target, tomlkit.dumps(document).encode("utf-8"))


def _check(section: str, key: str, value: Any) -> None:
    if section == "keymap":
        if not isinstance(value, str):
            raise ValueError(f'keymap.{key} = {value!r} is not "keys" in quotes')
        return
    entry = SCHEMA.get((section, key))
    if entry is None:
        raise ValueError(f"unknown setting {section}.{key}")
    _name, parser = entry
    try:
        parser(list(value) if isinstance(value, tuple) else value)
    except ValueError as error:
        raise ValueError(f"{section}.{key} = {value!r} is not {error}") from None
