"""`netbalance status`: one line about the running box, for a shell prompt.

It reads only the small box file, with the standard library, and works on the stored
document itself: no history is parsed and no heavy module (not even `dataclasses` or
`typing`) is imported, so it is cheap enough to run on every prompt.
"""

from __future__ import annotations

import os
import sys

from netbalance.core import box_clock
from netbalance.core.instants import format_clock, from_iso
from netbalance.store.errors import DataFileError
from netbalance.store.peek import box_doc, own_data_path, peek

TYPE_CHECKING = False  # not `from typing import …`: importing typing costs this command
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

DEFAULT_FORMAT = "{kind} {clock} {left}{paused}"


def _stem(path: str) -> str:
    return path[: -len(".json")] if path.endswith(".json") else path


def box_path(data_path: str) -> str:
    """The box file beside the data file (beside its target, when it is a symlink)."""
    return f"{_stem(own_data_path(data_path))}.box.json"


def read_box(data_path: str) -> dict[str, Any] | None:
    """The stored running box, as its document; None when nothing runs. The main file
    gets only a cheap look (`peek`): status never parses it, that would cost more than
    the rest of the command; every other command validates it in full."""
    data_path = own_data_path(data_path)
    problem, _version = peek(data_path, "main")
    if problem:
        raise DataFileError(data_path, problem, None)
    return box_doc(box_path(data_path))


def box_elsewhere(data_path: str) -> tuple[dict[str, Any] | None, str]:
    """A box running on another device of a folder laid out for several devices (the
    first by name), and that device's name; (None, "") when none runs."""
    data_path = os.path.realpath(data_path)
    folder = f"{_stem(data_path)}.devices"
    if not os.path.isdir(folder):
        return None, ""
    mine = os.path.basename(os.path.dirname(own_data_path(data_path)))
    name = os.path.basename(_stem(data_path))
    for device in sorted(os.listdir(folder)):
        if device == mine or device.startswith("."):
            continue
        try:
            doc = box_doc(os.path.join(folder, device, f"{name}.box.json"))
        except DataFileError:
            continue  # another device's torn or odd file is not this one's problem
        if doc is not None:
            return doc, device
    return None, ""


def fields(doc: dict[str, Any] | None, now: datetime) -> dict[str, Any]:
    """Everything `status --json` prints and `--format` can use."""
    if doc is None:
        return {"state": "idle"}
    try:
        started = from_iso(doc["started"])
        paused_at = from_iso(doc["paused_at"]) if doc.get("paused_at") else None
        paused_seconds = doc.get("paused_seconds", 0)
        planned = doc.get("planned_seconds")
        if type(paused_seconds) is not int or not (planned is None or type(planned) is int):
            raise TypeError("a count that is not a whole number")
        elapsed = box_clock.elapsed_seconds(started, now, paused_at, paused_seconds)
        remaining = box_clock.remaining_seconds(planned, elapsed)
    except (KeyError, ValueError, TypeError, OverflowError) as error:
        raise DataFileError("the running box", f"unreadable: {error!r}", None) from None
    if paused_at is not None:
        state = "paused"
    elif remaining == 0:
        state = "over"
    else:
        state = "running"
    tags = doc.get("tags")
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
        "tags": [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else [],
    }


# The fields a --format template may name: those of `status --json` and the words made
# of them (clock, left, remaining and elapsed as clocks, paused as ` (paused)`).
FIELDS = (
    "kind", "state", "clock", "left", "remaining", "elapsed", "link", "note", "tags", "paused",
    "id", "started", "planned_seconds", "elapsed_seconds", "remaining_seconds",
    "paused_seconds", "device",
)  # fmt: skip


class TemplateError(ValueError):
    """A --format template that cannot be read, or names a field that is not there."""


def check_template(template: str) -> None:
    """Every field of a template is one of FIELDS, named bare (`{kind}`, `{clock:>8}`):
    `{nope}`, `{0}` or `{kind.upper}` raise TemplateError naming it. Checked when
    nothing runs too, so a prompt set up while idle does not break once a box starts."""
    import _string  # type: ignore[import-not-found]  # string.Formatter.parse, without `string`

    try:
        parts = list(_string.formatter_parser(template))
    except ValueError as problem:
        raise TemplateError(str(problem)) from None
    for _text, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS:
            known = " ".join(FIELDS[:12])
            said = f"{{{name}}}" if name else "{} (a field needs a name)"
            raise TemplateError(
                f"unknown field {said}; the fields are {known} and the *_seconds of --json"
            )
        if conversion not in (None, "s", "r", "a"):
            raise TemplateError(f"unknown conversion '!{conversion}' of {{{name}}}")
        if spec and "{" in spec:
            raise TemplateError(f"a field inside the format of {{{name}}}")


def shown_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values a template fills in: while idle every field but `{state}` is empty."""
    if values["state"] == "idle":
        return {name: "" for name in FIELDS} | {"state": "idle"}
    remaining = values["remaining_seconds"]
    elapsed = format_clock(values["elapsed_seconds"])
    shown = dict(values)
    shown.update(
        elapsed=elapsed,
        remaining="" if remaining is None else format_clock(remaining),
        clock=elapsed if remaining is None else format_clock(remaining),
        left="elapsed" if remaining is None else ("done" if remaining == 0 else "left"),
        paused=" (paused)" if values["state"] == "paused" else "",
        tags=", ".join(values.get("tags") or ()),
        device=values.get("device", ""),
    )
    for name, value in shown.items():
        if value is None:
            shown[name] = ""
    return shown


def line(values: dict[str, Any], template: str | None, idle: str | None = None) -> str:
    """The one-line status. Idle: `idle`, else the template filled in with `{state}` as
    `idle` and every other field empty, else `idle` (the text of --idle before both). A
    bad template raises TemplateError, idle or not."""
    if template is not None:
        check_template(template)
    if values["state"] == "idle":
        if idle is not None:
            return idle
        if template is None:
            return "idle"
    try:
        shown = (template or DEFAULT_FORMAT).format_map(shown_values(values)).strip()
    except (ValueError, LookupError, AttributeError, TypeError) as problem:
        raise TemplateError(str(problem)) from None
    device = values.get("device")
    return f"{shown} on {device}" if device and template is None else shown


def waybar(values: dict[str, Any], idle: str | None) -> str:
    """Waybar's custom-module JSON (`"return-type": "json"`): `text`, `tooltip`, `class`
    (produce, network, paused or idle) and, for a countdown, `percentage` done."""
    import json

    state = values["state"]
    text = line(values, None, idle)
    if state == "idle":
        return json.dumps({"text": text, "tooltip": "no box is running", "class": "idle"})
    shown = shown_values(values)
    parts = [f"{shown['kind']} box"]
    if shown["link"]:
        parts.append(f"on {shown['link']}")
    parts.append(f"{shown['clock']} {shown['left']}{shown['paused']}")
    tooltip = " · ".join(parts)
    if shown["tags"]:
        tooltip += f"\ntags: {shown['tags']}"
    if shown["note"]:
        tooltip += f"\nnote: {shown['note']}"
    result: dict[str, Any] = {
        "text": text,
        "tooltip": tooltip,
        "class": "paused" if state == "paused" else values["kind"],
    }
    planned = values["planned_seconds"]
    if planned:
        result["percentage"] = min(100, round(100 * values["elapsed_seconds"] / planned))
    return json.dumps(result)  # ASCII: what a note holds reads back, and drives nothing


def run(args: list[str]) -> int | None:
    """`netbalance [--db PATH] status [--json | --format T] [--idle TEXT] [--db PATH]`
    without argparse; None when the arguments need the full parser (help, a mistake)."""
    db: str | None = None
    template: str | None = None
    idle: str | None = None
    as_json = False
    seen_status = False
    rest = list(args)
    options = ("--db", "--format", "--idle")
    while rest:
        word = rest.pop(0)
        if word == "status" and not seen_status:
            seen_status = True
        elif word in options and rest and (word == "--db" or seen_status):
            value = rest.pop(0)
            if word == "--db":
                db = value
            elif word == "--format":
                template = value
            else:
                idle = value
        elif word.startswith(tuple(f"{option}=" for option in options)) and (
            word.startswith("--db=") or seen_status
        ):
            name, _, value = word.partition("=")
            if name == "--db":
                db = value
            elif name == "--format":
                template = value
            else:
                idle = value
        elif word == "--json" and seen_status:
            as_json = True
        else:
            return None
    if not seen_status or (as_json and template is not None):
        return None
    return show(db, as_json=as_json, template=template, idle=idle)


def show(db: str | None, *, as_json: bool, template: str | None, idle: str | None = None) -> int:
    """Print the status of the data file `db` (None: the default one); the exit code."""
    from netbalance.core.clock import ClockError, default_clock
    from netbalance.core.text import printable
    from netbalance.settings.paths import data_file

    if as_json and idle is not None:
        said = "--idle shapes the status line; --json prints every field"
        print(f"netbalance: {said}", file=sys.stderr)
        return 2
    try:
        if template is not None and template != "waybar":
            check_template(template)  # before any file is read: a typo is the first thing said
        path = data_file(db)
        doc, device = read_box(path), ""
        if doc is None:
            doc, device = box_elsewhere(path)
        values = fields(doc, default_clock().now())
        if device:
            values["device"] = device
        if as_json:
            import json

            print(json.dumps({"schema": 1, **values}, indent=2))
            return 0
        shown = waybar(values, idle) if template == "waybar" else line(values, template, idle)
    except (DataFileError, ClockError) as problem:
        print(f"netbalance: {printable(str(problem))}", file=sys.stderr)
        return 2
    except TemplateError as problem:
        message = f"bad --format template {template!r}: {problem}"
        print(f"netbalance: {printable(message)}", file=sys.stderr)
        return 2
    print(printable(shown))
    return 0
