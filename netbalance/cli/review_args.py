"""The weekly review's commands' arguments (`review`, `plan`). Each command's module is
imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction

WEEK = "2026-W48, this, last, next or a date inside it"


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add `review` and `plan`."""

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        sub.set_defaults(run=lazy("review_commands", function))
        return sub

    review = command(
        "review",
        "the weekly review: the balance against the plan and the weeks before, what "
        "shipped and who heard of it, people, the next week's plan, the reflection",
        "review",
    )
    review.add_argument(
        "--week",
        default=None,
        metavar="W",
        help=f"{WEEK} (default: last week; from Friday on, this)",
    )
    review.add_argument("--json", action="store_true", help="print JSON")
    review.add_argument(
        "--reflection",
        default=None,
        metavar="TEXT",
        help="write the week's reflection: the review is done, and the week's summary is "
        "exported in the formats of the settings",
    )

    plan = command(
        "plan",
        "a week's own plan: its budgets (it aims for the ratio they make) and its focus "
        "cards, moved to the WIP column; without options, the plan as it stands",
        "plan",
    )
    plan.add_argument(
        "--week",
        default=None,
        metavar="W",
        help=f"{WEEK} (default: the week after the one `review` looks at)",
    )
    plan.add_argument("--produce-hours", default=None, metavar="N", help="produce budget, hours")
    plan.add_argument("--network-hours", default=None, metavar="M", help="network budget, hours")
    plan.add_argument(
        "--focus",
        nargs="+",
        default=None,
        metavar="ID",
        help="the week's focus cards (an id prefix or a title), at most the WIP limit",
    )
    plan.add_argument(
        "--clear", action="store_true", help="drop the week's own plan: the settings' again"
    )
    plan.add_argument("--json", action="store_true", help="print JSON")
