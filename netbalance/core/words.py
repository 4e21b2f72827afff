"""Counts in messages, said right: `1 box`, `2 boxes`."""

from __future__ import annotations


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 box`, `3 boxes` (`many` defaults to `one` + s)."""
    return f"{number} {one if number == 1 else (many or one + 's')}"
