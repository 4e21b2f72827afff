"""Kept forms: the card form and the interaction form are built once and kept, closed,
for their next opening (they then open within a frame). Opened again, each must be what a
new form with the same arguments is: the same text on screen, the same values, the focus
in the first field with its cursor at the end, no error shown, no undo of what was typed
the last time, and the theme of now."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nbapp import NASTY_TITLE, NOW, AppFactory, press, screen_text
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static, TextArea
from textual.widgets.input import Selection

from netbalance.core.models import Item, new_id
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.contact_forms import InteractionForm
from netbalance.tui.screens.form import Form
from netbalance.tui.screens.item_form import ItemForm

SHORT = (80, 24)  # the form scrolls under its docked buttons at this size


def form_state(form: Form[Any]) -> dict[str, object]:
    """What a user sees of a form besides its text: each field's value and cursor (or
    selection), the error line, the focus, the scroll."""
    state: dict[str, object] = {}
    for field in form.query(Input):
        state[f"{field.id} value"] = field.value
        state[f"{field.id} selection"] = field.selection  # the cursor, or what is selected
    for area in form.query(TextArea):
        state[f"{area.id} text"] = area.text
        state[f"{area.id} cursor"] = area.cursor_location
    for select in form.query(Select):
        state[f"{select.id} value"] = select.value
        state[f"{select.id} open"] = select.expanded
    for box in form.query(Checkbox):
        state[f"{box.id} ticked"] = box.value
    state["error shown"] = form.query_one(".dialog-error", Static).display
    state["focus"] = form.focused.id if form.focused else None
    state["scroll"] = form.query_one(".dialog").scroll_offset
    return state


def current_form(app: NetbalanceApp, kind: type[Form[Any]]) -> Form[Any]:
    assert isinstance(app.screen, kind), app.screen
    return app.screen


async def shown(pilot: Pilot[Any], kind: type[Form[Any]]) -> tuple[Form[Any], str, dict]:
    app = pilot.app
    assert isinstance(app, NetbalanceApp)
    form = current_form(app, kind)
    return form, screen_text(app), form_state(form)


async def test_a_card_form_opened_again_is_as_new(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "2", "e")
        first, first_text, first_state = await shown(pilot, ItemForm)
        assert "Edit card" in first_text
        assert first_state["focus"] == "card-title"
        await press(pilot, "escape", "a")
        added = current_form(app, ItemForm)
        assert added is first  # kept, not built again
        assert "New card in Backlog" in screen_text(app)  # the column it goes to
        assert all(
            value == "" for key, value in form_state(added).items() if key.endswith(" value")
        )
        # leave it as a user may: typed in, refused, scrolled, notes edited
        await press(pilot, *"Half typed")
        await press(pilot, "tab", "tab", *"no such day", "tab", "tab", *"scribbles")
        await press(pilot, "ctrl+s")
        assert form_state(added)["error shown"]
        assert "no such day" in screen_text(app)
        await press(pilot, "escape", "y")  # drop what was typed
        await press(pilot, "e")
        again, again_text, again_state = await shown(pilot, ItemForm)
        assert again is first
        assert again_text == first_text
        assert again_state == first_state
        await press(pilot, "tab", "tab", "tab", "tab", "ctrl+z")  # into the notes: undo
        assert again.query_one("#card-notes", TextArea).text == first_state["card-notes text"]


async def test_an_interaction_form_opened_again_is_as_new(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "3", "l")
        first, first_text, first_state = await shown(pilot, InteractionForm)
        assert isinstance(first, InteractionForm)
        first_person = first.contact.id
        await press(pilot, *"We met", "ctrl+t", "tab", "enter", "down", "enter")
        await press(pilot, "ctrl+s")  # refused: a follow-up card needs a date
        assert form_state(first)["error shown"]
        assert form_state(first)["interaction-card ticked"]
        await press(pilot, "escape", "y")  # drop what was typed
        await press(pilot, "l")
        again, again_text, again_state = await shown(pilot, InteractionForm)
        assert again is first
        assert again_text == first_text
        assert again_state == first_state
        # another person: the form names them
        await press(pilot, "escape", "down", "l")
        other = current_form(app, InteractionForm)
        assert other is first and isinstance(other, InteractionForm)
        assert other.contact.id != first_person
        assert f"Log an interaction with {other.contact.name}" in screen_text(app)


async def test_a_form_closed_from_its_first_field_selects_the_next_cards_title(
    app_factory: AppFactory,
) -> None:
    """Closed with the focus still in the title (no blur and no focus as it reopens), the
    next card's title is selected whole, as a first focus selects it: typing replaces it."""
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "2", "e")
        form = current_form(app, ItemForm)
        first_title = form.query_one("#card-title", Input).value
        await press(pilot, "escape", "down", "e")
        assert current_form(app, ItemForm) is form
        title = form.query_one("#card-title", Input)
        assert title.value != first_title
        assert form.focused is title
        assert title.selection == Selection(0, len(title.value))
        await press(pilot, *"New")
        assert title.value == "New"


async def test_a_second_opening_while_the_kept_form_is_open_gets_its_own(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "2", "a")
        kept = current_form(app, ItemForm)
        await press(pilot, *"Mine")
        other = ItemForm.kept(app, app.today())
        assert other is not kept
        app.push_screen(other)
        await pilot.pause()
        assert other.query_one("#card-title", Input).value == ""
        await press(pilot, "escape")
        assert app.screen is kept
        assert kept.query_one("#card-title", Input).value == "Mine"
        await press(pilot, "escape", "y")  # drop what was typed
        await press(pilot, "a")
        assert app.screen is kept


async def test_a_kept_form_takes_the_theme_chosen_while_it_was_closed(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "2", "a")
        kept = current_form(app, ItemForm)
        dark = kept.query_one("#card-title", Input).rich_style
        await press(pilot, "escape")
        app.theme = "netbalance-light"
        await pilot.pause()
        await press(pilot, "a")
        assert app.screen is kept
        reopened = kept.query_one("#card-title", Input).rich_style
        new = ItemForm.kept(app, app.today())
        app.push_screen(new)
        await pilot.pause()
        assert reopened != dark
        assert reopened == new.query_one("#card-title", Input).rich_style


async def test_a_kept_form_shows_the_next_cards_text_literally(
    app_factory: AppFactory, store: Store
) -> None:
    """Opened first on a plain card, then on one whose title holds markup and an escape:
    the field shows the escape made visible, and saving unchanged keeps the stored title."""
    nasty = Item(
        id=new_id(),
        title=NASTY_TITLE,
        column="Backlog",
        position=-1.0,  # above the demo's: selected as the board opens
        created=NOW - timedelta(days=1),
        updated=NOW - timedelta(days=1),
    )
    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "2", "down", "e")  # a plain card first
        plain = current_form(app, ItemForm)
        assert "\x1b" not in plain.query_one("#card-title", Input).value
        await press(pilot, "escape")
        store.items.add(nasty)
        app.changed()
        await pilot.pause()
        await press(pilot, "home", "e")
        form = current_form(app, ItemForm)
        assert form is plain
        shown_title = form.query_one("#card-title", Input).value
        assert "\x1b" not in shown_title and "\\x1b" in shown_title
        await press(pilot, "ctrl+s")
    stored = store.items.get(nasty.id)
    assert stored is not None and stored.title == NASTY_TITLE


async def test_escape_after_a_change_of_any_field_asks_before_dropping_it(
    app_factory: AppFactory,
) -> None:
    """A box ticked is an edit too; the question's No keeps the form as it was, its Yes
    drops it, and the next opening (a new one) closes with one Esc."""
    from netbalance.tui.screens.confirm import ConfirmScreen

    app = app_factory()
    async with app.run_test(size=SHORT) as pilot:
        await press(pilot, "3", "l")
        form = current_form(app, InteractionForm)
        await press(pilot, "ctrl+t")
        assert form_state(form)["interaction-card ticked"]
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")  # No: keep editing
        assert app.screen is form and form_state(form)["interaction-card ticked"]
        await pilot.click("#cancel")  # the button asks too
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert not isinstance(app.screen, (InteractionForm, ConfirmScreen))
        await press(pilot, "l")
        assert current_form(app, InteractionForm) is form
        assert not form_state(form)["interaction-card ticked"]
        await press(pilot, "escape")
        assert not isinstance(app.screen, (InteractionForm, ConfirmScreen))
