"""The history commands' arguments. Each command's module is imported only when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    Lazy = Callable[[str, str], Any]
    Commands = Any  # argparse's private _SubParsersAction

_WHEN = "09:00-10:30, 'yesterday 14:00 50m', '2026-11-20 09:00 1h30m' or ISO instants"
_TIME = "14:00 (on the session's day), 'yesterday 14:00', '2026-11-20 14:00' or an ISO instant"


def register(commands: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add the history commands: add, edit, delete, split."""

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("history_commands", function))
        return sub

    def trim(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--trim",
            action="store_true",
            help="shorten the sessions it overlaps instead of refusing",
        )

    add = command("add", "record a session after the fact", "add")
    add.add_argument("kind", choices=["produce", "network"], help="the kind of time")
    add.add_argument("when", nargs="+", metavar="WHEN", help=_WHEN)
    add.add_argument("--item", metavar="ID", help="link a produce session to a card")
    add.add_argument("--contact", metavar="WHO", help="link a network session to a contact")
    add.add_argument("--note", default="", metavar="TEXT", help="a note")
    add.add_argument(
        "--tag", action="append", default=[], metavar="T", help="a tag (repeat it for more, or a,b)"
    )
    trim(add)

    edit = command("edit", "change a recorded session's times, kind, links or note", "edit")
    edit.add_argument("id", metavar="ID", help="the session (an id or its first letters)")
    edit.add_argument("--start", metavar="T", help=_TIME)
    edit.add_argument("--end", metavar="T", help=_TIME)
    edit.add_argument("--kind", choices=["produce", "network"], help="the kind of time")
    edit.add_argument("--note", metavar="TEXT", help="a new note")
    links = edit.add_mutually_exclusive_group()
    links.add_argument("--item", metavar="ID", help="link to a card")
    links.add_argument("--contact", metavar="WHO", help="link to a contact")
    links.add_argument("--no-link", action="store_true", help="remove the card or contact")
    edit.add_argument(
        "--tag", action="append", default=[], metavar="T", help="add a tag (repeat it, or a,b)"
    )
    edit.add_argument(
        "--untag", action="append", default=[], metavar="T", help="remove a tag (repeat it)"
    )
    trim(edit)

    delete = command("delete", "delete a recorded session", "delete")
    delete.add_argument("id", metavar="ID", help="the session (an id or its first letters)")

    split = command("split", "cut a recorded session in two at a time", "split")
    split.add_argument("id", metavar="ID", help="the session (an id or its first letters)")
    split.add_argument("time", nargs="+", metavar="TIME", help=_TIME)


def register_imports(sources: Commands, common: argparse.ArgumentParser, lazy: Lazy) -> None:
    """Add `netbalance import watson` and `netbalance import timewarrior`."""

    def source(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = sources.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=lazy("history_imports", function))
        sub.add_argument(
            "--network-tags",
            default="",
            metavar="a,b",
            help="projects or tags that mean network time (the rest is produce)",
        )
        sub.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        return sub

    watson = source("watson", "past time from Watson's frames file", "watson")
    watson.add_argument(
        "file",
        nargs="?",
        metavar="FRAMES_FILE",
        help="Watson's frames file (default: WATSON_DIR, else Watson's own data folder)",
    )
    timewarrior = source(
        "timewarrior", "past time from Timewarrior's monthly .data files", "timewarrior"
    )
    timewarrior.add_argument(
        "folder",
        nargs="?",
        metavar="DATA_FOLDER",
        help="Timewarrior's data folder (default: $TIMEWARRIORDB/data, else ~/.timewarrior/data)",
    )
