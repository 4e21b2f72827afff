"""A device of a shared data folder, run through the real command line: `python -m
netbalance` with its own state folder (so its own device name) and the clock frozen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class Device:
    """`python -m netbalance …` as one device of the shared folder `folder`."""

    def __init__(self, folder: Path, state: Path, now: str = "2026-11-28T15:00:00+00:00") -> None:
        self.folder = folder
        self.state = state
        self.now = now

    def __call__(self, *args: str, now: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
        env.update(
            PYTHONPATH=str(ROOT),
            TZ="UTC",
            NETBALANCE_DB=str(self.folder / "netbalance.json"),
            NETBALANCE_CONFIG=str(self.state / "config.toml"),
            NETBALANCE_STATE=str(self.state),
            NETBALANCE_NOW=now or self.now,
        )
        return subprocess.run(
            [sys.executable, "-m", "netbalance", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def ok(self, *args: str, now: str | None = None) -> str:
        result = self(*args, now=now)
        assert result.returncode == 0, result
        return result.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    @property
    def name(self) -> str:
        return (self.state / "device").read_text().strip()
