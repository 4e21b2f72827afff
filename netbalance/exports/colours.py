"""The produce and network colours of a theme, for exports (read from the theme's TOML
file with the standard library: exports never import textual)."""

from __future__ import annotations

import os
import re
import tomllib
from typing import NamedTuple

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class Colours(NamedTuple):
    produce: str = "#F2A541"  # the default theme's (netbalance-dark) own two colours
    network: str = "#4CC2B8"


DEFAULT = Colours()


def theme_colours(theme: str, folders: list[str]) -> Colours:
    """The colours of the theme named `theme` (a file `<theme>.toml` in one of the
    folders, the later folder winning); the default theme's when it cannot be read or
    does not hold two `#RRGGBB` colours."""
    found = DEFAULT
    if not theme or "/" in theme or os.sep in theme or theme.startswith("."):
        return found
    for folder in folders:
        path = os.path.join(folder, f"{theme}.toml")
        try:
            with open(path, "rb") as handle:
                document = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        variables = document.get("variables")
        if not isinstance(variables, dict):
            continue
        produce, network = variables.get("produce"), variables.get("network")
        if _is_hex(produce) and _is_hex(network):
            found = Colours(str(produce).upper(), str(network).upper())
    return found


def _is_hex(value: object) -> bool:
    return isinstance(value, str) and _HEX.match(value) is not None
