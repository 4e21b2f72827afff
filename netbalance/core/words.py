"""Counts and nouns in messages, said right: `1 box`, `2 boxes`, `an email`."""

from __future__ import annotations


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 box`, `3 boxes` (`many` defaults to `one` + s)."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def a(word: str) -> str:
    """`a call`, `an email`, `an in person meeting`: the article by the first letter."""
    return f"{'an' if word[:1].lower() in 'aeiou' and word else 'a'} {word}"
