"""Due dates as a person types them.

`parse_due(text, today)` accepts:

- an ISO date, `2026-12-01`;
- `today`, `tomorrow`;
- a weekday, in full or in three letters (`friday`, `fri`): the next such day *after*
  today, so on a Friday `fri` means a week ahead (today is `today`);
- a count of days or weeks from today, `+3d`, `+2w` (`+0d` is today).

Case and surrounding spaces do not matter. Anything else raises `DueDateError`, whose
message is one line naming the input and the accepted forms.

`brief(day, today)` is a due date shown in a few characters: `Fri 04 Dec`, with the year
when it is not today's year (`Fri 31 Dec 9999`, `Mon 04 Jan 2027` on New Year's Eve).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from netbalance.core.weeks import WEEKDAYS

ACCEPTED = "2026-12-01, a weekday like fri, today, tomorrow, +3d or +2w"

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_OFFSET = re.compile(r"\+(\d{1,5})([dw])")


class DueDateError(ValueError):
    """Text that is not a due date; the message names it and the accepted forms."""

    def __init__(self, text: str, why: str = "") -> None:
        shown = text if len(text) <= 40 else text[:39] + "…"
        reason = f" ({why})" if why else ""
        super().__init__(f"not a due date: {shown!r}{reason}; use {ACCEPTED}")
        self.text = text


def weekday_number(word: str) -> int | None:
    """`fri` or `friday` → 4 (Monday is 0); anything else → None."""
    word = word.lower()
    for number, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            return number
    return None


def parse_due(text: str, today: date) -> date:
    word = text.strip().lower()
    if _ISO.fullmatch(word):
        try:
            return date.fromisoformat(word)
        except ValueError:
            raise DueDateError(text, "no such day") from None
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    weekday = weekday_number(word)
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    offset = _OFFSET.fullmatch(word)
    if offset:
        count, unit = int(offset.group(1)), offset.group(2)
        try:
            return today + timedelta(days=count * (7 if unit == "w" else 1))
        except OverflowError:
            raise DueDateError(text, "too far ahead") from None
    raise DueDateError(text)


def brief(day: date, today: date) -> str:
    """`Fri 04 Dec`; `Fri 31 Dec 9999` when the year is not today's."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b} {day.year:04d}"
