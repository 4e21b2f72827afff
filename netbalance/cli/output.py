"""Printing for the command line: plain text when piped, Rich in a terminal.

User text (titles, names, notes) is printed as text, never as Rich markup, and with
control characters made visible so nothing typed can drive the terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from netbalance.core.text import printable as safe

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "SCHEMA",
    "UsageError",
    "emit_json",
    "envelope",
    "error",
    "format_for",
    "note",
    "output_file",
    "safe",
    "table",
]


class UsageError(Exception):
    """Bad input on the command line; printed as one line, exit 2."""


def error(message: str) -> None:
    print(f"netbalance: {safe(message)}", file=sys.stderr)


def note(message: str) -> None:
    print(safe(message), file=sys.stderr)


EXTENSIONS = {"markdown": "md", "htm": "html", "ical": "ics", "ifb": "ics", "vcard": "vcf"}


def format_for(given: str | None, target: str | None, formats: Sequence[str]) -> str:
    """The format to write: `--format` when given, else the one `-o FILE`'s extension
    names (`week.md` → md, `.htm` → html); UsageError when neither tells."""
    if given is not None:
        return given
    choices = "|".join(formats)
    if target is None:
        raise UsageError(f"give --format {choices} to write to standard output")
    suffix = os.path.splitext(target)[1].lower().removeprefix(".")
    found = EXTENSIONS.get(suffix, suffix)
    if found not in formats:
        raise UsageError(
            f"cannot tell the format of {target!r} from its extension; add --format {choices}"
        )
    return found


def output_file(name: str) -> str | None:
    """`-o NAME`: the file's name, or None (standard output) for `-`, as Unix tools read
    it (argparse's `type` for the option)."""
    return None if name == "-" else name


# Every `--json` output is one JSON object: `"schema"` first (the version of that
# command's document: a field removed or renamed raises it, fields may be added within a
# version), then named fields, each a value, an object or an array of objects, never a
# bare array at the top. Instants are UTC ISO (`2026-11-28T09:00:00+00:00`), days ISO
# dates, lengths `*_minutes` or `*_seconds`. The README's "JSON output" says the same.
SCHEMA = 1


def envelope(fields: Mapping[str, Any], schema: int = SCHEMA) -> dict[str, Any]:
    """The document a `--json` output prints: `{"schema": N, **fields}` (fields that carry
    their own `schema`, as the summary's JSON document does, keep it)."""
    return {"schema": fields.get("schema", schema), **fields}


def emit_json(fields: Mapping[str, Any], schema: int = SCHEMA) -> None:
    """Print a `--json` document (`envelope`), every character that could drive a
    terminal escaped (as `\\u009b`: it reads back as typed)."""
    import json

    from netbalance.core.text import inert_json

    print(inert_json(json.dumps(envelope(fields, schema), ensure_ascii=False, indent=2)))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
    """A table: Rich in a terminal, tab-separated lines when piped."""
    if not sys.stdout.isatty():
        if title:
            print(f"# {safe(title)}")
        print("\t".join(headers))
        for row in rows:
            print("\t".join(safe(cell) for cell in row))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rich_table = Table(title=safe(title) if title else None, title_justify="left")
    for header in headers:
        rich_table.add_column(header)
    for row in rows:
        rich_table.add_row(*(Text(safe(cell)) for cell in row))
    Console().print(rich_table)
