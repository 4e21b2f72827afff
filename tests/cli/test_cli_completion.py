"""Shell completion: `netbalance completion bash|zsh|fish` prints a script made from the
parser, and the hidden `netbalance __complete WHAT PREFIX` gives the values that live in
the data. The bash script is driven as bash drives it (COMP_WORDS, COMP_CWORD); zsh and
fish, where installed, load their script and answer for a command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbcli import Cli, cli_env

from netbalance.cli.completion import commands
from netbalance.cli.parser import build_parser


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    run = Cli(tmp_path_factory.mktemp("complete") / "data")
    run.ok("item", "add", "Draft the essay", now=-60)
    run.ok("item", "add", "Review drafts", "--column", "Next", now=-60)
    run.ok("item", "add", "Old talk", now=-60)
    old = [
        i for i in json.loads(run.ok("item", "list", "--json"))["items"] if i["title"] == "Old talk"
    ]
    run.ok("item", "ship", old[0]["id"], now=-50)
    run.ok("item", "archive", now=-50)
    run.ok("contact", "add", "Ada Lovelace", "--org", "Engines", now=-60)
    run.ok("contact", "add", "Grace Hopper", now=-60)
    run.ok("add", "produce", "07:00-08:00", "--note", "draft\tone", now=0)
    return run


def query(run: Cli, *words: str) -> list[list[str]]:
    out = run.ok("__complete", *words)
    return [line.split("\t") for line in out.splitlines()]


def test_columns_come_from_the_settings_file_as_it_is_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # its parsed copy
    run = Cli(tmp_path / "data")
    settings = tmp_path / "config.toml"
    settings.write_text('[board]\ncolumns = ["Ideas", "Writing", "Out"]\n', encoding="utf-8")
    assert [c for c, _ in query(run, "columns")] == ["Ideas", "Writing", "Out"]
    assert (tmp_path / "cache" / "netbalance" / "settings.parsed").is_file()
    settings.write_text('[board]\ncolumns = ["Ideas", "Drafts", "Out"]\n', encoding="utf-8")
    assert [c for c, _ in query(run, "columns")] == ["Ideas", "Drafts", "Out"]
    settings.write_text("[board\n", encoding="utf-8")
    assert [c for c, _ in query(run, "columns")] == ["Backlog", "Next", "Doing", "Shipped"]


def test_card_ids_complete_by_id_or_a_word_of_the_title(data: Cli) -> None:
    cards = {title: card_id for card_id, title in query(data, "items")}
    assert sorted(cards) == ["Draft the essay (Backlog)", "Review drafts (Next)"]  # not archived
    assert all(len(card_id) == 6 for card_id in cards.values())
    assert [title for _id, title in query(data, "items", "dra")] == [
        "Draft the essay (Backlog)", "Review drafts (Next)"
    ]  # fmt: skip
    first = cards["Review drafts (Next)"]
    assert query(data, "items", first[:3])[0][0] == first
    assert query(data, "items", "zzz") == []


def test_contacts_sessions_columns_and_times(data: Cli) -> None:
    assert query(data, "contacts") == [["Ada Lovelace", "Engines"], ["Grace Hopper", ""]]
    assert query(data, "contacts", "hop") == [["Grace Hopper", ""]]
    (session,) = query(data, "sessions")
    assert session[1] == "produce 2026-11-28 07:00 UTC draft one"  # no tab inside a value
    assert [c for c, _ in query(data, "columns")] == ["Backlog", "Next", "Doing", "Shipped"]
    weeks = [w for w, _ in query(data, "weeks")]
    assert weeks[:4] == ["this", "last", "next", "2026-W48"]
    assert [m for m, _ in query(data, "months", "2026-1")] == ["2026-11", "2026-10"]
    assert ["in person", ""] in query(data, "channels")


def test_the_query_never_fails_and_never_writes(run: Cli) -> None:
    assert run.ok("__complete", "items") == ""  # no data file yet
    assert not run.folder.exists()
    run.folder.mkdir()
    run.db.write_text("not json")
    assert run.ok("__complete", "items", "x") == ""
    assert run.ok("__complete", "nonsense") == ""
    assert run.ok("__complete") == ""


def test_the_query_is_not_a_command_anyone_sees(run: Cli) -> None:
    assert "__complete" not in run.ok("--help")
    assert "completion" in run.ok("--help")


def test_every_command_and_option_is_in_every_script(run: Cli) -> None:
    found = list(commands(build_parser()))
    paths = {c.path for c in found}
    assert {"item move", "contact log", "import watson", "restart", "completion"} <= paths
    for shell in ("bash", "zsh", "fish"):
        script = run.ok("completion", shell)
        for command in found:
            for name in command.subcommands:
                assert name in script, (shell, name)
            for option in command.options:
                assert option.lstrip("-") in script, (shell, command.path, option)


BASH = r"""
eval "$(netbalance completion bash)"
COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_netbalance
(( ${#COMPREPLY[@]} )) && printf '%s\n' "${COMPREPLY[@]}"
exit 0
"""


def on_path(run: Cli, tmp_path: Path) -> dict[str, str]:
    """The environment of `run` with a `netbalance` command that runs this worktree."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    command = folder / "netbalance"
    command.write_text(f'#!/bin/sh\nexec {sys.executable} -m netbalance "$@"\n')
    command.chmod(0o755)
    env = cli_env(run.folder)
    env["PATH"] = f"{folder}{os.pathsep}{env['PATH']}"
    return env


def bash(run: Cli, tmp_path: Path, *words: str) -> list[str]:
    result = subprocess.run(
        ["bash", "-c", BASH, "bash", *words],
        env=on_path(run, tmp_path),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_bash_completes_commands_options_choices_and_data(data: Cli, tmp_path: Path) -> None:
    assert bash(data, tmp_path, "netbalance", "st") == ["start", "stop", "status"]
    assert bash(data, tmp_path, "netbalance", "item", "") == [
        "add", "list", "move", "ship", "edit", "delete", "archive", "shipped"
    ]  # fmt: skip
    assert bash(data, tmp_path, "netbalance", "start", "") == ["produce", "network"]
    assert "--stopwatch" in bash(data, tmp_path, "netbalance", "start", "produce", "--s")
    assert bash(data, tmp_path, "netbalance", "report", "--by", "") == ["tag", "card", "contact"]
    cards = bash(data, tmp_path, "netbalance", "item", "move", "rev")
    assert len(cards) == 1 and len(cards[0]) == 6
    assert bash(data, tmp_path, "netbalance", "item", "move", cards[0], "n") == ["Next"]
    # "lov": not hex, so no contact's id can start with it (a random id began "ada" once)
    assert bash(data, tmp_path, "netbalance", "contact", "show", "lov") == ["Ada\\ Lovelace"]
    assert bash(data, tmp_path, "netbalance", "start", "network", "--contact", "g") == [
        "Grace\\ Hopper"
    ]
    assert "in\\ person" in bash(
        data, tmp_path, "netbalance", "contact", "log", "x", "--channel", ""
    )
    other = data.db.parent.parent / "elsewhere.json"  # --db on the line: its data
    assert bash(data, tmp_path, "netbalance", "--db", str(other), "item", "ship", "") == []


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed here")
def test_fish_completes_from_its_script(data: Cli, tmp_path: Path) -> None:
    script = tmp_path / "netbalance.fish"
    script.write_text(data.ok("completion", "fish"))

    def fish(line: str) -> list[str]:
        result = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C {line!r}"],
            env=on_path(data, tmp_path),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.splitlines()

    assert "start\tstart a produce or network box" in fish("netbalance st")
    assert sorted(line.split("\t")[1] for line in fish("netbalance item ship ")) == [
        "Draft the essay (Backlog)", "Review drafts (Next)"
    ]  # fmt: skip
    assert fish("netbalance item move abcdef N") == ["Next"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed here")
def test_zsh_completes_from_its_script(data: Cli, tmp_path: Path) -> None:
    script = tmp_path / "netbalance.zsh"
    script.write_text(data.ok("completion", "zsh"))
    probe = (
        "compdef() { : }; _describe() { print -rl -- ${(@P)4} }; _files() { print files }; "
        f'source {script}; words=("$@"); CURRENT=${{#words}}; _netbalance'
    )

    def zsh(*words: str) -> list[str]:
        result = subprocess.run(
            ["zsh", "-f", "-c", probe, "zsh", *words],
            env=on_path(data, tmp_path),
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=True,
        )
        return result.stdout.splitlines()

    assert "restart:start the last box again: its kind, length, card or contact, and tags" in zsh(
        "netbalance", ""
    )
    assert zsh("netbalance", "contact", "show", "") == ["Ada Lovelace:Engines", "Grace Hopper:"]
    assert zsh("netbalance", "export", "-o", "") == ["files"]
