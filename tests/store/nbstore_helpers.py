"""Builders and helpers shared by the store tests (imported by name, not a fixture)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson

from netbalance.core.models import Contact, Interaction, Item, Kind, Session, WeekPlan, new_id
from netbalance.store.parsed import is_copy

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@dataclass
class Make:
    """Builders: every record with every optional field set, so a round trip proves
    that each field survives."""

    now: datetime

    def session(
        self,
        start: datetime | None = None,
        minutes: int = 25,
        kind: Kind = Kind.PRODUCE,
        record_id: str | None = None,
        note: str = "deep work",
    ) -> Session:
        start = start or self.now - timedelta(minutes=minutes)
        return Session(
            id=record_id or new_id(),
            kind=kind,
            start=start,
            end=start + timedelta(minutes=minutes),
            created=self.now,
            updated=self.now,
            paused_seconds=60,
            item_id="item-1",
            item_title="Write the paper",
            contact_id="contact-1",
            contact_name="Ada",
            note=note,
            planned_seconds=minutes * 60,
            recovered=True,
        )

    def item(self, title: str = "Write the paper", record_id: str | None = None) -> Item:
        return Item(
            id=record_id or new_id(),
            title=title,
            column="Doing",
            position=2.5,
            created=self.now,
            updated=self.now,
            notes="first draft",
            tags=("paper", "q4"),
            due=date(2026, 12, 24),
            estimate=4,
            shipped=self.now,
            archived=True,
            contact_id="contact-1",
            follows_up="interaction-0",
        )

    def contact(self, name: str = "Ada Lovelace", record_id: str | None = None) -> Contact:
        return Contact(
            id=record_id or new_id(),
            name=name,
            created=self.now,
            updated=self.now,
            organisation="Analytical Engines",
            role="engineer",
            email="ada@example.org",
            phone="+44 20 0000",
            links=("https://example.org/ada",),
            tags=("math",),
            how_met="conference",
            notes="likes notes",
            cadence_days=30,
            snoozed_until=date(2027, 1, 5),
        )

    def interaction(
        self, contact_id: str, when: datetime | None = None, record_id: str | None = None
    ) -> Interaction:
        return Interaction(
            id=record_id or new_id(),
            contact_id=contact_id,
            when=when or self.now,
            created=self.now,
            updated=self.now,
            channel="call",
            minutes=20,
            note="talked about engines",
            exchange="shared the draft",
            shared_item_id="item-1",
            follow_up=date(2026, 12, 10),
            session_id="session-1",
            follows_up="interaction-0",
        )

    def week(self, week: str = "2026-W48", record_id: str | None = None) -> WeekPlan:
        return WeekPlan(
            id=record_id or new_id(),
            week=week,
            created=self.now,
            updated=self.now,
            produce_hours=12.5,
            network_hours=4.0,
            focus=("item-1", "item-2"),
            reflection="shipped the draft; met Ada",
            reviewed=self.now,
            review_step="write",
        )


def snapshot(folder: str) -> dict[str, bytes]:
    """Every regular file under `folder` (recursively) with its bytes, but the parsed
    copies (store/parsed.py): a reader may make one."""
    found: dict[str, bytes] = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if is_copy(name):
                continue
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                found[os.path.relpath(full, folder)] = handle.read()
    return found


def kept_whole(kept: object) -> Any:
    """The whole document a parsed copy keeps (`parsed.load`), its records kept apart
    (store/shelf.py) put back in their tables; None for a copy of no known shape."""
    from netbalance.store import shelf

    found = shelf.unshelve(kept)
    if found is None:
        return None
    data, shelves = found
    return {**data, **{table: kept.whole(data[table]) for table, kept in shelves.items()}}


def read_json(path: str) -> Any:
    with open(path, "rb") as handle:
        return orjson.loads(handle.read())


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cli_env(data_path: str, now: str | None = None) -> dict[str, str]:
    """The environment of a `python -m netbalance` subprocess on this data file."""
    env = dict(os.environ)
    folder = os.path.dirname(os.path.dirname(data_path))
    env.update(
        NETBALANCE_DB=data_path,
        NETBALANCE_CONFIG=os.path.join(folder, "config.toml"),
        PYTHONPATH=REPO,
        TZ="Etc/UTC",
    )
    if now:
        env["NETBALANCE_NOW"] = now
    else:
        env.pop("NETBALANCE_NOW", None)
    return env


def start_cli(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "netbalance", *args],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def content(record: Any) -> Any:
    """A record without its revision (which every save, undo and redo bumps): what it
    holds, to compare with the record as it was made."""
    if isinstance(record, list):
        return [content(one) for one in record]
    return None if record is None else record._replace(revision=0)
