"""One week, every surface, the same numbers: `log` (text and JSON), `report`, every
export format, the dashboard and the History mode — for a week with an interaction linked
to its network box (counted once), one logged without a box (counted), and produce boxes
across midnight (split at it, one of them across the week's start).

Before the actions layer `log` counted sessions only and showed another network time and
ratio than `report` and the dashboard for the same week."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from nbapp import screen_text
from nbcli import NOW, Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Kind, Session
from netbalance.settings.config import Settings
from netbalance.store.store import Store
from netbalance.tui.app import make_app

PRODUCE, NETWORK = 285, 70  # minutes in 2026-W48 (Mon 23 – Sun 29 Nov), worked out below
PRODUCE_TEXT, NETWORK_TEXT, RATIO_TEXT = "4 h 45 m", "1 h 10 m", "4.1 : 1"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def session(sid: str, kind: Kind, start: datetime, end: datetime, **links: str) -> Session:
    return Session(id=sid, kind=kind, start=start, end=end, created=NOW, updated=NOW, **links)


def talk(iid: str, when: datetime, minutes: int, session_id: str | None = None) -> Interaction:
    return Interaction(
        id=iid,
        contact_id="ada00001",
        when=when,
        created=when,
        updated=when,
        channel="call",
        minutes=minutes,
        session_id=session_id,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("week") / "data"
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    with store.transaction():
        store.contacts.add(Contact(id="ada00001", name="Ada", created=NOW, updated=NOW))
        store.sessions.add_many(
            [
                # across the week's start: 90 of its 150 minutes fall in W48
                session("p1", Kind.PRODUCE, at(22, 22, 30), at(23, 1, 30)),
                session("p2", Kind.PRODUCE, at(24, 9), at(24, 11)),  # 120
                session("p3", Kind.PRODUCE, at(25, 23, 30), at(26, 0, 45)),  # 75, two days
                session(
                    "n1", Kind.NETWORK, at(26, 14), at(26, 14, 45),  # 45
                    contact_id="ada00001", contact_name="Ada",
                ),
            ]
        )  # fmt: skip
        store.interactions.add_many(
            [
                talk("i1", at(26, 14, 45), 45, session_id="n1"),  # the box's: counted once
                talk("i2", at(27, 10), 25),  # logged without a box: 25 more
                talk("i3", at(27, 11), 0),
            ]
        )
    return folder


@pytest.fixture
def run(folder: Path) -> Cli:
    return Cli(folder)


def test_log_counts_what_report_counts(run: Cli) -> None:
    doc = json.loads(run.ok("log", "--json"))
    assert (doc["produce_minutes"], doc["network_minutes"]) == (PRODUCE, NETWORK)
    assert doc["ratio"] == round(PRODUCE / NETWORK, 2)
    title = run.ok("log").splitlines()[0]
    assert f"produce {PRODUCE_TEXT}, network {NETWORK_TEXT}, ratio {RATIO_TEXT}" in title


def test_report_and_every_export_show_the_same_week(run: Cli) -> None:
    report = run.ok("report")
    doc = json.loads(run.ok("export", "--format", "json"))
    assert (doc["produce_minutes"], doc["network_minutes"]) == (PRODUCE, NETWORK)
    assert doc["ratio"] == round(PRODUCE / NETWORK, 2) and doc["ratio_text"] == RATIO_TEXT
    assert sum(day["produce_minutes"] for day in doc["days"]) == PRODUCE
    for text in (report, run.ok("export", "--format", "md"), run.ok("export", "--format", "html")):
        assert PRODUCE_TEXT in text and NETWORK_TEXT in text and RATIO_TEXT in text
    rows = list(csv.DictReader(io.StringIO(run.ok("export", "--format", "csv"))))
    counted = [row for row in rows if row["counted"] == "yes"]
    for kind, minutes in (("produce", PRODUCE), ("network", NETWORK)):
        assert round(sum(float(r["minutes"]) for r in counted if r["kind"] == kind)) == minutes
    ics = run.ok("export", "--format", "ics")
    assert ics.count("BEGIN:VEVENT") == 4  # every session that touches the week


async def test_the_dashboard_and_history_show_the_same_week(folder: Path) -> None:
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    app = make_app(Settings(time_zone="UTC"), store, clock=store.clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        week_row = next(line for line in screen_text(app).splitlines() if "This week" in line)
        assert PRODUCE_TEXT in week_row and NETWORK_TEXT in week_row, week_row
        assert RATIO_TEXT in week_row, week_row
        await pilot.press("4")
        await pilot.pause()
        history = screen_text(app)
        assert (
            f"produce {PRODUCE_TEXT} · network {NETWORK_TEXT}  ·  ratio {RATIO_TEXT}" in history
        ), history
