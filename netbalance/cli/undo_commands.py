"""`netbalance undo` and `netbalance redo`: step through the store's undo journal.

Undo refuses, naming the record, when a record the step changed has been changed since
in a way the journal does not know of; nothing is written then and the step is dropped.
"""

from __future__ import annotations

import argparse
from datetime import tzinfo

from netbalance.actions import undo as undo_steps
from netbalance.cli.context import open_store, settings, zone_of
from netbalance.cli.output import UsageError, emit_json, safe, table
from netbalance.store.store import Store


def undo(args: argparse.Namespace) -> int:
    if args.json and not args.list:
        raise UsageError("--json goes with --list: `netbalance undo --list --json`")
    tz = zone_of(settings())
    store = open_store(args)
    if args.list:
        return _list(store, tz, as_json=args.json)
    return _move(store, "undo", tz)


def redo(args: argparse.Namespace) -> int:
    tz = zone_of(settings())
    return _move(open_store(args), "redo", tz)


def _move(store: Store, verb: str, tz: tzinfo) -> int:
    outcome = undo_steps.step(store, verb)
    if outcome.refused is not None:
        raise UsageError(outcome.message(tz))
    print(safe(outcome.message(tz)))
    return 0


def _list(store: Store, tz: tzinfo, *, as_json: bool = False) -> int:
    from netbalance.core.instants import from_iso

    steps, done = undo_steps.steps(store)
    if as_json:
        emit_json(
            {
                "steps": [
                    {
                        "id": step.id,
                        "at": step.at,
                        "change": step.describe(tz),
                        "state": "done" if number < done else "undone",
                        "records": len(step.changes),
                    }
                    for number, step in reversed(list(enumerate(steps)))
                ]
            }
        )
        return 0
    if not steps:
        print("nothing to undo")
        return 0
    rows = []
    for number, step in reversed(list(enumerate(steps))):
        try:
            when = f"{from_iso(step.at).astimezone(tz):%Y-%m-%d %H:%M}"
        except (ValueError, TypeError):
            when = step.at
        state = "done" if number < done else "undone (redo)"
        rows.append([when, step.describe(tz), state])
    table(["when", "change", "state"], rows, title="recent changes, newest first")
    return 0
