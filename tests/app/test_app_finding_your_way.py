"""A newcomer finds their way: the mode bar names the modes and their keys, `?` toggles
the keys (Esc closes them) without moving what is under them, the palette offers every
action that can act now with its key as the keymap has it, and a key that cannot act
says why."""

from __future__ import annotations

from typing import Any

from nbapp import SIZE, AppFactory, messages, press, screen_text, start_box
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.commands import Palette
from netbalance.tui.screens.board import BoardScreen


def palette_lines(app: NetbalanceApp) -> list[str]:
    """What the open palette lists: each command's title and help."""
    assert isinstance(app.screen, Palette)
    listed = app.screen.query_one("#palette-list", OptionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def palette_titles(pilot: Pilot[Any], query: str = "") -> list[str]:
    await press(pilot, "ctrl+p")
    if query:
        await press(pilot, *query)
    titles = [line.split("\n")[0] for line in palette_lines(pilot.app)]  # type: ignore[arg-type]
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
        helps = palette_lines(app)
        assert any("(f5)" in text for text in helps), helps


async def test_the_palette_runs_the_command_chosen_by_enter_or_the_arrows(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+p", *"contacts", "enter")
        assert app.current_mode == "contacts" and not isinstance(app.screen, Palette)
        await press(pilot, "1", "ctrl+p")
        titles = [line.split("\n")[0] for line in palette_lines(app)]
        board = titles.index("Board")
        await press(pilot, *["down"] * board, "enter")
        assert app.current_mode == "board" and not isinstance(app.screen, Palette)


async def test_the_palette_says_when_nothing_matches_and_esc_closes_it(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+p", *"zzqx")
        assert palette_lines(app) == ["No command matches “zzqx”"]
        await press(pilot, "enter")
        assert isinstance(app.screen, Palette)  # nothing to run: it stays open
        await press(pilot, "backspace", "backspace", "backspace", "backspace")
        assert len(palette_lines(app)) > 10  # every command again
        await press(pilot, *"export", "escape")
        assert not isinstance(app.screen, Palette) and app.current_mode == "dashboard"
        await press(pilot, "ctrl+p")  # the kept palette, opened anew
        palette = app.screen
        assert isinstance(palette, Palette)
        assert palette.query_one("#palette-search", Input).value == ""
        assert palette.query_one("#palette-list", OptionList).highlighted == 0
        assert [line.split("\n")[0] for line in palette_lines(app)][:2] == [
            "Start a produce box",
            "Start a network box",
        ]


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


async def test_the_palette_list_fits_the_terminal_and_follows_a_resize(
    app: NetbalanceApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+p")
        listed = app.screen.query_one("#palette-list", OptionList)
        assert listed.region.bottom == 23  # the mode's key bar stays in view below it
        assert listed.max_scroll_y > 0  # the rest scrolls
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert listed.region.bottom == 39
