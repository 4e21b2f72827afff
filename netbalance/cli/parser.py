"""The argument parser. Commands are referenced by name and imported only when run."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from importlib import import_module

from netbalance import __version__
from netbalance.cli import (
    contact_args,
    history_args,
    report_args,
    restore_args,
    review_args,
    sync_args,
    undo_args,
)

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any, NoReturn

    Runner = Any
_AGO_OR_NEGATIVE = re.compile(
    r"^-\d+$|^-\d*\.\d+$|^-(?=\d)(\d+h)?(\d+m(in)?)?$|^-\d+[dw]$"  # -15m, -7d: values
)


def _lazy(module: str, function: str) -> Runner:
    def run(args: argparse.Namespace) -> int:
        command = getattr(import_module(f"netbalance.cli.{module}"), function)
        result: int = command(args)
        return result

    return run


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"minutes must be a whole number, not {text!r}") from None
    if value <= 0 or value > 24 * 60:
        raise argparse.ArgumentTypeError(f"minutes must be between 1 and 1440, not {value}")
    return value


class _Ignored:
    """Stands in for the parser of a command that is not being run: every call is taken
    and ignored, so its arguments cost nothing."""

    def __getattr__(self, name: str) -> Any:
        return self._ignore

    def _ignore(self, *args: Any, **kwargs: Any) -> Any:
        return self


class _Only:
    """The subcommands, of which only the one being run is built in full. The others
    are named (with their help) only where a list of commands is shown: `--help` with no
    command, and the error for a command that does not exist. Building them would cost
    a whole command more than its own work."""

    def __init__(self, commands: Any, wanted: str | None, name_others: bool) -> None:
        self.commands = commands
        self.wanted = wanted
        self.name_others = name_others
        self.found = False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name == self.wanted:
            self.found = True
            return self.commands.add_parser(name, **kwargs)
        if self.name_others:
            self.commands.add_parser(name, help=kwargs.get("help"), add_help=False)
        return _Ignored()


def _command_in(words: Sequence[str]) -> str | None:
    """The command a command line runs: its first word that is not an option (the
    top level takes no other words) nor the value of --db."""
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


_START_VALUES = frozenset({"--minutes", "--note", "--item", "--contact", "--tag", "--at", "--db"})


def arranged(words: Sequence[str]) -> list[str]:
    """The words of a command line in the order the parser reads them: `start`'s
    Watson-style `+tag` words, wherever they stand after its kind (`start produce
    --minutes 50 +writing`), moved to right after it; a value of an option (`--note
    +1`) stays where it is."""
    words = list(words)
    if _command_in(words) != "start":
        return words
    kept: list[str] = []
    tags: list[str] = []
    kind_at: int | None = None
    seen_command = value_next = False
    for word in words:
        if value_next:
            value_next = False
            kept.append(word)
        elif word in _START_VALUES:
            value_next = True
            kept.append(word)
        elif kind_at is not None and word.startswith("+") and len(word) > 1:
            tags.append(word)
        else:
            if not word.startswith("-"):
                if seen_command and kind_at is None:
                    kind_at = len(kept)
                seen_command = True
            kept.append(word)
    if kind_at is None:
        return words
    return [*kept[: kind_at + 1], *tags, *kept[kind_at + 1 :]]


def _columns() -> int:
    """The terminal's width as argparse would find it, without importing shutil (and
    with it bz2 and lzma) on every command."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Text of several lines (the examples) keeps its lines; the rest is filled."""
        if "\n" in text:
            return "\n".join(indent + line for line in text.splitlines())
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    """Bad input is one line on stderr and exit 2 (argparse would print the usage too).
    A length before now (`--at -15m`, `--from -7d`) is a value, as a negative number
    is: no option of netbalance looks like one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _AGO_OR_NEGATIVE

    def error(self, message: str) -> NoReturn:
        from netbalance.core.text import printable  # words typed can hold ESC or a newline

        self.exit(2, f"{self.prog}: {printable(message)} (see `{self.prog} --help`)\n")


def build_parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for a command line; with `words`, only the command they run is built
    in full (None builds every command, for tests and documentation)."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the data file (default: NETBALANCE_DB, else the user data folder)",
    )
    parser = _Parser(
        prog="netbalance",
        description="Time-box producing against networking. Without a command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"netbalance {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a throw-away file of sample data"
    )
    parser.set_defaults(run=_lazy("app_command", "run"))
    every = parser.add_subparsers(title="commands", metavar="COMMAND")
    if words is None:
        commands: Any = every
    else:
        wanted = _command_in(words)
        helped = wanted is None and ("-h" in words or "--help" in words)
        commands = _Only(every, wanted, name_others=helped)

    def command(name: str, help_text: str, module: str, function: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name, help=help_text, description=help_text, parents=[common]
        )
        sub.set_defaults(run=_lazy(module, function))
        return sub

    start = command("start", "start a produce or network box", "timer_commands", "start")
    start.add_argument("kind", choices=["produce", "network"], help="the kind of time")
    start.add_argument(
        "plus_tags", nargs="*", metavar="+TAG", help="tags, as Watson writes them: +writing"
    )
    length = start.add_mutually_exclusive_group()
    length.add_argument(
        "--minutes", type=_minutes, metavar="N", help="length of the box (default from settings)"
    )
    length.add_argument("--stopwatch", action="store_true", help="count up instead of down")
    start.add_argument("--note", default="", metavar="TEXT", help="a note for the session")
    start.add_argument(
        "--item", metavar="ID", help="link a produce box to a card (an id or its first letters)"
    )
    start.add_argument(
        "--contact", metavar="WHO", help="link a network box to a contact (an id prefix or a name)"
    )
    _tag_argument(start)
    start.add_argument("--at", metavar="TIME", help=_START_AT)

    restart = command(
        "restart",
        "start the last box again: its kind, length, card or contact, and tags",
        "timer_commands",
        "restart",
    )
    again = restart.add_mutually_exclusive_group()
    again.add_argument("--minutes", type=_minutes, metavar="N", help="another length")
    again.add_argument("--stopwatch", action="store_true", help="count up instead of down")
    restart.add_argument("--note", default=None, metavar="TEXT", help="a note for the session")
    restart.add_argument("--at", metavar="TIME", help=_START_AT)

    command("pause", "pause the running box", "timer_commands", "pause")
    command("resume", "resume the paused box", "timer_commands", "resume")
    extend = command("extend", "add minutes to the running box", "timer_commands", "extend")
    extend.add_argument("--minutes", type=_minutes, default=5, metavar="N", help="default 5")
    stop = command("stop", "finish the running box and record it", "timer_commands", "stop")
    stop.add_argument("--note", default=None, metavar="TEXT", help="replace the box's note")
    stop.add_argument(
        "--at",
        metavar="TIME",
        help="record it until TIME (10:00, -5m, yesterday 17:30, an ISO instant): a box left "
        "running; not before its start, in the future or over another session",
    )
    stop.add_argument(
        "--force",
        action="store_true",
        help="record it as it is even when longer than 24 h or over another session",
    )
    command("cancel", "drop the running box without recording it", "timer_commands", "cancel")

    status = command(
        "status", "one line about the running box (for a prompt)", "timer_commands", "status"
    )
    shape = status.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument(
        "--format",
        metavar="TEMPLATE",
        help="e.g. '{kind} {clock} {left}', or waybar (its JSON); fields: kind state clock "
        "left remaining elapsed link note tags paused id started; while idle {state} is "
        "idle and the rest empty",
    )
    status.add_argument(
        "--idle", metavar="TEXT", help="the line printed while no box runs (e.g. '')"
    )

    log = command("log", "the sessions of a week (or a day, a month …)", "log_command", "run")
    report_args.add_span(log)
    log.add_argument("--json", action="store_true", help="print JSON")

    item = commands.add_parser(
        "item",
        help="the board's work items: add, list, move, ship …",
        description="The board's work items. ID is a full id or an unambiguous prefix of one.",
        parents=[common],
    )
    _item_commands(item, common)

    contact_args.register(commands, common, _lazy)
    report_args.register(commands, common, _lazy)
    review_args.register(commands, common, _lazy)
    history_args.register(commands, common, _lazy)
    undo_args.register(commands, common, _lazy)
    restore_args.register(commands, common, _lazy)
    sync_args.register(commands, common, _lazy)

    imports = commands.add_parser(
        "import",
        help="bring contacts or past time in from other tools",
        description="Import from other tools: all or nothing, and importing twice adds nothing.",
        parents=[common],
    )
    sources = imports.add_subparsers(
        title="sources", metavar="SOURCE", dest="import_source", required=True
    )
    contact_args.register_imports(sources, common, _lazy)
    history_args.register_imports(sources, common, _lazy)

    completion = command(
        "completion", "a shell completion script: bash, zsh or fish", "completion", "run"
    )
    completion.add_argument("shell", choices=["bash", "zsh", "fish"], help="the shell")

    demo = command("demo", "write sample data to a new data file", "demo_command", "run")
    demo.add_argument("file", metavar="FILE", help="a data file that does not exist yet")
    size = demo.add_mutually_exclusive_group()
    size.add_argument("--weeks", type=int, metavar="N", help="weeks of data (default 12)")
    size.add_argument("--years", type=int, metavar="N", help="years of data")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument(
        "--pace",
        choices=["light", "busy"],
        default="light",
        help="light: a few boxes a day (default); busy: ~20 a day, the benchmark's heavy set",
    )
    _add_examples(parser, "")
    if isinstance(commands, _Only) and commands.wanted is not None and not commands.found:
        return build_parser(None)  # not a command: its error lists them all
    return parser


def _add_examples(parser: argparse.ArgumentParser, path: str) -> None:
    """Each command's --help ends with its two examples (`cli.examples`)."""
    from netbalance.cli.examples import epilog

    parser.epilog = epilog(path)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if sub.add_help:  # a command only named (`_Only`) has no help to end
                    _add_examples(sub, f"{path} {name}".strip())


_START_AT = (
    "it started at TIME (09:10, -15m: fifteen minutes ago); within the last 24 h, after "
    "every recorded session"
)


def _tag_argument(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        dest="tag",
        help="a tag (repeat it for more, or a,b)",
    )


def _item_commands(item: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    items = item.add_subparsers(
        title="item commands", metavar="ITEM_COMMAND", dest="item_command", required=True
    )

    def command(name: str, help_text: str, function: str) -> argparse.ArgumentParser:
        sub = items.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.set_defaults(run=_lazy("item_commands", function))
        return sub

    def fields(sub: argparse.ArgumentParser, *, editing: bool) -> None:
        sub.add_argument("--tags", metavar="a,b", help="tags, separated by commas")
        due = sub.add_mutually_exclusive_group()
        due.add_argument(
            "--due", metavar="D", help="due date: 2026-12-01, fri, today, tomorrow, +3d, +2w"
        )
        estimate = sub.add_mutually_exclusive_group()
        estimate.add_argument("--estimate", metavar="N", help="estimate in boxes (1 to 999)")
        sub.add_argument("--notes", default=None if editing else "", metavar="TEXT", help="notes")
        if editing:
            due.add_argument("--no-due", action="store_true", help="remove the due date")
            estimate.add_argument("--no-estimate", action="store_true", help="remove the estimate")

    add = command("add", "add a card (at the end of its column)", "add")
    add.add_argument("title", metavar="TITLE", help="one line, at most 200 characters")
    add.add_argument("--column", metavar="C", help="the column (default: the first)")
    fields(add, editing=False)

    listing = command("list", "the cards on the board, column by column", "list_items")
    listing.add_argument("--column", metavar="C", help="only this column")
    listing.add_argument("--archived", action="store_true", help="the archived cards instead")
    listing.add_argument("--json", action="store_true", help="print JSON, every field")

    move = command("move", "move a card to the end of another column", "move")
    move.add_argument("id", metavar="ID", help="the card")
    move.add_argument("column", metavar="COLUMN", help="the column (any case)")

    ship = command("ship", "move a card to the last column: shipped", "ship")
    ship.add_argument("id", metavar="ID", help="the card")

    edit = command("edit", "change a card's title, tags, due date, estimate or notes", "edit")
    edit.add_argument("id", metavar="ID", help="the card")
    edit.add_argument("--title", metavar="T", help="a new title")
    fields(edit, editing=True)

    delete = command("delete", "delete a card (its sessions keep their time)", "delete")
    delete.add_argument("id", metavar="ID", help="the card")

    command("archive", "archive every shipped card: it leaves the board", "archive")

    shipped = command("shipped", "the track record: shipped cards, newest first", "shipped")
    shipped.add_argument("--json", action="store_true", help="print JSON, every field")
