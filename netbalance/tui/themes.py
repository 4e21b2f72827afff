"""Theme files → Textual `Theme` objects; a bad file is reported and skipped, never fatal.

A theme file is a small TOML file: `name`, `dark`, Textual's colour fields and a
`[variables]` table holding netbalance's own `produce` and `network` colours (and, if
wanted, any of Textual's own theme variables such as `footer-key-foreground`).

Every value is checked before a `Theme` is built: an invalid colour passes `Theme()` and
`App.register_theme` but crashes the app when it is switched to. Only `textual.theme`,
`textual.color` and Textual's CSS constants are imported here, never `textual.app`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from netbalance.settings.themes import (
    ThemeFileError,
    read_theme_file,
    theme_files,
)

# netbalance's own theme variables, used as `$produce` / `$network` in stylesheets.
# The defaults colour Textual's built-in themes, which know nothing of them: a bright
# pair for dark themes and a deep pair for light ones, each readable on its background.
PRODUCE_DEFAULT = "#F2A541"
NETWORK_DEFAULT = "#4CC2B8"
PRODUCE_DEFAULT_LIGHT = "#8F4300"
NETWORK_DEFAULT_LIGHT = "#00665C"
OWN_VARIABLES = ("produce", "network")

COLOUR_FIELDS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "success",
    "warning",
    "error",
)
FRACTION_FIELDS = ("luminosity_spread", "text_alpha")
KNOWN_KEYS = frozenset({"name", "dark", "variables", *COLOUR_FIELDS, *FRACTION_FIELDS})
NAME_LIMIT = 64

COLOUR_HINT = 'a colour like "#1E90FF", "rgb(30,144,255)" or "dodgerblue"'


def theme_variable_defaults(dark: bool = True) -> dict[str, str]:
    """Defaults for netbalance's own variables, for `App.get_theme_variable_defaults`.

    Pass the current theme's `dark` so a built-in light theme gets the deep pair.
    """
    if dark:
        return {"produce": PRODUCE_DEFAULT, "network": NETWORK_DEFAULT}
    return {"produce": PRODUCE_DEFAULT_LIGHT, "network": NETWORK_DEFAULT_LIGHT}


def load_themes(folders: list[str]) -> tuple[list[Theme], list[str]]:
    """Every theme file of `folders` (`settings.themes.theme_files`), checked: the themes,
    and one line per file that was skipped. Never raises for a bad file."""
    files, problems = theme_files(folders)
    themes: dict[str, Theme] = {}
    origin: dict[str, tuple[int, str]] = {}
    for file in files:
        try:
            theme = parse_theme(file.table, file.path)
        except ThemeFileError as error:
            problems.append(str(error))
            continue
        earlier = origin.get(theme.name)
        if earlier is not None and earlier[0] == file.folder:
            problems.append(
                f"{file.path}: the name {theme.name!r} is already used by {earlier[1]}; "
                "theme skipped"
            )
            continue
        themes[theme.name] = theme
        origin[theme.name] = (file.folder, file.path)
    return list(themes.values()), problems


def load_theme_file(path: str) -> Theme:
    """One theme file → a checked `Theme`; raises `ThemeFileError` (one line) if unusable."""
    return parse_theme(read_theme_file(path), path)


def parse_theme(table: Mapping[str, Any], source: str) -> Theme:
    """A parsed theme table → a checked `Theme`; `source` names it in the error."""

    def fail(detail: str) -> ThemeFileError:
        return ThemeFileError(f"{source}: {detail}; theme skipped")

    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        hint = (
            _did_you_mean(unknown[0], KNOWN_KEYS) or f"known keys: {', '.join(sorted(KNOWN_KEYS))}"
        )
        raise fail(f"unknown key {unknown[0]!r} ({hint})")

    name = table.get("name")
    if name is None:
        raise fail('no name (add a line like name = "my-theme")')
    if not _is_name(name):
        raise fail(f"name = {_show(name)} is not a name of 1 to {NAME_LIMIT} printable characters")

    if "primary" not in table:
        raise fail('no primary colour (add a line like primary = "#1E90FF")')
    colours: dict[str, str] = {}
    for key in COLOUR_FIELDS:
        if key in table:
            value = table[key]
            if not _is_colour(value):
                raise fail(f"{key} = {_show(value)} is not {COLOUR_HINT}")
            colours[key] = value

    dark = table.get("dark", True)
    if not isinstance(dark, bool):
        raise fail(f"dark = {_show(dark)} is not true or false")

    fractions: dict[str, float] = {}
    for key in FRACTION_FIELDS:
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise fail(f"{key} = {_show(value)} is not a number from 0 to 1")
            fractions[key] = float(value)

    variables = _variables(table.get("variables", {}), fail)
    for key, default in theme_variable_defaults(dark).items():
        variables.setdefault(key, default)

    return Theme(
        name=name,
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        accent=colours.get("accent"),
        foreground=colours.get("foreground"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        boost=colours.get("boost"),
        success=colours.get("success"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        dark=dark,
        luminosity_spread=fractions.get("luminosity_spread", Theme.luminosity_spread),
        text_alpha=fractions.get("text_alpha", Theme.text_alpha),
        variables=variables,
    )


def _variables(table: Any, fail: Callable[[str], ThemeFileError]) -> dict[str, str]:
    """The `[variables]` table, every name known and every value of the right kind."""
    if not isinstance(table, Mapping):
        raise fail(f"variables = {_show(table)} is not a [variables] table")
    checked: dict[str, str] = {}
    for key, value in table.items():
        if key in OWN_VARIABLES:
            if not _is_colour(value):
                raise fail(f"variables.{key} = {_show(value)} is not {COLOUR_HINT}")
            checked[key] = value
            continue
        # Textual's own names are generated only for a file that sets one (two colour
        # systems: a few ms at every start, where the shipped themes set only our two)
        kinds = _textual_variable_kinds()
        if key in kinds:
            kind = kinds[key]
            if kind == "style" and not _is_text_style(value):
                raise fail(
                    f"variables.{key} = {_show(value)} is not a text style like "
                    '"bold", "reverse" or "none"'
                )
            if kind != "style" and not _is_css_colour(value, allow_auto=kind == "auto"):
                raise fail(
                    f"variables.{key} = {_show(value)} is not {COLOUR_HINT}, optionally with an "
                    'opacity like "#1E90FF 50%"'
                )
        else:
            hint = _did_you_mean(key, [*OWN_VARIABLES, *kinds])
            raise fail(
                f"unknown variable {key!r} ("
                + (hint or "use produce, network or one of Textual's own theme variables")
                + ")"
            )
        checked[key] = value
    return checked


@cache
def _textual_variable_kinds() -> dict[str, str]:
    """Textual's own theme variable names → "style", "auto" or "colour", taken from the
    values Textual itself generates, so a theme file may set any of them safely."""
    kinds: dict[str, str] = {}
    for dark in (True, False):
        generated = Theme(name="probe", primary="#0178D4", dark=dark).to_color_system()
        for key, value in generated.generate().items():
            if _is_text_style(value):
                kind = "style"
            elif value.startswith("auto"):
                kind = "auto"
            else:
                kind = "colour"
            kinds.setdefault(key, kind)
    return kinds


def _is_colour(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def _is_css_colour(value: Any, *, allow_auto: bool) -> bool:
    """A colour as Textual's stylesheets take it: `<colour>` or `<colour> <opacity>%`,
    and `auto <opacity>%` where Textual itself uses an automatic contrast colour."""
    if not isinstance(value, str):
        return False
    words = value.split()
    if len(words) == 2:
        opacity = words[1]
        if not opacity.endswith("%"):
            return False
        try:
            percent = float(opacity[:-1])
        except ValueError:
            return False
        if not 0 <= percent <= 100:
            return False
        if allow_auto and words[0] == "auto":
            return True
    elif len(words) != 1:
        return False
    return _is_colour(words[0])


def _is_text_style(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    words = value.split()
    return bool(words) and all(word in VALID_STYLE_FLAGS for word in words)


def _is_name(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= NAME_LIMIT
        and value == value.strip()
        and value.isprintable()
    )


def _did_you_mean(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def _show(value: Any) -> str:
    """A value for a one-line message: control characters escaped, kept short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, Mapping):
        text = "{…}"
    else:
        text = repr(value)
    return text if len(text) <= 48 else text[:47] + "…"
