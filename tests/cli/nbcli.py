"""Running the command line through a real subprocess, with the clock frozen.

`run(*args, now=...)` runs `python -m netbalance ARGS` on a data file in a fresh folder,
with the time frozen by NETBALANCE_NOW: `now` is minutes after NOW (Saturday
2026-11-28 09:00 UTC, in ISO week 2026-W48) or a datetime. Nothing sleeps on the wall
clock. Settings come from `run.config` (absent unless a test writes it); the zone is UTC.

The `state(name)` fixture (in conftest) fills the data folder with one of a few prepared
situations (a running box, a paused one …), built once per session by the CLI and copied.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netbalance.store.parsed import is_copy

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

Now = float | datetime


def instant(now: Now) -> datetime:
    return now if isinstance(now, datetime) else NOW + timedelta(minutes=now)


def cli_env(folder: Path, now: Now = 0) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    path = [str(ROOT), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        PYTHONPATH=os.pathsep.join(path),
        PYTHONIOENCODING="utf-8",
        TZ="UTC",
        NETBALANCE_DB=str(folder / "nb.json"),
        NETBALANCE_CONFIG=str(folder.parent / "config.toml"),
        NETBALANCE_NOW=instant(now).isoformat(),
    )
    return env


class Cli:
    """`python -m netbalance …` on the data file `folder/nb.json`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "nb.json"
        self.config = folder.parent / "config.toml"

    def __call__(self, *args: str, now: Now = 0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "netbalance", *args],
            env=cli_env(self.folder, now),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    def ok(self, *args: str, now: Now = 0) -> str:
        """Run a command that must succeed quietly; its stdout."""
        result = self(*args, now=now)
        assert (result.returncode, result.stderr) == (0, ""), result
        return result.stdout

    def files(self) -> dict[str, str]:
        """Every file and folder under the data folder → a hash of its bytes and mode; but
        the parsed copies (store/parsed.py), which a reader may make."""
        found: dict[str, str] = {}
        if not self.folder.exists():
            return found
        for path in sorted(self.folder.rglob("*")):
            if is_copy(path.name):
                continue
            name = str(path.relative_to(self.folder))
            mode = oct(path.stat().st_mode)
            if path.is_dir():
                found[name] = f"dir {mode}"
            else:
                found[name] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {mode}"
        return found
