"""`netbalance log`: the sessions of one week, in the user's time zone, under the week's
produce and network time and ratio (`actions.figures`: the numbers `report`, the exports,
the dashboard and History show; network time counts interactions logged without a box)."""

from __future__ import annotations

import argparse

from netbalance.actions import figures, past_time
from netbalance.cli.context import open_store, settings
from netbalance.cli.output import emit_json, table
from netbalance.core.history import clock_span
from netbalance.core.instants import format_hours, format_length, to_iso
from netbalance.core.weeks import DayGrid, local_date


def run(args: argparse.Namespace) -> int:
    from netbalance.cli.report_args import span_of

    config = settings().settings
    store = open_store(args)
    tz_name = config.zone_name()
    today = local_date(store.clock.now(), tz_name)
    span = span_of(args, today, config.week_start)
    first = span.first
    grid = DayGrid.build(first, span.days, tz_name)
    sessions = past_time.between(store, grid.start, grid.end)
    week = figures.span(store, grid)
    label = span.label
    if args.json:
        emit_json(
            {
                "week": label if span.is_week else None,
                "span": {"unit": span.unit, "label": label, "days": span.days},
                "first_day": first.isoformat(),
                "last_day": span.last.isoformat(),
                "time_zone": tz_name,
                "produce_minutes": round(week.produce, 2),
                "network_minutes": round(week.network, 2),
                "ratio": None if week.ratio is None else round(week.ratio, 2),
                "sessions": [
                    {
                        "id": session.id,
                        "kind": session.kind.value,
                        "start": to_iso(session.start),
                        "end": to_iso(session.end),
                        "minutes": round(session.minutes, 2),
                        "paused_seconds": session.paused_seconds,
                        "link": session.link,
                        "note": session.note,
                        "tags": list(session.tags),
                        "recovered": session.recovered,
                    }
                    for session in sessions
                ],
            }
        )
        return 0
    rows = []
    for session in sessions:
        start = session.start.astimezone(_tzinfo(tz_name))
        rows.append(
            [
                session.id[:6],
                f"{start:%a %Y-%m-%d}",
                clock_span(session.start, session.end, _tzinfo(tz_name)),
                session.kind.value,
                format_length(session.active_seconds),
                session.link or "",
                session.note,
                ", ".join(session.tags),
            ]
        )
    days = f"{first:%d %b} – {span.last:%d %b}" if span.days > 1 else f"{first:%a %d %b %Y}"
    if span.days > 1 and (span.first.year != span.last.year or not span.is_week):
        days = f"{first:%d %b %Y} – {span.last:%d %b %Y}"
    title = (
        f"{label} ({days}): "
        f"produce {format_hours(week.produce)}, "
        f"network {format_hours(week.network)}, ratio {week.ratio_text}"
    )
    table(["id", "day", "time", "kind", "length", "on", "note", "tags"], rows, title=title)
    return 0


def _tzinfo(tz_name: str):  # type: ignore[no-untyped-def]
    from netbalance.core.weeks import zone

    return zone(tz_name)
