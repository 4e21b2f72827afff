"""Titles and names are data: shown as typed, never as markup or terminal control."""

from __future__ import annotations

from datetime import timedelta

from nbapp import NASTY_TITLE, NOW, SIZE, AppFactory, Desktop, advance, messages, press, settle
from nbapp import screen_text as shown

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, new_id
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.focus import FocusScreen

LITERAL = "[bold red]x[/] \\x1b]0;pwned\\x07"  # what the screen must show


def assert_literal(app: NetbalanceApp) -> str:
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg
    text = shown(app)
    assert LITERAL in text, text
    return text


async def test_a_linked_title_shows_literally_in_the_timer_bar_and_the_focus_view(
    app_factory: AppFactory, store: Store, clock: FakeClock
) -> None:
    boxes.start(store, Kind.PRODUCE, minutes=25, item_title=NASTY_TITLE)
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar_line = [line for line in assert_literal(app).splitlines() if "PRODUCE" in line]
        assert len(bar_line) == 1 and LITERAL in bar_line[0]

        await press(pilot, "z")
        assert isinstance(app.screen, FocusScreen)
        assert_literal(app)


async def test_a_box_s_end_names_the_title_literally(
    app_factory: AppFactory, store: Store, clock: FakeClock, desktop: Desktop
) -> None:
    boxes.start(store, Kind.PRODUCE, minutes=25, item_title=NASTY_TITLE)
    app = app_factory()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await advance(pilot, clock, minutes=25)  # the box ends: the break question says so
        said = [line for line in assert_literal(app).splitlines() if LITERAL in line]
        assert len(said) == 1 and "25 m recorded on" in said[0]
        assert not messages(app)  # no notice over the question
        await press(pilot, "n")  # no break
        await press(pilot, "4")  # and the history lists the session under its title
        assert_literal(app)
    assert desktop.calls == [("Produce box done", f"25 m recorded on {LITERAL}")]
    assert app.return_code in (0, None)


async def test_a_card_title_shows_literally_on_the_board(app: NetbalanceApp, store: Store) -> None:
    with store.transaction():
        store.items.add(
            Item(
                id=new_id(),
                title=NASTY_TITLE,
                column="Doing",
                position=0.5,
                created=NOW - timedelta(days=1),
                updated=NOW - timedelta(days=1),
                tags=("[link=file:///etc/passwd]y",),
            )
        )
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
        # the card wraps the title at its width (the columns sit side by side in a row of
        # text): each part shows as typed
        text = shown(app)
        for part in ("[bold red]x[/]", "\\x1b]0;pwned\\x07", "#[link=file:///"):
            assert part in text, part
