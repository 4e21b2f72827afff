"""The Review mode (5), driven by keys: the five steps of a week, each step's keys (a card
shared with someone suggested, a person's cadence, snooze and follow-up card, the next
week's plan, the reflection that finishes the review and exports the week), a review
left and resumed, and the dashboard saying whether last week's review is done.

NOW is Thursday 2026-11-26 15:00 UTC: the review is about last week, 2026-W47."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from nbapp import NOW, SIZE, AppFactory, messages, press, screen_text
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, SelectionList, TextArea

from netbalance.actions import plans
from netbalance.core.models import Interaction, Item
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp
from netbalance.tui.screens.contact_forms import InteractionForm
from netbalance.tui.screens.dashboard import DashboardScreen
from netbalance.tui.screens.review import ReviewScreen
from netbalance.tui.screens.review_forms import (
    CadenceForm,
    FollowUpCardForm,
    PlanForm,
    ReflectionForm,
    ShareScreen,
)

W47 = NOW.date().replace(day=16)  # Monday 16 Nov
W48 = NOW.date().replace(day=23)


async def open_review(pilot: Pilot[None]) -> ReviewScreen:
    await pilot.pause()
    await press(pilot, "5")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def type_into(pilot: Pilot[None], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = ""
    field.focus()
    await press(pilot, *text)


def shared_interactions(store: Store, item_id: str) -> list[Interaction]:
    return [i for i in store.interactions.all() if i.shared_item_id == item_id]


async def test_five_opens_last_weeks_review_on_its_balance(app: NetbalanceApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "5 Review" in screen_text(app).splitlines()[0]
        await open_review(pilot)
        text = screen_text(app)
        assert "Review of 2026-W47 · Mon 16 Nov – Sun 22 Nov" in text
        assert "not done yet" in text and "1 Balance" in text
        assert "Against the settings' budgets" in text
        assert "Against the four weeks before" in text
        for week in ("2026-W43", "2026-W46", "trend:"):
            assert week in text, text


async def test_a_key_of_another_step_says_which_step_it_belongs_to(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "m")
        assert any("On the Shipped step" in m for m in messages(app))
        assert screen.step == "balance"
        footer = screen_text(app).splitlines()[-1]
        assert "Next step" in footer and "Shared with" not in footer


async def test_a_shipped_card_is_shared_with_someone_suggested(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "right")
        assert screen.step == "shipped"
        review = screen.review
        assert review is not None and review.shipped
        card = review.shipped[0]
        heard_before = len(shared_interactions(store, card.item.id))
        assert card.suggestions, "someone should hear of it"
        first = card.suggestions[0]
        assert "Who should hear of it" in screen_text(app)
        await press(pilot, "m")
        assert isinstance(app.screen, ShareScreen)
        listed = app.screen.query_one("#share-list", OptionList)
        assert listed.get_option_at_index(0).id == first.contact_id  # the suggested first
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, InteractionForm)
        assert form.query_one("#interaction-exchange").value == "shared"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        logged = shared_interactions(store, card.item.id)
        assert len(logged) == heard_before + 1
        new = [i for i in logged if i.contact_id == first.contact_id][-1]
        assert (new.exchange, new.channel) == ("shared", "message")
        assert screen.review is not None
        assert first.name in [c.name for c in screen.review.shipped[0].shared_with]
        line = next(row for row in screen_text(app).splitlines() if card.item.title in row)
        assert first.name in line.split("shared with ", 1)[1]


async def test_people_get_a_cadence_a_snooze_and_a_follow_up_card(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "right", "right")
        assert screen.step == "people"
        review = screen.review
        assert review is not None and review.people
        person = review.people[0]
        await press(pilot, "c")
        assert isinstance(app.screen, CadenceForm)
        await type_into(pilot, "#cadence-days", "21")
        await press(pilot, "ctrl+s")
        assert store.contacts.get(person.contact_id).cadence_days == 21  # type: ignore[union-attr]

        await press(pilot, "f")
        assert isinstance(app.screen, FollowUpCardForm)
        await type_into(pilot, "#follow-up-note", "send the talk")
        await press(pilot, "ctrl+s")
        cards = [i for i in store.items.all() if i.contact_id == person.contact_id]
        assert [(c.title, c.column, c.due) for c in cards] == [
            (
                f"Follow up with {person.name}: send the talk",
                "Backlog",
                NOW.date() + timedelta(days=7),
            )
        ]

        await press(pilot, "Z")
        await press(pilot, "ctrl+s")  # the snooze form's 7 days
        snoozed = store.contacts.get(person.contact_id)
        assert snoozed is not None and snoozed.snoozed_until == NOW.date().replace(
            day=26 + 7 - 30, month=12
        )


async def test_the_next_week_is_planned_with_its_focus_cards(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "right", "right", "right")
        assert screen.step == "next"
        assert "Next week, 2026-W48" in screen_text(app)
        await press(pilot, "e")
        form = app.screen
        assert isinstance(form, PlanForm)
        await type_into(pilot, "#plan-produce", "12")
        await type_into(pilot, "#plan-network", "6")
        focus = form.query_one("#plan-focus", SelectionList)
        ticked = list(focus.selected)
        assert 0 < len(ticked) <= 3  # the Doing column's cards, as they are
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        record = plans.of_week(store, W48)
        assert record is not None
        assert (record.produce_hours, record.network_hours) == (12.0, 6.0)
        assert list(record.focus) == ticked
        assert "produce 12 h · network 6 h — its own plan" in screen_text(app)


async def test_the_reflection_finishes_the_review_and_exports_the_week(
    app_factory: AppFactory, store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    settings = Settings(time_zone="UTC", export_folder=str(folder), export_formats=("json",))
    app = app_factory(settings=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "Review of 2026-W47: not done yet" in screen_text(app)
        screen = await open_review(pilot)
        await press(pilot, "right", "right", "right", "right")
        assert screen.step == "write"
        told = len(messages(app))
        await press(pilot, "e")
        assert isinstance(app.screen, ReflectionForm)
        assert messages(app)[told:] == []  # no word on the Next week step's `e`
        await press(pilot, "ctrl+s")  # empty: refused, the form stays
        assert isinstance(app.screen, ReflectionForm)
        app.screen.query_one("#reflection-text", TextArea).load_text("Shipped two.\nCall Ada.")
        await press(pilot, "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        record = plans.of_week(store, W47)
        assert record is not None and record.reviewed == NOW
        assert record.reflection == "Shipped two.\nCall Ada."
        assert "✓ done" in screen_text(app)
        exported = json.loads((folder / "netbalance-2026-W47.json").read_text())
        assert exported["reflection"] == "Shipped two.\nCall Ada."
        assert any("Exported" in m for m in messages(app))
        await press(pilot, "1")
        assert isinstance(app.screen, DashboardScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Review of 2026-W47: ✓ done" in screen_text(app)


async def test_a_review_left_is_resumed_where_it_was_and_u_undoes_real_changes(
    app_factory: AppFactory, store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "right", "right", "right")
        await press(pilot, "e", "ctrl+s")  # the plan as offered
        assert plans.of_week(store, W48) is not None
        await press(pilot, "left")  # back to the people
        await press(pilot, "3", "5")  # another mode and back: as it was
        assert app.screen is screen and screen.step == "people"
        await press(pilot, "u")  # the plan is undone, not the move between steps
        assert plans.of_week(store, W48) is None
    again = app_factory()
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        assert screen.step == "people"  # the next run resumes it there too


def step_saved(store: Store) -> str:
    record = store.weeks.of_week("2026-W47")
    return "" if record is None else record.review_step


async def test_where_the_review_was_left_is_saved_off_the_keys(
    app_factory: AppFactory, store: Store
) -> None:
    """A step is a key (one frame); saving it rewrites the main file. It is saved a
    moment after the last step, and at once when the mode is left or the app closes."""
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "right", "right")
        assert screen.step == "people"
        await press(pilot, "1")  # leaving the mode saves it
        assert step_saved(store) == "people"
        await press(pilot, "5", "right")
        assert step_saved(store) == "people"
        await press(pilot, "left_square_bracket")  # another week: this one's step first
        assert step_saved(store) == "next"
        await press(pilot, "right_square_bracket", "left")
    assert step_saved(store) == "people"  # closing the app saves it


async def test_square_brackets_review_another_week(app: NetbalanceApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "left_square_bracket")
        assert "Review of 2026-W46" in screen_text(app)
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert "Review of 2026-W48" in screen_text(app)
        await press(pilot, "right_square_bracket")
        assert any("no next one" in m for m in messages(app))
        assert screen.review is not None and screen.review.week == "2026-W48"


async def test_the_interaction_form_makes_a_follow_up_card_with_ctrl_t(
    app: NetbalanceApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        contact = app.screen.selected()  # type: ignore[attr-defined]
        await press(pilot, "l")
        form = app.screen
        assert isinstance(form, InteractionForm)
        await type_into(pilot, "#interaction-note", "the deck")
        await press(pilot, "ctrl+t")
        assert form.query_one("#interaction-card", Checkbox).value is True
        await press(pilot, "ctrl+s")  # no follow-up date: refused, said in the form
        assert app.screen is form
        await type_into(pilot, "#interaction-follow-up", "+3d")
        await press(pilot, "ctrl+s")
        assert app.screen is not form
    cards: list[Item] = [i for i in store.items.all() if i.contact_id == contact.id]
    assert [(c.title, c.due) for c in cards] == [
        (f"Follow up with {contact.name}: the deck", NOW.date() + timedelta(days=3))
    ]
    (logged,) = [i for i in store.interactions.all() if i.id == cards[0].follows_up]
    assert logged.contact_id == contact.id
