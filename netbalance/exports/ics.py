"""iCalendar (RFC 5545), made with the `icalendar` package: one event per session of the
week. SUMMARY is the kind and the linked card or contact (`produce: Write chapter 3`),
DESCRIPTION the note and the time spent, CATEGORIES the kind, UID the session's id, so
importing the file twice updates the events instead of doubling them."""

from __future__ import annotations

from netbalance.core.instants import format_hours
from netbalance.core.summary import WeeklySummary
from netbalance.core.text import printable

PRODID = "-//netbalance//weekly summary//EN"


def render_ics(summary: WeeklySummary) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"netbalance {summary.week}")
    for session in summary.sessions:
        event = Event()
        event.add("uid", f"{session.id}@netbalance")
        event.add("dtstamp", summary.as_of)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        link = session.link
        event.add(
            "summary", printable(f"{session.kind.value}: {link}" if link else session.kind.value)
        )
        spent = format_hours(session.active_seconds / 60)
        lines = [f"{session.kind.value}, {spent}"]
        if session.paused_seconds:
            lines.append(f"paused {format_hours(session.paused_seconds / 60)}")
        if session.note:
            lines.append(printable(session.note))
        event.add("description", "\n".join(lines))
        event.add("categories", [session.kind.value, *(printable(t) for t in session.tags)])
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
