"""The words and numbers every format shares, so that they all say the same thing."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from netbalance.core import words
from netbalance.core.instants import format_hours
from netbalance.core.named import NamedTuple
from netbalance.core.stats import format_ratio
from netbalance.core.summary import DueContact, WeeklySummary
from netbalance.core.text import printable
from netbalance.core.weeks import zone

__all__ = [
    "budget_line",
    "day_name",
    "due_text",
    "format_hours",
    "local",
    "period",
    "periods",
    "printable",
    "title",
    "whole_minutes",
]


def whole_minutes(minutes: float) -> int:
    """Minutes as every format shows them: rounded to the whole minute."""
    return round(minutes)


UNITS = {"week": "Week", "day": "Day", "month": "Month", "year": "Year", "range": "Days"}


def unit_word(summary: WeeklySummary) -> str:
    """`Week`, `Day`, `Month`, `Year` or `Days` (a span from --from to --to)."""
    return UNITS.get(summary.unit, "Days")


def title(summary: WeeklySummary) -> str:
    return f"{unit_word(summary)} {summary.week} · {period(summary)}"


def period(summary: WeeklySummary) -> str:
    if summary.first_day == summary.last_day:
        return f"{summary.first_day:%a %d %b %Y}"
    if summary.first_day.year != summary.last_day.year:
        return f"{summary.first_day:%a %d %b %Y} – {summary.last_day:%a %d %b %Y}"
    return f"{summary.first_day:%a %d %b} – {summary.last_day:%a %d %b %Y}"


class Period(NamedTuple):
    """A row of the per-day table (or per-month, per-year one of a long span)."""

    label: str
    produce: float
    network: float
    boxes: int

    @property
    def ratio_text(self) -> str:
        return format_ratio(self.produce, self.network)


def periods(summary: WeeklySummary) -> tuple[str, list[Period]]:
    """The span's time in rows: per day up to 31 days, per month up to two years, per
    year beyond; with the heading that says which (`Per day`, `Per month`, `Per year`)."""
    days = summary.days
    if len(days) <= 31:
        return "Per day", [
            Period(day_name(line.day), line.produce, line.network, line.boxes) for line in days
        ]
    heading, key = ("Per month", "%b %Y") if len(days) <= 731 else ("Per year", "%Y")
    rows: dict[str, Period] = {}
    for line in days:
        label = line.day.strftime(key)
        seen = rows.get(label, Period(label, 0.0, 0.0, 0))
        rows[label] = Period(
            label, seen.produce + line.produce, seen.network + line.network, seen.boxes + line.boxes
        )
    return heading, list(rows.values())


def day_name(day: date) -> str:
    return f"{day:%a %d %b}"


def local(instant: datetime, tz: tzinfo) -> datetime:
    return instant.astimezone(tz)


def tz_of(summary: WeeklySummary) -> tzinfo:
    return zone(summary.time_zone)


def budget_line(summary: WeeklySummary) -> list[str]:
    """`produce 18 h 20 m of 20 h — 1 h 40 m left` per kind; of a past week, `… short`
    (no time is left in it)."""
    lines = []
    missing = "short" if summary.ended else "left"
    for budget in summary.budgets:
        spent = format_hours(budget.minutes)
        state = "met" if budget.met else f"{format_hours(budget.left_minutes)} {missing}"
        lines.append(f"{budget.kind.value} {spent} of {budget.budget_hours:g} h — {state}")
    return lines


def boxes_line(summary: WeeklySummary) -> str:
    early = summary.boxes_finished_early
    return (
        f"{words.count(summary.boxes_finished, 'box', 'boxes')} finished ({early} finished early); "
        "cancelled boxes are not recorded"
    )


def streak_line(summary: WeeklySummary) -> str:
    days = summary.streak
    return f"{days} day{'s' if days != 1 else ''} in a row with a produce box"


def due_text(contact: DueContact, ended: bool = False) -> str:
    """`due Mon 07 Dec, 3 days overdue (follow-up)`; of a week that is over, counted to its
    last day, and never `today`."""
    days = contact.days_overdue
    when = f"due {contact.due:%a %d %b}"
    if days > 0:
        late = f"{days}{'+' if contact.at_least else ''} day{'s' if days != 1 else ''} overdue"
        return f"{when}, {late}{' by its end' if ended else ''} ({contact.reason})"
    if days == 0 and not ended:
        return f"{when}, today ({contact.reason})"
    return f"{when} ({contact.reason})"
