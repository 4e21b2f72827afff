"""`netbalance report` and `netbalance export`: the weekly summary, in the terminal or as
a file. Only the month files the week touches are read."""

from __future__ import annotations

import argparse
import sys

from netbalance.cli.context import open_store, settings
from netbalance.cli.output import note

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.core.summary import WeeklySummary
    from netbalance.settings.config import Settings


def _summary(args: argparse.Namespace) -> tuple[WeeklySummary, Settings]:
    from netbalance.actions.summary import weekly_summary
    from netbalance.cli.report_args import span_of
    from netbalance.core.weeks import local_date

    loaded = settings()
    for problem in loaded.problems:
        note(problem)
    config = loaded.settings
    store = open_store(args)
    today = local_date(store.clock.now(), config.zone_name())
    span = span_of(args, today, config.week_start)
    return weekly_summary(store, span.first, config, span=span), config


def report(args: argparse.Namespace) -> int:
    summary, _config = _summary(args)
    if args.json:
        from netbalance.exports.json_doc import render_json

        sys.stdout.write(render_json(summary))  # the export's document: schema first
        return 0
    if args.by is not None:
        return _by(summary, args.by)
    if sys.stdout.isatty():
        from netbalance.cli.report_view import show

        show(summary)
    else:
        from netbalance.exports.md import render_plain

        sys.stdout.write(render_plain(summary))
    return 0


def _by(summary: WeeklySummary, by: str) -> int:
    """`report --by tag|card|contact`: one table, most time first, with each row's share
    of the span's tracked time."""
    from netbalance.cli.output import table
    from netbalance.core.instants import format_hours
    from netbalance.core.summary import time_per_contact, time_per_tag
    from netbalance.exports.figures import period, unit_word

    total = summary.produce + summary.network

    def share(minutes: float) -> str:
        return f"{100 * minutes / total:.0f} %" if total > 0 else ""

    rows: list[list[str]]
    if by == "tag":
        headers = ["tag", "time", "boxes", "share"]
        rows = [
            [
                line.tag or "(no tag)",
                format_hours(line.minutes),
                str(line.boxes),
                share(line.minutes),
            ]
            for line in time_per_tag(summary)
        ]
    elif by == "card":
        headers = ["card", "time", "boxes", "shipped", "share"]
        rows = [
            [
                line.title,
                format_hours(line.minutes),
                str(line.boxes),
                "yes" if line.shipped else "",
                share(line.minutes),
            ]
            for line in summary.time_per_item
        ]
    else:
        headers = ["contact", "time", "meetings", "share"]
        rows = [
            [line.name, format_hours(line.minutes), str(line.meetings), share(line.minutes)]
            for line in time_per_contact(summary)
        ]
    title = (
        f"{unit_word(summary)} {summary.week} ({period(summary)}): time per {by}, "
        f"of {format_hours(total)} tracked"
    )
    table(headers, rows, title=title)
    return 0


def export(args: argparse.Namespace) -> int:
    from netbalance.actions.writing import check_target, write_file
    from netbalance.cli.output import format_for
    from netbalance.cli.report_args import FORMATS

    target = args.output
    fmt = format_for(args.format, target, FORMATS)
    if target is not None:
        check_target(target, force=args.force)
    summary, config = _summary(args)
    from netbalance.actions.writing import export_colours
    from netbalance.exports import render

    colours = None
    if fmt == "html":
        colours = export_colours(config.theme)
    data = render(summary, fmt, colours)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    write_file(target, data, force=args.force)
    note(f"wrote {target}")
    return 0
