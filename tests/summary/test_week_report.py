"""The weekly summary read from a store decodes only the items and contacts it can
show, and says exactly what `summarize` says over every record; the report commands
import only what they use."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.actions.summary import plan_of, weekly_summary
from netbalance.core.clock import FakeClock
from netbalance.core.models import replace
from netbalance.core.summary import LOOKBACK_DAYS, WeeklySummary, summarize
from netbalance.core.weeks import local_midnight, week_start_of
from netbalance.demo import sample as demo
from netbalance.exports.html_page import text
from netbalance.settings.config import Settings
from netbalance.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 28, 9, 10, tzinfo=UTC)
WEEKS = 30


def _store(folder: Path, tz_name: str) -> Store:
    data = demo.generate(NOW, weeks=WEEKS, tz_name=tz_name, pace=demo.BUSY)
    store = Store.open(str(folder / "nb.json"), FakeClock(NOW))
    demo.write(store, data)
    return store


def _over_every_record(store: Store, first: date, settings: Settings) -> WeeklySummary:
    tz_name = settings.zone_name()
    horizon = local_midnight(first - timedelta(days=LOOKBACK_DAYS), tz_name)
    end = local_midnight(first + timedelta(days=7), tz_name)
    return summarize(
        first,
        sessions=store.sessions.between(horizon, end),
        interactions=store.interactions.between(horizon, end),
        items=store.items.all(),
        contacts=store.contacts.all(),
        plan=plan_of(settings),
        tz_name=tz_name,
        now=NOW,
    )


@pytest.fixture(scope="module", params=["UTC", "America/Los_Angeles"])
def zone_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, Settings]]:
    tz_name: str = request.param
    folder = tmp_path_factory.mktemp("week-report")
    yield _store(folder, tz_name), Settings(time_zone=tz_name)


@pytest.mark.parametrize("weeks_back", [0, 1, 2, 9, 26])
def test_the_summary_from_the_store_is_the_summary_over_every_record(
    zone_store: tuple[Store, Settings], weeks_back: int
) -> None:
    store, settings = zone_store
    first = week_start_of(NOW.date(), 1) - timedelta(days=7 * weeks_back)
    fresh = Store.open(store.path, FakeClock(NOW))  # nothing decoded yet
    shown = weekly_summary(fresh, first, settings, NOW)
    expected = _over_every_record(store, first, settings)
    assert shown == expected
    # the week is not trivially empty: there is something for each part to get wrong
    assert shown.items_shipped or shown.time_per_item
    assert shown.people_met and shown.due_now


def test_only_the_items_and_contacts_shown_are_decoded(
    zone_store: tuple[Store, Settings],
) -> None:
    store, settings = zone_store
    fresh = Store.open(store.path, FakeClock(NOW))
    weekly_summary(fresh, week_start_of(NOW.date(), 1) - timedelta(days=7), settings, NOW)
    decoded = len(fresh.main.decoded)
    assert 0 < decoded < (len(store.items.all()) + len(store.contacts.all())) / 2


def test_an_archived_card_shipped_in_the_week_and_a_deleted_name_still_show(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path, "UTC")
    settings = Settings(time_zone="UTC")
    first = week_start_of(NOW.date(), 1) - timedelta(days=7)
    before = weekly_summary(Store.open(store.path, FakeClock(NOW)), first, settings, NOW)
    shipped = before.items_shipped[0]
    store.items.update(replace(shipped, archived=True))
    met = before.people_met[0]
    assert met.contact_id is not None
    gone = store.contacts.get(met.contact_id)
    assert gone is not None
    store.contacts.remove(gone)

    after = weekly_summary(Store.open(store.path, FakeClock(NOW)), first, settings, NOW)
    assert after == _over_every_record(store, first, settings)
    assert shipped.id in {item.id for item in after.items_shipped}
    assert after.people_met[0].name == "(deleted contact)"


@given(st.text())
def test_html_text_is_escaped_as_html_escape_does(value: str) -> None:
    from netbalance.core.text import printable

    assert text(value) == html.escape(printable(value), quote=True)


@pytest.mark.parametrize(
    ("command", "unused"),
    [
        (["report", "--week", "last"], ["rich", "textual", "pendulum", "icalendar", "tomllib"]),
        (["log", "--week", "last"], ["rich", "textual", "pendulum", "netbalance.core.summary"]),
        (
            ["export", "--week", "last", "--format", "html"],
            ["rich", "textual", "pendulum", "icalendar", "html"],
        ),
    ],
)
def test_a_report_command_imports_only_what_it_uses(
    tmp_path: Path, command: list[str], unused: list[str]
) -> None:
    code = (
        "import sys, json, runpy\n"
        "sys.argv = ['netbalance', *json.loads(sys.argv[1])]\n"
        "try:\n"
        "    runpy.run_module('netbalance', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "NETBALANCE_DB": str(tmp_path / "nb.json"),
        "NETBALANCE_CONFIG": str(tmp_path / "no-config" / "config.toml"),
        "NETBALANCE_NOW": NOW.isoformat(),
        "TZ": "UTC",
    }
    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(command)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert {name for name in unused if name in modules} == set()
