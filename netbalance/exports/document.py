"""The weekly summary as a small document — headings, lines, tables — that the Markdown,
plain text, HTML and terminal renderings all draw, so they show the same numbers.

Every string here is unescaped; each renderer makes user text safe for its medium.
"""

from __future__ import annotations

from netbalance.core.named import NamedTuple
from netbalance.core.summary import WeeklySummary, time_per_tag
from netbalance.exports.figures import (
    Period,
    boxes_line,
    budget_line,
    due_text,
    format_hours,
    period,
    periods,
    streak_line,
    tz_of,
    unit_word,
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
    heading, rows = periods(summary)
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
                (unit_word(summary), f"{summary.week} ({period(summary)}, {summary.time_zone})"),
                ("Produce", format_hours(summary.produce)),
                ("Network", format_hours(summary.network)),
                ("Ratio", f"{summary.ratio_text} (target {summary.target_text})"),
                ("Verdict", summary.verdict.text),
                *own,
                ("Budgets", "; ".join(budget_line(summary))),
                ("Boxes", boxes_line(summary)),
                ("Streak", streak_line(summary)),
                # what to do now: nothing for a week that is over
                *(() if summary.ended else (("Next box", summary.next_box.text),)),
            ),
        ),
        Table(
            heading,
            (heading.removeprefix("Per ").capitalize(), "Produce", "Network", "Ratio", "Boxes"),
            (*(_period_row(row) for row in rows), _total_row(summary)),
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
        *_tag_table(summary),
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
            f"Shared in {summary.week}" if summary.ended else "Shared this week",
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
            "Follow-ups due the week after" if summary.ended else "Follow-ups due next week",
            ("Who", "Due"),
            tuple((due.name, due_text(due, summary.ended)) for due in summary.follow_ups_next_week),
        ),
        Table(
            "Going stale",
            ("Who", "Due"),
            tuple((due.name, due_text(due, summary.ended)) for due in summary.going_stale),
        ),
    ]
    if summary.reflection:  # a line each, unlabelled
        lines = summary.reflection.splitlines()
        found.append(Lines("Reflection", tuple(("", line) for line in lines if line.strip())))
    return found


def _tag_table(summary: WeeklySummary) -> list[Table]:
    """Time per tag, when any session has one (a session counts under each of its tags)."""
    lines = time_per_tag(summary)
    if not any(line.tag is not None for line in lines):
        return []
    return [
        Table(
            "Time per tag",
            ("Tag", "Time", "Boxes"),
            tuple(
                (line.tag or "(no tag)", format_hours(line.minutes), str(line.boxes))
                for line in lines
            ),
        )
    ]


def _period_row(line: Period) -> tuple[str, ...]:
    return (
        line.label,
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
