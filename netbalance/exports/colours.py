"""The produce and network colours of a theme, for exports (from the theme's table, as
`settings.themes` reads it: exports never import textual)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from netbalance.core.named import NamedTuple

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


class Colours(NamedTuple):
    produce: str = "#F2A541"  # the default theme's (netbalance-dark) own two colours
    network: str = "#4CC2B8"


DEFAULT = Colours()

# The shipped themes' two colours, as their files in `themes/` have them (a test holds
# each to its file): an export in a shipped theme, when the user has no theme files,
# reads no TOML (importing tomllib and reading the file: 4 ms of an HTML export's 80).
SHIPPED = {
    "netbalance-contrast": Colours("#FFA000", "#00E5FF"),
    "netbalance-dark": DEFAULT,
    "netbalance-dusk": Colours("#FFB36B", "#74CFEA"),
    "netbalance-light": Colours("#8F4300", "#00665C"),
    "netbalance-paper": Colours("#8F3F0F", "#24596B"),
}


def colours_of(table: Mapping[str, Any] | None) -> Colours:
    """The two colours of a theme's table; the default theme's when it holds no two
    `#RRGGBB` colours."""
    variables = None if table is None else table.get("variables")
    if not isinstance(variables, Mapping):
        return DEFAULT
    produce, network = variables.get("produce"), variables.get("network")
    if _is_hex(produce) and _is_hex(network):
        return Colours(str(produce).upper(), str(network).upper())
    return DEFAULT


def _is_hex(value: object) -> bool:
    return isinstance(value, str) and _HEX.match(value) is not None
