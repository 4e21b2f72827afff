"""Helpers for the app tests (the fixtures live in conftest).

The clock is frozen at NOW, Thursday 2026-11-26 15:00 UTC (ISO week 2026-W48): a weekday
afternoon, so the demo data has something today, something this week and a full month
behind it. Nothing sleeps on the wall clock: a test moves the FakeClock, then calls
`app.tick()` / `app.watch_files()` itself and lets the app settle.
"""

from __future__ import annotations

import html
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind
from netbalance.tui.app import NetbalanceApp

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SIZE = (120, 40)
AppFactory = Callable[..., NetbalanceApp]
NASTY_TITLE = "[bold red]x[/] \x1b]0;pwned\x07"


@dataclass
class Desktop:
    """Stands in for `netbalance.tui.desktop.notify`: records, never runs notify-send."""

    calls: list[tuple[str, str]] = field(default_factory=list)
    available: bool = False  # whether the app sees a notifier (reminders only then)

    def notify(self, title: str, body: str) -> bool:
        self.calls.append((title, body))
        return True

    def can_notify(self) -> bool:
        return self.available


async def settle(pilot: Pilot[Any]) -> None:
    """Let every message the last action posted run (screens pushed, watchers fired)."""
    await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys (Pilot waits for the screen after each: a modal opened by one key gets
    the next), then settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def start_box(pilot: Pilot[Any], kind: Kind = Kind.PRODUCE, minutes: int = 25) -> None:
    """Start a box as the length modal would, without the key presses (tests of the modal
    press the keys)."""
    app = pilot.app
    assert isinstance(app, NetbalanceApp)
    app.start_box(kind, minutes)
    await settle(pilot)


async def advance(pilot: Pilot[Any], clock: FakeClock, **delta: float) -> None:
    """Move the clock, then run one repaint as the app's interval would."""
    clock.advance(**delta)
    app = pilot.app
    assert isinstance(app, NetbalanceApp)
    app.tick()
    await settle(pilot)


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


def messages(app: NetbalanceApp) -> list[str]:
    """Every notification the app raised (and that has not expired), title and body."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def screen_text(app: NetbalanceApp) -> str:
    """The text of the current screen as an SVG export shows it, entities decoded, one
    line per terminal row (Textual writes each run of styled text as its own element; the
    runs of a row are joined again so a title split across styles reads as typed)."""
    svg = app.export_screenshot()
    rows: dict[str, list[str]] = {}
    for row, text in re.findall(
        r'<text [^>]*clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>([^<]*)</text>', svg
    ):
        rows.setdefault(row, []).append(text)
    lines = ("".join(rows[row]) for row in sorted(rows, key=int))
    return html.unescape("\n".join(lines)).replace("\xa0", " ")


def cli_env(db: Path, config: Path, now: datetime) -> dict[str, str]:
    """The environment for `python -m netbalance …` on the test's data file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])]),
        PYTHONIOENCODING="utf-8",
        TZ="UTC",
        NETBALANCE_DB=str(db),
        NETBALANCE_CONFIG=str(config),
        NETBALANCE_NOW=now.isoformat(),
    )
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "netbalance", *args]
