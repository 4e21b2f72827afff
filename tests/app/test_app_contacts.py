"""The Contacts mode: every key, asserting what is stored; the network box → interaction
flow end to end; hostile text shown literally; the import dialog."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from nbapp import NASTY_TITLE, NOW, SIZE, AppFactory, advance, press, screen_text, settle
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from netbalance.core.clock import FakeClock
from netbalance.core.contacts import derive, filter_key, key_matches, narrows, normal_filter
from netbalance.core.models import Contact, Interaction, Kind, replace
from netbalance.core.stats import minutes_by_day
from netbalance.core.weeks import DayGrid
from netbalance.store.store import Store
from netbalance.tui.commands import EXTRA, WORDS
from netbalance.tui.screens.contact_dialogs import DueScreen, ImportScreen
from netbalance.tui.screens.contact_forms import InteractionForm
from netbalance.tui.screens.contacts import ContactsScreen, Listed

FILES = Path(__file__).resolve().parents[1] / "contacts" / "files"
TODAY = NOW.date()


def people(store: Store) -> None:
    """Three contacts: Ada (overdue by cadence), Bob (a follow-up due), Cy (nothing)."""
    created = NOW - timedelta(days=200)

    def contact(ident: str, name: str, **fields: Any) -> Contact:
        return Contact(id=ident, name=name, created=created, updated=created, **fields)

    store.contacts.add_many(
        [
            contact(
                "aaaa0001", "Ada Lovelace", organisation="Engines", cadence_days=30, tags=("math",)
            ),
            contact("bbbb0002", "Bob Kahn", organisation="DARPA", tags=("net",)),
            contact("cccc0003", "Cy Young", organisation="Baseball"),
        ]
    )

    def talk(ident: str, who: str, days: int, **fields: Any) -> Interaction:
        when = NOW - timedelta(days=days)
        return Interaction(
            id=ident, contact_id=who, when=when, created=when, updated=when, minutes=10, **fields
        )

    store.interactions.add_many(
        [
            talk("i1", "aaaa0001", 45),
            talk("i2", "bbbb0002", 5, follow_up=TODAY - timedelta(days=1)),
            talk("i3", "bbbb0002", 60),
        ]
    )


@pytest.fixture
def three(empty_store: Store) -> Store:
    people(empty_store)
    return empty_store


async def contacts_mode(pilot: Pilot[Any]) -> ContactsScreen:
    """Contacts mode, with the derived values counted (they come from a worker)."""
    await press(pilot, "3")
    await counted(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


async def counted(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def select(pilot: Pilot[Any], screen: ContactsScreen, name: str) -> None:
    contact = next(c for c in screen.shown if c.name == name)
    screen.table.move_to(contact.id)
    await settle(pilot)
    assert screen.selected() is not None and screen.selected().name == name  # type: ignore[union-attr]


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    await settle(pilot)


def named(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts.all() if c.name == name)


async def test_the_table_lists_every_contact_with_derived_values(
    app_factory: AppFactory, three: Store
) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        assert [c.name for c in screen.shown] == ["Ada Lovelace", "Bob Kahn", "Cy Young"]
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "Ada Lovelace" in text and "Engines" in text
        # the detail pane: Ada's history and her overdue cadence
        assert f"{(TODAY - timedelta(days=15)).isoformat()} (15 d overdue)" in text
        await press(pilot, "o", "o", "o")  # name → organisation → last contact → next due
        assert screen.sort == "next due"
        assert [c.name for c in screen.shown] == ["Ada Lovelace", "Bob Kahn", "Cy Young"]
        await press(pilot, "o")
        assert screen.sort == "interactions"
        assert screen.shown[0].name == "Bob Kahn"


async def test_a_adds_a_contact(app_factory: AppFactory, three: Store) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        await contacts_mode(pilot)
        await press(pilot, "a")
        await type_into(pilot, "#contact-name", "Grace Hopper")
        await type_into(pilot, "#contact-org", "US Navy")
        await type_into(pilot, "#contact-tags", "navy, #cobol")
        await type_into(pilot, "#contact-cadence", "14")
        await press(pilot, "ctrl+s")
        grace = named(three, "Grace Hopper")
        assert (grace.organisation, grace.tags, grace.cadence_days) == (
            "US Navy", ("navy", "cobol"), 14)  # fmt: skip
        screen = pilot.app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.selected() is not None and screen.selected().id == grace.id  # type: ignore[union-attr]


async def test_a_bad_email_keeps_the_form_open(app_factory: AppFactory, three: Store) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        await contacts_mode(pilot)
        await press(pilot, "a")
        await type_into(pilot, "#contact-name", "X")
        await type_into(pilot, "#contact-email", "nope")
        await press(pilot, "ctrl+s")
        assert "not an email address" in screen_text(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "escape")
        assert len(three.contacts.all()) == 3


async def test_e_edits_the_selected_contact(app_factory: AppFactory, three: Store) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Cy Young")
        await press(pilot, "e")
        await type_into(pilot, "#contact-role", "Pitcher")
        await press(pilot, "ctrl+s")
        assert named(three, "Cy Young").role == "Pitcher"


async def test_l_logs_an_interaction(app_factory: AppFactory, three: Store) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Cy Young")
        await press(pilot, "l")
        assert isinstance(pilot.app.screen, InteractionForm)
        await type_into(pilot, "#interaction-minutes", "20")
        await type_into(pilot, "#interaction-follow-up", "+3d")
        await type_into(pilot, "#interaction-note", "[b]talked[/b] about curveballs")
        await press(pilot, "ctrl+s")
        (logged,) = three.interactions.of_contact("cccc0003")
        assert (logged.minutes, logged.follow_up, logged.channel, logged.session_id) == (
            20, TODAY + timedelta(days=3), "call", None)  # fmt: skip
        assert logged.note == "[b]talked[/b] about curveballs"
        assert "[b]talked[/b] about curveballs" in screen_text(pilot.app)  # type: ignore[arg-type]


async def test_l_after_a_network_box_left_unlogged_is_about_that_box(
    app_factory: AppFactory, three: Store, clock: FakeClock
) -> None:
    """The box's form put aside (Esc), `l` with the same person in the next half hour
    fills in the box's minutes and links it: it asks no time, so it cannot be moved to
    another day with the box's minutes and count them twice."""
    app = app_factory(store=three)
    async with app.run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Bob Kahn")
        await press(pilot, "n", "enter")
        box = three.box.get()
        assert box is not None
        await advance(pilot, clock, minutes=int(box.planned_seconds or 0) // 60 + 1)
        await press(pilot, "escape", "escape")  # the box's form, then the break
        await press(pilot, "l")
        minutes = (box.planned_seconds or 0) // 60
        assert int(app.screen.query_one("#interaction-minutes", Input).value) == minutes
        assert "When (empty: now)" not in screen_text(app)
        await press(pilot, "ctrl+s")
        (logged,) = three.interactions.of_contact("bbbb0002")[-1:]
        session = next(s for s in three.sessions.all() if s.contact_id == "bbbb0002")
        assert (logged.session_id, logged.minutes) == (session.id, minutes)


async def test_l_logs_an_interaction_after_the_fact(app_factory: AppFactory, three: Store) -> None:
    """When: empty is now; `yesterday 15:00` is then; a time to come is refused, named,
    and nothing is logged."""
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Cy Young")
        await press(pilot, "l")
        assert "When (empty: now)" in screen_text(pilot.app)  # type: ignore[arg-type]
        await type_into(pilot, "#interaction-when", "2026-11-27 10:00")
        await press(pilot, "ctrl+s")
        said = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "When 2026-11-27 10:00: that time has not come yet" in said
        assert not three.interactions.of_contact("cccc0003")
        await type_into(pilot, "#interaction-when", "-1h")  # replaces what was typed
        assert pilot.app.screen.query_one("#interaction-when", Input).value == "-1h"
        await press(pilot, "ctrl+s")
        assert "has not come yet" not in screen_text(pilot.app)  # type: ignore[arg-type]
        (logged,) = three.interactions.of_contact("cccc0003")
        assert logged.when == NOW - timedelta(hours=1)
        await press(pilot, "l")
        await type_into(pilot, "#interaction-when", "yesterday 15:00")
        await press(pilot, "ctrl+s")
        later = [i.when for i in three.interactions.of_contact("cccc0003")]
        assert sorted(later) == [NOW - timedelta(days=1), NOW - timedelta(hours=1)]


async def test_l_logs_a_card_shared_from_the_track_record(
    app_factory: AppFactory, three: Store
) -> None:
    """The track record's list is made when it is opened (not with the form): opened,
    it lists the shipped cards, and the one chosen is logged as shared."""
    from textual.widgets import Select

    from netbalance.core.board import Board, BoardRules
    from netbalance.core.board import add as add_card

    empty = Board.build([], BoardRules(wip_limit=0))
    three.items.add_many(
        [add_card(empty, title, NOW, column="Shipped") for title in ("Engine", "Notes")]
    )
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Cy Young")
        await press(pilot, "l")
        form = pilot.app.screen
        assert isinstance(form, InteractionForm)
        shared = form.query_one("#interaction-shared", Select)
        assert shared.value is Select.NULL and "nothing" in screen_text(pilot.app)  # type: ignore[arg-type]
        shared.focus()
        await press(pilot, "enter")
        assert shared.expanded
        assert "Engine" in screen_text(pilot.app) and "Notes" in screen_text(pilot.app)  # type: ignore[arg-type]
        notes = next(item for item in three.items.all() if item.title == "Notes")
        shared.value = notes.id
        shared.expanded = False
        await settle(pilot)
        await press(pilot, "ctrl+s")
        (logged,) = three.interactions.of_contact("cccc0003")
        assert (logged.shared_item_id, logged.exchange) == (notes.id, "shared")


async def test_n_runs_a_network_box_then_the_interaction_form_links_it(
    app_factory: AppFactory, three: Store, clock: FakeClock
) -> None:
    app = app_factory(store=three)
    async with app.run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Bob Kahn")
        await press(pilot, "n")
        await press(pilot, "enter")  # the default length
        box = three.box.get()
        assert box is not None and box.kind is Kind.NETWORK
        assert (box.contact_id, box.contact_name) == ("bbbb0002", "Bob Kahn")
        await advance(pilot, clock, minutes=int(box.planned_seconds or 0) // 60 + 1)
        form = app.screen
        assert isinstance(form, InteractionForm)
        minutes = int(form.query_one("#interaction-minutes", Input).value)
        assert minutes == (box.planned_seconds or 0) // 60
        # it happened in the box: the form does not ask when
        assert "When (empty: now)" not in screen_text(app)
        await type_into(pilot, "#interaction-note", "TCP/IP")
        await press(pilot, "ctrl+s")
        session = next(s for s in three.sessions.all() if s.contact_id == "bbbb0002")
        logged = next(i for i in three.interactions.of_contact("bbbb0002") if i.session_id)
        assert (logged.session_id, logged.minutes, logged.note) == (session.id, minutes, "TCP/IP")
        # network time counts the box once, not the box and the interaction
        grid = DayGrid.build(session.start.date(), 1, "UTC")
        per_day = minutes_by_day(grid, three.sessions.all(), three.interactions.all())
        box_day = session.start.date()
        assert round(per_day[box_day].network) == minutes
        contacts = three.contacts.all()
        derived = derive(contacts, three.interactions.all(), NOW.tzinfo, three.sessions.all())  # type: ignore[arg-type]
        assert derived["bbbb0002"].minutes == 20 + minutes


async def test_delete_asks_says_how_many_and_removes_the_interactions(
    app_factory: AppFactory, three: Store
) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await select(pilot, screen, "Bob Kahn")
        await press(pilot, "delete")
        assert "Delete Bob Kahn and their 2 interactions?" in screen_text(pilot.app)  # type: ignore[arg-type]
        await press(pilot, "n")
        assert len(three.contacts.all()) == 3
        await press(pilot, "delete", "y")
        assert [c.name for c in three.contacts.all()] == ["Ada Lovelace", "Cy Young"]
        assert three.interactions.of_contact("bbbb0002") == []


async def test_D_lists_the_due_most_overdue_first_and_Z_snoozes(
    app_factory: AppFactory, three: Store
) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await press(pilot, "D")
        due = pilot.app.screen
        assert isinstance(due, DueScreen)
        assert [(d.contact.name, d.overdue_days) for d in due.due] == [
            ("Ada Lovelace", 15), ("Bob Kahn", 1)]  # fmt: skip
        await press(pilot, "down", "enter")  # go to Bob
        assert screen.selected() is not None and screen.selected().name == "Bob Kahn"  # type: ignore[union-attr]
        await press(pilot, "Z")
        await type_into(pilot, "#snooze-days", "5")
        await press(pilot, "ctrl+s")
        assert named(three, "Bob Kahn").snoozed_until == TODAY + timedelta(days=5)
        await counted(pilot)
        await press(pilot, "D")
        assert [d.contact.name for d in pilot.app.screen.due] == ["Ada Lovelace"]  # type: ignore[attr-defined]
        await press(pilot, "Z")  # snooze from the due list
        await press(pilot, "ctrl+s")  # the default, a week
        assert named(three, "Ada Lovelace").snoozed_until == TODAY + timedelta(days=7)


async def test_slash_filters_by_name_organisation_or_tag(
    app_factory: AppFactory, three: Store
) -> None:
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await press(pilot, "slash")
        await press(pilot, "#", "n", "e")
        assert [c.name for c in screen.shown] == ["Bob Kahn"]
        await type_into(pilot, "#contacts-filter", "BASE")
        assert [c.name for c in screen.shown] == ["Cy Young"]
        await press(pilot, "escape")
        assert len(screen.shown) == 3


def crowd(store: Store, count: int = 80) -> None:
    """More contacts than the table shows at once (it scrolls)."""
    created = NOW - timedelta(days=10)
    store.contacts.add_many(
        [
            Contact(
                id=f"crowd{index:04d}",
                name=f"{'Ada' if index % 2 else 'Bob'} Person {index:03d}",
                created=created,
                updated=created,
                organisation="Engines" if index % 3 else "Looms",
                tags=("math",) if index % 5 == 0 else (),
            )
            for index in range(count)
        ]
    )


async def test_a_long_table_shows_every_column_and_scrolls_only_up_and_down(
    app_factory: AppFactory, empty_store: Store
) -> None:
    crowd(empty_store)
    async with app_factory(store=empty_store).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        table = screen.table
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        lines = screen_text(pilot.app).splitlines()  # type: ignore[arg-type]
        header = next(line for line in lines if line.startswith("Name"))
        assert "Talks" in header  # the last column is not cut by the scroll bar
        await press(pilot, "end")  # scrolled to the bottom: filtering scrolls back
        await press(pilot, "slash", "a", "d", "a")
        assert len(screen.shown) == 40
        await press(pilot, "space", "p", "e", "r", "s", "o", "n", "space", "0", "0")
        assert [c.name for c in screen.shown] == [f"Ada Person 00{i}" for i in (1, 3, 5, 7, 9)]
        assert not table.show_vertical_scrollbar  # five rows fit: the scroll bar goes
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "Ada Person 009" in text and "Ada Person 011" not in text
        await press(pilot, "backspace", "backspace")  # widening looks at every contact again
        assert len(screen.shown) == 40 and table.show_vertical_scrollbar
        await press(pilot, "escape")
        assert len(screen.shown) == 80
        await press(pilot, "end")
        assert screen.selected_id() == screen.shown[-1].id
        assert screen.shown[-1].name in screen_text(pilot.app)  # type: ignore[arg-type]


async def test_rows_are_drawn_again_when_the_table_loses_focus(
    app_factory: AppFactory, three: Store
) -> None:
    """Rows are kept drawn between frames: a change of look (here the cursor's colour,
    which follows the focus) draws them again."""
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        table = screen.table
        focused = table.render_line(1)
        await press(pilot, "slash")  # the filter field takes the focus
        assert not table.has_focus
        blurred = table.render_line(1)
        assert focused.text.split() == blurred.text.split()
        assert [s.style for s in focused] != [s.style for s in blurred]
        await press(pilot, "escape")
        assert [s.style for s in table.render_line(1)] == [s.style for s in focused]


async def test_the_filter_follows_a_changed_contact(app_factory: AppFactory, three: Store) -> None:
    """What the filter searches is made at the first `/` and made again for a contact
    that changed: the new name is found, the old one no longer."""
    async with app_factory(store=three).run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await press(pilot, "o")  # by organisation: Baseball, DARPA, Engines
        assert [c.name for c in screen.shown] == ["Cy Young", "Bob Kahn", "Ada Lovelace"]
        await press(pilot, "slash", "l", "o", "v")
        assert [c.name for c in screen.shown] == ["Ada Lovelace"]
        ada = named(three, "Ada Lovelace")
        three.contacts.update(replace(ada, name="Ada King"), previous=ada)
        pilot.app.changed()  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen.shown == []
        await type_into(pilot, "#contacts-filter", "king")
        assert [c.name for c in screen.shown] == ["Ada King"]
        await press(pilot, "escape")
        assert [c.name for c in screen.shown] == ["Cy Young", "Bob Kahn", "Ada King"]


def test_the_filter_on_lists_matches_the_rule_for_one_contact() -> None:
    """`Listed.matching` (the keystroke's filter, over lists) passes exactly the contacts
    `key_matches` passes, narrowing step by step as typing does."""
    created = NOW
    contacts = [
        Contact(
            id="a",
            name="Ada Lovelace",
            created=created,
            updated=created,
            organisation="Engines",
            tags=("math", "Mathematics"),
        ),
        Contact(
            id="b",
            name="Bob Kahn",
            created=created,
            updated=created,
            organisation="DARPA",
            tags=("net",),
        ),
        Contact(id="c", name="Çy Young", created=created, updated=created, organisation="Base"),
        Contact(id="d", name="[b]x[/b]", created=created, updated=created),
    ]
    keys = {contact.id: filter_key(contact) for contact in contacts}
    everyone = Listed(contacts, [c.id for c in contacts]).searchable(keys)
    for typed in (
        "#",
        "#m",
        "#ma",
        "#math",
        "#mathe",
        "#n",
        "a",
        "ad",
        "ada ",
        "en",
        "engines",
        "y",
        "çy",
        "[b]",
        "kahn\nd",
        "e\ndarpa",
        "zz",
    ):
        wanted = normal_filter(typed)
        expected = [c for c in contacts if key_matches(keys[c.id], wanted)]
        assert everyone.matching(wanted).contacts == expected, typed
        narrowed = everyone
        for end in range(1, len(wanted) + 1):
            if narrows(wanted[: end - 1], wanted[:end]):
                narrowed = narrowed.matching(wanted[:end])
            else:
                narrowed = everyone.matching(wanted[:end])
        assert narrowed.contacts == expected, typed
        assert narrowed.ids == [c.id for c in expected]


async def test_hostile_names_render_literally(app_factory: AppFactory, empty_store: Store) -> None:
    nasty = Contact(
        id="dddd0004",
        name=NASTY_TITLE,
        created=NOW,
        updated=NOW,
        organisation='=HYPERLINK("http://evil","x")',
        notes="[red]note[/red]\x1b[2J",
    )
    empty_store.contacts.add(nasty)
    async with app_factory(store=empty_store).run_test(size=SIZE) as pilot:
        await contacts_mode(pilot)
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        assert "[bold red]x[/] \\x1b]0;pwned\\x07" in text
        assert '=HYPERLINK("http://evil","x")' in text
        assert "[red]note[/red]\\x1b[2J" in text
        await press(pilot, "delete")
        assert "[bold red]x[/]" in screen_text(pilot.app)  # type: ignore[arg-type]


async def test_the_palette_lists_every_key() -> None:
    for binding in ContactsScreen.BINDINGS:
        assert isinstance(binding, Binding)
        assert binding.id in WORDS or not binding.show, binding
    assert "import_file('linkedin')" in {action for _, _, action in EXTRA["contacts"]}


async def test_import_from_the_palette_runs_in_a_worker(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await contacts_mode(pilot)
        await pilot.app.run_action("screen.import_file('linkedin')")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        await type_into(pilot, "#import-path", str(FILES / "Connections.csv"))
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.report_text.startswith("imported 5 new, 1 merged")
        await press(pilot, "escape")
        assert len(empty_store.contacts.all()) == 5
        assert len(screen.shown) == 5


async def test_import_of_a_bad_file_writes_nothing(
    app_factory: AppFactory, empty_store: Store
) -> None:
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await contacts_mode(pilot)
        await pilot.app.run_action("screen.import_file('vcard')")
        await settle(pilot)
        await type_into(pilot, "#import-path", str(FILES / "bad.vcf"))
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        assert "3 bad rows; nothing was imported" in dialog.report_text
        assert "bad: line 6: not a readable vCard" in dialog.report_text
        assert empty_store.contacts.all() == []


async def open_contacts(pilot: Pilot[Any]) -> None:
    """`3`, then wait for the worker that counts the interactions: the snapshot shows the
    derived values whatever the speed of the machine."""
    await press(pilot, "3")
    await counted(pilot)


async def open_due_list(pilot: Pilot[Any]) -> None:
    await open_contacts(pilot)
    await press(pilot, "D")


def test_contacts_mode_snapshot(snap_compare: Any, app_factory: AppFactory, three: Store) -> None:
    assert snap_compare(app_factory(store=three), run_before=open_contacts, terminal_size=SIZE)


def test_due_list_snapshot(snap_compare: Any, app_factory: AppFactory, three: Store) -> None:
    assert snap_compare(app_factory(store=three), run_before=open_due_list, terminal_size=SIZE)
