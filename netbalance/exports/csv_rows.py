"""CSV: one row per session and one per interaction of the week, safe in a spreadsheet.

Columns (in this order):

| column | meaning |
|---|---|
| record | `session` or `interaction` |
| id | the record's id |
| kind | `produce` or `network` (an interaction is network time) |
| start | local start (`2026-11-23T09:00:00+01:00`); an interaction's time |
| end | local end; empty for an interaction |
| minutes | minutes inside this week (a session across the week's edge is split), 2 decimals |
| counted | `yes` when the minutes count in the week's totals (`no`: an interaction linked |
|  | to a session, whose minutes the session already counts) |
| item | the card a produce session was spent on |
| contact | the person (a network session's or an interaction's) |
| channel | an interaction's channel |
| exchange | what was given or asked |
| shared | the shipped card shared |
| follow_up | an interaction's follow-up date |
| note | the note |
| tags | a session's tags, separated by `, ` |

Summing `minutes` over the rows with `counted` = yes, by kind, gives the week's totals.
A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
(no spreadsheet reads it as a formula); control characters are shown as `\\x1b`.
"""

from __future__ import annotations

import csv
import io

from netbalance.core.summary import WeeklySummary
from netbalance.core.text import printable_lines
from netbalance.exports.figures import printable, tz_of

COLUMNS = (
    "record",
    "id",
    "kind",
    "start",
    "end",
    "minutes",
    "counted",
    "item",
    "contact",
    "channel",
    "exchange",
    "shared",
    "follow_up",
    "note",
    "tags",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str, *, lines: bool = False) -> str:
    """A cell no spreadsheet runs: `=HYPERLINK(…)` → `'=HYPERLINK(…)`; control and bidi
    characters shown as `\\x1b` (a file printed in a terminal cannot drive it), line
    breaks kept with `lines` (a contact's notes). The one guard of every CSV."""
    value = printable_lines(value) if lines else printable(value)
    return "'" + value if value.startswith(_FORMULA) else value


def render_csv(summary: WeeklySummary) -> str:
    tz = tz_of(summary)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    met = {meeting.record_id: meeting for meeting in summary.people_met}
    names = {meeting.contact_id: meeting.name for meeting in summary.people_met}
    for session in summary.sessions:
        row = (
            "session",
            session.id,
            session.kind.value,
            session.start.astimezone(tz).isoformat(),
            session.end.astimezone(tz).isoformat(),
            f"{summary.minutes_in_week[session.id]:.2f}",
            "yes",
            session.item_title or "",
            names.get(session.contact_id, session.contact_name or "") if session.contact_id else "",
            "",
            "",
            "",
            "",
            session.note,
            ", ".join(session.tags),
        )
        writer.writerow([cell(value) for value in row])
    for interaction in summary.interactions:
        row = (
            "interaction",
            interaction.id,
            "network",
            interaction.when.astimezone(tz).isoformat(),
            "",
            f"{interaction.minutes:.2f}",
            "no" if interaction.session_id is not None else "yes",
            "",
            met[interaction.id].name,
            interaction.channel,
            interaction.exchange,
            met[interaction.id].shared,
            interaction.follow_up.isoformat() if interaction.follow_up else "",
            interaction.note,
            "",
        )
        writer.writerow([cell(value) for value in row])
    return out.getvalue()
