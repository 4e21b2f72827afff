"""How a command's process ends: what it read is frozen at exit, not walked once more by
the collection the interpreter makes then (the time `report` takes on years of data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from nbcli import cli_env

# A probe registered before the command runs is called after the command's own exit
# handlers (they run last in, first out): it sees what they left.
PROBE = """\
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0))
from netbalance.cli import main
code = main(sys.argv[1:])
print("exit code:", code)
"""


@pytest.mark.parametrize("command", [("report", "--week", "last"), ("log",), ("status",)])
def test_a_command_freezes_what_it_leaves_at_exit(tmp_path: Path, command: tuple[str, ...]) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *command],
        env=cli_env(folder),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == ["exit code: 0", "frozen at exit: True"]
