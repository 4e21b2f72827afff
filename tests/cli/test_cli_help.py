"""`--version` and `--help` on the top level and on every command."""

from __future__ import annotations

from nbcli import Cli

import netbalance

COMMANDS = ["start", "pause", "resume", "extend", "stop", "cancel", "status", "log", "demo"]


def test_version(run: Cli) -> None:
    assert run.ok("--version") == f"netbalance {netbalance.__version__}\n"


def test_help_everywhere(run: Cli) -> None:
    top = run.ok("--help")
    assert top.startswith("usage: netbalance ")
    for command in COMMANDS:
        assert command in top, command
        shown = run.ok(command, "--help")
        assert shown.startswith(f"usage: netbalance {command} "), shown
        assert "--db PATH" in shown, command
    assert not run.folder.exists()
