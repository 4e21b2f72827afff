"""Counts and articles in messages."""

from __future__ import annotations

from netbalance.core.words import a, count


def test_counts_are_singular_for_one() -> None:
    assert [count(n, "box", "boxes") for n in (0, 1, 2)] == ["0 boxes", "1 box", "2 boxes"]
    assert count(1, "card") == "1 card" and count(3, "card") == "3 cards"


def test_the_article_follows_the_sound_of_the_first_letter() -> None:
    assert [a(word) for word in ("call", "email", "in person", "event", "video")] == [
        "a call",
        "an email",
        "an in person",
        "an event",
        "a video",
    ]
