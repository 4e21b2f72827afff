"""The weekly summary of a fixed week, number by number (worked out by hand in
nbsummary), a DST week, and the rules: verdict, next box, due contacts, streak."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from nbsummary import (
    AFTER,
    MONDAY,
    at,
    contact,
    interaction,
    item,
    session,
    the_week,
    the_week_records,
)

from netbalance.core.models import Interaction, Kind, replace
from netbalance.core.stats import Minutes
from netbalance.core.summary import (
    DueContact,
    Plan,
    contact_due,
    next_box,
    summarize,
    verdict,
)


def test_the_week_totals_and_ratio() -> None:
    week = the_week()
    assert week.week == "2026-W48"
    assert (week.first_day, week.last_day) == (MONDAY, date(2026, 11, 29))
    assert week.as_of == datetime(2026, 11, 30, tzinfo=UTC)  # summed up to the week's end
    # produce 60 + 20 (25 minus a 5-minute pause) + 75 + 50 + 25; network 30 + 30 + 45
    # (the interaction linked to the 30-minute network box n2 is not counted twice)
    assert (week.produce, week.network) == (230, 105)
    assert week.ratio_text == "2.2 : 1"
    assert week.target_text == "3 : 1"


def test_the_week_per_day_splits_the_session_across_midnight() -> None:
    days = {line.day.day: (line.produce, line.network, line.boxes) for line in the_week().days}
    assert days == {
        23: (80, 0, 2),
        24: (0, 30, 1),
        25: (30, 0, 1),  # 23:30 → midnight of the 75-minute box
        26: (45, 45, 0),  # midnight → 00:45, and Bob's call
        27: (50, 30, 2),
        28: (25, 0, 1),
        29: (0, 0, 0),
    }


def test_the_week_budgets_boxes_and_streak() -> None:
    week = the_week()
    produce, network = week.budgets
    assert (produce.minutes, produce.budget_hours, produce.met) == (230, 20, False)
    assert produce.left_minutes == 20 * 60 - 230
    assert (network.minutes, network.met) == (105, False)
    assert week.boxes_finished == 7
    assert week.boxes_finished_early == 1  # p2: 20 of its 25 minutes
    # Wed, Thu, Fri, Sat had produce; Sunday (the last day) had none yet, Tuesday none
    assert week.streak == 4


def test_the_week_items_and_people() -> None:
    week = the_week()
    assert [(i.title, i.shipped) for i in week.items_shipped] == [("Talk slides", at(27, 10))]
    assert [(t.title, t.minutes, t.boxes, t.shipped) for t in week.time_per_item] == [
        ("Write chapter 3", 135, 2, False),
        ("Talk slides", 50, 1, True),
        ("(no card)", 45, 2, False),
    ]
    assert [(m.name, m.channel, m.minutes, m.shared) for m in week.people_met] == [
        ("Jane Doe", "box", 30, ""),  # a network box with no log entry
        ("Bob Stone", "call", 45, "Talk slides"),
        ("Jane Doe", "video", 30, ""),  # logged for box n2: n2 is not listed again
    ]
    assert [c.name for c in week.new_contacts] == ["Bob Stone"]


def test_the_week_contacts_due() -> None:
    week = the_week()
    # Bob's follow-up on Wed 2 Dec falls in the next week
    assert [(d.name, d.due, d.reason) for d in week.follow_ups_next_week] == [
        ("Bob Stone", date(2026, 12, 2), "follow-up")
    ]
    # Carl: last met 20 Oct, every 14 days → due 3 Nov, 26 days overdue on Sun 29 Nov
    assert [(d.name, d.due, d.days_overdue) for d in week.going_stale] == [
        ("Carl Berg", date(2026, 11, 3), 26)
    ]
    assert [d.name for d in week.due_now] == ["Carl Berg"]


def test_the_week_verdict_and_next_box() -> None:
    week = the_week()
    assert week.verdict.status == "below"
    assert week.verdict.text == "below target (2.2 : 1 of 3 : 1)"
    assert (
        week.next_box.text == 'Produce: 16 h 10 m left of 20 h — start a box on "Write chapter 3"'
    )
    assert (week.next_box.kind, week.next_box.item_id) == (Kind.PRODUCE, "item-a")


def test_a_week_in_progress_is_summed_up_to_now() -> None:
    now = at(25, 12)  # Wednesday noon: what was recorded by then
    records = the_week_records()
    week = summarize(
        MONDAY,
        sessions=[s for s in records.sessions if s.end <= now],
        interactions=[i for i in records.interactions if i.when <= now],
        items=records.items[:1],
        contacts=records.contacts,
        plan=Plan(),
        tz_name="UTC",
        now=now,
    )
    assert week.as_of == now
    assert (week.produce, week.network, week.boxes_finished) == (80, 30, 3)
    assert [d.days_overdue for d in week.going_stale] == [22]  # Carl, as of Wednesday
    assert week.streak == 0  # no produce on Tuesday; Wednesday's day is not over yet


def test_a_dst_week_counts_the_25_hour_day_exactly() -> None:
    # Europe/Berlin leaves summer time on Sun 25 Oct 2026 at 03:00 (→ 02:00): 25 hours.
    monday = date(2026, 10, 19)
    box = session("night", Kind.PRODUCE, datetime(2026, 10, 24, 21, 0, tzinfo=UTC), 6 * 60)
    late = session("late", Kind.NETWORK, datetime(2026, 10, 25, 22, 30, tzinfo=UTC), 60)
    week = summarize(
        monday,
        sessions=[box, late],
        interactions=[],
        items=[],
        contacts=[],
        plan=Plan(),
        tz_name="Europe/Berlin",
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    days = {line.day: (line.produce, line.network) for line in week.days}
    # 23:00 CEST Saturday → 04:00 CET Sunday is six real hours: 1 on Saturday, 5 on Sunday
    assert days[date(2026, 10, 24)] == (60, 0)
    assert days[date(2026, 10, 25)] == (300, 30)  # Sunday's day ends at 23:00 UTC
    assert (week.produce, week.network) == (360, 30)
    assert week.minutes_in_week == {"night": 360, "late": 30}  # half of `late` is next week


def test_status_in_the_essays_terms() -> None:
    assert verdict(Minutes(), 3, 0, []).status == "empty"
    telescope = verdict(Minutes(60, 90), 3, 0, [])
    assert telescope.status == "telescope"
    assert "turn the telescope around" in telescope.text
    assert verdict(Minutes(120, 60), 3, 0, []).status == "below"
    assert verdict(Minutes(179, 60), 3, 0, []).status == "on"  # 2.98 shows as 3.0 : 1
    assert verdict(Minutes(600, 0), 3, 0, []).status == "on"


def test_produce_alone_for_workdays_with_someone_due_says_reach_out() -> None:
    due = [DueContact("c1", "Jane Doe", date(2026, 10, 10), "cadence", 45)]
    nudge = verdict(Minutes(600, 0), 3, 3, due)
    assert nudge.status == "reach_out"
    assert nudge.text == "only produce for 3 workdays while Jane Doe is due — reach out"
    assert verdict(Minutes(600, 0), 3, 2, due).status == "on"  # two days is not yet a run
    assert verdict(Minutes(600, 0), 3, 5, []).status == "on"  # nobody is due


def test_a_past_weeks_verdict_is_in_the_past() -> None:
    due = [DueContact("c1", "Jane Doe", date(2026, 10, 10), "cadence", 45)]
    past = verdict(Minutes(600, 0), 3, 3, due, ended=True)
    assert past.status == "reach_out"
    assert past.text == "only produce for its last 3 workdays while Jane Doe was due"
    assert verdict(Minutes(0, 0), 3, 0, [], ended=True).text == "nothing recorded"
    assert verdict(Minutes(0, 0), 3, 0, []).text == "nothing recorded yet"


def test_the_reach_out_run_counts_workdays_only() -> None:
    records = [
        session("mon", Kind.PRODUCE, at(23, 9), 50),
        session("tue", Kind.PRODUCE, at(24, 9), 50),
        session("wed", Kind.PRODUCE, at(25, 9), 50),
    ]
    carl = contact("c-carl", "Carl Berg", cadence=14)
    week = summarize(
        MONDAY,
        sessions=records,
        interactions=[interaction("old", carl, at(1, 9), 20)],
        items=[],
        contacts=[carl],
        plan=Plan(),
        tz_name="UTC",
        now=at(25, 18),
    )
    assert week.verdict.status == "reach_out"
    assert "3 workdays" in week.verdict.text
    assert week.next_box.text == "Network: Carl Berg is 10 days overdue — start a 30 min box"
    assert week.next_box.contact_id == "c-carl"


def test_next_box_from_the_shortfall() -> None:
    plan = Plan(produce_budget_hours=20, network_budget_hours=5)
    doing = item("d", "Write chapter 3", "Doing")
    backlog = item("b", "Someday", "Backlog")
    shipped = item("s", "Done", "Doing", shipped=at(1, 9))
    overdue = [DueContact("c1", "Jane Doe", date(2026, 10, 10), "cadence", 45)]
    on_target = Minutes(14 * 60, 4 * 60)
    assert next_box(plan, on_target, [backlog, doing], []).text == (
        'Produce: 6 h 00 m left of 20 h — start a box on "Write chapter 3"'
    )
    assert next_box(plan, on_target, [backlog, doing], overdue).text == (
        "Network: Jane Doe is 45 days overdue — start a 30 min box"
    )
    # network ahead of the target: produce first, whoever is due
    assert next_box(plan, Minutes(60, 120), [shipped, backlog], overdue).item_title == "Someday"
    assert next_box(plan, Minutes(90, 0), [], []).text == (
        "Produce: 18 h 30 m left of 20 h — start a 25 min box"
    )


def test_contact_due_takes_a_pending_follow_up_whatever_the_cadence() -> None:
    ann = contact("a", "Ann", cadence=30)
    ben = contact("b", "Ben")
    cy = contact("c", "Cy")  # no cadence, no follow-up: never due
    snoozed = contact("d", "Dee", cadence=7)
    snoozed = replace(snoozed, snoozed_until=date(2026, 12, 20))
    found = contact_due(
        [ann, ben, cy, snoozed],
        [
            interaction("1", ann, at(1, 9), 10, follow_up=date(2026, 11, 20)),
            interaction("2", ben, at(2, 9), 10, follow_up=date(2026, 11, 10)),
            interaction("3", ben, at(12, 9), 10),  # met after the follow-up: it is done
            interaction("4", snoozed, at(2, 9), 10),
        ],
        [],
        as_of=at(28, 9),
        tz_name="UTC",
        horizon=date(2026, 8, 1),
    )
    assert [(d.name, d.due, d.reason) for d in found] == [
        ("Ann", date(2026, 11, 20), "follow-up"),  # on its own date, before 1 Nov + 30 days
        ("Dee", date(2026, 12, 20), "cadence"),  # snoozed
    ]


def test_a_contact_not_met_within_the_look_back_is_overdue_at_least() -> None:
    old = contact("o", "Olga", created=datetime(2020, 1, 1, tzinfo=UTC), cadence=30)
    (due,) = contact_due([old], [], [], as_of=at(28, 9), tz_name="UTC", horizon=date(2026, 8, 1))
    assert (due.due, due.at_least) == (date(2026, 8, 31), True)
    assert due.days_overdue == (date(2026, 11, 28) - date(2026, 8, 31)).days


def test_nothing_recorded() -> None:
    week = summarize(
        MONDAY,
        sessions=[],
        interactions=[],
        items=[],
        contacts=[],
        plan=Plan(),
        tz_name="UTC",
        now=AFTER - timedelta(days=3),
    )
    assert (week.produce, week.network, week.ratio_text) == (0, 0, "—")
    assert week.verdict.status == "empty"
    assert week.streak == 0
    assert week.next_box.text == "Produce: 20 h 00 m left of 20 h — start a 25 min box"


@pytest.mark.parametrize(
    ("produce", "network", "expected"),
    [
        (0, 1 / 60, "early"),  # a 1-second network box: no telescope to turn around
        (10, 15, "early"),
        (0, 30, "telescope"),  # half an hour, all of it networking: now it says so
        (29, 0, "early"),
        (30, 0, "on"),
    ],
)
def test_too_little_tracked_gives_no_verdict_on_the_balance(
    produce: float, network: float, expected: str
) -> None:
    from netbalance.core.stats import Minutes
    from netbalance.core.summary import status

    found = status(Minutes(produce, network), 3.0)
    assert found.status == expected
    if expected == "early":
        assert found.text.startswith("too little tracked to judge")


def test_a_meeting_logged_this_very_second_settles_what_was_due() -> None:
    """The clock counts whole seconds: a screen that reads the week again right after an
    interaction is logged has the same `now` as the interaction. The person met is no
    longer due (the Review's People step listed them as overdue until the next read)."""
    now = at(28, 9)
    ann = contact("a", "Ann")
    records = the_week_records()
    pending = interaction("1", ann, at(2, 9), 10, follow_up=date(2026, 11, 20))
    met_now = interaction("2", ann, now, 5)

    def due_now(interactions: list[Interaction]) -> list[str]:
        week = summarize(
            MONDAY,
            sessions=records.sessions,
            interactions=interactions,
            items=records.items,
            contacts=[ann],
            plan=Plan(),
            tz_name="UTC",
            now=now,
        )
        return [d.name for d in week.due_now]

    assert due_now([pending]) == ["Ann"]
    assert due_now([pending, met_now]) == []
