"""Counts in messages."""

from __future__ import annotations

from netbalance.core.words import count


def test_counts_are_singular_for_one() -> None:
    assert [count(n, "box", "boxes") for n in (0, 1, 2)] == ["0 boxes", "1 box", "2 boxes"]
    assert count(1, "card") == "1 card" and count(3, "card") == "3 cards"
