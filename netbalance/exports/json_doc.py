"""JSON: the summary under a stable, documented schema (`SCHEMA`, JSON Schema 2020-12).

`schema` is 1. A change that removes or renames a field raises it; new fields may be
added within a version (`plan`: the budgets and target the week is measured against, its
own or the settings'; `shared_this_week`; `reflection` and `reviewed`, from the week's
review). Instants are UTC ISO (`2026-11-28T09:00:00+00:00`), days ISO
dates, durations whole minutes as every other format shows them (`*_minutes`), except
`sessions[].minutes` which keeps two decimals as in the CSV.
"""

from __future__ import annotations

import json
from typing import Any

from netbalance.core.instants import to_iso
from netbalance.core.summary import DueContact, WeeklySummary, time_per_contact, time_per_tag
from netbalance.core.text import inert_json
from netbalance.exports.figures import whole_minutes

VERSION = 1

_STR = {"type": "string"}
_INT = {"type": "integer", "minimum": 0}
_DAY = {"type": "string", "format": "date"}
_INSTANT = {"type": "string", "format": "date-time"}
_OPT_STR = {"type": ["string", "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


_DUE = _object(
    {
        "contact_id": _STR,
        "name": _STR,
        "due": _DAY,
        "reason": {"enum": ["cadence", "follow-up"]},
        "days_overdue": {"type": "integer"},
        "at_least": {"type": "boolean"},
    }
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "netbalance weekly summary",
    **_object(
        {
            "schema": {"const": VERSION},
            "week": {"type": ["string", "null"], "pattern": r"^\d{4}-W\d{2}$"},
            "span": _object(
                {
                    "unit": {"enum": ["week", "day", "month", "year", "range"]},
                    "label": _STR,
                    "days": _INT,
                }
            ),
            "first_day": _DAY,
            "last_day": _DAY,
            "time_zone": _STR,
            "as_of": _INSTANT,
            "produce_minutes": _INT,
            "network_minutes": _INT,
            "ratio": {"type": ["number", "null"]},
            "ratio_text": _STR,
            "target_ratio": {"type": "number"},
            "verdict": _object(
                {
                    "status": {"enum": ["empty", "early", "telescope", "below", "on", "reach_out"]},
                    "text": _STR,
                }
            ),
            "next_box": _object(
                {
                    "kind": {"enum": ["produce", "network"]},
                    "text": _STR,
                    "minutes": _INT,
                    "item_id": _OPT_STR,
                    "contact_id": _OPT_STR,
                }
            ),
            "budgets": _list(
                _object(
                    {
                        "kind": _STR,
                        "minutes": _INT,
                        "budget_hours": {"type": "number"},
                        "met": {"type": "boolean"},
                    }
                )
            ),
            "days": _list(
                _object(
                    {
                        "day": _DAY,
                        "produce_minutes": _INT,
                        "network_minutes": _INT,
                        "ratio_text": _STR,
                        "boxes": _INT,
                    }
                )
            ),
            "boxes_finished": _INT,
            "boxes_finished_early": _INT,
            "streak_days": _INT,
            "items_shipped": _list(_object({"id": _STR, "title": _STR, "shipped": _INSTANT})),
            "time_per_item": _list(
                _object(
                    {
                        "item_id": _OPT_STR,
                        "title": _STR,
                        "minutes": _INT,
                        "boxes": _INT,
                        "shipped": {"type": "boolean"},
                    }
                )
            ),
            "people_met": _list(
                _object(
                    {
                        "when": _INSTANT,
                        "contact_id": _OPT_STR,
                        "name": _STR,
                        "channel": _STR,
                        "minutes": _INT,
                        "exchange": _STR,
                        "shared": _STR,
                        "note": _STR,
                    }
                )
            ),
            "new_contacts": _list(
                _object({"id": _STR, "name": _STR, "organisation": _STR, "created": _INSTANT})
            ),
            "follow_ups_next_week": _list(_DUE),
            "going_stale": _list(_DUE),
            "plan": _object(
                {
                    "own": {"type": "boolean"},
                    "produce_hours": {"type": "number"},
                    "network_hours": {"type": "number"},
                    "target_ratio": {"type": "number"},
                }
            ),
            "shared_this_week": _list(
                _object(
                    {
                        "when": _INSTANT,
                        "item_id": _STR,
                        "title": _STR,
                        "contact_id": _STR,
                        "name": _STR,
                        "channel": _STR,
                    }
                )
            ),
            "reflection": _STR,
            "reviewed": {"type": ["string", "null"], "format": "date-time"},
            "sessions": _list(
                _object(
                    {
                        "id": _STR,
                        "kind": {"enum": ["produce", "network"]},
                        "start": _INSTANT,
                        "end": _INSTANT,
                        "minutes": {"type": "number", "minimum": 0},
                        "item": _OPT_STR,
                        "contact": _OPT_STR,
                        "note": _STR,
                        "tags": _list(_STR),
                    }
                )
            ),
            "time_per_tag": _list(_object({"tag": _OPT_STR, "minutes": _INT, "boxes": _INT})),
            "time_per_contact": _list(
                _object({"contact_id": _OPT_STR, "name": _STR, "minutes": _INT, "meetings": _INT})
            ),
        }
    ),
}


def _due(due: DueContact) -> dict[str, Any]:
    return {
        "contact_id": due.contact_id,
        "name": due.name,
        "due": due.due.isoformat(),
        "reason": due.reason,
        "days_overdue": due.days_overdue,
        "at_least": due.at_least,
    }


def document(summary: WeeklySummary) -> dict[str, Any]:
    value = summary.ratio
    return {
        "schema": VERSION,
        "week": summary.week if summary.unit == "week" else None,
        "span": {"unit": summary.unit, "label": summary.week, "days": len(summary.days)},
        "first_day": summary.first_day.isoformat(),
        "last_day": summary.last_day.isoformat(),
        "time_zone": summary.time_zone,
        "as_of": to_iso(summary.as_of),
        "produce_minutes": whole_minutes(summary.produce),
        "network_minutes": whole_minutes(summary.network),
        "ratio": None if value is None else round(value, 2),
        "ratio_text": summary.ratio_text,
        "target_ratio": summary.plan.target_ratio,
        "verdict": {"status": summary.verdict.status, "text": summary.verdict.text},
        "next_box": {
            "kind": summary.next_box.kind.value,
            "text": summary.next_box.text,
            "minutes": summary.next_box.minutes,
            "item_id": summary.next_box.item_id,
            "contact_id": summary.next_box.contact_id,
        },
        "budgets": [
            {
                "kind": budget.kind.value,
                "minutes": whole_minutes(budget.minutes),
                "budget_hours": budget.budget_hours,
                "met": budget.met,
            }
            for budget in summary.budgets
        ],
        "days": [
            {
                "day": line.day.isoformat(),
                "produce_minutes": whole_minutes(line.produce),
                "network_minutes": whole_minutes(line.network),
                "ratio_text": line.ratio_text,
                "boxes": line.boxes,
            }
            for line in summary.days
        ],
        "boxes_finished": summary.boxes_finished,
        "boxes_finished_early": summary.boxes_finished_early,
        "streak_days": summary.streak,
        "items_shipped": [
            {"id": item.id, "title": item.title, "shipped": to_iso(item.shipped)}
            for item in summary.items_shipped
            if item.shipped is not None
        ],
        "time_per_item": [
            {
                "item_id": line.item_id,
                "title": line.title,
                "minutes": whole_minutes(line.minutes),
                "boxes": line.boxes,
                "shipped": line.shipped,
            }
            for line in summary.time_per_item
        ],
        "people_met": [
            {
                "when": to_iso(meeting.when),
                "contact_id": meeting.contact_id,
                "name": meeting.name,
                "channel": meeting.channel,
                "minutes": whole_minutes(meeting.minutes),
                "exchange": meeting.exchange,
                "shared": meeting.shared,
                "note": meeting.note,
            }
            for meeting in summary.people_met
        ],
        "new_contacts": [
            {
                "id": contact.id,
                "name": contact.name,
                "organisation": contact.organisation,
                "created": to_iso(contact.created),
            }
            for contact in summary.new_contacts
        ],
        "follow_ups_next_week": [_due(due) for due in summary.follow_ups_next_week],
        "going_stale": [_due(due) for due in summary.going_stale],
        "plan": {
            "own": summary.plan.own,
            "produce_hours": summary.plan.produce_budget_hours,
            "network_hours": summary.plan.network_budget_hours,
            "target_ratio": summary.plan.target_ratio,
        },
        "shared_this_week": [
            {
                "when": to_iso(shared.when),
                "item_id": shared.item_id,
                "title": shared.title,
                "contact_id": shared.contact_id,
                "name": shared.name,
                "channel": shared.channel,
            }
            for shared in summary.shared
        ],
        "reflection": summary.reflection,
        "reviewed": None if summary.reviewed is None else to_iso(summary.reviewed),
        "sessions": [
            {
                "id": session.id,
                "kind": session.kind.value,
                "start": to_iso(session.start),
                "end": to_iso(session.end),
                "minutes": round(summary.minutes_in_week[session.id], 2),
                "item": session.item_title,
                "contact": session.contact_name,
                "note": session.note,
                "tags": list(session.tags),
            }
            for session in summary.sessions
        ],
        "time_per_tag": [
            {"tag": line.tag, "minutes": whole_minutes(line.minutes), "boxes": line.boxes}
            for line in time_per_tag(summary)
        ],
        "time_per_contact": [
            {
                "contact_id": line.contact_id,
                "name": line.name,
                "minutes": whole_minutes(line.minutes),
                "meetings": line.meetings,
            }
            for line in time_per_contact(summary)
        ],
    }


def render_json(summary: WeeklySummary) -> str:
    """The document as a file: C1 controls and bidi overrides escaped (`inert_json`)."""
    return inert_json(json.dumps(document(summary), ensure_ascii=False, indent=2)) + "\n"
