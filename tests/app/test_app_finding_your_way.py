"""A newcomer finds their way: the mode bar names the modes and their keys, `?` toggles
the keys (Esc closes them) without moving what is under them, the palette offers every
action that can act now with its key as the keymap has it, and a key that cannot act
says why."""

from __future__ import annotations

from typing import Any

from nbapp import SIZE, AppFactory, messages, press, screen_text, start_box
from textual.command import CommandList
from textual.pilot import Pilot

from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.commands import Palette
from netbalance.tui.screens.board import BoardScreen


async def palette_titles(pilot: Pilot[Any], query: str = "") -> list[str]:
    await press(pilot, "ctrl+p")
    if query:
        await press(pilot, *query)
    await pilot.pause(0.2)  # the palette searches in a worker
    assert isinstance(pilot.app.screen, Palette)  # opened as the app's dialogs open
    commands = pilot.app.screen.query_one(CommandList)
    titles = [
        str(commands.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(commands.option_count)
    ]
    await press(pilot, "escape")
    return titles


async def test_the_mode_bar_names_every_mode_and_a_click_switches(app: NetbalanceApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        for label in ("1 Dashboard", "2 Board", "3 Contacts", "4 History", "5 Review"):
            assert label in top, top
        await pilot.click("ModeBar", offset=(top.index("2 Board") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_question_mark_toggles_the_keys_and_escape_closes_them(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        week = app.screen.query_one("#week-panel").size
        trend = app.screen.query_one("#trend").size
        await press(pilot, "question_mark")
        assert app.keys_shown()
        # drawn over the screen: the panels under it keep their size
        assert app.screen.query_one("#week-panel").size == week
        assert app.screen.query_one("#trend").size == trend
        await press(pilot, "question_mark")
        assert not app.keys_shown()
        await press(pilot, "question_mark")
        await press(pilot, "escape")
        assert not app.keys_shown()


async def test_the_palette_offers_what_can_act_now_with_its_key(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("Export" in title for title in await palette_titles(pilot, "export"))
        assert any("next box" in title for title in await palette_titles(pilot, "next"))
        idle = await palette_titles(pilot)
        assert "Start a produce box" in idle and "Pause the box" not in idle
        await start_box(pilot)
        running = await palette_titles(pilot)
        assert "Pause the box" in running and "Start a produce box" not in running


async def test_the_palette_shows_a_remapped_key(
    app_factory: AppFactory, store: Store, settings: Settings
) -> None:
    remapped = settings._replace(keymap={"box.produce": "f5"})
    app = app_factory(settings=remapped)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+p")
        await press(pilot, *"produce box")
        await pilot.pause(0.2)
        commands = app.screen.query_one(CommandList)
        helps = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        assert any("(f5)" in text for text in helps), helps


async def test_a_key_that_cannot_act_says_why(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await press(pilot, "s")
        assert any("No box is running" in m for m in messages(app))
        await start_box(pilot)
        await press(pilot, "p")
        assert any("A produce box is running" in m for m in messages(app))
        await press(pilot, "space")  # pauses: a key that acts says nothing
        assert app.running_box() is not None and app.running_box().is_paused  # type: ignore[union-attr]


async def test_a_mode_key_leaves_the_focus_view_for_good(app: NetbalanceApp) -> None:
    from netbalance.tui.screens.dashboard import DashboardScreen
    from netbalance.tui.screens.focus import FocusScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "z")
        assert isinstance(app.screen, FocusScreen)
        await press(pilot, "3", "2")
        assert isinstance(app.screen, BoardScreen)
        await press(pilot, "1")  # the mode it was opened from shows as itself
        assert isinstance(app.screen, DashboardScreen)


async def test_keys_typed_fast_after_tab_land_in_the_next_field(app: NetbalanceApp) -> None:
    """A burst of keys (a fast typist, a paste sent as keys) is handed out in one go: the
    focus must move on Tab before the keys after it are handed to a field."""
    from textual import events
    from textual.widgets import Input

    from netbalance.tui.screens.item_form import ItemForm

    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "2", "a")
        assert isinstance(app.screen, ItemForm)
        burst = [*"Title", "tab", *"tag", "tab", *"fri"]
        for key in burst:  # posted at once, as a terminal delivers them
            character = "\t" if key == "tab" else key
            app.post_message(events.Key(key, character))
        await pilot.pause()
        form = app.screen
        fields = [
            form.query_one(f"#{name}", Input).value
            for name in ("card-title", "card-tags", "card-due")
        ]
        assert fields == ["Title", "tag", "fri"]
