"""One person, one day, one due date: the dashboard's Follow-ups panel, the Review's
People step and the Contacts mode say when someone is due by the same rule (the earliest
pending follow-up), however many follow-ups are pending.

NOW is Thursday 2026-11-26 15:00 UTC; the Review is about 2026-W47 (16 – 22 Nov)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from nbapp import NOW, SIZE, AppFactory, press, screen_text, settle
from textual.pilot import Pilot

from netbalance.core.models import Contact, Interaction
from netbalance.store.store import Store
from netbalance.tui.screens.contacts import ContactsScreen
from netbalance.tui.screens.review import ReviewScreen

PASSED = date(2026, 11, 18)  # a Wednesday of the reviewed week
COMING = date(2026, 12, 14)


def talk(
    talk_id: str, contact: Contact, when: datetime, minutes: int, follow_up: date | None
) -> Interaction:
    return Interaction(
        id=talk_id,
        contact_id=contact.id,
        when=when,
        created=when,
        updated=when,
        minutes=minutes,
        follow_up=follow_up,
    )


def person(store: Store, contact_id: str, name: str) -> Contact:
    """Someone added 40 days before NOW."""
    created = NOW - timedelta(days=40)
    contact = Contact(id=contact_id, name=name, created=created, updated=created)
    store.contacts.add_many([contact])
    return contact


def lena(store: Store, follow_ups: tuple[date, date]) -> Contact:
    """Lena, met on 5 and 10 Nov, promised a follow-up at each."""
    contact = person(store, "lena0001", "Lena Dubois")
    store.interactions.add_many(
        talk(f"talk{index}", contact, NOW.replace(day=day, hour=10), 20, follow_up)
        for index, (day, follow_up) in enumerate(zip((5, 10), follow_ups, strict=True))
    )
    return contact


async def review_people(pilot: Pilot[None]) -> ReviewScreen:
    await press(pilot, "5")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await press(pilot, "right", "right")
    assert screen.step == "people"
    return screen


async def open_contacts(pilot: Pilot[None]) -> ContactsScreen:
    """The Contacts mode, its values counted."""
    await press(pilot, "3")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


@pytest.mark.parametrize(
    "overdue_first", [True, False], ids=["overdue-set-first", "later-set-first"]
)
async def test_the_dashboard_the_review_and_contacts_name_one_due_date(
    app_factory: AppFactory, empty_store: Store, overdue_first: bool
) -> None:
    person = lena(empty_store, (PASSED, COMING) if overdue_first else (COMING, PASSED))
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the dashboard, this week: due on 18 Nov, 8 days ago
        assert "Lena Dubois  8 days overdue · follow-up" in screen_text(app)

        # the Review of W47 (who is due now): the same day
        screen = await review_people(pilot)
        assert screen.review is not None
        due = [p for p in screen.review.people if p.section == "due"]
        assert [(p.name, p.due) for p in due] == [("Lena Dubois", PASSED)]
        assert "Lena Dubois  8 d overdue (follow-up)" in screen_text(app)

        # the Contacts mode: the same next due day
        contacts = await open_contacts(pilot)
        assert contacts.derived[person.id].next_due == PASSED
        assert "2026-11-18" in screen_text(app)


async def test_the_review_says_which_follow_ups_set_in_the_week_are_settled(
    app_factory: AppFactory, empty_store: Store
) -> None:
    """Sam was promised two follow-ups on Tue 17 Nov (W47): by Thu 19 Nov and by Mon 30
    Nov; they met again on Fri 20 Nov. The first is settled (met after its date), the
    second still owed: the People step lists both and says which is done, as Contacts
    counts only the second."""
    sam = person(empty_store, "sam00001", "Sam Ortiz")
    empty_store.interactions.add_many(
        [
            talk("ask1", sam, NOW.replace(day=17, hour=10), 15, date(2026, 11, 19)),
            talk("ask2", sam, NOW.replace(day=17, hour=11), 15, date(2026, 11, 30)),
            talk("met3", sam, NOW.replace(day=20, hour=10), 15, None),
        ]
    )
    app = app_factory(store=empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await review_people(pilot)
        assert screen.review is not None
        follow_ups = [p.why for p in screen.review.people if p.section == "follow-up"]
        assert follow_ups == ["follow up Thu 19 Nov (done)", "follow up Mon 30 Nov"]
        assert "follow up Thu 19 Nov (done)" in screen_text(app)
        contacts = await open_contacts(pilot)
        assert contacts.derived[sam.id].next_due == date(2026, 11, 30)
