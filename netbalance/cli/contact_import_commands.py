"""`netbalance import linkedin|vcard FILE`: contacts from a file, all or nothing."""

from __future__ import annotations

import argparse
import sys

from netbalance.cli.output import UsageError, safe


def run(args: argparse.Namespace) -> int:
    from netbalance.actions import imports
    from netbalance.cli.context import open_store
    from netbalance.imports import contacts as importing

    try:
        with open(args.file, "rb") as handle:
            # held here only until it is handed over: the import lets go of the file's
            # bytes once they are read (an export of 100,000 connections is 13 MB)
            held = [handle.read()]
    except OSError as problem:
        raise UsageError(f"cannot read {args.file}: {problem.strerror}") from None
    store = open_store(args)
    try:
        plan = imports.contacts(
            store,
            args.source,
            held.pop(),
            args.file,
            dry_run=args.dry_run,
            skip_bad=args.skip_bad,
        )
    except importing.ImportFileError as problem:
        raise UsageError(str(problem)) from None
    except importing.BadRows as problem:
        for note in problem.plan.bad:
            print(safe(f"{args.file}: {note}"), file=sys.stderr)
        raise UsageError(f"{problem} (add --skip-bad)") from None
    lines = importing.report(
        plan, dry_run=args.dry_run, written=plan.changes, skip_bad=args.skip_bad
    )
    for line in lines:
        print(safe(line))
    return 2 if args.dry_run and plan.bad and not args.skip_bad else 0
