"""The report commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Lazy = Callable[[str, str], Any]
Commands = Any  # argparse's private _SubParsersAction

WEEK_HELP = "the week: this (default), last, 2026-W48 or a date inside it"
FORMATS = ("md", "html", "csv", "json", "ics")


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the report commands."""

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("report_commands", function))
        return sub

    report = command("report", "the weekly summary: balance, verdict, people, shipped", "report")
    report.add_argument("--week", default="this", metavar="W", help=WEEK_HELP)
    report.add_argument(
        "--json", action="store_true", help="print the document `export --format json` writes"
    )

    export = command("export", "the weekly summary as a file: md, html, csv, json or ics", "export")
    export.add_argument("--week", default="this", metavar="W", help=WEEK_HELP)
    export.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    export.add_argument(
        "--force", action="store_true", help="overwrite FILE when it exists already"
    )
