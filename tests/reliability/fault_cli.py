"""Run by test_io_faults.py (not a test): `netbalance ARGS…` on a failing disk.

    NB_FAULT=AT:EIO|ENOSPC:once|forever[:short] NB_FAULT_COUNT=FILE python fault_cli.py ARGS…

The real command line, with the store's writes, fsyncs and renames counted and the
AT-th made to fail (see faults.py); on exit it writes `<calls> <injected>` to FILE.
"""

from __future__ import annotations

import atexit
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from faults import from_spec

import netbalance.store.files
import netbalance.store.journal  # noqa: F401
from netbalance.cli import main

faults = from_spec(os.environ.get("NB_FAULT", "0:EIO:once"))
faults.install()


@atexit.register
def _report() -> None:
    with open(os.environ["NB_FAULT_COUNT"], "w") as out:
        out.write(f"{len(faults.calls)} {faults.injected}\n")


raise SystemExit(main(sys.argv[1:]))
