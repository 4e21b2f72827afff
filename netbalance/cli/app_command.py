"""`netbalance` with no command: the full-screen app."""

from __future__ import annotations

import argparse

from netbalance.cli.output import UsageError


def run(args: argparse.Namespace) -> int:
    raise UsageError("the app is not built yet; see `netbalance --help` for the commands")
