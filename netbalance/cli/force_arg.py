"""`--force` on the commands that can remove many records in one step."""

from __future__ import annotations

import argparse

HELP = (
    "go ahead even when this removes more than half of a data file's records (at least "
    "10); the file as it was is kept as a backup that `netbalance restore` lists"
)


def add_force(command: argparse.ArgumentParser) -> None:
    """Without --force such a save is refused: one line, exit 2, nothing written. The
    option sets `drop_allowed` (not `force`, which an export uses for overwriting)."""
    command.add_argument("--force", dest="drop_allowed", action="store_true", help=HELP)
