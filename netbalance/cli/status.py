"""`netbalance status`: one line about the running box, for a shell prompt.

It reads only the small box file, with the standard library, and works on the stored
document itself: no history is parsed and no heavy module (not even `dataclasses` or
`typing`) is imported, so it is cheap enough to run on every prompt.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import datetime

from netbalance.core import box_clock
from netbalance.core.instants import format_clock, from_iso
from netbalance.store.errors import DataFileError
from netbalance.store.peek import peek

TYPE_CHECKING = False  # not `from typing import …`: importing typing costs this command
if TYPE_CHECKING:
    from typing import Any

DEFAULT_FORMAT = "{kind} {clock} {left}{paused}"
_BOX_HEAD = re.compile(rb'^\s*\{\s*"meta"\s*:\s*\{\s*"1"\s*:\s*\{[^{}]*"role"\s*:\s*"box"')


def box_path(data_path: str) -> str:
    """The box file beside the data file (beside its target, when it is a symlink)."""
    data_path = os.path.realpath(data_path)
    stem = data_path[: -len(".json")] if data_path.endswith(".json") else data_path
    return f"{stem}.box.json"


def read_box(data_path: str) -> dict[str, Any] | None:
    """The stored running box, as its document; None when nothing runs. The main file
    gets only a cheap look (`peek`): status never parses it, that would cost more than
    the rest of the command; every other command validates it in full."""
    problem, _version = peek(data_path, "main")
    if problem:
        raise DataFileError(data_path, problem, None)
    path = box_path(data_path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise DataFileError(path, f"not JSON: {error}", None) from None
    boxes = data.get("box", {}) if isinstance(data, dict) else None
    if not _BOX_HEAD.match(raw) or not isinstance(boxes, dict):
        raise DataFileError(path, "it is not netbalance's running-box file", None)
    docs = list(boxes.values())
    if not docs:
        return None
    doc = docs[0]
    if not isinstance(doc, dict) or doc.get("kind") not in ("produce", "network"):
        raise DataFileError(path, "unreadable running box", None)
    return doc


def fields(doc: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    """Everything `status --json` prints and `--format` can use."""
    if doc is None:
        return {"state": "idle"}
    try:
        started = from_iso(doc["started"])
        paused_at = from_iso(doc["paused_at"]) if doc.get("paused_at") else None
        paused_seconds = int(doc.get("paused_seconds", 0))
        planned = doc.get("planned_seconds")
    except (KeyError, ValueError, TypeError) as error:
        raise DataFileError("the running box", f"unreadable: {error!r}", None) from None
    elapsed = box_clock.elapsed_seconds(started, now, paused_at, paused_seconds)
    remaining = box_clock.remaining_seconds(planned, elapsed)
    if paused_at is not None:
        state = "paused"
    elif remaining == 0:
        state = "over"
    else:
        state = "running"
    return {
        "state": state,
        "id": doc.get("id", ""),
        "kind": doc["kind"],
        "started": doc["started"],
        "planned_seconds": planned,
        "elapsed_seconds": elapsed,
        "remaining_seconds": remaining,
        "paused_seconds": paused_seconds,
        "link": doc.get("item_title") or doc.get("contact_name") or "",
        "note": doc.get("note", ""),
    }


def line(values: dict[str, Any], template: str | None) -> str:
    """The one-line status; `idle` when nothing runs. A template that cannot be read
    (`{` alone, say) raises ValueError even when idle, so a prompt set up while nothing
    runs is not broken only once a box starts."""
    if values["state"] == "idle":
        if template:
            from string import Formatter

            list(Formatter().parse(template))
        return "idle"
    remaining = values["remaining_seconds"]
    elapsed = format_clock(values["elapsed_seconds"])
    shown = dict(values)
    shown.update(
        elapsed=elapsed,
        remaining="" if remaining is None else format_clock(remaining),
        clock=elapsed if remaining is None else format_clock(remaining),
        left="elapsed" if remaining is None else ("done" if remaining == 0 else "left"),
        paused=" (paused)" if values["state"] == "paused" else "",
    )
    return (template or DEFAULT_FORMAT).format_map(_Blank(shown))


class _Blank(dict):  # type: ignore[type-arg]
    """Unknown template fields render as `{name}` instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def run(args: list[str]) -> int | None:
    """`netbalance [--db PATH] status [--json | --format T] [--db PATH]` without argparse;
    None when the arguments need the full parser (help, a mistake)."""
    db: str | None = None
    template: str | None = None
    as_json = False
    seen_status = False
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word == "status" and not seen_status:
            seen_status = True
        elif word in ("--db", "--format") and rest:
            value = rest.pop(0)
            if word == "--db":
                db = value
            else:
                template = value
        elif word.startswith(("--db=", "--format=")):
            name, _, value = word.partition("=")
            if name == "--db":
                db = value
            else:
                template = value
        elif word == "--json" and seen_status:
            as_json = True
        else:
            return None
    if not seen_status or (as_json and template is not None):
        return None
    return show(db, as_json=as_json, template=template)


def show(db: str | None, *, as_json: bool, template: str | None) -> int:
    """Print the status of the data file `db` (None: the default one); the exit code."""
    from netbalance.core.clock import ClockError, default_clock
    from netbalance.core.text import printable
    from netbalance.settings.paths import data_file

    try:
        values = fields(read_box(data_file(db)), default_clock().now())
        if as_json:
            print(json.dumps(values, indent=2))
            return 0
        shown = line(values, template)
    except (DataFileError, ClockError) as problem:
        print(f"netbalance: {printable(str(problem))}", file=sys.stderr)
        return 2
    except (ValueError, LookupError, AttributeError, TypeError) as problem:
        message = f"bad --format template {template!r}: {problem}"
        print(f"netbalance: {printable(message)}", file=sys.stderr)
        return 2
    print(printable(shown))
    return 0
