"""Suite 6, time: the clock jumps (suspend, set back), DST both ways in Europe/Berlin and
America/New_York, a box across midnight, a time zone change between sessions — in the
core, the store, the command line (a real subprocess, clock frozen by NETBALANCE_NOW)
and the app (Pilot, a FakeClock moved by the test). Nothing sleeps on the wall clock.

The rules these tests hold netbalance to (the Reliability section of the README says
them in words):

- Suspend: a countdown ends at its planned end however long the machine slept (a 25 min
  box with a 30 min suspend records 25 min, never 55). A stopwatch has no planned end:
  the slept time counts (the wall clock decides), and a stopwatch found running at start
  is left for the user to stop, never recorded on its own.
- Clock set back: elapsed and remaining time never go negative (a box whose start is now
  "in the future" shows its full length); a paused box keeps the time it had when it
  paused; finishing a box while the clock reads before its start is refused with one
  line (nothing is stored, the box keeps running, cancel drops it) instead of recording
  an empty session.
- DST: lengths are real time (a 2 h box across fall-back is 2 h); a local day is 23 or
  25 h; minutes go to the local day they happened on. A typed wall time that happens
  twice is the first reading; one that the spring change skips is one line, exit 2.
  Times across the change carry the zone's abbreviation (`02:30 CEST–02:30 CET`), and
  the app's edit form shows a time that reads back as the same instants.
- Midnight: a session's minutes are split at local midnight between the two days (and
  weeks), the running box's too while it runs; an app left open past midnight counts
  "today" from the new day.
- Zone change: sessions are stored as UTC instants and never rewritten; days and weeks
  are worked out again in the zone in force (settings, else $TZ).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from netbalance.actions import boxes
from netbalance.core import history, timer
from netbalance.core.clock import FakeClock
from netbalance.core.instants import format_clock
from netbalance.core.models import Kind, Session, new_id
from netbalance.core.stats import Minutes, minutes_by_day, total, windows
from netbalance.core.weeks import DayGrid, local_date, local_midnight, week_start_of
from netbalance.core.when import WhenError, parse_when
from netbalance.settings.config import Settings
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store
from netbalance.tui.app import NetbalanceApp, make_app

REPO = Path(__file__).resolve().parents[2]
BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)  # Saturday, ISO week 2026-W48

# The four DST changes of 2026: zone, the local day, the UTC instant of the change, and
# how the local day's length differs from 24 h.
SPRING_BERLIN = (BERLIN, date(2026, 3, 29), datetime(2026, 3, 29, 1, 0, tzinfo=UTC), -1)
FALL_BERLIN = (BERLIN, date(2026, 10, 25), datetime(2026, 10, 25, 1, 0, tzinfo=UTC), +1)
SPRING_NEW_YORK = (NEW_YORK, date(2026, 3, 8), datetime(2026, 3, 8, 7, 0, tzinfo=UTC), -1)
FALL_NEW_YORK = (NEW_YORK, date(2026, 11, 1), datetime(2026, 11, 1, 6, 0, tzinfo=UTC), +1)
CHANGES = [SPRING_BERLIN, FALL_BERLIN, SPRING_NEW_YORK, FALL_NEW_YORK]
CHANGE_IDS = ["berlin-spring", "berlin-fall", "new-york-spring", "new-york-fall"]
DstChange = tuple[str, date, datetime, int]


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def session(kind: Kind, start: datetime, end: datetime, paused: int = 0) -> Session:
    return Session(
        id=new_id(),
        kind=kind,
        start=start,
        end=end,
        created=end,
        updated=end,
        paused_seconds=paused,
    )


def wall(instant: datetime, zone: str) -> datetime:
    """The local wall time of an instant, without its zone (what a wall clock shows)."""
    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


# --- core: a suspend (the clock jumps forward) ------------------------------------------


def test_suspend_of_30_min_ends_a_25_min_box_at_its_planned_end() -> None:
    clock = FakeClock(T0)
    box = timer.start(Kind.PRODUCE, clock.now(), minutes=25)
    clock.advance(minutes=2)
    clock.advance(minutes=30)  # the lid closed: no tick in between
    now = clock.now()
    assert timer.is_over(box, now)
    assert timer.remaining_seconds(box, now) == 0
    recorded = timer.finish(box, now)
    assert (recorded.start, recorded.end) == (T0, T0 + minutes(25))
    assert recorded.active_seconds == 25 * 60  # not 32, not 55
    recovered = timer.recover(box, now)  # the same when found at start-up
    assert recovered is not None and recovered.recovered
    assert recovered.active_seconds == 25 * 60


def test_suspend_during_a_paused_box_adds_nothing() -> None:
    clock = FakeClock(T0)
    box = timer.start(Kind.PRODUCE, clock.now(), minutes=25)
    clock.advance(minutes=10)
    box = timer.pause(box, clock.now())
    clock.advance(minutes=30)  # suspended while paused
    assert timer.elapsed_seconds(box, clock.now()) == 10 * 60
    assert not timer.is_over(box, clock.now())
    assert timer.recover(box, clock.now()) is None  # a paused box waits for the user
    box = timer.resume(box, clock.now())
    assert timer.remaining_seconds(box, clock.now()) == 15 * 60


def test_suspend_during_a_stopwatch_counts_the_slept_time_and_is_never_auto_recorded() -> None:
    """The decision for a box without a planned end: the wall clock decides (the user
    stopped neither the stopwatch nor the clock), and start-up never records it on its
    own; the user stops it (DESIGN: "a stopwatch left running asks")."""
    clock = FakeClock(T0)
    box = timer.start(Kind.NETWORK, clock.now(), minutes=None)
    clock.advance(minutes=5)
    clock.advance(minutes=30)
    assert timer.elapsed_seconds(box, clock.now()) == 35 * 60
    assert timer.remaining_seconds(box, clock.now()) is None
    assert not timer.is_over(box, clock.now())
    assert timer.recover(box, clock.now()) is None
    assert timer.finish(box, clock.now()).active_seconds == 35 * 60


# --- core: the clock set back -------------------------------------------------------------


def test_clock_back_an_hour_shows_no_negative_time() -> None:
    clock = FakeClock(T0)
    countdown = timer.start(Kind.PRODUCE, clock.now(), minutes=25)
    stopwatch = timer.start(Kind.NETWORK, clock.now(), minutes=None)
    clock.advance(minutes=10)
    clock.advance(hours=-1)
    now = clock.now()
    for box in (countdown, stopwatch):
        assert timer.elapsed_seconds(box, now) == 0
        assert not timer.is_over(box, now)
    assert timer.remaining_seconds(countdown, now) == 25 * 60
    assert format_clock(timer.elapsed_seconds(stopwatch, now)) == "00:00"
    assert format_clock((now - countdown.started).total_seconds()) == "00:00"


def test_clock_back_while_paused_keeps_the_time_the_box_had() -> None:
    """Paused at 20 min, the clock set back 1 h (to 40 min before the pause, still after
    the start): the display said 20:00, so finishing records 20 min, not 10."""
    clock = FakeClock(T0)
    box = timer.start(Kind.PRODUCE, clock.now(), minutes=50)
    clock.advance(minutes=20)
    box = timer.pause(box, clock.now())
    clock.set(T0 + minutes(10))  # 20:00 → set back to 10:00 past the start
    assert timer.elapsed_seconds(box, clock.now()) == 20 * 60
    recorded = timer.finish(box, clock.now())
    assert recorded.active_seconds == 20 * 60
    assert recorded.end == T0 + minutes(20)
    assert recorded.paused_seconds == 0


def _store(folder: Path, clock: FakeClock) -> Store:
    return Store.open(str(folder / "nb.json"), clock)


def _files(folder: Path) -> dict[str, str]:
    """Every data file (not the lock, not a parsed copy) → a hash of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.endswith(".lock") and not is_copy(path.name)
    }


def test_finishing_before_the_start_is_refused_and_stores_nothing(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    store = _store(tmp_path, clock)
    boxes.start(store, Kind.PRODUCE, minutes=25)
    clock.advance(minutes=10)
    clock.advance(hours=-1)  # 50 min before the box's start
    before = _files(tmp_path)
    with pytest.raises(timer.TimerError) as refused:
        boxes.finish(store)
    message = str(refused.value)
    assert "\n" not in message
    assert "set back" in message and "50 m" in message
    assert _files(tmp_path) == before  # no empty session, the box kept
    assert store.sessions.all() == []
    assert store.box.get() is not None
    clock.set(T0 + minutes(12))  # the clock has passed the start again
    recorded = boxes.finish(store)
    assert recorded.active_seconds == 12 * 60
    assert [s.id for s in store.sessions.all()] == [recorded.id]


def test_a_box_set_back_before_its_start_can_be_cancelled(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    store = _store(tmp_path, clock)
    boxes.start(store, Kind.NETWORK, minutes=None)
    clock.advance(hours=-1)
    boxes.cancel(store)
    assert store.box.get() is None
    assert store.sessions.all() == []


def test_clock_back_but_after_the_start_records_what_was_shown(tmp_path: Path) -> None:
    clock = FakeClock(T0)
    store = _store(tmp_path, clock)
    box = boxes.start(store, Kind.PRODUCE, minutes=90)
    clock.advance(minutes=80)
    clock.advance(hours=-1)  # now 20 min after the start
    shown = timer.elapsed_seconds(box, clock.now())
    recorded = boxes.finish(store)
    assert recorded.active_seconds == shown == 20 * 60
    assert recorded.end > recorded.start


# --- core: DST ----------------------------------------------------------------------------


@pytest.mark.parametrize("change", CHANGES, ids=CHANGE_IDS)
def test_a_local_day_with_a_dst_change_lasts_23_or_25_hours(change: DstChange) -> None:
    zone, day, _at, shift = change
    grid = DayGrid.build(day - timedelta(days=1), 3, zone)
    lengths = [(grid.bounds[i + 1] - grid.bounds[i]) / timedelta(hours=1) for i in range(3)]
    assert lengths == [24, 24 + shift, 24]
    assert local_midnight(day, zone).astimezone(ZoneInfo(zone)).hour == 0


@pytest.mark.parametrize("change", CHANGES, ids=CHANGE_IDS)
def test_a_2_hour_box_across_a_dst_change_records_2_hours(change: DstChange) -> None:
    zone, day, at, shift = change
    clock = FakeClock(at - timedelta(hours=1))
    for minutes_planned in (120, None):  # a countdown and a stopwatch
        box = timer.start(Kind.PRODUCE, clock.now(), minutes=minutes_planned)
        end = box.started + timedelta(hours=2)
        recorded = timer.finish(box, end)
        assert recorded.active_seconds == 2 * 3600
        assert timer.elapsed_seconds(box, end) == 2 * 3600
        # the wall clock says 3 h (spring) or 1 h (fall): the test would catch a local sum
        on_the_wall = wall(recorded.end, zone) - wall(recorded.start, zone)
        assert on_the_wall == timedelta(hours=2 - shift)
        grid = DayGrid.build(day - timedelta(days=1), 3, zone)
        per_day = minutes_by_day(grid, [recorded])
        assert per_day[day] == Minutes(produce=120)
        assert total(per_day, grid.days[0], grid.days[-1]).produce == 120


@pytest.mark.parametrize("change", CHANGES, ids=CHANGE_IDS)
def test_a_whole_dst_day_and_its_week_count_exactly(change: DstChange) -> None:
    """A session from local midnight to the next local midnight of the DST day: 23 h or
    25 h of minutes on that day, none on its neighbours, and the week holds the same."""
    zone, day, _at, shift = change
    start, end = local_midnight(day, zone), local_midnight(day + timedelta(days=1), zone)
    whole = session(Kind.NETWORK, start, end)
    first = week_start_of(day)
    grid = DayGrid.build(first, 7, zone)
    per_day = minutes_by_day(grid, [whole])
    assert per_day[day].network == (24 + shift) * 60
    assert sum(m.network for d, m in per_day.items() if d != day) == 0
    shown = windows([whole], [], today=first + timedelta(days=6), tz_name=zone)
    assert shown.this_week.network == (24 + shift) * 60


def test_a_night_session_across_fall_back_splits_by_real_time() -> None:
    """Sat 22:00 → Sun 04:00 in Berlin on the fall-back night: 2 h on Saturday, 5 h on
    Sunday (midnight to 04:00 lasts 5 h that night); 7 h in all, not the 6 h on the wall."""
    start = datetime(2026, 10, 24, 20, 0, tzinfo=UTC)  # 22:00 CEST
    end = datetime(2026, 10, 25, 3, 0, tzinfo=UTC)  # 04:00 CET
    assert (wall(start, BERLIN).hour, wall(end, BERLIN).hour) == (22, 4)
    grid = DayGrid.build(date(2026, 10, 24), 2, BERLIN)
    per_day = minutes_by_day(grid, [session(Kind.PRODUCE, start, end)])
    assert per_day == {
        date(2026, 10, 24): Minutes(produce=120),
        date(2026, 10, 25): Minutes(produce=300),
    }


@pytest.mark.parametrize(
    ("zone", "text", "start_utc"),
    [
        (BERLIN, "2026-10-25 02:30 1h", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (NEW_YORK, "2026-11-01 01:30 1h", datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    ],
    ids=["berlin", "new-york"],
)
def test_a_wall_time_that_happens_twice_is_the_first(
    zone: str, text: str, start_utc: datetime
) -> None:
    start, end = parse_when(text, T0, ZoneInfo(zone))
    assert start == start_utc  # summer time: the first of the two readings
    assert end - start == timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "text"),
    [(BERLIN, "2026-03-29 02:30 1h"), (NEW_YORK, "2026-03-08 02:30 1h")],
    ids=["berlin", "new-york"],
)
def test_a_wall_time_skipped_in_spring_is_one_clear_line(zone: str, text: str) -> None:
    with pytest.raises(WhenError) as refused:
        parse_when(text, T0, ZoneInfo(zone))
    message = str(refused.value)
    assert "\n" not in message
    assert "02:30 does not exist" in message and "clocks went forward" in message


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00", "02:30 CEST–02:30 CET"),
        ("2026-10-25T01:00:00+00:00", "2026-10-25T01:30:00+00:00", "02:00–02:30"),
        ("2026-11-26T09:00:00+00:00", "2026-11-26T10:30:00+00:00", "10:00–11:30"),
    ],
)
def test_times_across_fall_back_name_their_offset(start: str, end: str, shown: str) -> None:
    span = (datetime.fromisoformat(start), datetime.fromisoformat(end))
    assert history.clock_span(*span, ZoneInfo(BERLIN)) == shown
    assert history.span_text(*span, ZoneInfo(BERLIN)).endswith(" " + shown)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00"),  # CEST → CET
        ("2026-10-25T01:10:00+00:00", "2026-10-25T01:40:00+00:00"),  # the second 02:xx
        ("2026-10-25T00:10:00+00:00", "2026-10-25T00:40:00+00:00"),  # the first 02:xx
        ("2026-10-24T22:00:00+00:00", "2026-10-25T02:30:00+00:00"),  # 00:00 → 03:30 CET
        ("2026-11-26T09:00:00+00:00", "2026-11-26T10:30:00+00:00"),
    ],
)
def test_the_edit_form_time_reads_back_as_the_same_instants(start: str, end: str) -> None:
    """The app's edit form shows a session's time as text; read back it must be the same
    two instants, in the repeated hour too (else saving an edit moved the session)."""
    from netbalance.tui.screens.history import _when_of

    kept = session(Kind.PRODUCE, datetime.fromisoformat(start), datetime.fromisoformat(end))
    text = _when_of(kept, ZoneInfo(BERLIN))
    assert parse_when(text, T0, ZoneInfo(BERLIN)) == (kept.start, kept.end), text


def test_a_typed_span_across_fall_back_is_its_real_length() -> None:
    start, end = parse_when("2026-10-25 01:30-03:30", T0, ZoneInfo(BERLIN))
    assert end - start == timedelta(hours=3)  # 01:30 CEST → 03:30 CET
    start, end = parse_when("2026-03-29 01:30-03:30", T0, ZoneInfo(BERLIN))
    assert end - start == timedelta(hours=1)  # 01:30 CET → 03:30 CEST


# --- core: midnight -----------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["UTC", BERLIN, NEW_YORK])
def test_a_box_across_midnight_splits_its_minutes_at_local_midnight(zone: str) -> None:
    midnight = local_midnight(date(2026, 11, 27), zone)  # Thu → Fri
    across = session(Kind.PRODUCE, midnight - minutes(20), midnight + minutes(30))
    grid = DayGrid.build(date(2026, 11, 26), 2, zone)
    assert minutes_by_day(grid, [across]) == {
        date(2026, 11, 26): Minutes(produce=20),
        date(2026, 11, 27): Minutes(produce=30),
    }


def test_pauses_of_a_box_across_midnight_are_shared_by_wall_time() -> None:
    midnight = local_midnight(date(2026, 11, 27), BERLIN)
    across = session(Kind.NETWORK, midnight - minutes(30), midnight + minutes(30), paused=600)
    per_day = minutes_by_day(DayGrid.build(date(2026, 11, 26), 2, BERLIN), [across])
    assert [m.network for m in per_day.values()] == [25, 25]
    assert sum(m.network for m in per_day.values()) == across.minutes == 50


def test_a_box_across_the_week_boundary_counts_in_both_weeks() -> None:
    sunday = date(2026, 11, 29)  # the last day of 2026-W48
    midnight = local_midnight(sunday + timedelta(days=1), NEW_YORK)
    across = session(Kind.PRODUCE, midnight - minutes(15), midnight + minutes(45))
    this_week = windows([across], [], today=sunday, tz_name=NEW_YORK)
    next_week = windows([across], [], today=sunday + timedelta(days=1), tz_name=NEW_YORK)
    assert (this_week.this_week.produce, this_week.today.produce) == (15, 15)
    assert (next_week.this_week.produce, next_week.today.produce) == (45, 45)
    assert next_week.last_7_days.produce == 60


# --- core: a time zone change between sessions ----------------------------------------------


def test_a_zone_change_moves_days_not_instants() -> None:
    """Two sessions recorded while the user was in Berlin; read in New York the same
    instants fall on other local days; the total is the same in every zone."""
    late = session(  # Fri 27 Nov 23:30–Sat 00:30 in Berlin; 17:30–18:30 in New York
        Kind.PRODUCE,
        datetime(2026, 11, 27, 22, 30, tzinfo=UTC),
        datetime(2026, 11, 27, 23, 30, tzinfo=UTC),
    )
    early = session(  # Sat 28 Nov 03:00–04:00 in Berlin; Fri 21:00–22:00 in New York
        Kind.NETWORK,
        datetime(2026, 11, 28, 2, 0, tzinfo=UTC),
        datetime(2026, 11, 28, 3, 0, tzinfo=UTC),
    )
    kept = (late, early)
    fri, sat = date(2026, 11, 27), date(2026, 11, 28)
    in_berlin = minutes_by_day(DayGrid.build(fri, 2, BERLIN), kept)
    in_new_york = minutes_by_day(DayGrid.build(fri, 2, NEW_YORK), kept)
    assert in_berlin == {fri: Minutes(produce=30), sat: Minutes(produce=30, network=60)}
    assert in_new_york == {fri: Minutes(produce=60, network=60), sat: Minutes()}
    assert local_date(early.start, BERLIN) == sat
    assert local_date(early.start, NEW_YORK) == fri
    assert (late, early) == kept  # the records themselves are untouched values


# --- the store: instants are stored in UTC and never rewritten -------------------------------


def _stored_sessions(folder: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for path in sorted(folder.glob("nb.*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for table in document.values():
            if isinstance(table, dict):
                found += [r for r in table.values() if isinstance(r, dict) and "start" in r]
    return found


def test_the_store_keeps_utc_instants_whatever_the_zone(tmp_path: Path) -> None:
    at = FALL_BERLIN[2]
    clock = FakeClock(at + timedelta(hours=3))
    store = _store(tmp_path, clock)
    start, end = parse_when("2026-10-25 02:30 1h", clock.now(), ZoneInfo(BERLIN))
    with store.transaction():
        store.sessions.add(session(Kind.PRODUCE, start, end))
    stored = _stored_sessions(tmp_path)
    assert [(s["start"], s["end"]) for s in stored] == [
        ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00")
    ]
    before = _files(tmp_path)
    again = _store(tmp_path, clock)  # read back, counted in two zones: nothing written
    for zone in (BERLIN, NEW_YORK):
        grid = DayGrid.build(date(2026, 10, 24), 2, zone)
        per_day = minutes_by_day(grid, again.sessions.between(grid.start, grid.end))
        assert sum(m.produce for m in per_day.values()) == 60
    assert _files(tmp_path) == before


# --- the command line ---------------------------------------------------------------------


class Cli:
    """`python -m netbalance …` on `folder/nb.json`, its clock frozen by NETBALANCE_NOW,
    its zone from `config.toml` (written by `zone_setting`) or from `tz` ($TZ)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config = folder.parent / "config.toml"

    def zone_setting(self, name: str) -> None:
        self.config.write_text(f'[time]\ntime_zone = "{name}"\n', encoding="utf-8")

    def __call__(
        self, *args: str, now: datetime, tz: str = "UTC"
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
        env.update(
            PYTHONPATH=os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])]),
            PYTHONIOENCODING="utf-8",
            TZ=tz,
            NETBALANCE_DB=str(self.folder / "nb.json"),
            NETBALANCE_CONFIG=str(self.config),
            NETBALANCE_NOW=now.isoformat(),
        )
        return subprocess.run(
            [sys.executable, "-m", "netbalance", *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    def ok(self, *args: str, now: datetime, tz: str = "UTC") -> str:
        result = self(*args, now=now, tz=tz)
        assert (result.returncode, result.stderr) == (0, ""), result
        return result.stdout

    def refused(self, *args: str, now: datetime) -> str:
        """A command that must fail with one line on stderr, exit 2, nothing written."""
        before = _files(self.folder) if self.folder.exists() else {}
        result = self(*args, now=now)
        assert result.returncode == 2, result
        assert result.stdout == ""
        assert result.stderr.startswith("netbalance: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        after = _files(self.folder) if self.folder.exists() else {}
        assert after == before
        return result.stderr

    def logged(self, week: str, now: datetime) -> list[dict[str, object]]:
        sessions: list[dict[str, object]] = json.loads(
            self.ok("log", "--week", week, "--json", now=now)
        )["sessions"]
        return sessions


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    folder = tmp_path / "data"
    return Cli(folder)


def per_day(report: str) -> dict[str, str]:
    """The report's per-day table: `Sat 24 Oct` → `30 m  1 h 00 m  …` (its columns)."""
    lines = report.split("## Per day", 1)[1].split("##", 1)[0].strip().splitlines()[1:]
    return {line[:10]: " ".join(line[10:].split()) for line in lines}


def test_cli_suspend_records_the_planned_length(cli: Cli) -> None:
    cli.ok("start", "produce", "--minutes", "25", now=T0)
    assert cli.ok("status", now=T0 + minutes(55)) == "produce 00:00 done\n"
    assert cli.ok("stop", now=T0 + minutes(55)).startswith("recorded 25 m of produce")
    [kept] = cli.logged("this", T0 + minutes(55))
    assert (kept["start"], kept["end"], kept["minutes"]) == (
        "2026-11-28T09:00:00+00:00",
        "2026-11-28T09:25:00+00:00",
        25.0,
    )


def test_cli_a_new_box_after_a_suspend_records_the_old_one_at_its_end(cli: Cli) -> None:
    cli.ok("start", "network", "--minutes", "15", now=T0)
    result = cli("start", "produce", now=T0 + minutes(45))
    assert result.returncode == 0, result
    assert "ended at its planned end, 09:15" in result.stderr
    [kept] = cli.logged("this", T0 + minutes(45))
    assert (kept["kind"], kept["minutes"]) == ("network", 15.0)


def test_cli_clock_back_shows_no_negative_time_and_refuses_an_empty_session(cli: Cli) -> None:
    cli.ok("start", "produce", "--minutes", "25", now=T0)
    back = T0 + minutes(10) - timedelta(hours=1)
    assert cli.ok("status", now=back) == "produce 25:00 left\n"
    shown = json.loads(cli.ok("status", "--json", now=back))
    assert (shown["elapsed_seconds"], shown["remaining_seconds"]) == (0, 25 * 60)
    message = cli.refused("stop", now=back)
    assert "set back" in message and "cancel" in message
    assert "-" not in cli.ok("status", "--format", "{elapsed} {remaining}", now=back)
    assert cli.ok("stop", now=T0 + minutes(10)).startswith("recorded 10 m of produce")
    [kept] = cli.logged("this", T0 + minutes(10))
    assert kept["minutes"] == 10.0


def test_cli_clock_back_while_paused_keeps_the_paused_time(cli: Cli) -> None:
    cli.ok("start", "produce", "--minutes", "50", now=T0)
    cli.ok("pause", now=T0 + minutes(20))
    back = T0 + minutes(20) - timedelta(hours=1)
    assert cli.ok("status", now=back) == "produce 30:00 left (paused)\n"
    assert cli.ok("stop", now=back).startswith("recorded 20 m of produce")


def test_cli_add_in_the_ambiguous_hour_takes_the_first(cli: Cli) -> None:
    cli.zone_setting(BERLIN)
    later = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)
    said = cli.ok("add", "produce", "2026-10-25 02:30 1h", now=later)
    # the hour happens twice: the times say which (not "02:30–02:30" for an hour)
    assert said.startswith("added 1 h 00 m of produce, Sun 25 Oct 02:30 CEST–02:30 CET (")
    assert "\t02:30 CEST–02:30 CET\tproduce\t1 h 00 m" in cli.ok(
        "log", "--week", "2026-10-25", now=later
    )
    [kept] = cli.logged("2026-10-25", later)
    assert (kept["start"], kept["end"]) == (
        "2026-10-25T00:30:00+00:00",  # 02:30 CEST, the first 02:30
        "2026-10-25T01:30:00+00:00",
    )


@pytest.mark.parametrize(
    ("zone", "text"),
    [(BERLIN, "2026-03-29 02:30 1h"), (NEW_YORK, "2026-03-08 02:30 1h")],
    ids=["berlin", "new-york"],
)
def test_cli_add_at_a_time_skipped_in_spring_is_one_line(cli: Cli, zone: str, text: str) -> None:
    cli.zone_setting(zone)
    cli.ok("add", "network", "yesterday 09:00 30m", now=T0)  # the data file exists
    message = cli.refused("add", "produce", text, now=T0)
    assert "02:30 does not exist in your time zone" in message


@pytest.mark.parametrize("change", [FALL_NEW_YORK, SPRING_BERLIN], ids=["new-york", "berlin"])
def test_cli_a_2_hour_box_across_a_dst_change_records_2_hours(cli: Cli, change: DstChange) -> None:
    zone, day, at, _shift = change
    cli.zone_setting(zone)
    start = at - timedelta(hours=1)
    cli.ok("start", "produce", "--minutes", "120", now=start)
    assert cli.ok("status", now=start + timedelta(hours=1)) == "produce 1:00:00 left\n"
    assert cli.ok("stop", now=start + timedelta(hours=2)).startswith("recorded 2 h 00 m")
    table = per_day(cli.ok("report", "--week", day.isoformat(), now=start + timedelta(days=1)))
    assert table[f"{day:%a %d %b}"].startswith("2 h 00 m 0 m all produce 1")
    assert table["Total     "].startswith("2 h 00 m")


def test_cli_a_box_across_midnight_is_split_in_the_report(cli: Cli) -> None:
    cli.zone_setting(BERLIN)
    midnight = local_midnight(date(2026, 11, 27), BERLIN)  # Thursday → Friday
    cli.ok("start", "network", "--minutes", "50", now=midnight - minutes(20))
    cli.ok("stop", now=midnight + minutes(30))
    table = per_day(cli.ok("report", now=T0))
    assert table["Thu 26 Nov"].startswith("0 m 20 m")
    assert table["Fri 27 Nov"].startswith("0 m 30 m")
    assert table["Total     "].startswith("0 m 50 m")


def test_cli_a_zone_change_recounts_days_and_rewrites_nothing(cli: Cli) -> None:
    cli.zone_setting(BERLIN)
    # Saturday 28 Nov 03:00–04:00 in Berlin = Friday 27 Nov 21:00–22:00 in New York
    cli.ok("add", "produce", "2026-11-28 03:00 1h", now=T0)
    cli.zone_setting(NEW_YORK)
    cli.ok("add", "network", "2026-11-28 03:00 30m", now=T0)  # a New York night, 08:00 UTC
    files = _files(cli.folder)
    in_new_york = per_day(cli.ok("report", now=T0))
    logged_new_york = cli.logged("this", T0)
    cli.zone_setting(BERLIN)
    in_berlin = per_day(cli.ok("report", now=T0))
    logged_berlin = cli.logged("this", T0)
    assert in_new_york["Fri 27 Nov"].startswith("1 h 00 m 0 m")
    assert in_new_york["Sat 28 Nov"].startswith("0 m 30 m")
    assert in_berlin["Fri 27 Nov"].startswith("0 m 0 m")
    assert in_berlin["Sat 28 Nov"].startswith("1 h 00 m 30 m")
    instants = sorted((s["start"], s["end"]) for s in logged_berlin)
    assert instants == sorted((s["start"], s["end"]) for s in logged_new_york)
    assert instants == [
        ("2026-11-28T02:00:00+00:00", "2026-11-28T03:00:00+00:00"),
        ("2026-11-28T08:00:00+00:00", "2026-11-28T08:30:00+00:00"),
    ]
    assert _files(cli.folder) == files  # reading in another zone wrote nothing


def test_cli_the_tz_variable_is_the_zone_when_none_is_set(cli: Cli) -> None:
    cli.ok("add", "produce", "2026-11-28T02:00:00+00:00 1h", now=T0)
    berlin = per_day(cli.ok("report", now=T0, tz=BERLIN))
    new_york = per_day(cli.ok("report", now=T0, tz=NEW_YORK))
    assert berlin["Sat 28 Nov"].startswith("1 h 00 m")
    assert new_york["Fri 27 Nov"].startswith("1 h 00 m")
    assert new_york["Sat 28 Nov"].startswith("0 m")


@pytest.mark.parametrize(
    ("rule", "change"),
    [("EST5EDT,M3.2.0,M11.1.0", FALL_NEW_YORK), ("CET-1CEST,M3.5.0,M10.5.0/3", SPRING_BERLIN)],
    ids=["new-york-fall", "berlin-spring"],
)
def test_cli_a_posix_tz_rule_in_the_tz_variable_counts_days_dst_and_all(
    cli: Cli, rule: str, change: DstChange
) -> None:
    """$TZ may hold a POSIX rule instead of a zone name: every command counts days in it
    as in the zone it describes, a 25 or 23 hour day included."""
    name, day, at, _shift = change
    start = at - timedelta(hours=1)
    cli.ok("start", "produce", "--minutes", "120", now=start, tz=rule)
    assert cli.ok("stop", now=start + timedelta(hours=2), tz=rule).startswith("recorded 2 h 00 m")
    cli.ok("add", "network", f"{day} 00:30 30m", now=start + timedelta(days=1), tz=rule)
    later = start + timedelta(days=1)
    for command in (["report", "--week", day.isoformat()], ["log", "--week", day.isoformat()]):
        by_name = cli.ok(*command, now=later, tz=name)  # the report names the zone
        assert cli.ok(*command, now=later, tz=rule) == by_name.replace(name, rule)
    table = per_day(cli.ok("report", "--week", day.isoformat(), now=later, tz=rule))
    assert table[f"{day:%a %d %b}"].startswith("2 h 00 m 30 m")


def test_cli_a_posix_tz_rule_counts_its_offset_west_of_utc(cli: Cli) -> None:
    """`TZ=UTC+3` is three hours behind UTC, as the C library (and `date`) reads it."""
    cli.ok("add", "produce", "2026-11-27 22:00 1h", now=T0, tz="UTC+3")
    [kept] = cli.logged("this", T0)
    assert (kept["start"], kept["end"]) == (
        "2026-11-28T01:00:00+00:00",
        "2026-11-28T02:00:00+00:00",
    )
    assert per_day(cli.ok("report", now=T0, tz="UTC+3"))["Fri 27 Nov"].startswith("1 h 00 m")


# --- the app ------------------------------------------------------------------------------

SIZE = (120, 40)
APP_NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # Thursday, as in tests/app


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No desktop notification is sent, no user settings are read."""
    monkeypatch.setattr("netbalance.tui.desktop.notify", lambda title, body: True)
    monkeypatch.setenv("NETBALANCE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("NETBALANCE_NOW", raising=False)
    yield


def _app(tmp_path: Path, clock: FakeClock, zone: str = "UTC") -> NetbalanceApp:
    store = Store.open(str(tmp_path / "data" / "nb.json"), clock)
    settings = Settings(time_zone=zone, theme="netbalance-dark")
    return make_app(settings, store, clock=clock)


async def _advance(pilot: Pilot[None], app: NetbalanceApp, clock: FakeClock, **by: float) -> None:
    """Move the clock, then repaint as the app's interval would."""
    clock.advance(**by)
    app.tick()
    await pilot.pause()


def _notices(app: NetbalanceApp) -> list[str]:
    """What the app told: its notices, and the question on screen (a box's end is said
    by the break question, with no notice over it)."""
    told = [f"{n.title}: {n.message}" for n in app._notifications]
    question = getattr(app.screen, "question", None)
    return [*told, question] if isinstance(question, str) else told


async def test_app_a_suspend_ends_the_box_at_its_planned_end(tmp_path: Path, quiet: None) -> None:
    clock = FakeClock(APP_NOW)
    app = _app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, 25)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=2)
        assert app.timer_view is not None and app.timer_view.clock == "23:00"
        await _advance(pilot, app, clock, minutes=30)  # suspended: the next tick is late
        assert app.running_box() is None
        assert any("Produce box done: 25 m recorded" in n for n in _notices(app))
        [kept] = app.store.sessions.all()
        assert (kept.end - kept.start, kept.active_seconds) == (minutes(25), 25 * 60)
        assert app.is_running


async def test_app_clock_back_shows_no_negative_time_and_refuses_an_empty_session(
    tmp_path: Path, quiet: None
) -> None:
    clock = FakeClock(APP_NOW)
    app = _app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, 25)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=10)
        await _advance(pilot, app, clock, hours=-1)
        view = app.timer_view
        assert view is not None
        assert (view.clock, view.state) == ("25:00", "running")
        assert "-" not in view.clock
        await pilot.press("s")
        await pilot.pause()
        assert any("set back" in n for n in _notices(app))
        assert app.is_running and app.running_box() is not None
        assert app.store.sessions.all() == []
        await _advance(pilot, app, clock, minutes=65)  # 15 min after the start
        assert app.timer_view is not None and app.timer_view.clock == "10:00"
        await pilot.press("s")
        await pilot.pause()
        [kept] = app.store.sessions.all()
        assert kept.active_seconds == 15 * 60


async def test_app_a_box_across_midnight_counts_on_both_days(tmp_path: Path, quiet: None) -> None:
    """A box started 20 min before Berlin's midnight, finished 30 min after: the app's
    windows say 30 min today, and the week holds all 50."""
    midnight = local_midnight(date(2026, 11, 26), BERLIN)  # Wednesday → Thursday
    clock = FakeClock(midnight - minutes(20))
    app = _app(tmp_path, clock, zone=BERLIN)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, 50)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=50)  # the box ends by itself
        assert app.running_box() is None
        shown = app.windows()
        assert app.today() == date(2026, 11, 26)
        assert (shown.today.produce, shown.this_week.produce) == (30, 50)


async def test_app_a_zone_change_recounts_today_from_the_same_records(
    tmp_path: Path, quiet: None
) -> None:
    """Recorded in Berlin (Thu 26 Nov 03:00–04:00 there), opened later with the zone set
    to New York: the hour now belongs to Wednesday; the file is not rewritten."""
    clock = FakeClock(APP_NOW)
    store = Store.open(str(tmp_path / "data" / "nb.json"), clock)
    with store.transaction():
        store.sessions.add(
            session(
                Kind.PRODUCE,
                datetime(2026, 11, 26, 2, 0, tzinfo=UTC),
                datetime(2026, 11, 26, 3, 0, tzinfo=UTC),
            )
        )
    folder = tmp_path / "data"
    before = _files(folder)
    figures: dict[str, tuple[date, float, float]] = {}
    for zone in (BERLIN, NEW_YORK):
        app = _app(tmp_path, clock, zone=zone)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown = app.windows()
            figures[zone] = (app.today(), shown.today.produce, shown.this_week.produce)
    assert figures == {
        BERLIN: (date(2026, 11, 26), 60, 60),
        NEW_YORK: (date(2026, 11, 26), 0, 60),
    }
    assert _files(folder) == before


def _shown(app: NetbalanceApp, name: str) -> str:
    """What the dashboard's balance shows (`today-produce` …), under any question on
    top."""
    from netbalance.tui.screens.dashboard import DashboardScreen

    [dashboard] = [s for s in app.screen_stack if isinstance(s, DashboardScreen)]
    window, column = name.rsplit("-", 1)
    return dashboard.balance_cell(window, column)


async def test_app_a_running_box_across_midnight_counts_only_today_s_part_today(
    tmp_path: Path, quiet: None
) -> None:
    """Live, before the box is recorded: 10 min after midnight a box started 20 min
    before it shows 10 min today (not 30); the figure never drops when it is recorded."""
    midnight = local_midnight(date(2026, 11, 26), BERLIN)
    clock = FakeClock(midnight - minutes(20))
    app = _app(tmp_path, clock, zone=BERLIN)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, 50)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=15)
        assert _shown(app, "today-produce") == "15 m"  # still Wednesday
        await _advance(pilot, app, clock, minutes=15)  # 00:10 on Thursday
        assert app.today() == date(2026, 11, 26)
        assert _shown(app, "today-produce") == "10 m"
        assert _shown(app, "this_week-produce") == "30 m"
        await _advance(pilot, app, clock, minutes=20)  # the box ends and is recorded
        await pilot.pause()
        assert _shown(app, "today-produce") == "30 m"
        assert _shown(app, "this_week-produce") == "50 m"


async def test_app_left_open_over_midnight_starts_the_new_day_at_zero(
    tmp_path: Path, quiet: None
) -> None:
    """Recorded on Wednesday evening; the app stays open past Berlin's midnight: today's
    figures and box count are Thursday's (nothing yet), the week keeps the evening."""
    midnight = local_midnight(date(2026, 11, 26), BERLIN)  # Wednesday → Thursday
    clock = FakeClock(midnight - minutes(60))
    app = _app(tmp_path, clock, zone=BERLIN)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.NETWORK, 30)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=30)  # recorded at 23:30
        assert _shown(app, "today-network") == "30 m"
        assert app.timer_view is not None and app.timer_view.today == "1 box today"
        await _advance(pilot, app, clock, minutes=45)  # 00:15 on Thursday
        assert app.today() == date(2026, 11, 26)
        assert _shown(app, "today-network") == "0 m"
        assert _shown(app, "this_week-network") == "30 m"
        assert app.timer_view is not None and app.timer_view.today == "0 boxes today"


def test_cli_a_zone_change_while_a_box_runs_changes_nothing_recorded(cli: Cli) -> None:
    """Started in Berlin at 23:40, the zone set to New York before it is stopped: the
    box's instants are kept, its length too; only the days it is counted on move."""
    cli.zone_setting(BERLIN)
    midnight = local_midnight(date(2026, 11, 27), BERLIN)  # Thu → Fri in Berlin
    said = cli.ok("start", "produce", "--minutes", "50", now=midnight - minutes(20))
    assert said.startswith("started a produce box from 23:40")
    cli.zone_setting(NEW_YORK)
    assert cli.ok("stop", now=midnight + minutes(30)).startswith("recorded 50 m of produce")
    [kept] = cli.logged("this", T0)
    assert (kept["start"], kept["end"]) == (
        "2026-11-26T22:40:00+00:00",
        "2026-11-26T23:30:00+00:00",
    )
    table = per_day(cli.ok("report", now=T0))  # 17:40–18:30 on Thursday in New York
    assert table["Thu 26 Nov"].startswith("50 m 0 m")
    assert table["Fri 27 Nov"].startswith("0 m 0 m")


async def test_app_a_2_hour_box_across_fall_back_records_2_hours(
    tmp_path: Path, quiet: None
) -> None:
    zone, _day, at, _shift = FALL_NEW_YORK
    clock = FakeClock(at - timedelta(hours=1))  # 01:00 EDT
    app = _app(tmp_path, clock, zone=zone)
    async with app.run_test(size=SIZE) as pilot:
        app.start_box(Kind.PRODUCE, 120)
        await pilot.pause()
        await _advance(pilot, app, clock, minutes=90)  # 01:30 EST, after the change
        assert app.timer_view is not None and app.timer_view.clock == "30:00"
        await _advance(pilot, app, clock, minutes=30)
        assert any("Produce box done: 2 h 00 m recorded" in n for n in _notices(app))
        [kept] = app.store.sessions.all()
        assert kept.active_seconds == 2 * 3600
        assert app.windows().today.produce == 120
