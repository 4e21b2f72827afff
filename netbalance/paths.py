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
    return os.path.join(_user_data_dir(), f"{APP}.json")


def _user_data_dir() -> str:
    """platformdirs' user data folder. On Linux it is computed here by the XDG rule
    platformdirs follows, because importing platformdirs (pathlib, tempfile, urllib)
    would double the cost of `netbalance status` in a shell prompt."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_DATA_HOME", "")
        if not base.strip():
            base = os.path.expanduser("~/.local/share")
        return os.path.join(base, APP)
    from platformdirs import user_data_dir

    return user_data_dir(APP, appauthor=False)


def config_file() -> str:
    chosen = os.environ.get(CONFIG_ENV)
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    from platformdirs import user_config_dir

    return os.path.join(user_config_dir(APP, appauthor=False), "config.toml")


def user_themes_dir() -> str:
    return os.path.join(os.path.dirname(config_file()), "themes")


def shipped_themes_dir() -> str:
    """The themes that ship: installed inside the package, or `themes/` in a checkout."""
    package = os.path.dirname(os.path.abspath(__file__))
    installed = os.path.join(package, "themes")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(package), "themes")


def export_dir() -> str:
    from platformdirs import user_documents_dir

    return os.path.join(user_documents_dir(), APP)
