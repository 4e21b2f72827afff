"""`netbalance report` and `netbalance export`: the weekly summary, in the terminal or as
a file. Only the month files the week touches are read."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from netbalance.cli.context import open_store, settings
from netbalance.cli.output import note

if TYPE_CHECKING:
    from netbalance.core.summary import WeeklySummary
    from netbalance.settings.config import Settings


def _summary(args: argparse.Namespace) -> tuple[WeeklySummary, Settings]:
    from netbalance.actions.summary import weekly_summary
    from netbalance.core.weeks import local_date, parse_week

    loaded = settings()
    for problem in loaded.problems:
        note(problem)
    config = loaded.settings
    store = open_store(args)
    today = local_date(store.clock.now(), config.zone_name())
    first = parse_week(args.week, today, config.week_start)
    return weekly_summary(store, first, config), config


def report(args: argparse.Namespace) -> int:
    summary, _config = _summary(args)
    if args.json:
        from netbalance.exports.json_doc import render_json

        sys.stdout.write(render_json(summary))  # the export's document: schema first
        return 0
    if sys.stdout.isatty():
        from netbalance.cli.report_view import show

        show(summary)
    else:
        from netbalance.exports.md import render_plain

        sys.stdout.write(render_plain(summary))
    return 0


def export(args: argparse.Namespace) -> int:
    from netbalance.actions.writing import check_target, write_file

    target = args.output
    if target is not None:
        check_target(target, force=args.force)
    summary, config = _summary(args)
    from netbalance.actions.writing import export_colours
    from netbalance.exports import render

    colours = None
    if args.format == "html":
        colours = export_colours(config.theme)
    data = render(summary, args.format, colours)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    write_file(target, data, force=args.force)
    note(f"wrote {target}")
    return 0
