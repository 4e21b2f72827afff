"""History mode from the keyboard: every key, checked on the stored data.

The clock is frozen at NOW, Thursday 2026-11-26 15:00 UTC (week 2026-W48, Monday 23 Nov);
the zone is UTC. Each test starts from a few known sessions on an empty store.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nbapp import NOW, SIZE, AppFactory, messages, press, screen_text, settle
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from netbalance.core.models import Item, Kind, Session
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.commands import WORDS
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.history import HistoryScreen
from netbalance.tui.screens.session_form import SessionForm, SplitForm
from netbalance.tui.widgets.history_table import HistoryTable


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


def session(sid: str, start: datetime, end: datetime, kind: Kind = Kind.PRODUCE) -> Session:
    return Session(id=sid, kind=kind, start=start, end=end, created=NOW, updated=NOW, note=sid)


def seeded(store: Store) -> Store:
    with store.transaction():
        store.sessions.add_many(
            [
                session("aaaa0001-this-week", at(24, 9), at(24, 10, 30)),
                session("aaaa0002-this-week", at(26, 9), at(26, 9, 50, 17), Kind.NETWORK),
                session("aaaa0003-last-week", at(17, 14), at(17, 15)),
            ]
        )
    return store


def spans(store: Store) -> list[tuple[str, str, str, str]]:
    return [
        (s.kind.value, f"{s.start:%d %H:%M:%S}", f"{s.end:%d %H:%M:%S}", s.note)
        for s in sorted(store.sessions.all(), key=lambda s: s.start)
    ]


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    await press(pilot, "4")
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def table_keys(app: NetbalanceApp) -> list[str]:
    return list(app.screen.query_one("#history", HistoryTable).ids)


def select(app: NetbalanceApp, key: str) -> None:
    assert app.screen.query_one("#history", HistoryTable).move_to(key), key


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[("space" if c == " " else c) for c in text])


async def test_opens_on_this_week_by_day_with_totals_and_arrows_move_by_week(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        assert table_keys(app) == [
            "day:2026-11-24",
            "aaaa0001-this-week",
            "day:2026-11-26",
            "aaaa0002-this-week",
        ]
        text = screen_text(app)
        assert "2026-W48" in text and "produce 1 h 30 m · network 50 m" in text
        await press(pilot, "left")
        assert table_keys(app) == ["day:2026-11-17", "aaaa0003-last-week"]
        assert "2026-W47" in screen_text(app)
        await press(pilot, "right", "right")  # the second: no week after this one yet
        assert "2026-W48" in screen_text(app) and len(table_keys(app)) == 4
        assert any("the current week" in m for m in messages(app))


async def test_f_filters_by_kind(app_factory: AppFactory, empty_store: Store) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await press(pilot, "f")
        assert table_keys(app) == ["day:2026-11-24", "aaaa0001-this-week"]
        await press(pilot, "f")
        assert table_keys(app) == ["day:2026-11-26", "aaaa0002-this-week"]
        await press(pilot, "f")
        assert len(table_keys(app)) == 4


async def test_the_selected_rows_details_show(app_factory: AppFactory, empty_store: Store) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0002-this-week")
        await pilot.pause()
        assert "network session aaaa00: Thu 26 Nov 09:00–09:50, 50 m" in screen_text(app)


async def test_a_adds_a_forgotten_session(app_factory: AppFactory, empty_store: Store) -> None:
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, SessionForm)
        await type_text(pilot, "yesterday 14:00 50m")
        app.screen.query_one("#session-note", Input).value = "[b]forgot[/b]"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
        assert ("produce", "25 14:00:00", "25 14:50:00", "[b]forgot[/b]") in spans(store)
        assert "day:2026-11-25" in table_keys(app)


async def test_a_bad_time_stays_in_the_form_and_saves_nothing(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    before = spans(store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await press(pilot, "a")
        await type_text(pilot, "16:00-17:00")
        await press(pilot, "enter")
        assert isinstance(app.screen, SessionForm)
        assert "is in the future" in screen_text(app)
        await press(pilot, "escape", "y")  # drop what was typed
        assert isinstance(app.screen, HistoryScreen)
    assert spans(store) == before


async def test_an_overlap_is_named_then_refused_or_trimmed(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    before = spans(store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await press(pilot, "a")
        await type_text(pilot, "tue 10:00-11:00")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "overlaps the produce session aaaa00 (Tue 24 Nov 09:00–10:30)" in (
            app.screen.question
        )
        await press(pilot, "n")
        assert spans(store) == before
        # back in the form, with what was typed and why nothing was saved
        assert isinstance(app.screen, SessionForm)
        assert "Nothing saved" in screen_text(app)
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, HistoryScreen)
    assert ("produce", "24 09:00:00", "24 10:00:00", "aaaa0001-this-week") in spans(store)
    assert ("produce", "24 10:00:00", "24 11:00:00", "") in spans(store)


async def test_an_edit_that_trims_another_names_the_session_saved(
    app_factory: AppFactory, empty_store: Store
) -> None:
    """The notice after an edit with a trim names the edited session, not the one the
    trim shortened (both are among the changes)."""
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_history(pilot)
        select(app, "aaaa0002-this-week")
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, SessionForm)
        form.query_one("#session-when", Input).value = "2026-11-24 10:00-11:00"
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, HistoryScreen)
        said = messages(app)[-1]
    assert "Saved the network session aaaa00 (Tue 24 Nov 10:00–11:00);" in said, said
    assert "trimmed the produce session aaaa00 (Tue 24 Nov 09:00–10:30) to end at 10:00" in said


async def test_e_edits_the_note_and_keeps_the_seconds(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0002-this-week")
        await press(pilot, "e")
        assert isinstance(app.screen, SessionForm)
        app.screen.query_one("#session-note", Input).value = "coffee with Ada"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
    edited = store.sessions.get("aaaa0002-this-week")
    assert edited is not None
    assert (edited.note, edited.end, edited.kind) == (
        "coffee with Ada",
        at(26, 9, 50, 17),
        Kind.NETWORK,
    )


async def test_e_moves_a_session_to_another_day(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0001-this-week")
        await press(pilot, "e")
        app.screen.query_one("#session-when", Input).value = "2026-10-30 09:00 1h"
        await press(pilot, "ctrl+s")
    moved = store.sessions.get("aaaa0001-this-week")
    assert moved is not None and (moved.start, moved.end) == (
        at(1, 0) - timedelta(days=2) + timedelta(hours=9),
        at(1, 0) - timedelta(days=2) + timedelta(hours=10),
    )


async def test_delete_asks_first(app_factory: AppFactory, empty_store: Store) -> None:
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0001-this-week")
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert store.sessions.get("aaaa0001-this-week") is not None
        await press(pilot, "delete", "y")
        assert store.sessions.get("aaaa0001-this-week") is None
        assert "aaaa0001-this-week" not in table_keys(app)


async def test_slash_splits_the_session_at_a_time(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0001-this-week")
        await press(pilot, "slash")
        assert isinstance(app.screen, SplitForm)
        await type_text(pilot, "11:00")
        await press(pilot, "enter")
        assert isinstance(app.screen, SplitForm)  # outside the session: told, kept open
        assert "is not inside" in screen_text(app)
        app.screen.query_one("#split-at", Input).value = "09:45"
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
    assert [s[:3] for s in spans(store) if s[1].startswith("24")] == [
        ("produce", "24 09:00:00", "24 09:45:00"),
        ("produce", "24 09:45:00", "24 10:30:00"),
    ]


async def test_slash_splits_a_session_across_midnight_at_a_time_after_it(
    app_factory: AppFactory, empty_store: Store
) -> None:
    """A bare time is the one inside the session: 00:15 is on the end's day here."""
    with empty_store.transaction():
        empty_store.sessions.add(session("late0001", at(24, 23, 30), at(25, 0, 45)))
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "late0001")
        await press(pilot, "slash")
        app.screen.query_one("#split-at", Input).value = "00:15"
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
    assert [s[1:3] for s in spans(empty_store)] == [
        ("24 23:30:00", "25 00:15:00"),
        ("25 00:15:00", "25 00:45:00"),
    ]


async def test_every_key_is_in_the_footer_and_the_palette(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0001-this-week")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for label in ("Week", "Kind", "Add", "Edit", "Delete", "Split"):
            assert label in footer, footer
    ids = {binding.id for binding in HistoryScreen.BINDINGS if isinstance(binding, Binding)}
    assert ids <= set(WORDS)


async def test_a_card_and_a_contact_complete_as_typed_and_part_of_a_title_finds_it(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    with store.transaction():
        store.items.add(
            Item(id="card0001", title="Draft README", column="Backlog", position=1.0,
                 created=NOW, updated=NOW)
        )  # fmt: skip
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        await press(pilot, "a")
        await type_text(pilot, "tue 12:00-12:30")
        app.screen.query_one("#session-card", Input).focus()
        await type_text(pilot, "draft")
        await press(pilot, "right")  # takes the completion shown
        assert app.screen.query_one("#session-card", Input).value == "Draft README"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
        await press(pilot, "a")
        await type_text(pilot, "tue 13:00-13:30")
        app.screen.query_one("#session-card", Input).value = "READ"  # part of the title
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen), screen_text(app)
    linked = [s.item_title for s in store.sessions.all() if s.item_id == "card0001"]
    assert linked == ["Draft README", "Draft README"]


async def test_a_sessions_tags_show_and_the_form_edits_them(
    app_factory: AppFactory, empty_store: Store
) -> None:
    store = seeded(empty_store)
    with store.transaction():
        first = store.sessions.get("aaaa0001-this-week")
        assert first is not None
        store.sessions.update(first._replace(tags=("writing", "[b]deep")))
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        select(app, "aaaa0001-this-week")
        await pilot.pause()
        shown = screen_text(app)
        assert "#writing #[b]deep aaaa0001-this-week" in shown  # the Note cell: tags, note
        assert "tags: writing, [b]deep" in shown  # the details, a line of their own
        assert "\\x0a" not in shown
        await press(pilot, "e")
        assert isinstance(app.screen, SessionForm)
        tags = app.screen.query_one("#session-tags", Input)
        assert tags.value == "writing, [b]deep"
        tags.value = "writing, #thesis, Writing"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
        edited = store.sessions.get("aaaa0001-this-week")
        assert edited is not None and edited.tags == ("writing", "thesis")
        await press(pilot, "e")
        app.screen.query_one("#session-tags", Input).value = "x" * 41
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SessionForm)  # stays open, saying why
        assert "a tag is one line of at most 40" in screen_text(app)


async def test_enter_or_a_double_click_on_a_session_opens_its_form_not_on_a_day(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        assert screen.table.selected_id() == "day:2026-11-24"  # the week's first row
        await press(pilot, "enter")
        assert app.screen is screen  # a day's row: nothing to edit
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, SessionForm)
        assert "Edit aaaa00" in screen_text(app)
        await press(pilot, "escape")
        assert app.screen is screen
        # the heading is the table's first line: the fourth row is three lines below it
        await pilot.click("#history", offset=(20, 4), times=2)
        await settle(pilot)
        assert isinstance(app.screen, SessionForm)
        assert app.screen.query_one("#session-note", Input).value == "aaaa0002-this-week"


async def test_a_click_selects_a_row_and_keys_move_the_cursor(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        await pilot.click("#history", offset=(20, 2))
        await settle(pilot)
        assert screen.table.selected_id() == "aaaa0001-this-week"
        assert "produce session aaaa00: Tue 24 Nov 09:00–10:30" in screen_text(app)
        await press(pilot, "end")
        assert screen.table.selected_id() == "aaaa0002-this-week"
        await press(pilot, "up")
        assert screen.table.selected_id() == "day:2026-11-26"
        assert screen.selected_session() is None
        await press(pilot, "home", "j")
        assert screen.table.selected_id() == "aaaa0001-this-week"
        await press(pilot, "left")  # another week: the cursor at its top
        assert screen.table.selected_id() == "day:2026-11-17"


async def test_an_edit_keeps_the_cursor_on_the_session(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=seeded(empty_store))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(pilot)
        select(app, "aaaa0002-this-week")
        await press(pilot, "e")
        app.screen.query_one("#session-note", Input).value = "after the edit"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert screen.table.selected_id() == "aaaa0002-this-week"
        assert "note: after the edit" in screen_text(app)
        assert "after the edit" in screen_text(app).split("note:")[0]  # the row, redrawn


async def test_user_text_shows_literally_in_the_rows(
    app_factory: AppFactory, empty_store: Store
) -> None:
    with empty_store.transaction():
        empty_store.sessions.add(
            session("aaaa0009-this-week", at(25, 9), at(25, 10))._replace(
                note="[bold red]x[/] \x1b]0;pwned\x07 [link=file:///etc/passwd]y"
            )
        )
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(pilot)
        (row,) = [line for line in screen_text(app).splitlines() if "09:00–10:00" in line]
        assert "[bold red]x[/]" in row and "[link=file:///etc/passwd]y" in row, row
        assert "\x1b" not in screen_text(app) and "\x07" not in screen_text(app)


async def test_the_week_line_grows_and_shrinks_when_its_text_wraps(
    app_factory: AppFactory, empty_store: Store
) -> None:
    """The week line is laid out again only when its height may change: here the
    terminal is exactly as wide as `… all kinds`, so `… produce only` takes two lines."""
    store = seeded(empty_store)
    week = "2026-W48  23 Nov – 29 Nov  ·  produce 1 h 30 m · network 50 m  ·  ratio 1.8 : 1  ·  "
    app = app_factory(store=store)
    async with app.run_test(size=(len(week + "all kinds") + 2, 24)) as pilot:
        screen = await open_history(pilot)
        line = screen.query_one("#history-week")
        assert (line.size.height, screen.table.region.y) == (1, 2)
        await press(pilot, "f")  # produce only
        assert (line.size.height, screen.table.region.y) == (2, 3)
        await press(pilot, "f", "f")  # network only, then all kinds again
        assert (line.size.height, screen.table.region.y) == (1, 2)
        assert week + "all kinds" in screen_text(app)


async def test_the_cursor_stays_in_view_when_the_details_grow(
    app_factory: AppFactory, empty_store: Store
) -> None:
    """End on a long week at 80×24: the last row's details take more lines than the
    first row's, the table gets shorter, and the selected row is still on screen."""
    with empty_store.transaction():
        empty_store.sessions.add_many(
            [
                session(f"many{n:04d}-this-week", at(23, 8, n * 5), at(23, 8, n * 5 + 4))
                for n in range(11)
            ]
            + [
                session(f"more{n:04d}-this-week", at(24, 8, n * 5), at(24, 8, n * 5 + 4))
                for n in range(10)
            ]
        )
        last = session("last0001-this-week", at(25, 9), at(25, 10))
        empty_store.sessions.add(last._replace(tags=("writing",)))
    app = app_factory(store=empty_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await press(pilot, "end")
        table = screen.table
        assert table.selected_id() == "last0001-this-week"
        assert "tags: writing" in screen_text(app)
        top = round(table.scroll_offset.y)
        assert top <= table.cursor < top + table.size.height - 1  # below the heading
        rows = [line for line in screen_text(app).splitlines() if "#writing" in line]
        assert len(rows) == 1 and "09:00–10:00" in rows[0]  # the row, on screen


async def test_edit_on_an_interaction_line_says_it_acts_on_sessions(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_history(pilot)
        key = next(key for key, row in screen.rows.items() if row.interaction is not None)
        select(app, key)
        for action in ("e", "delete"):
            await press(pilot, action)
            assert isinstance(app.screen, HistoryScreen)
            assert "This line is an interaction (logged in Contacts)" in messages(app)[-1]
