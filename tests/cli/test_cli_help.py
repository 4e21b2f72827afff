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


def test_a_command_line_builds_its_own_command_only(run: Cli) -> None:
    """Building the other commands' parsers would cost a command more than its own
    work; where commands are listed (top-level help, an unknown command) all are."""
    import argparse

    from netbalance.cli.parser import build_parser

    def built(words: list[str]) -> list[str]:
        parser = build_parser(words)
        (every,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return list(every.choices)

    assert built(["report", "--week", "last"]) == ["report"]
    assert built(["--demo"]) == []
    assert set(COMMANDS) <= set(built(["--help"]))
    assert set(COMMANDS) <= set(built(["reprot"]))
    refused = run("reprot")
    assert refused.returncode == 2 and "'report'" in refused.stderr


def test_a_command_line_parses_as_the_whole_parser_reads_it() -> None:
    """Every command parses the same whether the whole parser is built or only its own."""
    from netbalance.cli.parser import build_parser

    lines = [
        ["--db", "log", "log", "--week", "last", "--json"],
        ["item", "add", "Write", "--column", "Next", "--tags", "a,b"],
        ["contact", "log", "ada", "--minutes", "20", "--follow-up", "fri"],
        ["start", "network", "--contact", "ada", "--minutes", "30"],
        ["add", "produce", "09:00-10:00", "--note", "x"],
        ["export", "--week", "last", "--format", "html", "-o", "w.html"],
        ["undo", "--list"],
    ]
    for words in lines:
        whole = vars(build_parser().parse_args(words))
        own = vars(build_parser(words).parse_args(words))
        assert whole.keys() == own.keys(), words
        assert {k: v for k, v in whole.items() if k != "run"} == {
            k: v for k, v in own.items() if k != "run"
        }, words


def test_every_help_ends_with_two_examples(run: Cli) -> None:
    """Every command's --help (the top level's too) ends with `examples:` and two
    command lines, each a netbalance command the parser reads."""
    from netbalance.cli.completion import commands
    from netbalance.cli.parser import build_parser

    for command in commands(build_parser()):
        words = command.path.split()
        shown = run.ok(*words, "--help")
        head, _, tail = shown.rstrip("\n").rpartition("\nexamples:\n")
        assert head, (command.path, shown[-300:])
        lines = tail.splitlines()
        assert len(lines) == 2, (command.path, lines)
        for line in lines:
            assert line.startswith("  ") and "netbalance " in line, (command.path, line)
            example = line.strip().split(" && ")[0].split(" > ")[0]
            if example.startswith("netbalance ") and "'" not in example:
                build_parser().parse_args(example.split()[1:])  # it reads
