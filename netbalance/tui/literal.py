"""User text for the screen: never markup, never terminal control."""

from __future__ import annotations

from rich.text import Text

from netbalance.core.text import printable


def literal(text: str, style: str = "") -> Text:
    """One line of user text, shown exactly as typed."""
    return Text(printable(text), style=style)
