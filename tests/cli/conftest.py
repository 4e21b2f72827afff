"""Fixtures for the CLI tests; the helpers themselves live in `nbcli`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from nbcli import Cli


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


# name → the commands (args, minutes after NOW) that make it
STATES: dict[str, list[tuple[tuple[str, ...], float]]] = {
    "empty": [],
    "recorded": [(("start", "produce"), 0), (("stop",), 25)],
    "running": [(("start", "produce"), 0)],
    "paused": [(("start", "produce"), 0), (("pause",), 10)],
    "stopwatch": [(("start", "produce", "--stopwatch"), 0)],
    "long": [(("start", "network", "--minutes", "1440"), 0)],
}


@pytest.fixture(scope="session")
def _prepared(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    built: dict[str, Path] = {}

    def folder(name: str) -> Path:
        if name not in built:
            cli = Cli(tmp_path_factory.mktemp(f"state-{name}") / "data")
            cli.folder.mkdir(mode=0o700)
            for args, now in STATES[name]:
                cli.ok(*args, now=now)
            built[name] = cli.folder
        return built[name]

    return folder


@pytest.fixture
def state(run: Cli, _prepared: Callable[[str], Path]) -> Callable[[str], Cli]:
    """`state("paused")` → `run`, with its data folder a copy of that situation."""

    def load(name: str) -> Cli:
        shutil.copytree(_prepared(name), run.folder, symlinks=True)
        return run

    return load
