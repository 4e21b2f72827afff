"""A week's own plan and its review's record: budgets and focus cards (a review's next
week, `netbalance plan`), the reflection that finishes a review, and where a review was
left.

A plan is one save and one undo step with the focus cards it moves into the WIP column
(as many as the WIP limit allows, by the board's own rule). Where a review was left is
saved outside the undo journal: moving between steps is no change to undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from netbalance.core import board as rules_of_board
from netbalance.core import plans as rules
from netbalance.core.models import Item, WeekPlan, new_id, replace
from netbalance.core.named import NamedTuple
from netbalance.core.weeks import week_label

if TYPE_CHECKING:
    from netbalance.core.board import BoardRules
    from netbalance.store.store import Store


class Planned(NamedTuple):
    record: WeekPlan
    moved: tuple[Item, ...]  # focus cards moved into the WIP column


def of_week(store: Store, first_day: date) -> WeekPlan | None:
    """The week's own plan and review, if it has any."""
    return store.weeks.of_week(week_label(first_day))


def _record(store: Store, week: str, now: datetime) -> WeekPlan:
    found = store.weeks.of_week(week)
    return found or WeekPlan(id=new_id(), week=week, created=now, updated=now)


def _put(store: Store, record: WeekPlan) -> WeekPlan:
    if store.weeks.get(record.id) is None:
        return store.weeks.add(record)
    return store.weeks.update(record)


def set_plan(
    store: Store,
    rules_of: BoardRules,
    first_day: date,
    now: datetime,
    *,
    produce_hours: float | None,
    network_hours: float | None,
    focus: Sequence[str] | None = None,
    this_week: date | None = None,
) -> Planned:
    """The week's budgets (None: the settings') and, given, its focus cards, moved into
    the WIP column (PlanError past the WIP limit, or for a week already over when
    `this_week` is given; BoardError when the column is full)."""
    week = week_label(first_day)
    if focus and this_week is not None and first_day < this_week:
        raise rules.PlanError(
            f"{week} is over: only this week's or a later week's focus moves cards"
        )
    with store.transaction(f"plan {week}"):
        record = _record(store, week, now)
        changes: dict[str, object] = {
            "produce_hours": produce_hours,
            "network_hours": network_hours,
        }
        moved: list[Item] = []
        if focus is not None:
            cards = rules.focus_cards(store.items.all(), focus, rules_of.wip_limit)
            changes["focus"] = tuple(card.id for card in cards)
            moved = _into_wip(store, rules_of, cards, now)
        planned = replace(record, **changes)
        if planned != record:
            record = _put(store, replace(planned, updated=now))
    return Planned(record, tuple(moved))


def _into_wip(
    store: Store, rules_of: BoardRules, cards: Sequence[Item], now: datetime
) -> list[Item]:
    """Move each card not there yet into the WIP column, by the board's rules (its
    limit counts the cards moved before it)."""
    target = rules_of.known(rules_of.wip_column)
    if target is None:
        return []
    current = rules_of_board.Board.build(store.items.all(), rules_of)
    moved = []
    for card in cards:
        if rules_of.place(card) == target:
            continue
        stored = store.items.update(rules_of_board.move(current, card, target, now))
        current = current.applied([stored])
        moved.append(stored)
    return moved


def clear_plan(store: Store, first_day: date, now: datetime) -> WeekPlan | None:
    """The week measured against the settings again (its focus forgotten; the cards
    stay where they are). None when it had no plan."""
    week = week_label(first_day)
    with store.transaction(f"drop the plan of {week}"):
        record = store.weeks.of_week(week)
        if record is None:
            return None
        cleared = replace(record, produce_hours=None, network_hours=None, focus=())
        if cleared == record:
            return record
        return store.weeks.update(replace(cleared, updated=now))


def write(store: Store, first_day: date, reflection: str, now: datetime) -> WeekPlan:
    """The week's reflection; the first one written finishes its review (`reviewed`)."""
    text = rules.check_reflection(reflection)
    week = week_label(first_day)
    with store.transaction(f"write the review of {week}"):
        record = _record(store, week, now)
        written = replace(
            record,
            reflection=text,
            reviewed=record.reviewed or now,
            review_step="write",
            updated=now,
        )
        return _put(store, written)


def left_at(store: Store, first_day: date, step: str, now: datetime) -> WeekPlan | None:
    """Remember where the week's review was left (outside the undo journal)."""
    if step not in rules.STEPS:
        raise rules.PlanError(f"no review step {step!r}; the steps are {', '.join(rules.STEPS)}")
    week = week_label(first_day)
    with store.transaction(undoable=False):
        record = _record(store, week, now)
        if record.review_step == step:
            return record
        return _put(store, replace(record, review_step=step))
