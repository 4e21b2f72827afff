"""The `sync` commands' arguments: several machines on one history. The commands'
module is imported only when one runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add `sync` with `init`, `status` and `git` (and git's hidden merge driver)."""
    sync = commands.add_parser(
        "sync",
        help="several machines on one history: through Syncthing, Dropbox, Nextcloud or git",
        description="Several machines on one history. Each device writes only files of its "
        "own in the data folder; every command merges what the others changed.",
        parents=[common],
    )
    verbs = sync.add_subparsers(title="commands", metavar="COMMAND", dest="sync_command")
    verbs.required = True

    def verb(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = verbs.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("sync_commands", function))
        return sub

    verb(
        "init",
        "lay the data folder out for several devices (done on its own in a Syncthing, "
        "Dropbox or Nextcloud folder); the data is kept as a backup first",
        "init",
    )
    status = verb(
        "status",
        "the devices, when each last saved, a box running elsewhere, and the merges made",
        "status",
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    git = verb(
        "git",
        "sync through git: make the data folder a repository (once), commit, pull and "
        "push; on a new device with no data, clone",
        "git",
    )
    git.add_argument("--remote", metavar="URL", help="the repository to push to and pull from")
    # git's merge driver (`sync git` registers it): hidden, as `__complete` is. argparse
    # lists a subcommand given a help text, and `completion.commands` (which the help
    # test walks) skips a name that starts with "_".
    merge_file = verbs.add_parser(
        "_merge-file",
        description="git's merge driver for netbalance's data files: merges BASE, OURS and "
        "THEIRS record by record into OURS",
        parents=[common],
    )
    merge_file.set_defaults(run=lazy("sync_commands", "merge_file"))
    for name, text in (
        ("base", "the common ancestor's version (%%O)"),
        ("ours", "this side's version, where the merge is written (%%A)"),
        ("theirs", "the other side's version (%%B)"),
        ("name", "the data file's path in the repository (%%P)"),
    ):
        merge_file.add_argument(name, help=text)
