"""The restore command's arguments. Its module is imported only when it runs."""

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
    """Add `netbalance restore [BACKUP]`."""
    text = (
        "list the backups of the data files, newest first; with BACKUP, put it back in "
        "place (the file as it stands is backed up first)"
    )
    restore = commands.add_parser("restore", help=text, description=text, parents=[common])
    restore.set_defaults(run=lazy("restore_commands", "run"))
    restore.add_argument(
        "backup", nargs="?", metavar="BACKUP", help="a backup's path or file name, as listed"
    )
    add_force(restore)
