"""`netbalance item …`: the board's work items from the command line.

Every change is worked out once on the data as read, so that bad input fails before a
lock file or a folder is made, then again inside the transaction on the data as it is
then (another process may have changed it), and saved once.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from netbalance.actions import cards
from netbalance.cli.context import open_store, settings
from netbalance.cli.output import UsageError, emit_json, safe, table
from netbalance.core import board as rules_of_board
from netbalance.core.board import BoardError, BoardRules
from netbalance.core.dates import DueDateError, parse_due
from netbalance.core.instants import format_hours, optional_iso, to_iso
from netbalance.core.models import Item, short_id
from netbalance.settings.config import Settings
from netbalance.store.store import Store


@contextmanager
def _for_people() -> Iterator[None]:
    """Board and date errors are bad input: one line, exit 2."""
    try:
        yield
    except (BoardError, DueDateError) as problem:
        raise UsageError(str(problem)) from None


def _rules(config: Settings) -> BoardRules:
    return cards.board_rules(config)


def _today(store: Store, config: Settings) -> date:
    from netbalance.core.weeks import local_date

    return local_date(store.clock.now(), config.zone_name())


def _due(text: str | None, today: date) -> date | None:
    with _for_people():
        return None if text is None else parse_due(text, today)


def _estimate(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise UsageError(f"an estimate is a whole number of boxes, not {text!r}") from None
    with _for_people():
        return rules_of_board.check_estimate(value)


def _column(rules: BoardRules, name: str | None) -> str | None:
    with _for_people():
        return None if name is None else rules.column(name)


def _said(item: Item) -> str:
    return f"{short_id(item.id)}: {item.title}"


# changes ---------------------------------------------------------------------------


def add(args: argparse.Namespace) -> int:
    config = settings().settings
    rules = _rules(config)
    store = open_store(args)
    due = _due(args.due, _today(store, config))
    estimate = _estimate(args.estimate)
    with _for_people():
        tags = rules_of_board.parse_tags(args.tags or "")
    with _for_people():
        item = cards.add(
            store,
            rules,
            args.title,
            store.clock.now(),
            column=args.column,
            notes=args.notes,
            tags=tags,
            due=due,
            estimate=estimate,
        )
    print(safe(f"added {short_id(item.id)} to {item.column}: {item.title}"))
    return 0


def move(args: argparse.Namespace) -> int:
    rules = _rules(settings().settings)
    with _for_people():
        column = rules.column(args.column)
    return _move(args, rules, column)


def ship(args: argparse.Namespace) -> int:
    rules = _rules(settings().settings)
    return _move(args, rules, rules.shipped)


def _move(args: argparse.Namespace, rules: BoardRules, column: str) -> int:
    store = open_store(args)
    wanted = cards.resolve(store, args.id)
    with _for_people():
        item = cards.move(store, rules, wanted, column, store.clock.now())
    if item is None:
        shipped = column == rules.shipped
        where = "shipped" if shipped else f"in {column}"
        print(safe(f"{short_id(wanted.id)} is already {where}: {wanted.title}"))
        return 0
    if column == rules.shipped:
        print(safe(f"shipped {_said(item)}"))
    else:
        print(safe(f"moved {short_id(item.id)} to {column}: {item.title}"))
    return 0


def edit(args: argparse.Namespace) -> int:
    config = settings().settings
    store = open_store(args)
    edits: dict[str, Any] = {}
    if args.title is not None:
        edits["title"] = args.title
    if args.notes is not None:
        edits["notes"] = args.notes
    if args.tags is not None:
        with _for_people():
            edits["tags"] = rules_of_board.parse_tags(args.tags)
    if args.due is not None or args.no_due:
        edits["due"] = _due(args.due, _today(store, config))
    if args.estimate is not None or args.no_estimate:
        edits["estimate"] = _estimate(args.estimate)
    if not edits:
        raise UsageError(
            "nothing to change: give --title, --tags, --due, --no-due, --estimate, "
            "--no-estimate or --notes"
        )
    seen = cards.resolve(store, args.id)
    with _for_people():
        wanted = rules_of_board.edit(seen, store.clock.now(), **edits)
    if wanted == seen:
        print(safe(f"unchanged {_said(seen)}"))
        return 0
    item = cards.edit(store, _rules(config), seen, wanted)
    print(safe(f"edited {_said(item)}"))
    return 0


def delete(args: argparse.Namespace) -> int:
    rules = _rules(settings().settings)
    store = open_store(args)
    item = cards.delete(store, rules, cards.resolve(store, args.id))
    print(safe(f"deleted {_said(item)} (its sessions keep their time)"))
    return 0


def archive(args: argparse.Namespace) -> int:
    rules = _rules(settings().settings)
    store = open_store(args)
    count = len(cards.archive_shipped(store, rules, store.clock.now()))
    card_s = "card" if count == 1 else "cards"
    print(f"archived {count} shipped {card_s}" if count else "no shipped cards to archive")
    return 0


# reading ---------------------------------------------------------------------------


def _spent(store: Store) -> dict[str, int]:
    return cards.time_spent(store)


def _spent_text(seconds: int) -> str:
    return format_hours(seconds / 60) if seconds else ""


def _as_json(item: Item, rules: BoardRules, spent: int, today: date) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "column": rules.place(item),
        "position": item.position,
        "notes": item.notes,
        "tags": list(item.tags),
        "due": None if item.due is None else item.due.isoformat(),
        "overdue": rules_of_board.overdue(item, today),
        "estimate": item.estimate,
        "spent_minutes": round(spent / 60, 2),
        "shipped": optional_iso(item.shipped),
        "archived": item.archived,
        "created": to_iso(item.created),
        "updated": to_iso(item.updated),
    }


def list_items(args: argparse.Namespace) -> int:
    config = settings().settings
    rules = _rules(config)
    column = _column(rules, args.column)
    store = open_store(args)
    items = cards.all_cards(store)
    if args.archived:
        order = {name: i for i, name in enumerate(rules.columns)}
        shown: Sequence[Item] = sorted(
            (item for item in items if item.archived),
            key=lambda item: (order[rules.place(item)], item.position, item.id),
        )
    else:
        shown = cards.board(store, rules).all_cards()
    if column is not None:
        shown = [item for item in shown if rules.place(item) == column]
    spent = _spent(store)
    today = _today(store, config)
    if args.json:
        emit_json(
            {
                "columns": list(rules.columns),
                "items": [_as_json(item, rules, spent.get(item.id, 0), today) for item in shown],
            }
        )
        return 0
    rows = []
    for item in shown:
        due = "" if item.due is None else item.due.isoformat()
        if rules_of_board.overdue(item, today):
            due += " (overdue)"
        rows.append(
            [
                short_id(item.id),
                rules.place(item),
                item.title,
                ", ".join(item.tags),
                due,
                "" if item.estimate is None else str(item.estimate),
                _spent_text(spent.get(item.id, 0)),
            ]
        )
    table(["id", "column", "title", "tags", "due", "estimate", "spent"], rows)
    return 0


def shipped(args: argparse.Namespace) -> int:
    config = settings().settings
    rules = _rules(config)
    store = open_store(args)
    record = cards.track_record(store)
    spent = _spent(store)
    today = _today(store, config)
    heard = cards.shared_with(store)
    if args.json:
        listed = [
            {
                **_as_json(item, rules, spent.get(item.id, 0), today),
                "shared_with": [
                    {"contact_id": c.contact_id, "name": c.name, "when": to_iso(c.when)}
                    for c in heard.get(item.id, ())
                ],
            }
            for item in record
        ]
        emit_json({"items": listed})
        return 0
    from netbalance.core.weeks import local_date

    tz_name = config.zone_name()
    rows = [
        [
            short_id(item.id),
            local_date(item.shipped, tz_name).isoformat() if item.shipped else "",
            item.title,
            ", ".join(item.tags),
            _spent_text(spent.get(item.id, 0)),
            ", ".join(c.name for c in heard.get(item.id, ())),
        ]
        for item in record
    ]
    table(["id", "shipped", "title", "tags", "spent", "shared with"], rows)
    return 0
