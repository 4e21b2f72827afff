"""`netbalance review` and `netbalance plan`: the weekly review and a week's own plan from
the command line. `review` reads (and with `--reflection`, finishes the review and
exports the week); `plan` sets, shows or drops a week's plan. `--json` prints one object
with `schema` and named fields."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from netbalance.cli.context import open_store, settings
from netbalance.cli.output import UsageError, emit_json, note, safe
from netbalance.core.instants import format_hours, optional_iso, to_iso
from netbalance.core.models import short_id

if TYPE_CHECKING:
    from netbalance.core.review import Review
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store

SCHEMA = 1  # of `review --json` and `plan --json`: fields may be added, never renamed


@contextmanager
def _for_people() -> Iterator[None]:
    """Plan, board and week errors are bad input: one line, exit 2."""
    from netbalance.core.board import BoardError
    from netbalance.core.plans import PlanError
    from netbalance.core.weeks import WeekError

    try:
        yield
    except (PlanError, BoardError, WeekError) as problem:
        raise UsageError(str(problem)) from None


def _week(store: Store, config: Settings, text: str | None, *, after: bool) -> date:
    """The week named, or the review's own (`after`: the one after it, for a plan)."""
    from datetime import timedelta

    from netbalance.actions.review import default_week
    from netbalance.core.weeks import local_date, parse_week

    today = local_date(store.clock.now(), config.zone_name())
    if text is not None:
        with _for_people():
            return parse_week(text, today, config.week_start)
    reviewed = default_week(today, config.week_start)
    return reviewed + timedelta(days=7) if after else reviewed


# review ---------------------------------------------------------------------------------


def review(args: argparse.Namespace) -> int:
    from netbalance.actions import plans
    from netbalance.actions.review import review as read_review

    loaded = settings()
    for problem in loaded.problems:
        note(problem)
    config = loaded.settings
    reflection = None
    if args.reflection is not None:
        from netbalance.core.plans import check_reflection

        with _for_people():
            reflection = check_reflection(args.reflection)
        if not reflection:
            raise UsageError("a reflection cannot be empty: say in a line how the week went")
    store = open_store(args)
    first = _week(store, config, args.week, after=False)
    if reflection is not None:
        written = plans.write(store, first, reflection, store.clock.now())
        print(safe(f"wrote the review of {written.week}: done"))
    found = read_review(store, first, config)
    if reflection is not None:
        return _export(store, found, config)
    if args.json:
        emit_json(_review_json(found))
        return 0
    _print_review(found, config)
    return 0


def _export(store: Store, found: Review, config: Settings) -> int:
    """The reviewed week's summary in the formats of the settings, in the export folder."""
    from netbalance.actions.writing import export_week

    try:
        written = export_week(found.summary, config)
    except OSError as problem:
        raise UsageError(
            f"the review is written, but the export failed: {problem}; "
            f"`netbalance export --week {found.week}` tries again"
        ) from None
    for path in written:
        print(safe(f"exported {path}"))
    return 0


def _minutes(value: float) -> int:
    return round(value)


def _review_json(found: Review) -> dict[str, Any]:
    summary = found.summary
    plan = summary.plan
    record = found.record
    return {
        "schema": SCHEMA,
        "week": found.week,
        "first_day": summary.first_day.isoformat(),
        "last_day": summary.last_day.isoformat(),
        "time_zone": summary.time_zone,
        "done": found.done,
        "reviewed": optional_iso(record.reviewed) if record is not None else None,
        "step": found.step,
        "reflection": found.reflection,
        "balance": {
            "produce_minutes": _minutes(summary.produce),
            "network_minutes": _minutes(summary.network),
            "ratio": None if summary.ratio is None else round(summary.ratio, 2),
            "ratio_text": summary.ratio_text,
            "target_ratio": plan.target_ratio,
            "plan": {
                "own": plan.own,
                "produce_hours": plan.produce_budget_hours,
                "network_hours": plan.network_budget_hours,
            },
            "verdict": {"status": summary.verdict.status, "text": summary.verdict.text},
            "weeks_before": [
                {
                    "week": week.week,
                    "first_day": week.first_day.isoformat(),
                    "produce_minutes": _minutes(week.produce),
                    "network_minutes": _minutes(week.network),
                    "ratio_text": week.ratio_text,
                }
                for week in found.before
            ],
            "trend": {"direction": found.trend.direction, "text": found.trend.text},
        },
        "shipped": [
            {
                "id": card.item.id,
                "title": card.item.title,
                "shipped": optional_iso(card.item.shipped),
                "tags": list(card.item.tags),
                "shared_with": [
                    {"contact_id": c.contact_id, "name": c.name, "when": to_iso(c.when)}
                    for c in card.shared_with
                ],
                "suggestions": [
                    {"contact_id": s.contact_id, "name": s.name, "why": s.why}
                    for s in card.suggestions
                ],
            }
            for card in found.shipped
        ],
        "people": [
            {
                "contact_id": person.contact_id,
                "name": person.name,
                "section": person.section,
                "why": person.why,
                "due": None if person.due is None else person.due.isoformat(),
            }
            for person in found.people
        ],
        "next_week": _next_json(found),
    }


def _next_json(found: Review) -> dict[str, Any]:
    upcoming = found.next_week
    return {
        "week": upcoming.week,
        "first_day": upcoming.first_day.isoformat(),
        "own": upcoming.own,
        "produce_hours": upcoming.produce_hours,
        "network_hours": upcoming.network_hours,
        "focus": [
            {"id": item.id, "title": item.title, "column": item.column} for item in upcoming.focus
        ],
        "wip_column": upcoming.wip_column,
        "wip_limit": upcoming.wip_limit,
    }


def _print_review(found: Review, config: Settings) -> None:
    from netbalance.exports.figures import budget_line, period

    summary = found.summary
    state = (
        "done"
        if found.done
        else "not done: `netbalance review --reflection TEXT` (or the app's 5) finishes it"
    )
    lines = [f"Review of {found.week} · {period(summary)} — {state}", "", "1 Balance"]
    whose = "its own plan" if summary.plan.own else "the settings' budgets"
    lines += [f"  {line}" for line in budget_line(summary)]
    lines.append(f"  ratio {summary.ratio_text}, aiming for {summary.target_text} ({whose})")
    lines.append(f"  verdict: {summary.verdict.text}")
    before = " · ".join(
        f"{w.week} {format_hours(w.produce)} / {format_hours(w.network)} ({w.ratio_text})"
        for w in found.before
    )
    lines.append(f"  the four weeks before: {before}")
    lines.append(f"  trend: {found.trend.text}")
    lines += ["", f"2 Shipped ({len(found.shipped)})"]
    if not found.shipped:
        lines.append("  nothing shipped")
    for card in found.shipped:
        heard = ", ".join(c.name for c in card.shared_with) or "nobody yet"
        lines.append(f"  {short_id(card.item.id)} {card.item.title} — shared with {heard}")
        for suggestion in card.suggestions:
            lines.append(f"      tell {suggestion.name}? {suggestion.why}")
    if found.shipped:
        lines.append("  `netbalance contact log WHO --shared ID` marks one shared")
    lines += ["", "3 People"]
    if not found.people:
        lines.append("  nobody due, no follow-ups, nobody new")
    for person in found.people:
        lines.append(f"  {person.section + ':':<11}{person.name} — {person.why}")
    upcoming = found.next_week
    whose = "its own plan" if upcoming.own else "the settings'; `netbalance plan` sets its own"
    lines += [
        "",
        f"4 Next week {upcoming.week}: produce {upcoming.produce_hours:g} h, network "
        f"{upcoming.network_hours:g} h ({whose})",
    ]
    limit = f", at most {upcoming.wip_limit}" if upcoming.wip_limit else ""
    focus = ", ".join(f"{short_id(i.id)} {i.title}" for i in upcoming.focus) or "none chosen"
    lines.append(f"  focus ({upcoming.wip_column or 'no WIP column'}{limit}): {focus}")
    lines += ["", "5 Write"]
    lines += [f"  {line}" for line in found.reflection.splitlines()] or ["  not written yet"]
    for line in lines:
        print(safe(line))


# plan -----------------------------------------------------------------------------------


def plan(args: argparse.Namespace) -> int:
    from netbalance.actions import cards, plans
    from netbalance.core.plans import parse_hours
    from netbalance.core.weeks import local_date, week_start_of

    config = settings().settings
    with _for_people():
        produce = (
            None
            if args.produce_hours is None
            else parse_hours(args.produce_hours, "--produce-hours")
        )
        network = (
            None
            if args.network_hours is None
            else parse_hours(args.network_hours, "--network-hours")
        )
    changing = produce is not None or network is not None or args.focus is not None
    if args.clear and changing:
        raise UsageError("--clear drops the plan: give it alone, or the budgets without it")
    store = open_store(args)
    first = _week(store, config, args.week, after=True)
    now = store.clock.now()
    if args.clear:
        cleared = plans.clear_plan(store, first, now)
        said = "had no plan of its own" if cleared is None else "is measured by the settings again"
        print(safe(f"{_label(first)} {said}"))
        return 0
    if changing:
        rules = cards.board_rules(config)
        focus = None
        if args.focus is not None:
            with _for_people():
                focus = [cards.find(store, text).id for text in args.focus]
        record = plans.of_week(store, first)
        if produce is None:  # one budget given: the other as it stands
            produce = record.produce_hours if record is not None else None
        if network is None:
            network = record.network_hours if record is not None else None
        this_week = week_start_of(local_date(now, config.zone_name()), config.week_start)
        with _for_people():
            planned = plans.set_plan(
                store,
                rules,
                first,
                now,
                produce_hours=produce,
                network_hours=network,
                focus=focus,
                this_week=this_week,
            )
        moved = ", ".join(f"{short_id(i.id)} {i.title}" for i in planned.moved)
        print(
            safe(
                f"planned {planned.record.week}"
                + (f"; moved to {rules.limited or config.wip_column}: {moved}" if moved else "")
            )
        )
    return _show_plan(store, first, config, args.json)


def _label(first: date) -> str:
    from netbalance.core.weeks import week_label

    return week_label(first)


def _show_plan(store: Store, first: date, config: Settings, as_json: bool) -> int:
    from netbalance.actions import cards, plans
    from netbalance.actions.summary import plan_of
    from netbalance.core import plans as rules

    record = plans.of_week(store, first)
    measured = rules.of_week(plan_of(config), record)
    titles = {item.id: item for item in cards.all_cards(store)} if record else {}
    focus = [titles[i] for i in (record.focus if record else ()) if i in titles]
    if as_json:
        emit_json(
            {
                "schema": SCHEMA,
                "week": _label(first),
                "first_day": first.isoformat(),
                "own": measured.own,
                "produce_hours": measured.produce_budget_hours,
                "network_hours": measured.network_budget_hours,
                "target_ratio": measured.target_ratio,
                "focus": [{"id": i.id, "title": i.title, "column": i.column} for i in focus],
                "reviewed": optional_iso(record.reviewed) if record is not None else None,
            }
        )
        return 0
    whose = "its own plan" if measured.own else "the settings' (no plan of its own)"
    print(
        safe(
            f"{_label(first)}: produce {measured.produce_budget_hours:g} h, network "
            f"{measured.network_budget_hours:g} h, aiming for {measured.target_ratio:g} : 1 "
            f"— {whose}"
        )
    )
    if focus:
        print(safe("focus: " + ", ".join(f"{short_id(i.id)} {i.title}" for i in focus)))
    return 0
