"""`netbalance import watson / timewarrior`: past time from other time trackers.

All or nothing: every frame or line is read and checked first; the first bad one is one
line naming the file and line, exit 2, and nothing is written. Then the new sessions (a
session with the same start, end and kind is already there) are written in one
transaction, so importing twice adds nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from netbalance.cli.context import open_store
from netbalance.cli.output import UsageError, safe
from netbalance.core.models import ActiveBox, Session, new_id
from netbalance.imports.past_time import (
    Entry,
    ImportProblem,
    OpenEntry,
    network_words,
    session_docs,
)
from netbalance.store.store import Store


@dataclass
class _Plan:
    entries: list[Entry]
    known: int
    box: ActiveBox | None
    box_note: str


def _plan(store: Store, entries: list[Entry], running: OpenEntry | None) -> _Plan:
    from netbalance.core.history import LONGEST
    from netbalance.imports.past_time import fresh_entries

    now = store.clock.now()
    existing: list[Session] = []
    if entries:
        low = min(entry.start for entry in entries)
        high = max(entry.end for entry in entries)
        existing = store.sessions.between(low, high)
    fresh, known = fresh_entries(entries, existing)
    box, box_note = None, ""
    if running is not None:
        current = store.box.get()
        if current is not None and current.started == running.start:
            box_note = "the running interval is already the running box"
        elif current is not None:
            box_note = "the running interval was not imported: a box is running here"
        elif now - running.start > LONGEST:
            box_note = "the running interval was not imported: it has run for more than 24 h"
        else:
            box = ActiveBox(
                id=new_id(),
                kind=running.kind,
                started=running.start,
                updated=now,
                note=running.note,
            )
            box_note = f"the running interval is now the running {running.kind} box (stopwatch)"
    return _Plan(fresh, known, box, box_note)


def _run(
    args: argparse.Namespace,
    store: Store,
    tool: str,
    entries: list[Entry],
    running: OpenEntry | None,
) -> int:
    if args.dry_run:
        plan = _plan(store, entries, running)
    else:
        with store.transaction():  # writes nothing when nothing is new
            plan = _plan(store, entries, running)
            if plan.entries:
                store.sessions.add_docs(session_docs(plan.entries, store.clock.now()))
            if plan.box is not None:
                store.box.put(plan.box)
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
