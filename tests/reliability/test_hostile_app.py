"""Suite 8, the app: hostile text in every field a user fills, rendered in every mode,
dialog, form and notice, is shown literally and never drives the terminal.

Each check reads what was rendered, three ways: the SVG screenshot (the text of every
cell: no control or bidi character, the expected literal text present), the screen's
strips (no link and no click action came from user text), and the bytes a terminal
would be sent for the screen, fed to a terminal emulator (pyte: the window title never
set, the literal text on its screen). Clicking on a `[@click=app.quit]` name does
nothing; the app is still running after every step (a MarkupError would have ended it).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyte
import pytest
from hostile_data import HOSTILE, IDS, NOW, Hostile, forbidden_in, hostile_store
from rich.cells import cell_len
from textual.pilot import Pilot

from netbalance.core.clock import FakeClock
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app
from netbalance.tui.screens.board import BoardScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.contact_dialogs import DueScreen
from netbalance.tui.screens.contact_forms import ContactForm, InteractionForm
from netbalance.tui.screens.contacts import ContactsScreen
from netbalance.tui.screens.dashboard import DashboardScreen
from netbalance.tui.screens.focus import FocusScreen
from netbalance.tui.screens.history import HistoryScreen
from netbalance.tui.screens.item_form import ItemForm
from netbalance.tui.screens.length import LengthScreen
from netbalance.tui.screens.session_form import SessionForm
from netbalance.tui.screens.track_record import TrackRecordScreen

SIZE = (160, 50)
TITLE = "netbalance-test-title"  # the terminal's window title before the app draws

checked: list[tuple[str, str]] = []  # (string, surface) pairs checked, for the figures


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    monkeypatch.delenv("NETBALANCE_NOW", raising=False)
    monkeypatch.setenv("NETBALANCE_DB", str(tmp_path / "nb.json"))
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    sent: list[tuple[str, str]] = []
    monkeypatch.setattr("netbalance.tui.desktop.notify", lambda t, b: sent.append((t, b)) or True)
    return sent


def build(tmp_path: Path, hostile: Hostile, clock: FakeClock) -> tuple[NetbalanceApp, Store]:
    hostile_store(str(tmp_path / "nb.json"), hostile)
    store = Store.open(str(tmp_path / "nb.json"), clock)
    settings = Settings(time_zone="UTC", theme="netbalance-dark")
    app = make_app(settings, store, clock=clock, settings_path=str(tmp_path / "config.toml"))
    return app, store


# what was rendered ---------------------------------------------------------------------


def screen_text(svg: str) -> list[str]:
    """The text of each terminal row of an SVG screenshot, entities decoded."""
    rows: dict[str, list[str]] = {}
    for row, text in re.findall(
        r'<text [^>]*clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>([^<]*)</text>', svg
    ):
        rows.setdefault(row, []).append(text)
    return [html.unescape("".join(rows[row])).replace("\xa0", " ") for row in sorted(rows, key=int)]


def terminal(app: NetbalanceApp) -> pyte.Screen:
    """A terminal emulator fed the bytes the app would send to draw the screen."""
    strips = app.screen._compositor.render_strips()
    width, height = app.size
    emulator = pyte.Screen(width, height)
    emulator.title = TITLE
    stream = pyte.ByteStream(emulator)
    for y, strip in enumerate(strips):
        line = f"\x1b[{y + 1};1H" + strip.render(app.console)
        stream.feed(line.encode("utf-8"))
    return emulator


def styles_from_user_text(app: NetbalanceApp) -> list[str]:
    """Links to files and click actions that quit, anywhere on the screen."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link and "etc/passwd" in style.link:
                found.append(f"link {style.link}")
            meta = style.meta or {}
            if meta.get("@click") and "quit" in str(meta.get("@click")):
                found.append(f"click {meta['@click']}")
    return found


def check(app: NetbalanceApp, hostile: Hostile, surface: str, *, shown: bool = True) -> list[str]:
    """Everything a person and their terminal get from the current screen is inert; the
    literal text is on it (`shown`). The screen's rows."""
    assert app.is_running, f"{surface}: the app stopped"
    svg = app.export_screenshot()
    rows = screen_text(svg)
    text = "\n".join(rows)
    assert forbidden_in(svg) == [], f"{surface}: {forbidden_in(svg)} reached the screen"
    assert styles_from_user_text(app) == [], surface
    emulator = terminal(app)
    assert emulator.title == TITLE, f"{surface}: the window title became {emulator.title!r}"
    if shown:
        assert hostile.shown in text, f"{surface}: {hostile.shown!r} is not shown:\n{text}"
        display = "\n".join(emulator.display)
        # the emulator puts a wide character's second cell as its own "" cell
        flat = display.replace(" ", "")
        assert hostile.on_terminal.replace(" ", "") in flat, (
            f"{surface}: the terminal does not show {hostile.on_terminal!r}:\n{display}"
        )
    checked.append((hostile.name, surface))
    return rows


def where(rows: list[str], text: str) -> Iterator[tuple[int, int]]:
    """The cells (x, y) where text starts on the screen."""
    for y, row in enumerate(rows):
        index = row.find(text)
        if index >= 0:
            yield cell_len(row[:index]), y


async def click_the_text(pilot: Pilot[Any], rows: list[str], hostile: Hostile) -> int:
    """Click on each place the text shows; the number of clicks."""
    clicks = 0
    for x, y in list(where(rows, hostile.shown))[:3]:
        await pilot.click(offset=(x + 2, y))
        await pilot.pause()
        clicks += 1
    return clicks


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def visit(
    pilot: Pilot[Any], hostile: Hostile, keys: tuple[str, ...], kind: type[Any], surface: str
) -> list[str]:
    if keys:
        await pilot.press(*keys)
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, NetbalanceApp)
    assert isinstance(app.screen, kind), f"{surface}: {type(app.screen).__name__}"
    rows = check(app, hostile, surface)
    if hostile.name == "markup-click":
        assert await click_the_text(pilot, rows, hostile) > 0, surface
        assert app.is_running, f"{surface}: a click on the name quit the app"
        await settle(pilot)
    return rows


def noted(app: NetbalanceApp) -> list[tuple[str, bool]]:
    """Each notice the app raises from now on, and whether it is read as markup (the
    toasts themselves expire on the wall clock, which a loaded machine can outrun)."""
    raised: list[tuple[str, bool]] = []
    notify = app.notify

    def recording(message: str, **options: Any) -> None:
        raised.append((message, options.get("markup", True)))
        notify(message, **options)

    app.notify = recording  # type: ignore[method-assign]
    return raised


# every mode, dialog and form -------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
async def test_every_mode_and_dialog_shows_hostile_text_literally(
    tmp_path: Path, hostile: Hostile
) -> None:
    clock = FakeClock(NOW)
    app, _store = build(tmp_path, hostile, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await visit(pilot, hostile, (), DashboardScreen, "dashboard")
        await visit(pilot, hostile, ("z",), FocusScreen, "focus view")
        await pilot.press("escape")

        await visit(pilot, hostile, ("2",), BoardScreen, "board")
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.choose_lane(board.rules.columns.index("Doing"))
        await settle(pilot)
        await visit(pilot, hostile, ("e",), ItemForm, "card form")
        form = app.screen
        assert isinstance(form, ItemForm)
        if hostile.name != "long":  # longer than a title may be: see the test below
            assert form.value("#card-title") == hostile.text  # the stored title, unchanged
        await pilot.press("escape")
        await visit(pilot, hostile, ("delete",), ConfirmScreen, "card delete question")
        await pilot.press("n")
        await visit(pilot, hostile, ("r",), TrackRecordScreen, "shipped list")
        await pilot.press("escape")

        await visit(pilot, hostile, ("3",), ContactsScreen, "contacts + detail")
        await visit(pilot, hostile, ("e",), ContactForm, "contact form")
        await pilot.press("escape")
        await visit(pilot, hostile, ("l",), InteractionForm, "interaction form")
        await pilot.press("escape")
        await visit(pilot, hostile, ("delete",), ConfirmScreen, "contact delete question")
        await pilot.press("n")
        await visit(pilot, hostile, ("D",), DueScreen, "due list")
        await pilot.press("escape")

        await visit(pilot, hostile, ("4",), HistoryScreen, "history")
        history = app.screen
        assert isinstance(history, HistoryScreen)
        for _row in range(10):  # down to the first session of the week
            if history.selected_session() is not None:
                break
            await pilot.press("down")
        await visit(pilot, hostile, (), HistoryScreen, "history + session details")
        await visit(pilot, hostile, ("e",), SessionForm, "session form")
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.return_code is None


async def test_notices_naming_hostile_text_are_inert(tmp_path: Path, _isolated: Any) -> None:
    """The box-done notice (and the desktop notification) and the after-box / length
    dialogs name the card or contact: each of them, for each string."""
    for number, hostile in enumerate(HOSTILE):
        folder = tmp_path / str(number)
        folder.mkdir()
        clock = FakeClock(NOW)
        app, _store = build(folder, hostile, clock)
        raised = noted(app)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            clock.advance(minutes=26)
            app.tick()  # the box is over: a notice names the card
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)  # the break question
            await pilot.press("n")
            await settle(pilot)
            notices = [(text, markup) for text, markup in raised if "recorded on" in text]
            assert len(notices) == 1, raised
            assert forbidden_in(notices[0][0]) == [] and notices[0][1] is False, notices
            check(app, hostile, "box-done notice", shown=hostile.name != "long")
            await visit(pilot, hostile, ("3", "n"), LengthScreen, "network box length dialog")
            await pilot.press("escape")
            await visit(pilot, hostile, ("u",), ContactsScreen, "undo notice")
            assert app.is_running
        for text, markup in raised:  # every notice: inert, and never read as markup
            assert forbidden_in(text) == [] and (markup is False or "[" not in text), text
        assert all(forbidden_in(title + body) == [] for title, body in _isolated)


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
async def test_saving_a_form_left_alone_keeps_the_stored_text(
    tmp_path: Path, hostile: Hostile
) -> None:
    """Fields show stored text made visible; saving the card and contact forms untouched
    stores exactly what was there (no escapes written into the data)."""
    clock = FakeClock(NOW)
    app, store = build(tmp_path, hostile, clock)
    item_id = "11111111-aaaa-4aaa-8aaa-000000000001"
    contact_id = "33333333-aaaa-4aaa-8aaa-000000000003"
    card, person = store.items.get(item_id), store.contacts.get(contact_id)
    async with app.run_test(size=SIZE) as pilot:
        await visit(pilot, hostile, ("2",), BoardScreen, "board")
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.choose_lane(board.rules.columns.index("Doing"))
        await visit(pilot, hostile, ("e",), ItemForm, "card form")
        await pilot.press("ctrl+s")
        await settle(pilot)
        if hostile.name == "long":  # refused, named in the form: nothing is cut short
            assert isinstance(app.screen, ItemForm)
            await pilot.press("escape")
        assert not isinstance(app.screen, ItemForm)
        await visit(pilot, hostile, ("3", "e"), ContactForm, "contact form")
        await pilot.press("ctrl+s")
        await settle(pilot)
        if isinstance(app.screen, ContactForm):
            await pilot.press("escape")
    store.refresh()
    after, person_after = store.items.get(item_id), store.contacts.get(contact_id)
    assert (after.title, after.notes, after.tags) == (card.title, card.notes, card.tags)
    for field in ("name", "organisation", "role", "email", "how_met", "notes", "tags", "links"):
        assert getattr(person_after, field) == getattr(person, field), field


COLUMN_NAMES = [h for h in HOSTILE if h.name != "long"]  # names of 1 to 40 characters


@pytest.mark.parametrize("first", range(0, len(COLUMN_NAMES), 3))
async def test_board_column_names_from_the_settings_file_show_literally(
    tmp_path: Path, first: int
) -> None:
    """The board's columns are named in config.toml (the one user-settable text in the
    settings): read by the settings loader, shown in the board's column heads."""
    from netbalance.settings.config import load

    chosen = (COLUMN_NAMES * 2)[first : first + 3]
    names = ", ".join(json.dumps(h.text, ensure_ascii=False) for h in chosen)  # TOML strings
    path = tmp_path / "config.toml"
    path.write_text(f'[time]\ntime_zone = "UTC"\n[board]\ncolumns = [{names}, "Shipped"]\n')
    loaded = load(str(path))
    assert loaded.settings.board_columns[:3] == tuple(h.text.strip() for h in chosen)
    # the default WIP column, Doing, is not among them: a problem naming the columns
    assert len(loaded.problems) == 1 and "wip_column" in loaded.problems[0]
    store = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    app = make_app(
        loaded.settings,
        store,
        clock=FakeClock(NOW),
        problems=loaded.problems,
        settings_path=str(path),
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        for hostile in chosen:  # the problem shows as a notice (wrapped) on the dashboard
            text = "\n".join(check(app, hostile, "settings problem notice", shown=False))
            assert hostile.start in text, text
        for hostile in chosen:
            await visit(pilot, hostile, ("2",), BoardScreen, "board column heads")
