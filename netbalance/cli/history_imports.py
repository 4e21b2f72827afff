"""`netbalance import watson / timewarrior`: past time from other time trackers.

All or nothing: every frame or line is read and checked first; the first bad one is one
line naming the file and line, exit 2, and nothing is written. Then `actions.imports`
writes the new sessions (a session with the same start, end and kind is already there)
in one transaction, so importing twice adds nothing.
"""

from __future__ import annotations

import argparse

from netbalance.actions import imports
from netbalance.cli.context import open_store
from netbalance.cli.output import UsageError, safe
from netbalance.imports.past_time import Entry, ImportProblem, OpenEntry, network_words
from netbalance.store.store import Store


def _run(
    args: argparse.Namespace,
    store: Store,
    tool: str,
    entries: list[Entry],
    running: OpenEntry | None,
) -> int:
    plan = imports.past_time(store, entries, running, dry_run=args.dry_run)
    verb = "would import" if args.dry_run else "imported"
    already = f"; {plan.known} already there" if plan.known else ""
    print(safe(f"{verb} {len(plan.entries)} sessions from {tool}{already}"))
    if plan.box_note:
        print(safe(plan.box_note if not args.dry_run else f"{plan.box_note} (dry run)"))
    return 0


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read it ({error.strerror})") from None


def watson(args: argparse.Namespace) -> int:
    from netbalance.imports.watson import default_frames_file, parse_frames

    path = args.file or default_frames_file()
    text = _read(path)
    store = open_store(args)
    try:
        entries = parse_frames(text, path, network_words(args.network_tags), store.clock.now())
    except ImportProblem as problem:
        raise UsageError(str(problem)) from None
    return _run(args, store, "Watson", entries, None)


def timewarrior(args: argparse.Namespace) -> int:
    from netbalance.imports.timewarrior import default_data_folder, parse_folder

    folder = args.folder or default_data_folder()
    store = open_store(args)
    try:
        found = parse_folder(folder, network_words(args.network_tags), store.clock.now())
    except ImportProblem as problem:
        raise UsageError(str(problem)) from None
    return _run(args, store, "Timewarrior", found.entries, found.running)
