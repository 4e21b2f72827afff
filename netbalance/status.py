"""`netbalance status`: one line about the running box, for a shell prompt.

It reads only the small box file, with the standard library: no history is parsed and
no heavy module is imported, so it is cheap enough to run on every prompt.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from typing import Any

from netbalance.core import timer
from netbalance.core.instants import format_duration, to_iso
from netbalance.core.models import ActiveBox
from netbalance.store.errors import DataFileError
from netbalance.store.schema import shape_problem

DEFAULT_FORMAT = "{kind} {clock} {left}{paused}"


def box_path(data_path: str) -> str:
    stem = data_path[: -len(".json")] if data_path.endswith(".json") else data_path
    return f"{stem}.box.json"


_MAIN_HEAD = re.compile(rb'^\s*\{\s*"meta"\s*:\s*\{\s*"1"\s*:\s*\{[^{}]*"role"\s*:\s*"main"')


def _looks_whole(path: str) -> str | None:
    """A cheap check of the main data file, which status never parses (that would cost
    more than the rest of the command): it must open with netbalance's meta record and
    close its object. Every other command parses and validates the file in full."""
    try:
        size = os.path.getsize(path)
    except FileNotFoundError:
        return None
    if size == 0:
        return "the file is empty (0 bytes)"
    with open(path, "rb") as handle:
        head = handle.read(160)
        handle.seek(max(0, size - 64))
        tail = handle.read().rstrip()
    if not tail.endswith(b"}"):
        return "not a whole JSON object (truncated or with trailing garbage)"
    if not _MAIN_HEAD.match(head):
        return "it does not start with netbalance's meta record"
    return None


def read_box(data_path: str) -> ActiveBox | None:
    from netbalance.store.codec import box_from_doc

    problem = _looks_whole(data_path)
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
    problem = shape_problem(data, "box")
    if problem:
        raise DataFileError(path, problem, None)
    try:
        docs = list(data.get("box", {}).values())
        return box_from_doc(docs[0]) if docs else None
    except (ValueError, KeyError, TypeError) as error:
        raise DataFileError(path, f"unreadable running box: {error}", None) from None


def fields(box: ActiveBox | None, now: datetime) -> dict[str, Any]:
    """Everything `status --json` prints and `--format` can use."""
    if box is None:
        return {"state": "idle"}
    remaining = timer.remaining_seconds(box, now)
    elapsed = timer.elapsed_seconds(box, now)
    if box.is_paused:
        state = "paused"
    elif remaining == 0:
        state = "over"
    else:
        state = "running"
    return {
        "state": state,
        "id": box.id,
        "kind": box.kind.value,
        "started": to_iso(box.started),
        "planned_seconds": box.planned_seconds,
        "elapsed_seconds": elapsed,
        "remaining_seconds": remaining,
        "paused_seconds": box.paused_seconds,
        "link": box.link or "",
        "note": box.note,
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
    elapsed = format_duration(values["elapsed_seconds"])
    shown = dict(values)
    shown.update(
        elapsed=elapsed,
        remaining="" if remaining is None else format_duration(remaining),
        clock=elapsed if remaining is None else format_duration(remaining),
        left="elapsed" if remaining is None else ("done" if remaining == 0 else "left"),
        paused=" (paused)" if values["state"] == "paused" else "",
    )
    return (template or DEFAULT_FORMAT).format_map(_Blank(shown))


class _Blank(dict[str, Any]):
    """Unknown template fields render as `{name}` instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
