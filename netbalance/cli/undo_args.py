"""The undo and redo commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from netbalance.cli.force_arg import add_force

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the undo and redo commands."""
    undo_help = "undo the last change (any record, made here or in the app)"
    undo = commands.add_parser("undo", help=undo_help, description=undo_help, parents=[common])
    undo.set_defaults(run=lazy("undo_commands", "undo"))
    undo.add_argument(
        "--list", action="store_true", help="list the recent changes instead, newest first"
    )
    undo.add_argument("--json", action="store_true", help="with --list: print JSON")
    add_force(undo)
    redo_help = "redo the last undone change"
    redo = commands.add_parser("redo", help=redo_help, description=redo_help, parents=[common])
    redo.set_defaults(run=lazy("undo_commands", "redo"))
    add_force(redo)
