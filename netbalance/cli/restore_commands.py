"""`netbalance restore [BACKUP]`: list the backups, or put one back.

Works when the data file is damaged (it never parses the current files): the store is
not opened, only locked. The file being replaced is kept first as
`<name>.before-restore-<YYYYMMDDTHHMMSS>.json` in the backups folder.
"""

from __future__ import annotations

import argparse
import os
from datetime import UTC

from netbalance.cli.context import data_path
from netbalance.cli.output import UsageError, safe, table
from netbalance.core.clock import default_clock
from netbalance.store.backups import listing, restore
from netbalance.store.errors import ReadOnlyError
from netbalance.store.store import Store


def run(args: argparse.Namespace) -> int:
    store = Store(data_path(args), default_clock())
    if args.backup is None:
        return _list(store)
    label = f"before-restore-{store.clock.now().astimezone(UTC):%Y%m%dT%H%M%S}"
    try:
        store.lock.acquire()
    except OSError as error:
        raise ReadOnlyError(store.folder, error.strerror or str(error)) from None
    try:
        target, kept = restore(
            store.backups, store.stem, args.backup, label, drop_allowed=args.drop_allowed
        )
    except ValueError as problem:
        raise UsageError(str(problem)) from None
    finally:
        store.lock.release()
    print(f"restored {safe(target)} from {safe(args.backup)}")
    if kept:
        print(f"the file as it was is kept as {safe(kept)}")
    return 0


def _list(store: Store) -> int:
    from datetime import datetime

    rows = []
    for path, of in listing(store.backups, store.stem):
        status = os.stat(path)
        when = datetime.fromtimestamp(status.st_mtime, UTC).astimezone()
        rows.append([path, of, f"{when:%Y-%m-%d %H:%M}", f"{status.st_size}"])
    if not rows:
        print(f"no backups yet (they are kept in {safe(store.backups.folder)})")
        return 0
    table(["backup", "of", "saved", "bytes"], rows, title="backups, newest first")
    return 0
