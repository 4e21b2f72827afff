"""Fixtures for the history tests: the CLI runner of tests/cli (a real subprocess, the
clock frozen at Saturday 2026-11-28 09:00 UTC, the zone UTC)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))

from nbcli import Cli


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")
