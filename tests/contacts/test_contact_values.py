"""The Contacts mode's counting (netbalance.actions.contact_values) gives what core.contacts.derive
gives from decoded records; a save is counted again; the `/` filter's precomputed keys."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.actions import contact_values
from netbalance.core import contacts as rules
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Kind, Session
from netbalance.store.errors import StoreError
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("America/New_York")


def person(ident: str, name: str, **fields: object) -> Contact:
    created = NOW - timedelta(days=400)
    return Contact(id=ident, name=name, created=created, updated=created, **fields)  # type: ignore[arg-type]


def talk(ident: str, who: str, when: datetime, **fields: object) -> Interaction:
    return Interaction(
        id=ident,
        contact_id=who,
        when=when,
        created=when,
        updated=when,
        **fields,  # type: ignore[arg-type]
    )


PEOPLE = [
    person("c1", "Ada Lovelace", organisation="Engines", cadence_days=30),
    person(
        "c2", "Bob Kahn", organisation="DARPA", snoozed_until=date(2026, 12, 20), cadence_days=7
    ),
    person("c3", "Cy Young", tags=("baseball",)),  # nothing logged
    person("c4", "Dee Hock", organisation="Visa"),
    person("c5", "Eve Ng", cadence_days=60),
]
TIE = NOW - timedelta(days=40)  # two interactions at the same instant: the later one counts


def history() -> tuple[list[Interaction], list[Session]]:
    interactions = [
        talk("i1", "c1", NOW - timedelta(days=200), minutes=30),
        # a follow-up on the day itself: pending only while its interaction is the last
        talk("i2", "c1", TIE, minutes=15, follow_up=date(2026, 10, 19)),
        talk("i3", "c1", TIE, minutes=5),
        talk("i4", "c2", NOW - timedelta(days=3, hours=1), minutes=25, session_id="s1"),
        talk("i5", "c2", NOW - timedelta(days=90), follow_up=date(2026, 12, 24)),
        # late on a day in New York, the next day in UTC
        talk("i6", "c4", datetime(2026, 9, 1, 2, 30, tzinfo=UTC), minutes=45),
        # a follow-up in October, followed up early in another month (a card shipped)
        talk("i7", "c5", datetime(2026, 10, 15, 9, tzinfo=UTC), follow_up=date(2026, 12, 30)),
        talk("i8", "c5", datetime(2026, 11, 20, 9, tzinfo=UTC), follows_up="i7"),
    ]
    sessions = [
        Session(  # linked to i4: its minutes count once
            id="s1",
            kind=Kind.NETWORK,
            start=NOW - timedelta(days=3, hours=1, minutes=25),
            end=NOW - timedelta(days=3, hours=1),
            created=NOW,
            updated=NOW,
            contact_id="c2",
        ),
        Session(  # a network box with Dee that no interaction carries: 50 minutes more
            id="s2",
            kind=Kind.NETWORK,
            start=NOW - timedelta(days=10, minutes=50),
            end=NOW - timedelta(days=10),
            created=NOW,
            updated=NOW,
            contact_id="c4",
        ),
        Session(  # produce time is not network time
            id="s3",
            kind=Kind.PRODUCE,
            start=NOW - timedelta(days=2, minutes=30),
            end=NOW - timedelta(days=2),
            created=NOW,
            updated=NOW,
        ),
    ]
    return interactions, sessions


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(str(tmp_path / "nb.json"), FakeClock(NOW))
    interactions, sessions = history()
    with opened.transaction():
        opened.contacts.add_many(PEOPLE)
        opened.interactions.add_many(interactions)
        opened.sessions.add_many(sessions)
    return opened


def count(store: Store) -> contact_values.Counted:
    return contact_values.count(store.path, store.clock, store.contacts.all(), ZONE)


def test_counting_the_stored_documents_gives_what_derive_gives(store: Store) -> None:
    expected = rules.derive(
        store.contacts.all(), store.interactions.all(), ZONE, store.sessions.all()
    )
    counted = dict(count(store).derived)
    assert counted == expected
    ada, bob, cy, dee = (counted[c] for c in ("c1", "c2", "c3", "c4"))
    assert (ada.interactions, ada.minutes, ada.last_contact) == (3, 50, TIE)
    assert (ada.follow_up, ada.next_due) == (None, date(2026, 11, 18))  # i3 is the last
    assert (bob.minutes, bob.follow_up, bob.next_due) == (
        25,
        date(2026, 12, 24),
        date(2026, 12, 24),
    )
    assert cy == rules.Derived()
    # the box with Dee that no interaction carries is a meeting too: her last contact
    assert (dee.minutes, dee.last_contact) == (45 + 50, NOW - timedelta(days=10, minutes=50))
    eve = counted["c5"]
    assert (eve.follow_up, eve.next_due) == (None, date(2027, 1, 19))  # done: the cadence


def test_a_save_is_counted_again_reading_only_the_month_it_changed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert count(store).derived["c3"].interactions == 0
    tallied: list[str] = []
    real = contact_values._tally

    def spy(data: dict[str, dict[str, contact_values.Doc]], path: str) -> object:
        tallied.append(path)
        return real(data, path)

    monkeypatch.setattr(contact_values, "_tally", spy)
    again = count(store)
    assert tallied == [] and again.derived["c1"].interactions == 3  # nothing changed
    store.interactions.add(talk("i7", "c3", NOW - timedelta(hours=2), minutes=20))
    counted = count(store)
    assert [Path(path).name for path in tallied] == ["nb.2026-11.json"]
    assert (counted.derived["c3"].interactions, counted.derived["c3"].minutes) == (1, 20)
    assert counted.derived["c1"].interactions == 3


def test_a_contacts_history_is_theirs_newest_first(store: Store) -> None:
    counted = count(store)
    assert [i.id for i in counted.history("c1")] == ["i2", "i3", "i1"]
    assert counted.history("c3") == []
    assert {i.contact_id for i in counted.history("c2")} == {"c2"}


def test_a_malformed_history_record_is_a_store_error(store: Store) -> None:
    path = Path(store.month_file("2026-11").path)
    text = path.read_text()
    assert '"minutes":25' in text
    path.write_text(text.replace('"minutes":25', '"minutes":"25"', 1))
    with pytest.raises(StoreError, match="2026-11"):
        count(store)


FILTER_TEXT = st.text(alphabet="ab #ßSs", max_size=4)


@given(
    st.lists(st.tuples(FILTER_TEXT, FILTER_TEXT, st.lists(FILTER_TEXT, max_size=2))),
    FILTER_TEXT,
    FILTER_TEXT,
)
def test_the_filter_keys_match_as_the_filter_does_and_narrowing_never_loses_a_contact(
    fields: list[tuple[str, str, list[str]]], before: str, typed: str
) -> None:
    people = [
        person(f"p{n}", name or "x", organisation=org, tags=tuple(t for t in tags if t.strip()))
        for n, (name, org, tags) in enumerate(fields)
    ]
    first, after = rules.normal_filter(before), rules.normal_filter(before + typed)
    for contact in people:
        key = rules.filter_key(contact)
        for text in (first, after):
            assert rules.key_matches(key, text) == _plain_filter(contact, text)
        if rules.narrows(first, after) and rules.key_matches(key, after):
            assert rules.key_matches(key, first)


def _plain_filter(contact: Contact, text: str) -> bool:
    """The filter as written before the keys: folded on every test."""
    if not text:
        return True
    if text.startswith("#"):
        tag = text[1:]
        return any(t.casefold().startswith(tag) for t in contact.tags) if tag else True
    return text in contact.name.casefold() or text in contact.organisation.casefold()
