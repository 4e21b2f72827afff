"""Themes in the running app: the choice is saved to the settings file (comments kept), and
every shipped theme renders every screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbapp import SIZE, AppFactory, messages, press, settle, start_box

from netbalance.core.models import Kind
from netbalance.settings import paths
from netbalance.settings.config import Settings, load
from netbalance.settings.file import DEFAULT_TEXT
from netbalance.settings.themes import theme_folders
from netbalance.store.store import Store
from netbalance.tui.screens.focus import FocusScreen
from netbalance.tui.screens.length import LengthScreen
from netbalance.tui.themes import load_themes

USER_COMMENT = "# my own note: keep this line\n"


def shipped_theme_names() -> list[str]:
    themes, problems = load_themes([paths.shipped_themes_dir()])
    assert problems == []
    return sorted(theme.name for theme in themes)


@pytest.fixture
def settings_file(settings_path: Path) -> Path:
    """The commented defaults, with a line of the user's own."""
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(USER_COMMENT + DEFAULT_TEXT, encoding="utf-8")
    return settings_path


def theme_line(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.startswith("theme =")]


async def test_changing_the_theme_saves_it_and_keeps_the_comments(
    app_factory: AppFactory, settings_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "netbalance-dark"
        assert settings_file.read_text() == USER_COMMENT + DEFAULT_TEXT  # start-up wrote nothing

        app.theme = "netbalance-light"
        await settle(pilot)
    text = settings_file.read_text()
    assert theme_line(settings_file) == ['theme = "netbalance-light"']
    assert text == (USER_COMMENT + DEFAULT_TEXT).replace(
        'theme = "netbalance-dark"', 'theme = "netbalance-light"'
    )
    assert load(str(settings_file)).settings.theme == "netbalance-light"


async def test_switching_back_to_the_first_theme_is_saved_too(
    app_factory: AppFactory, settings_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "netbalance-light"
        await settle(pilot)
        app.theme = "netbalance-dark"
        await settle(pilot)
    assert theme_line(settings_file) == ['theme = "netbalance-dark"']


async def test_t_picks_a_theme_from_the_palette_and_saves_it(
    app_factory: AppFactory, settings_file: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "t", *"paper")
        await press(pilot, "enter")
        assert app.theme == "netbalance-paper"
    assert theme_line(settings_file) == ['theme = "netbalance-paper"']


async def test_an_unknown_theme_in_the_settings_is_reported_and_not_overwritten(
    app_factory: AppFactory, settings_file: Path
) -> None:
    app = app_factory(settings=Settings(time_zone="UTC", theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("no-such-theme" in line for line in messages(app))
        assert app.theme != "no-such-theme"
    assert settings_file.read_text() == USER_COMMENT + DEFAULT_TEXT


def test_the_app_registers_every_shipped_theme(app_factory: AppFactory) -> None:
    app = app_factory()
    themes, problems = load_themes(theme_folders())
    assert problems == []
    assert {t.name for t in themes} == set(shipped_theme_names())
    assert set(shipped_theme_names()) <= set(app.available_themes)
    assert len(shipped_theme_names()) >= 5


async def test_every_shipped_theme_renders_every_screen(
    app_factory: AppFactory, small_store: Store
) -> None:
    """One app, every theme switched to at run time (where a bad colour used to crash), each
    mode visited, the focus view, a question and the length modal shown."""
    app = app_factory(store=small_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_box(pilot)  # the timer bar and the focus view in the produce colours
        for theme in shipped_theme_names():
            app.theme = theme
            for mode in ("board", "contacts", "history", "dashboard"):
                await app.switch_mode(mode)
                await settle(pilot)
            app.push_screen(FocusScreen())
            await settle(pilot)
            app.push_screen(LengthScreen(Kind.NETWORK, (15, 30), 30, link="Ada"))
            await settle(pilot)
            assert app.export_screenshot()
            for _ in range(2):
                app.pop_screen()
            variables = app.theme_variables
            assert variables["produce"] != variables["network"], theme
        assert [n for n in app._notifications if n.severity == "error"] == []
