"""Settings: one TOML file → one typed `Settings` value.

A bad value never stops netbalance: it is reported (key, value, file) and that key falls
back to its default. A missing file means every default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from types import MappingProxyType

from netbalance.core.models import Kind, replace
from netbalance.core.named import NamedTuple
from netbalance.core.weeks import WEEKDAYS

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

NO_KEYMAP: Mapping[str, str] = MappingProxyType({})


class Settings(NamedTuple):
    time_zone: str = ""  # "" = the system's zone
    week_start: int = 1  # ISO weekday: 1 = Monday … 7 = Sunday
    produce_presets: tuple[int, ...] = (25, 50, 90)
    network_presets: tuple[int, ...] = (15, 30)
    produce_default: int = 25
    network_default: int = 30
    short_break: int = 5
    long_break: int = 15
    long_break_every: int = 4
    produce_budget_hours: float = 20.0
    network_budget_hours: float = 5.0
    target_ratio: float = 3.0
    theme: str = "netbalance-dark"
    export_folder: str = ""
    export_formats: tuple[str, ...] = ("md", "html")
    keymap: Mapping[str, str] = NO_KEYMAP
    board_columns: tuple[str, ...] = ("Backlog", "Next", "Doing", "Shipped")
    wip_column: str = "Doing"  # "" = no WIP limit anywhere
    wip_limit: int = 3  # 0 = no limit
    minimum_minutes: int = 1  # a box shorter than this is not recorded (0: every box is)

    def default_minutes(self, kind: Kind) -> int:
        return self.produce_default if kind is Kind.PRODUCE else self.network_default

    def presets(self, kind: Kind) -> tuple[int, ...]:
        return self.produce_presets if kind is Kind.PRODUCE else self.network_presets

    def zone_name(self) -> str:
        """The configured time zone, or the system's."""
        if self.time_zone:
            return self.time_zone
        return system_zone_name()


def system_zone_name() -> str:
    """The system's IANA zone name: $TZ, /etc/timezone, the /etc/localtime link, else
    pendulum's detection (other platforms), else UTC."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env and not env.startswith("/"):
        return env
    try:
        with open("/etc/timezone", encoding="utf-8") as handle:
            name = handle.read().strip()
        if name:
            return name
    except OSError:
        pass
    link = os.path.realpath(env or "/etc/localtime")
    if "zoneinfo/" in link:
        return link.split("zoneinfo/", 1)[1]
    from pendulum.tz.local_timezone import get_local_timezone

    found: str = get_local_timezone().name
    return found or "UTC"


class LoadedSettings(NamedTuple):
    settings: Settings
    problems: tuple[str, ...] = ()


# Every number has a range: a value outside it (1e308, inf, nan, 2**63) is reported and
# defaulted like any other bad value, so no figure worked out from it can overflow.
MAX_MINUTES = 24 * 60
MAX_PRESETS = 12
MAX_WEEK_HOURS = 7 * 24.0  # a weekly budget: at most the hours a week has
MAX_RATIO = 100.0
MAX_LONG_EVERY = 100
MAX_WIP = 999


def _whole(value: Any, low: int, high: int, shape: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(shape)
    return value


def _number(value: Any, low: float, high: float, shape: str) -> float:
    """A finite number from `low` to `high` (`not low <= nan` holds: nan is refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(shape)
    if isinstance(value, int) and not low <= value <= high:  # not float(): 10**400 overflows
        raise ValueError(shape)
    number = float(value)
    if not low <= number <= high:
        raise ValueError(shape)
    return number


def _minutes(value: Any) -> int:
    return _whole(value, 1, MAX_MINUTES, f"a whole number of minutes from 1 to {MAX_MINUTES}")


def _minimum(value: Any) -> int:
    return _whole(value, 0, 60, "a whole number of minutes from 0 to 60 (0 = record every box)")


def _presets(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_PRESETS:
        raise ValueError(f"a list of 1 to {MAX_PRESETS} lengths in minutes, like [25, 50, 90]")
    return tuple(_minutes(item) for item in value)


def _hours(value: Any) -> float:
    return _number(value, 0, MAX_WEEK_HOURS, f"a number of hours from 0 to {MAX_WEEK_HOURS:g}")


def _ratio(value: Any) -> float:
    return _number(value, 0, MAX_RATIO, f"a ratio from 0 to {MAX_RATIO:g}, like 3.0")


def _count(value: Any) -> int:
    return _whole(value, 1, MAX_LONG_EVERY, f"a whole number from 1 to {MAX_LONG_EVERY}")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("text in quotes")
    return value


def _zone(value: Any) -> str:
    text = _text(value)
    if text:
        from netbalance.core.weeks import WeekError, zone

        try:
            zone(text)
        except WeekError:
            raise ValueError("a time zone name like Europe/Berlin, or empty") from None
    return text


def _week_start(value: Any) -> int:
    text = _text(value).lower()
    if text not in WEEKDAYS:
        raise ValueError("a day name like monday or sunday")
    return WEEKDAYS.index(text) + 1


def _formats(value: Any) -> tuple[str, ...]:
    known = ("md", "html", "csv", "json", "ics")
    if not isinstance(value, list) or not all(item in known for item in value):
        raise ValueError(f"a list of formats from {', '.join(known)}")
    return tuple(value)


MAX_COLUMN_NAME = 40


def _columns(value: Any) -> tuple[str, ...]:
    shape = 'a list of at least 2 different column names, like ["Backlog", "Doing", "Shipped"]'
    if not isinstance(value, list) or len(value) < 2:
        raise ValueError(shape)
    names: list[str] = []
    for item in value:
        name = item.strip() if isinstance(item, str) else ""
        if not name or len(name) > MAX_COLUMN_NAME or len(name.splitlines()) != 1:
            raise ValueError(f"{shape}, each one line of 1 to {MAX_COLUMN_NAME} characters")
        if name.casefold() in (known.casefold() for known in names):
            raise ValueError(f"{shape} ({name!r} is there twice)")
        names.append(name)
    return tuple(names)


def _limit(value: Any) -> int:
    return _whole(value, 0, MAX_WIP, f"a whole number from 0 to {MAX_WIP} (0 = no limit)")


def _keymap(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError('a table of binding id = "keys"')
    return dict(value)


# (section, key) → (Settings field, parser)
SCHEMA: dict[tuple[str, str], tuple[str, Any]] = {
    ("time", "time_zone"): ("time_zone", _zone),
    ("time", "week_start"): ("week_start", _week_start),
    ("boxes", "produce_presets"): ("produce_presets", _presets),
    ("boxes", "network_presets"): ("network_presets", _presets),
    ("boxes", "produce_default"): ("produce_default", _minutes),
    ("boxes", "network_default"): ("network_default", _minutes),
    ("boxes", "minimum_minutes"): ("minimum_minutes", _minimum),
    ("breaks", "short"): ("short_break", _minutes),
    ("breaks", "long"): ("long_break", _minutes),
    ("breaks", "long_every"): ("long_break_every", _count),
    ("targets", "produce_hours"): ("produce_budget_hours", _hours),
    ("targets", "network_hours"): ("network_budget_hours", _hours),
    ("targets", "ratio"): ("target_ratio", _ratio),
    ("look", "theme"): ("theme", _text),
    ("export", "folder"): ("export_folder", _text),
    ("export", "formats"): ("export_formats", _formats),
    ("board", "columns"): ("board_columns", _columns),
    ("board", "wip_column"): ("wip_column", _text),
    ("board", "wip_limit"): ("wip_limit", _limit),
}


def _key(*names: str) -> str:
    """`boxes.short` as written in a message: a name that is not plain (a line break, a
    control character, a dot) is quoted, so the message stays one readable line."""
    return ".".join(name if _PLAIN_KEY.fullmatch(name) else repr(name) for name in names)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def parse(document: dict[str, Any], source: str) -> LoadedSettings:
    """Settings from a parsed TOML document; each bad key falls back to its default."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for section, table in document.items():
        if section == "keymap":
            try:
                values["keymap"] = _keymap(table)
            except ValueError as error:
                problems.append(f"{source}: [keymap] must be {error}; ignored")
            continue
        if not isinstance(table, dict):
            shown = _key(section)
            problems.append(f"{source}: {shown} should be a [{shown}] table; ignored")
            continue
        for key, value in table.items():
            entry = SCHEMA.get((section, key))
            if entry is None:
                problems.append(f"{source}: unknown setting {_key(section, key)}; ignored")
                continue
            name, parser = entry
            try:
                values[name] = parser(value)
            except ValueError as error:
                problems.append(
                    f"{source}: {section}.{key} = {value!r} is not {error}; using the default"
                )
    settings = Settings()
    known = set(Settings._fields)
    settings = replace(settings, **{k: v for k, v in values.items() if k in known})
    wip = settings.wip_column.strip()
    named = {column.casefold(): column for column in settings.board_columns}
    if wip and wip.casefold() not in named:
        problems.append(
            f"{source}: board.wip_column = {settings.wip_column!r} is not one of board.columns "
            f"({', '.join(settings.board_columns)}); no WIP limit applies"
        )
        settings = replace(settings, wip_column="")
    elif wip:
        settings = replace(settings, wip_column=named[wip.casefold()])
    return LoadedSettings(settings, tuple(problems))


def load(path: str) -> LoadedSettings:
    """Read the settings file; a missing file gives the defaults."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as error:
        return LoadedSettings(Settings(), (f"{path}: {error.strerror}; using defaults",))
    from netbalance.settings.parsed_toml import loads, unreadable  # only with a file to read

    try:
        document = loads(path, raw)
    except ValueError as error:
        return LoadedSettings(Settings(), (f"{path}: {unreadable(error)}; using defaults",))
    return parse(document, path)
