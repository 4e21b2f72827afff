"""A form opened in the app while another process changes or deletes its record: the
other change is kept (merged field by field), a clash is refused naming the field and
both values with the form left open, and a deleted record is never brought back unless
the user says so. A question (delete) asked about a record that changed before the
answer asks again. And an interaction logged with `l` just after a network box with the
person is linked to it, as `netbalance contact log` does: its minutes count once.

"Another process" is a second Store on the same data file, as `netbalance item edit`,
`contact snooze` or `delete` would be."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from nbapp import NOW, SIZE, AppFactory, messages, press, settle
from textual.pilot import Pilot
from textual.widgets import Input, Static

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, Kind, Session, replace
from netbalance.core.stats import minutes_by_day
from netbalance.core.weeks import DayGrid
from netbalance.store.store import Store
from netbalance.tui.screens.board import BoardScreen
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.screens.contact_forms import ContactForm, InteractionForm
from netbalance.tui.screens.contacts import ContactsScreen
from netbalance.tui.screens.form import Form
from netbalance.tui.screens.history import HistoryScreen
from netbalance.tui.screens.item_form import ItemForm
from netbalance.tui.screens.session_form import SessionForm

T0 = NOW - timedelta(days=3)


def card(ident: str, title: str, position: float, **fields: Any) -> Item:
    return Item(
        id=ident, title=title, column="Backlog", position=position, created=T0, updated=T0,
        **fields,
    )  # fmt: skip


def seeded(store: Store) -> Store:
    with store.transaction():
        store.items.add_many(
            [card("card0001", "Draft README", 1.0, tags=("docs",)), card("card0002", "Ship", 2.0)]
        )
        store.contacts.add_many(
            [
                Contact(id="ada00001", name="Ada", created=T0, updated=T0, organisation="Engines"),
                Contact(id="bob00002", name="Bob", created=T0, updated=T0),
            ]
        )
        store.sessions.add(
            Session(
                id="sess0001",
                kind=Kind.PRODUCE,
                start=NOW - timedelta(hours=5),
                end=NOW - timedelta(hours=4),
                created=T0,
                updated=T0,
                note="first",
            )
        )
    return store


def other(db_path: Path, clock: FakeClock) -> Store:
    """Another process on the same data file."""
    return Store.open(str(db_path), clock)


def form_of(app: Any, kind: type[Form[Any]]) -> Any:
    assert isinstance(app.screen, kind), app.screen
    return app.screen


def form_error(app: Any) -> str:
    return str(app.screen.query_one(".dialog-error", Static).render())


async def fill(pilot: Pilot[Any], selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = text
    await settle(pilot)


async def open_card_form(pilot: Pilot[Any]) -> ItemForm:
    await press(pilot, "2")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen) and screen.selected_id() == "card0001"
    await press(pilot, "e")
    form: ItemForm = form_of(pilot.app, ItemForm)
    return form


# cards --------------------------------------------------------------------------------


async def test_a_card_form_keeps_a_change_another_process_made_meanwhile(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_card_form(pilot)
        cli = other(db_path, clock)
        cli.items.update(replace(cli.items.get("card0001"), tags=("from-cli",)))
        await fill(pilot, "#card-title", "Draft README v2")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, BoardScreen)
    stored = other(db_path, clock).items.get("card0001")
    assert stored is not None
    assert (stored.title, stored.tags) == ("Draft README v2", ("from-cli",))


async def test_a_clash_keeps_the_form_open_naming_both_values_and_a_second_save_wins(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_card_form(pilot)
        cli = other(db_path, clock)
        theirs = replace(cli.items.get("card0001"), title="Theirs", notes="their notes")
        cli.items.update(theirs)
        await fill(pilot, "#card-title", "Mine")
        await press(pilot, "ctrl+s")
        form = form_of(pilot.app, ItemForm)  # still open
        error = form_error(pilot.app)
        assert "title is now 'Theirs', yours 'Mine'" in error and "nothing was saved" in error
        assert other(db_path, clock).items.get("card0001").title == "Theirs"
        # the form shows what is stored, with the user's title where both changed it
        assert form.value("#card-title") == "Mine"
        assert form.text("#card-notes") == "their notes"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, BoardScreen)
    stored = other(db_path, clock).items.get("card0001")
    assert stored is not None and (stored.title, stored.notes) == ("Mine", "their notes")


async def test_a_card_deleted_meanwhile_is_not_brought_back_unless_asked(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_card_form(pilot)
        cli = other(db_path, clock)
        cli.items.remove(cli.items.get("card0001"))
        await fill(pilot, "#card-title", "Draft README v2")
        await press(pilot, "ctrl+s")
        form_of(pilot.app, ItemForm)
        assert "was deleted meanwhile" in form_error(pilot.app)
        assert [item.id for item in other(db_path, clock).items.all()] == ["card0002"]
        await press(pilot, "ctrl+s")  # the user says: add it as new
        assert isinstance(pilot.app.screen, BoardScreen)
    titles = {item.id: item.title for item in other(db_path, clock).items.all()}
    assert "card0001" not in titles
    assert sorted(titles.values()) == ["Draft README v2", "Ship"]


async def test_a_delete_question_asks_again_when_the_card_changed_before_the_answer(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await press(pilot, "2")
        await press(pilot, "delete")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        cli = other(db_path, clock)
        cli.items.update(replace(cli.items.get("card0001"), title="Renamed by the CLI"))
        await press(pilot, "y")
        question = pilot.app.screen
        assert isinstance(question, ConfirmScreen)
        assert "changed since" in question.question and "Renamed by the CLI" in question.question
        assert other(db_path, clock).items.get("card0001") is not None
        await press(pilot, "y")
    assert other(db_path, clock).items.get("card0001") is None


# contacts -----------------------------------------------------------------------------


async def open_contact_form(pilot: Pilot[Any], name: str) -> ContactForm:
    await press(pilot, "3")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen)
    screen.table.move_to(next(c.id for c in screen.shown if c.name == name))
    await settle(pilot)
    await press(pilot, "e")
    form: ContactForm = form_of(pilot.app, ContactForm)
    return form


async def test_a_contact_form_keeps_a_snooze_made_meanwhile(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    snoozed = NOW.date() + timedelta(days=7)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_contact_form(pilot, "Ada")
        cli = other(db_path, clock)
        cli.contacts.update(replace(cli.contacts.get("ada00001"), snoozed_until=snoozed))
        await fill(pilot, "#contact-org", "Analytical Engines")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ContactsScreen)
    stored = other(db_path, clock).contacts.get("ada00001")
    assert stored is not None
    assert (stored.organisation, stored.snoozed_until) == ("Analytical Engines", snoozed)


async def test_a_contact_deleted_meanwhile_is_not_brought_back(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_contact_form(pilot, "Ada")
        cli = other(db_path, clock)
        cli.contacts.remove(cli.contacts.get("ada00001"))
        await fill(pilot, "#contact-org", "Analytical Engines")
        await press(pilot, "ctrl+s")
        form_of(pilot.app, ContactForm)
        assert "was deleted meanwhile" in form_error(pilot.app)
        await press(pilot, "escape")
    assert [c.name for c in other(db_path, clock).contacts.all()] == ["Bob"]


async def test_l_just_after_a_network_box_links_the_interaction_to_it(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    """The CLI's rule in the app: within half an hour of a network box with the person,
    the interaction is that box's, takes its minutes and counts once."""
    store = seeded(empty_store)
    cli = other(db_path, clock)
    boxes.start(cli, Kind.NETWORK, minutes=30, contact_id="bob00002", contact_name="Bob")
    clock.advance(minutes=30)
    box = boxes.finish(cli)
    clock.advance(minutes=5)
    app = app_factory(store=store)
    async with app.run_test(size=SIZE) as pilot:
        app.watch_files()  # the app's poll, which sees the other process's box
        await press(pilot, "3")
        await pilot.app.workers.wait_for_complete()
        screen = pilot.app.screen
        assert isinstance(screen, ContactsScreen)
        screen.table.move_to("bob00002")
        await settle(pilot)
        await press(pilot, "l")
        form = form_of(pilot.app, InteractionForm)
        assert form.value("#interaction-minutes") == "30"  # the box's minutes, offered
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ContactsScreen)
        assert any("linked to the network box (counted once)" in m for m in messages(app))
    (logged,) = other(db_path, clock).interactions.of_contact("bob00002")
    assert (logged.session_id, logged.minutes) == (box.id, 30)
    again = other(db_path, clock)
    grid = DayGrid.build(box.start.date(), 1, "UTC")
    per_day = minutes_by_day(grid, again.sessions.all(), again.interactions.all())
    assert round(per_day[box.start.date()].network) == 30  # not 60


# past time ----------------------------------------------------------------------------


async def open_session_form(pilot: Pilot[Any]) -> SessionForm:
    await press(pilot, "4")
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    assert screen.table.move_to("sess0001")
    await settle(pilot)
    await press(pilot, "e")
    form: SessionForm = form_of(pilot.app, SessionForm)
    return form


async def test_a_session_deleted_meanwhile_is_not_recorded_again(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        await open_session_form(pilot)
        cli = other(db_path, clock)
        cli.sessions.remove(cli.sessions.get("sess0001"))
        await fill(pilot, "#session-note", "second")
        await press(pilot, "ctrl+s")
        form_of(pilot.app, SessionForm)
        assert "was deleted meanwhile" in form_error(pilot.app)
        await press(pilot, "escape")
    assert other(db_path, clock).sessions.all() == []


async def test_a_session_form_keeps_a_note_changed_meanwhile_and_moves_the_time(
    app_factory: AppFactory, empty_store: Store, db_path: Path, clock: FakeClock
) -> None:
    store = seeded(empty_store)
    async with app_factory(store=store).run_test(size=SIZE) as pilot:
        form = await open_session_form(pilot)
        cli = other(db_path, clock)
        cli.sessions.update(replace(cli.sessions.get("sess0001"), note="from the CLI"))
        start = (NOW - timedelta(hours=6)).strftime("%Y-%m-%d %H:%M")
        end = (NOW - timedelta(hours=5)).strftime("%H:%M")
        await fill(pilot, "#session-when", f"{start}-{end}")
        assert form.value("#session-note") == "first"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, HistoryScreen)
    stored = other(db_path, clock).sessions.get("sess0001")
    assert stored is not None
    assert (stored.start, stored.note) == (NOW - timedelta(hours=6), "from the CLI")


def test_an_interaction_record_is_a_record_with_a_revision() -> None:
    """Every record type carries a revision, starting at 0 (never saved twice)."""
    for record in (Interaction, Session, Item, Contact):
        assert record._field_defaults["revision"] == 0
