"""`netbalance __complete [--db PATH] WHAT [PREFIX]`: the values a shell completes from
the data, one a line as `value<TAB>description`, for the scripts `netbalance completion`
prints. Hidden from --help.

WHAT is `items` (card ids: the first six characters, the title as description; a
prefix matches an id or the start of a title or of a word in it), `contacts` (names,
their organisation as description; any word's start matches), `sessions` (the ids of
the last fortnight's sessions), `columns`, `weeks`, `months`, `years`, `days` or
`channels`.

A shell runs this on every Tab, so it is the status line's kind of fast path: no
argparse, no store, no settings file, no `typing`, not even orjson (importing it costs
more than parsing what is needed without it): the main file is read once and only its
items or contacts table is parsed, by the standard library's JSON decoder, from where
that table starts. It never fails loudly: any problem prints nothing, and a
shell then offers nothing.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import …`: a shell waits for this on every Tab
if TYPE_CHECKING:
    from typing import Any

WHATS = ("items", "contacts", "sessions", "columns", "weeks", "months", "years", "days", "channels")
DEFAULT_COLUMNS = ("Backlog", "Next", "Doing", "Shipped")
CHANNELS = ("in person", "call", "video", "email", "message", "event", "social", "other")


def run(words: list[str]) -> int:
    """The query, its words after `__complete`; always exit 0."""
    db = None
    rest = list(words)
    if rest[:1] == ["--db"] and len(rest) > 1:
        db, rest = rest[1], rest[2:]
    if not rest or rest[0] not in WHATS:
        return 0
    what, prefix = rest[0], (rest[1] if len(rest) > 1 else "")
    try:
        found = _values(what, prefix, db)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return 0
    out = "".join(f"{_clean(value)}\t{_clean(said)}\n" for value, said in found)
    sys.stdout.write(out)
    return 0


def _clean(text: str) -> str:
    """One line a shell can take: tabs, line breaks and control characters as spaces."""
    return "".join(" " if not char.isprintable() else char for char in text).strip()


def _values(what: str, prefix: str, db: str | None) -> list[tuple[str, str]]:
    if what == "channels":
        return [(c, "") for c in CHANNELS if c.startswith(prefix.lower())]
    if what in ("weeks", "months", "years", "days"):
        return _times(what, prefix)
    from netbalance.settings.paths import data_file

    path = data_file(db)
    if what == "columns":
        return [(c, "") for c in _columns() if c.casefold().startswith(prefix.casefold())]
    if what == "sessions":
        return _sessions(path, prefix)
    table = _table(path, "items" if what == "items" else "contacts")
    wanted = prefix.casefold()
    if what == "items":
        found = []
        for doc in table:
            if doc.get("archived"):
                continue
            record_id, title = doc["id"], doc["title"]
            if record_id.startswith(prefix) or _starts_a_word(title, wanted):
                column = "shipped" if doc.get("shipped") else doc.get("column", "")
                found.append((record_id[:6], f"{title} ({column})"))
        return found
    people = []
    for doc in table:
        name = doc["name"]
        if _starts_a_word(name, wanted) or doc["id"].startswith(prefix):
            people.append((name, doc.get("organisation", "")))
    return sorted(people, key=lambda pair: pair[0].casefold())


def _starts_a_word(text: str, wanted: str) -> bool:
    folded = text.casefold()
    return not wanted or folded.startswith(wanted) or f" {wanted}" in folded


def _table(path: str, name: str) -> list[dict[str, Any]]:
    """The documents of one table of the main file, as stored (unchecked: a shell only
    offers them; every command checks the file in full)."""
    from netbalance.store.peek import peek

    problem, _version = peek(path, "main")
    if problem or not os.path.exists(path):
        return []
    import json
    import re

    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    # a key is the only place `"items":` can stand: inside a string a quote is escaped
    start = re.search(f'"{name}"\\s*:\\s*', text)
    if start is None:
        return []
    table, _end = json.JSONDecoder().raw_decode(text, start.end())
    if not isinstance(table, dict):
        return []
    return [doc for doc in table.values() if isinstance(doc, dict)]


def _sessions(path: str, prefix: str) -> list[tuple[str, str]]:
    """The sessions of this month's and last month's files that started in the last 14
    days, newest first."""
    from datetime import timedelta

    from netbalance.core.clock import default_clock

    now = default_clock().now()
    stem = os.path.realpath(path)
    stem = stem[: -len(".json")] if stem.endswith(".json") else stem
    since = (now - timedelta(days=14)).isoformat()
    months = sorted({f"{now:%Y-%m}", f"{now - timedelta(days=14):%Y-%m}"})
    import json

    found: list[dict[str, Any]] = []
    for month in months:
        try:
            with open(f"{stem}.{month}.json", "rb") as handle:
                data = json.loads(handle.read())
        except FileNotFoundError:
            continue
        for doc in data.get("sessions", {}).values():
            if isinstance(doc, dict) and doc["start"] >= since and doc["id"].startswith(prefix):
                found.append(doc)
    found.sort(key=lambda doc: doc["start"], reverse=True)
    return [
        (
            doc["id"][:6],
            f"{doc['kind']} {doc['start'][:16].replace('T', ' ')} UTC {doc.get('note', '')}",
        )
        for doc in found
    ]


def _columns() -> tuple[str, ...]:
    """The board's columns from the settings file (its `board.columns`), else the default."""
    from netbalance.settings.parsed_toml import loads
    from netbalance.settings.paths import config_file

    path = config_file()
    try:
        with open(path, "rb") as handle:
            columns = loads(path, handle.read()).get("board", {}).get("columns")
    except (OSError, ValueError):
        return DEFAULT_COLUMNS
    if isinstance(columns, list) and all(isinstance(c, str) for c in columns) and columns:
        return tuple(columns)
    return DEFAULT_COLUMNS


def _times(what: str, prefix: str) -> list[tuple[str, str]]:
    """Words and the last few weeks, months, years or days, newest first."""
    from datetime import timedelta

    from netbalance.core.clock import default_clock

    today = default_clock().now().date()
    if what == "weeks":
        words = [("this", "this week"), ("last", "last week"), ("next", "next week")]
        for back in range(8):
            year, week, _ = (today - timedelta(weeks=back)).isocalendar()
            words.append((f"{year}-W{week:02d}", ""))
    elif what == "months":
        words = [("this", "this month"), ("last", "last month")]
        year, month = today.year, today.month
        for _ in range(12):
            words.append((f"{year:04d}-{month:02d}", ""))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif what == "years":
        words = [("this", "this year"), ("last", "last year")]
        words += [(f"{today.year - back}", "") for back in range(5)]
    else:
        words = [("today", ""), ("yesterday", "")]
        words += [(name, "") for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
        words += [((today - timedelta(days=back)).isoformat(), "") for back in range(7)]
    return [(word, said) for word, said in words if word.startswith(prefix)]
