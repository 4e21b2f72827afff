"""The weekly summary as a small document — headings, lines, tables — that the Markdown,
plain text, HTML and terminal renderings all draw, so they show the same numbers.

Every string here is unescaped; each renderer makes user text safe for its medium.
"""

from __future__ import annotations

from typing import NamedTuple

from netbalance.core.summary import DayLine, WeeklySummary
from netbalance.exports.figures import (
    boxes_line,
    budget_line,
    day_name,
    due_text,
    format_hours,
    period,
    streak_line,
    tz_of,
)


class Lines(NamedTuple):
    """`label: text` lines under a heading."""

    heading: str
    lines: tuple[tuple[str, str], ...]


class Table(NamedTuple):
    heading: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "none"


Block = Lines | Table


def blocks(summary: WeeklySummary) -> list[Block]:
    tz = tz_of(summary)
    plan = summary.plan
    own = (
        (
            (
                "Plan",
                f"the week's own: produce {plan.produce_budget_hours:g} h, network "
                f"{plan.network_budget_hours:g} h, aiming for {summary.target_text}",
            ),
        )
        if plan.own
        else ()
    )
    found: list[Block] = [
        Lines(
            "Balance",
            (
                ("Week", f"{summary.week} ({period(summary)}, {summary.time_zone})"),
                ("Produce", format_hours(summary.produce)),
                ("Network", format_hours(summary.network)),
                ("Ratio", f"{summary.ratio_text} (target {summary.target_text})"),
                ("Verdict", summary.verdict.text),
                *own,
                ("Budgets", "; ".join(budget_line(summary))),
                ("Boxes", boxes_line(summary)),
                ("Streak", streak_line(summary)),
                ("Next box", summary.next_box.text),
            ),
        ),
        Table(
            "Per day",
            ("Day", "Produce", "Network", "Ratio", "Boxes"),
            (*(_day_row(line) for line in summary.days), _total_row(summary)),
        ),
        Table(
            "Time per item",
            ("Item", "Time", "Boxes", "Shipped"),
            tuple(
                (
                    line.title,
                    format_hours(line.minutes),
                    str(line.boxes),
                    "yes" if line.shipped else "",
                )
                for line in summary.time_per_item
            ),
        ),
        Table(
            "Shipped",
            ("Item", "Shipped"),
            tuple(
                (
                    item.title,
                    f"{item.shipped.astimezone(tz):%a %d %b %H:%M}" if item.shipped else "",
                )
                for item in summary.items_shipped
            ),
        ),
        Table(
            "Shared this week",
            ("Item", "With", "When", "Channel"),
            tuple(
                (
                    shared.title,
                    shared.name,
                    f"{shared.when.astimezone(tz):%a %d %b %H:%M}",
                    shared.channel,
                )
                for shared in summary.shared
            ),
            empty="nothing shared",
        ),
        Table(
            "People met",
            ("When", "Who", "Channel", "Time", "Exchange", "Shared", "Note"),
            tuple(
                (
                    f"{meeting.when.astimezone(tz):%a %d %b %H:%M}",
                    meeting.name,
                    meeting.channel,
                    format_hours(meeting.minutes),
                    meeting.exchange,
                    meeting.shared,
                    meeting.note,
                )
                for meeting in summary.people_met
            ),
        ),
        Table(
            "New contacts",
            ("Name", "Organisation", "Added"),
            tuple(
                (contact.name, contact.organisation, f"{contact.created.astimezone(tz):%a %d %b}")
                for contact in summary.new_contacts
            ),
        ),
        Table(
            "Follow-ups due next week",
            ("Who", "Due"),
            tuple((due.name, due_text(due)) for due in summary.follow_ups_next_week),
        ),
        Table(
            "Going stale",
            ("Who", "Due"),
            tuple((due.name, due_text(due)) for due in summary.going_stale),
        ),
    ]
    if summary.reflection:  # a line each, unlabelled
        lines = summary.reflection.splitlines()
        found.append(Lines("Reflection", tuple(("", line) for line in lines if line.strip())))
    return found


def _day_row(line: DayLine) -> tuple[str, ...]:
    return (
        day_name(line.day),
        format_hours(line.produce),
        format_hours(line.network),
        line.ratio_text,
        str(line.boxes),
    )


def _total_row(summary: WeeklySummary) -> tuple[str, ...]:
    return (
        "Total",
        format_hours(summary.produce),
        format_hours(summary.network),
        summary.ratio_text,
        str(sum(line.boxes for line in summary.days)),
    )
