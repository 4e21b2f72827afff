"""Where netbalance keeps its data, settings, themes and exports.

Functions only: nothing is created at import time. Environment overrides:
`NETBALANCE_DB` (the data file) and `NETBALANCE_CONFIG` (the settings file).
"""

from __future__ import annotations

import os
import sys

APP = "netbalance"
DB_ENV = "NETBALANCE_DB"
CONFIG_ENV = "NETBALANCE_CONFIG"


def data_file(explicit: str | None = None) -> str:
    """--db, then NETBALANCE_DB, then the platform's user data folder."""
    chosen = explicit or os.environ.get(DB_ENV)
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    return os.path.join(_user_dir("XDG_DATA_HOME", "~/.local/share"), f"{APP}.json")


def _user_dir(variable: str, fallback: str) -> str:
    """platformdirs' user data, config or cache folder. On Linux it is computed here by the XDG
    rule platformdirs follows, because importing platformdirs (pathlib, tempfile, urllib)
    costs more than the rest of `netbalance status` in a shell prompt."""
    if sys.platform.startswith("linux"):
        base = os.environ.get(variable, "")
        if not base.strip():
            base = os.path.expanduser(fallback)
        return os.path.join(base, APP)
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir

    find = {"XDG_DATA_HOME": user_data_dir, "XDG_CACHE_HOME": user_cache_dir}.get(
        variable, user_config_dir
    )
    return find(APP, appauthor=False)


def config_file() -> str:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    return os.path.join(_user_dir("XDG_CONFIG_HOME", "~/.config"), "config.toml")


def cache_dir() -> str:
    """Where copies that are safe to delete are kept (settings/parsed_toml.py)."""
    return _user_dir("XDG_CACHE_HOME", "~/.cache")


def user_themes_dir() -> str:
    return os.path.join(os.path.dirname(config_file()), "themes")


def shipped_themes_dir() -> str:
    """The themes that ship: installed inside the package, or `themes/` in a checkout."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "themes")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(package), "themes")
