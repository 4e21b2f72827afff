"""The undo and redo commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Lazy = Callable[[str, str], Any]
Commands = Any  # argparse's private _SubParsersAction


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the undo and redo commands."""
