"""The contact log's rules: derived values, the due list, finding a person, duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netbalance.core import contacts as rules
from netbalance.core.contacts import AmbiguousContact, ContactError, NoSuchContact
from netbalance.core.models import Contact, Interaction, Kind, Session, replace

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def person(name: str, ident: str, **fields: object) -> Contact:
    return Contact(id=ident, name=name, created=NOW - timedelta(days=100), updated=NOW, **fields)  # type: ignore[arg-type]


def talk(contact: Contact, days_ago: float, minutes: int = 10, **fields: object) -> Interaction:
    when = NOW - timedelta(days=days_ago)
    return Interaction(
        id=f"i-{contact.id}-{days_ago}",
        contact_id=contact.id,
        when=when,
        created=when,
        updated=when,
        minutes=minutes,
        **fields,  # type: ignore[arg-type]
    )


def network_box(contact: Contact, days_ago: float, minutes: int) -> Session:
    """A network box with the person, started `days_ago` before NOW."""
    start = NOW - timedelta(days=days_ago)
    return Session(
        id="box",
        kind=Kind.NETWORK,
        start=start,
        end=start + timedelta(minutes=minutes),
        created=NOW,
        updated=NOW,
        contact_id=contact.id,
    )


ADA = person("Ada Lovelace", "aaaa1111-0000", organisation="Engines", cadence_days=30)
ALAN = person("Alan Turing", "aaaa2222-0000", organisation="Bletchley")
GRACE = person("Grace Hopper", "bbbb3333-0000", organisation="Navy", cadence_days=14)


def test_derived_values_come_from_the_interactions() -> None:
    log = [talk(ADA, 40, 30), talk(ADA, 10, 15, channel="call"), talk(ALAN, 3, 5)]
    derived = rules.derive([ADA, ALAN, GRACE], log, UTC)
    assert derived[ADA.id].interactions == 2
    assert derived[ADA.id].minutes == 45
    assert derived[ADA.id].last_contact == NOW - timedelta(days=10)
    assert derived[ADA.id].next_due == TODAY - timedelta(days=10) + timedelta(days=30)
    assert derived[ALAN.id].next_due is None  # no cadence, no follow-up
    # never spoken to: the cadence counts from the day the contact was added
    assert derived[GRACE.id].last_contact is None
    assert derived[GRACE.id].next_due == (NOW - timedelta(days=100)).date() + timedelta(days=14)


def test_a_pending_follow_up_is_due_on_its_own_date_whatever_the_cadence() -> None:
    later = TODAY + timedelta(days=60)
    sooner = TODAY + timedelta(days=2)
    late = rules.derive([ADA], [talk(ADA, 1, follow_up=later)], UTC)[ADA.id]
    assert late.next_due == later
    # a 30-day cadence no longer hides a follow-up in two days until the cadence's day
    early = rules.derive([ADA], [talk(ADA, 1, follow_up=sooner)], UTC)[ADA.id]
    assert early.next_due == sooner
    due = rules.due_list([ADA], {ADA.id: early}, sooner)
    assert [(entry.contact.name, entry.reason) for entry in due] == [("Ada Lovelace", "follow-up")]
    only = rules.derive([ALAN], [talk(ALAN, 1, follow_up=sooner)], UTC)[ALAN.id]
    assert only.next_due == sooner


def test_the_issue_example_a_14_day_cadence_and_a_follow_up_on_the_9th() -> None:
    """Met on the 7th, a 14-day cadence (the 21st) and a follow-up on the 9th: due on the
    9th, in the contact log and in the weekly summary alike."""
    from netbalance.core.summary import contact_due

    met = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    grace = replace(GRACE, created=met - timedelta(days=30))
    log = [replace(talk(grace, 0), when=met, follow_up=date(2026, 12, 9))]
    assert rules.derive([grace], log, UTC)[grace.id].next_due == date(2026, 12, 9)
    found = contact_due(
        [grace], log, [], as_of=met + timedelta(days=3), tz_name="UTC", horizon=date(2026, 8, 1)
    )
    assert [(d.due, d.reason, d.days_overdue) for d in found] == [
        (date(2026, 12, 9), "follow-up", 1)
    ]


def test_a_follow_up_followed_up_early_is_done() -> None:
    """A follow-up card shipped before its date logs an interaction that follows it up:
    the follow-up is done, and the cadence counts from that interaction."""
    from netbalance.core.summary import contact_due

    asked = replace(talk(ADA, 3), id="asked", follow_up=TODAY + timedelta(days=10))
    answered = replace(talk(ADA, 1), id="answered", follows_up="asked")
    derived = rules.derive([ADA], [asked, answered], UTC)[ADA.id]
    assert derived.follow_up is None
    assert derived.next_due == TODAY - timedelta(days=1) + timedelta(days=30)
    left = rules.derive([ADA], [asked, replace(answered, follows_up=None)], UTC)[ADA.id]
    assert left.next_due == TODAY + timedelta(days=10)  # a talk alone does not clear it
    found = contact_due(
        [ADA], [asked, answered], [], as_of=NOW, tz_name="UTC", horizon=TODAY - timedelta(days=99)
    )
    assert [(d.due, d.reason) for d in found] == [
        (TODAY - timedelta(days=1) + timedelta(days=30), "cadence")
    ]


def test_a_later_talk_before_the_follow_up_keeps_it_one_after_clears_it() -> None:
    due = TODAY + timedelta(days=5)
    kept = rules.derive([ALAN], [talk(ALAN, 3, follow_up=due), talk(ALAN, 1)], UTC)
    assert kept[ALAN.id].follow_up == due
    passed = TODAY - timedelta(days=5)
    cleared = rules.derive([ALAN], [talk(ALAN, 9, follow_up=passed), talk(ALAN, 2)], UTC)
    assert cleared[ALAN.id].follow_up is None
    assert cleared[ALAN.id].next_due is None


def test_last_contact_day_is_local() -> None:
    # 23:30 UTC on the 27th is already the 28th in Tokyo: the cadence counts from there
    late = Interaction(
        id="x",
        contact_id=ADA.id,
        when=datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
        created=NOW,
        updated=NOW,
    )
    tokyo = rules.derive([ADA], [late], ZoneInfo("Asia/Tokyo"))[ADA.id]
    utc = rules.derive([ADA], [late], UTC)[ADA.id]
    assert tokyo.next_due == date(2026, 12, 28)
    assert utc.next_due == date(2026, 12, 27)


def test_a_linked_session_counts_once_an_unlinked_one_adds() -> None:
    def session(ident: str, minutes: int) -> Session:
        return Session(
            id=ident,
            kind=Kind.NETWORK,
            start=NOW - timedelta(minutes=minutes),
            end=NOW,
            created=NOW,
            updated=NOW,
            contact_id=ADA.id,
            contact_name=ADA.name,
        )

    log = [talk(ADA, 0, 25, session_id="s1")]
    derived = rules.derive([ADA], log, UTC, [session("s1", 25), session("s2", 20)])
    assert derived[ADA.id].minutes == 45


def test_due_list_most_overdue_first_and_snooze_hides() -> None:
    log = [talk(ADA, 50), talk(GRACE, 20), talk(ALAN, 9, follow_up=TODAY - timedelta(days=1))]
    contacts = [ADA, ALAN, GRACE]
    due = rules.due_list(contacts, rules.derive(contacts, log, UTC), TODAY)
    assert [(d.contact.name, d.overdue_days, d.reason) for d in due] == [
        ("Ada Lovelace", 20, "cadence"),
        ("Grace Hopper", 6, "cadence"),
        ("Alan Turing", 1, "follow-up"),
    ]
    snoozed = rules.snooze(ADA, TODAY, 3, NOW)
    assert snoozed.snoozed_until == TODAY + timedelta(days=3)
    again = [snoozed, ALAN, GRACE]
    names = [d.contact.name for d in rules.due_list(again, rules.derive(again, log, UTC), TODAY)]
    assert "Ada Lovelace" not in names
    later = TODAY + timedelta(days=3)
    back = rules.due_list(again, rules.derive(again, log, UTC), later)
    ada = next(d for d in back if d.contact.name == "Ada Lovelace")
    assert (ada.overdue_days, ada.reason) == (0, "snooze over")  # due again, counted afresh
    with pytest.raises(ContactError):
        rules.snooze(ADA, TODAY, 0, NOW)


def test_find_by_id_prefix_or_name_and_ambiguity_lists() -> None:
    kelly = person("Grace Kelly", "cccc4444-0000", organisation="Monaco")
    everyone = [ADA, ALAN, GRACE, kelly]
    assert rules.find(everyone, "GRACE HOPPER") is GRACE
    assert rules.find(everyone, "bbbb") is GRACE
    assert rules.find(everyone, "turing") is ALAN
    with pytest.raises(AmbiguousContact) as ambiguous:
        rules.find(everyone, "grace")
    message = str(ambiguous.value)
    assert "Grace Hopper" in message and "Grace Kelly" in message and "bbbb33" in message
    with pytest.raises(AmbiguousContact):
        rules.find(everyone, "aaaa")  # two id prefixes
    with pytest.raises(NoSuchContact):
        rules.find(everyone, "nobody")


def test_part_of_a_name_comes_before_the_start_of_an_id() -> None:
    beatrix = person("Beatrix Potter", "ada0f1e2-0000")  # an id that starts with "ada"
    everyone = [ADA, ALAN, GRACE, beatrix]
    assert rules.find(everyone, "ada") is ADA
    assert rules.find(everyone, "ada0f1") is beatrix  # her short id


def test_duplicate_keys_url_email_name_and_org() -> None:
    one = person("Ada  Lovelace", "1", organisation="Engines", email="Ada@X.example")
    two = person("ada lovelace", "2", organisation="engines")
    three = person("Someone", "3", links=("https://www.linkedin.com/in/ada/?trk=1",))
    four = person("Ada L.", "4", links=("http://linkedin.com/in/ada",), email="ada@x.example")
    assert rules.duplicate_keys(one) & rules.duplicate_keys(two)
    assert rules.duplicate_keys(three) & rules.duplicate_keys(four)
    assert rules.duplicate_keys(one) & rules.duplicate_keys(four)
    other = person("Ada Lovelace", "5", organisation="Other Co")
    assert not rules.duplicate_keys(one) & rules.duplicate_keys(other)


PROFILE_1 = ("https://www.linkedin.com/in/john-smith-1",)
PROFILE_2 = ("https://www.linkedin.com/in/john-smith-2/",)


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        # different profiles, or different emails: two people, whatever the names say
        ({"links": PROFILE_1}, {"links": PROFILE_2}, False),
        ({"email": "john@a.example"}, {"email": "js@b.example"}, False),
        ({"links": PROFILE_1, "email": "j@a.example"}, {"links": PROFILE_2}, False),
        ({"links": PROFILE_1}, {"links": PROFILE_2, "email": "j@a.example"}, False),
        # the same profile or email: one person, the other field notwithstanding
        ({"links": PROFILE_1, "email": "j@a.example"}, {"links": PROFILE_1}, True),
        ({"links": PROFILE_1}, {"links": ("http://linkedin.com/in/john-smith-1",)}, True),
        ({"email": "J@A.example", "links": PROFILE_1}, {"email": "j@a.example"}, True),
        # nothing tells them apart: the name and organisation decide
        ({}, {}, True),
        ({"links": PROFILE_1}, {}, True),
        ({"email": "j@a.example"}, {"links": PROFILE_2}, True),
        ({"links": ("https://example.com/john",)}, {"links": ("https://example.org/js",)}, True),
    ],
)
def test_different_profiles_or_emails_are_different_people(
    one: dict[str, object], other: dict[str, object], same: bool
) -> None:
    first = person("John Smith", "1", organisation="Google", **one)
    second = person("John  smith", "2", organisation="google", **other)
    assert rules.same_person(first, second) is same
    assert rules.same_person(second, first) is same
    assert (rules.look_alikes([first], second) == [first]) is same


def test_same_profile_or_email_is_the_same_person_under_another_name() -> None:
    ada = person("Ada Lovelace", "1", email="ada@x.example")
    assert rules.same_person(ada, person("A. Lovelace", "2", email="ADA@x.example"))
    assert not rules.same_person(ada, person("Ada Lovelace", "3", organisation="Other Co"))


def test_merge_fills_gaps_and_is_idempotent() -> None:
    kept = person("Ada", "1", email="ada@x.example", tags=("math",))
    incoming = person("Ada", "2", email="other@x.example", role="Programmer", tags=("Math", "x"))
    merged = rules.merge(kept, incoming, NOW)
    assert merged.email == "ada@x.example"  # never overwritten
    assert merged.role == "Programmer"
    assert merged.tags == ("math", "x")
    assert rules.merge(merged, incoming, NOW) is merged


@pytest.mark.parametrize(
    ("text", "channel"),
    [("In Person", "in person"), ("in-person", "in person"), ("CALL", "call"), ("", "other")],
)
def test_channels(text: str, channel: str) -> None:
    assert rules.parse_channel(text) == channel


def test_bad_fields_are_one_line_errors() -> None:
    for bad in (
        lambda: rules.parse_channel("zoom"),
        lambda: rules.parse_exchange("stole"),
        lambda: rules.parse_cadence("often"),
        lambda: rules.parse_cadence("9999"),
        lambda: rules.check_name("   "),
        lambda: rules.check_name("two\nlines"),
        lambda: rules.check_email("not-an-email"),
        lambda: rules.parse_minutes("-3"),
    ):
        with pytest.raises(ContactError) as problem:
            bad()
        assert "\n" not in str(problem.value)
    assert rules.parse_exchange("Shared") == "shared"
    assert rules.parse_cadence("none") is None
    assert rules.parse_cadence("30") == 30


def test_filter_by_name_org_or_tag() -> None:
    tagged = replace(ADA, tags=("Founder", "climate"))
    assert rules.matches_filter(tagged, "love")
    assert rules.matches_filter(tagged, "ENGINES")
    assert rules.matches_filter(tagged, "#found")
    assert not rules.matches_filter(tagged, "#vc")
    assert not rules.matches_filter(tagged, "turing")


def test_derive_reads_the_interactions_once_for_all_contacts() -> None:
    people = [person(f"P{i}", f"id{i:05d}", cadence_days=30) for i in range(500)]
    log = [talk(people[i % 500], i % 90, follow_up=TODAY) for i in range(5_000)]
    pulled = 0

    def once() -> Iterator[Interaction]:  # a scan per contact would find the log empty
        nonlocal pulled
        for interaction in log:
            pulled += 1
            yield interaction

    derived = rules.derive(people, once(), UTC)
    assert rules.due_list(people, derived, TODAY) == rules.due_list(
        people, rules.derive(people, log, UTC), TODAY
    )
    assert pulled == 5_000
    assert [derived[p.id].interactions for p in people] == [10] * 500


def test_every_channel_is_said_as_what_was_logged() -> None:
    from netbalance.core.contacts import CHANNEL_NOUNS, CHANNELS

    assert tuple(CHANNEL_NOUNS) == CHANNELS
    assert CHANNEL_NOUNS["in person"] == "a meeting in person"
    assert all(noun.startswith(("a ", "an ")) for noun in CHANNEL_NOUNS.values())


# several follow-ups: one rule for every surface ------------------------------------

LENA = person("Lena Dubois", "cccc4444-0000", organisation="Fourth Coffee", cadence_days=60)


@pytest.mark.parametrize(
    "overdue_first", [True, False], ids=["overdue-set-first", "later-set-first"]
)
def test_of_several_pending_follow_ups_the_earliest_is_due(overdue_first: bool) -> None:
    # two promises to Lena, both after the last talk: one passed five days ago, one to come
    passed, coming = TODAY - timedelta(days=5), TODAY + timedelta(days=16)
    first, second = (passed, coming) if overdue_first else (coming, passed)
    log = [talk(LENA, 12, follow_up=first), talk(LENA, 8, follow_up=second)]
    derived = rules.derive([LENA], log, UTC)[LENA.id]
    assert (derived.follow_up, derived.next_due) == (passed, passed)
    assert derived.overdue_days(TODAY) == 5
    (due,) = rules.due_list([LENA], {LENA.id: derived}, TODAY)
    assert (due.overdue_days, due.reason) == (5, "follow-up")


def test_meeting_after_the_earliest_follow_up_leaves_the_later_one_due() -> None:
    passed, coming = TODAY - timedelta(days=5), TODAY + timedelta(days=16)
    log = [
        talk(LENA, 12, follow_up=passed),
        talk(LENA, 8, follow_up=coming),
        talk(LENA, 2),  # met after the first date: that promise is kept
    ]
    derived = rules.derive([LENA], log, UTC)[LENA.id]
    assert (derived.follow_up, derived.next_due) == (coming, coming)


def test_a_network_box_with_the_person_is_a_meeting() -> None:
    # a box with Ada after her follow-up date, no interaction logged for it: she was met
    log = [talk(ADA, 20, follow_up=TODAY - timedelta(days=10))]
    box = network_box(ADA, 4, 30)
    derived = rules.derive([ADA], log, UTC, [box])[ADA.id]
    assert derived.last_contact == box.start
    assert derived.follow_up is None
    assert derived.next_due == TODAY - timedelta(days=4) + timedelta(days=30)  # the cadence


def _situations() -> Iterator[object]:
    passed, coming = TODAY - timedelta(days=5), TODAY + timedelta(days=16)
    two = [talk(LENA, 12, follow_up=passed), talk(LENA, 8, follow_up=coming)]
    yield pytest.param(two, [], id="two, the overdue one set first")
    two = [talk(LENA, 12, follow_up=coming), talk(LENA, 8, follow_up=passed)]
    yield pytest.param(two, [], id="two, the overdue one set last")
    yield pytest.param([talk(LENA, 12, follow_up=passed), talk(LENA, 1)], [], id="kept by a talk")
    before = [talk(LENA, 12, follow_up=passed), talk(LENA, 9)]
    yield pytest.param(before, [], id="a later talk before the date")
    yield pytest.param([talk(LENA, 0.1, follow_up=TODAY)], [], id="set today for today")
    followed = talk(LENA, 12, follow_up=passed)
    done = [followed, replace(talk(LENA, 9), follows_up=followed.id)]
    yield pytest.param(done, [], id="followed up by a card")
    box = network_box(LENA, 3, 20)
    yield pytest.param([talk(LENA, 12, follow_up=passed)], [box], id="a box after the date")
    earlier = replace(box, start=NOW - timedelta(days=20), end=NOW - timedelta(days=19))
    owed = [talk(LENA, 2, follow_up=passed + timedelta(days=1))]
    yield pytest.param(owed, [earlier], id="a box before the talk")
    yield pytest.param([talk(LENA, 70)], [], id="cadence only")


@pytest.mark.parametrize(("log", "boxes"), list(_situations()))
def test_the_weekly_summary_and_the_contact_log_give_one_due_date(
    log: list[Interaction], boxes: list[Session]
) -> None:
    """The Review, the dashboard and the report (the summary's `contact_due`) and the
    Contacts mode and `contact` commands (`derive`) name the same day."""
    from netbalance.core.summary import contact_due

    derived = rules.derive([LENA], log, UTC, boxes)[LENA.id]
    summary = contact_due(
        [LENA], log, boxes, as_of=NOW, tz_name="UTC", horizon=TODAY - timedelta(days=120)
    )
    assert [d.due for d in summary] == ([derived.next_due] if derived.next_due else [])
