"""A week's own plan: its budgets, the ratio they make, its focus cards.

The settings' budgets and target (`targets.*`) are every week's default. A week with a
plan of its own (`WeekPlan`, set by a review or `netbalance plan`) is measured against
its own budgets, and aims for the ratio they make (10 h produce against 5 h network aims
for 2 : 1): the dashboard, the report and the exports of that week, and of no other.
Pure: plain values in, plain values out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from netbalance.core.models import Item, WeekPlan
from netbalance.core.summary import Plan

MAX_HOURS = 168  # the hours of a week (store.codec.MAX_WEEK_HOURS)
MAX_REFLECTION = 10_000
STEPS = ("balance", "shipped", "people", "next", "write")  # a review's steps, in order
STEP_TITLES = {
    "balance": "Balance",
    "shipped": "Shipped",
    "people": "People",
    "next": "Next week",
    "write": "Write",
}

_HOURS = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*h?$", re.IGNORECASE)


class PlanError(ValueError):
    """A plan that cannot be made as asked; the message is one line for a person."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def parse_hours(text: str | float, what: str) -> float:
    """`12`, `7.5`, `10h` → hours from 0 to 168, to a tenth of an hour."""
    word = str(text).strip()
    match = _HOURS.match(word)
    hours = float(match.group(1)) if match else -1.0
    if not 0 <= hours <= MAX_HOURS:
        raise PlanError(
            f"{what} must be a number of hours from 0 to {MAX_HOURS} (like 20 or 7.5), "
            f"not {_shown(word)}"
        )
    return round(hours, 1)


def check_reflection(text: str) -> str:
    reflection = text.strip()
    if len(reflection) > MAX_REFLECTION:
        raise PlanError(
            f"a reflection can be at most {MAX_REFLECTION} characters, not {len(reflection)}"
        )
    return reflection


def target_of(produce_hours: float, network_hours: float, default: float) -> float:
    """The ratio a week's budgets make, to a tenth (the default when either is 0)."""
    if produce_hours <= 0 or network_hours <= 0:
        return default
    return round(produce_hours / network_hours, 1)


def of_week(default: Plan, record: WeekPlan | None) -> Plan:
    """The plan a week is measured against: the default (the settings'), with the
    week's own budgets and the ratio they make where it has them."""
    if record is None or (record.produce_hours is None and record.network_hours is None):
        return default
    produce = default.produce_budget_hours if record.produce_hours is None else record.produce_hours
    network = default.network_budget_hours if record.network_hours is None else record.network_hours
    return default._replace(
        produce_budget_hours=produce,
        network_budget_hours=network,
        target_ratio=target_of(produce, network, default.target_ratio),
        own=True,
    )


def focus_cards(items: Iterable[Item], chosen: Sequence[str], wip_limit: int) -> tuple[Item, ...]:
    """The cards chosen as a week's focus, open ones only, in the order chosen; more
    than the WIP limit (when there is one) is refused."""
    by_id = {item.id: item for item in items}
    picked: list[Item] = []
    for item_id in dict.fromkeys(chosen):
        item = by_id.get(item_id)
        if item is None:
            raise PlanError(f"no card {item_id[:8]!r}: name a card on the board")
        if item.shipped is not None or item.archived:
            raise PlanError(f"“{item.title}” has shipped: a week's focus is open work")
        picked.append(item)
    if wip_limit > 0 and len(picked) > wip_limit:
        raise PlanError(
            f"{len(picked)} focus cards, more than the WIP limit of {wip_limit}: "
            "choose fewer, or change board.wip_limit in config.toml"
        )
    return tuple(picked)
