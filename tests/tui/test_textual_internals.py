"""The private parts of Textual that netbalance uses (fenced in tui/textual_internals.py)
are there, in the Textual version the test extra pins. An upgrade that moves one fails
here, by name; the app then falls back to Textual's public ways (slower, not broken)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import textual
from textual.app import App
from textual.scroll_view import ScrollView

from netbalance.tui import textual_internals

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_pinned_textual_is_the_one_the_fence_was_read_from() -> None:
    pinned = re.search(r'"textual==([0-9.]+)"', PYPROJECT.read_text())
    assert pinned is not None, "the test extra pins textual exactly"
    assert pinned.group(1) == textual_internals.TEXTUAL == textual.__version__


def test_the_private_parts_are_there_with_the_shapes_used() -> None:
    assert list(inspect.signature(App._refresh_truecolor_filter).parameters) == [
        "self",
        "theme",
    ]
    assert list(inspect.signature(ScrollView._scroll_update).parameters) == [
        "self",
        "virtual_size",
    ]
    app: App[None] = App()
    assert isinstance(app._css_update_count, int)


async def test_a_theme_started_early_is_the_theme_of_the_first_frame() -> None:
    app: App[None] = App()
    textual_internals.start_with_theme(app, "textual-light")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-light" and app.current_theme.dark is False
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")
