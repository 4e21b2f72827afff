"""`netbalance restore [BACKUP]`: list the backups, or put one back (`actions.backups`:
it works when the data file is damaged, and keeps the file it replaces)."""

from __future__ import annotations

import argparse

from netbalance.actions import backups
from netbalance.cli.context import data_path
from netbalance.cli.output import UsageError, safe, table
from netbalance.core.clock import default_clock


def run(args: argparse.Namespace) -> int:
    path, clock = data_path(args), default_clock()
    if args.backup is None:
        return _list(path)
    try:
        target, kept = backups.put_back(path, clock, args.backup, drop_allowed=args.drop_allowed)
    except ValueError as problem:
        raise UsageError(str(problem)) from None
    print(f"restored {safe(target)} from {safe(args.backup)}")
    if kept:
        print(f"the file as it was is kept as {safe(kept)}")
    return 0


def _list(path: str) -> int:
    clock = default_clock()
    rows = [
        [found.path, found.of, f"{found.saved:%Y-%m-%d %H:%M}", f"{found.size}"]
        for found in backups.backups(path, clock)
    ]
    if not rows:
        print(f"no backups yet (they are kept in {safe(backups.folder(path, clock))})")
        return 0
    table(["backup", "of", "saved", "bytes"], rows, title="backups, newest first")
    return 0
