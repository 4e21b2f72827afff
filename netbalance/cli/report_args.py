"""The report commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from netbalance.cli.output import output_file

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction

WEEK_HELP = "the week: this (default), last, 2026-W48 or a date inside it"
FORMATS = ("md", "html", "csv", "json", "ics")


def add_span(sub: argparse.ArgumentParser) -> None:
    """The days a command covers: --week (the default, this week), --day, --month,
    --year, or --from D [--to D]."""
    spans = sub.add_argument_group("the days covered (one of them; default: this week)")
    spans.add_argument("--week", metavar="W", help=WEEK_HELP)
    spans.add_argument("--day", metavar="D", help="one day: 2026-11-20, today, yesterday, fri, -1d")
    spans.add_argument("--month", metavar="M", help="a month: 2026-11, this or last")
    spans.add_argument("--year", metavar="Y", help="a year: 2026, this or last")
    spans.add_argument(
        "--from", dest="span_from", metavar="D", help="the first day (a date, today, mon, -7d …)"
    )
    spans.add_argument(
        "--to", dest="span_to", metavar="D", help="the last day, with --from (default: today)"
    )


def span_of(args: argparse.Namespace, today: Any, week_start: int) -> Any:
    """The `core.spans.Span` the options name; UsageError when two of them are given."""
    from netbalance.cli.output import UsageError
    from netbalance.core.spans import parse_span

    given = [
        option
        for option, value in (
            ("--week", args.week),
            ("--day", args.day),
            ("--month", args.month),
            ("--year", args.year),
            ("--from", args.span_from or args.span_to),
        )
        if value is not None
    ]
    if len(given) > 1:
        raise UsageError(f"{' and '.join(given)} name different days: give one of them")
    return parse_span(
        today,
        week_start,
        week=args.week,
        day=args.day,
        month=args.month,
        year=args.year,
        start=args.span_from,
        end=args.span_to,
    )


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the report commands."""

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("report_commands", function))
        return sub

    report = command("report", "the weekly summary: balance, verdict, people, shipped", "report")
    add_span(report)
    report.add_argument(
        "--by",
        choices=["tag", "card", "contact"],
        help="only the time per tag, per card or per person, most first",
    )
    report.add_argument(
        "--json", action="store_true", help="print the document `export --format json` writes"
    )

    export = command("export", "the weekly summary as a file: md, html, csv, json or ics", "export")
    add_span(export)
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="the file format (default: FILE's extension: week.md, week.html …)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=output_file,
        help="write to FILE (default, or -: standard output)",
    )
    export.add_argument(
        "--force", action="store_true", help="overwrite FILE when it exists already"
    )
