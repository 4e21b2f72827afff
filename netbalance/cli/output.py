"""Printing for the command line: plain text when piped, Rich in a terminal.

User text (titles, names, notes) is printed as text, never as Rich markup, and with
control characters made visible so nothing typed can drive the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from netbalance.core.text import printable as safe

__all__ = ["UsageError", "emit_json", "error", "note", "safe", "table"]


class UsageError(Exception):
    """Bad input on the command line; printed as one line, exit 2."""


def error(message: str) -> None:
    print(f"netbalance: {safe(message)}", file=sys.stderr)


def note(message: str) -> None:
    print(safe(message), file=sys.stderr)


def emit_json(value: Any) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2))


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
