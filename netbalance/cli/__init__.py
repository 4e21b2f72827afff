"""The command line. `netbalance` alone opens the app; subcommands print plain text.

Each command imports only what it uses: `status` stays within a few milliseconds of a
bare Python start, and no headless command imports textual.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not `from typing import …`: `netbalance status` would pay for it
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    _stand_in_for_closed_streams()
    _no_collection_at_exit()
    try:
        code = _main(words)
    except SystemExit:  # argparse: --help, --version, a usage error
        _flush_stdout_quietly()
        raise
    except BrokenPipeError:  # `netbalance log | head -1`: the reader has what it wanted
        _drop_stdout()
        return 0
    _flush_stdout_quietly()  # a reader that went away shows here, not at interpreter exit
    return code


def _main(words: list[str]) -> int:
    refused = _refused(words)
    if refused is not None:
        from netbalance.core.text import printable

        print(f"netbalance: {printable(refused)}", file=sys.stderr)
        return 2
    if words[:1] == ["__complete"]:
        # a shell runs this on every Tab: the data file alone, no argparse (hidden)
        from netbalance.cli.complete_query import run as complete

        return complete(words[1:])
    if "status" in words:
        # A shell prompt runs this on every line: skip argparse and everything else.
        from netbalance.cli.status import run

        shown = run(words)
        if shown is not None:
            return shown
    args = _app_only(words)
    if args is None:
        from netbalance.cli.parser import arranged, build_parser

        words = arranged(words)
        args = build_parser(words).parse_args(words)
    from netbalance.cli.output import error

    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # not a failure of the command: main() takes it
        raise
    except Exception as problem:
        if _is_user_error(problem):
            error(_advised(problem, args))
            return 2
        raise
    return code


def _app_only(words: list[str]) -> Any:
    """The app's own command lines, `netbalance [--demo] [--db PATH]` in any order, read
    without argparse: building the parser cost the app's first frame more than reading
    these few words. Anything else (a command, `--help`, an abbreviation, `--db` twice or
    without a path) is None, for the parser to read and judge."""
    demo = False
    db: str | None = None
    rest = list(words)
    while rest:
        word = rest.pop(0)
        if word == "--demo" and not demo:
            demo = True
        elif word == "--db" and db is None and rest and rest[0] and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif word.startswith("--db=") and db is None and len(word) > len("--db="):
            db = word.removeprefix("--db=")
        else:
            return None
    from types import SimpleNamespace

    from netbalance.cli.app_command import run

    found = SimpleNamespace(demo=demo, run=run)  # what the parser would set
    if db is not None:
        found.db = db  # as the parser leaves it: absent unless given
    return found


def _refused(words: list[str]) -> str | None:
    """Why the command line cannot run at all, before any command reads it: an argument
    that is not UTF-8 text (Python keeps such bytes as lone surrogates, which no file,
    terminal or JSON document can hold), or a NETBALANCE_NOW that is not an instant."""
    for word in words:
        try:
            word.encode("utf-8")
        except UnicodeEncodeError as problem:
            return (
                f"argument {_typed(word, problem.start)} is not valid UTF-8 text: type it "
                f"again in UTF-8 (nothing was changed)"
            )
    frozen = os.environ.get("NETBALANCE_NOW")
    if frozen:
        from netbalance.core.clock import ClockError, frozen_instant

        try:
            frozen_instant(frozen)
        except ClockError as problem:
            return str(problem)
    return None


def _typed(word: str, bad: int, width: int = 60) -> str:
    """An argument as the bytes typed, quoted, a byte that is not UTF-8 shown as `\\xff`;
    a long one cut to the part around its first bad byte."""
    start = max(0, min(bad - width // 2, len(word) - width))
    part = word[start : start + width]
    try:
        typed = os.fsencode(part).decode("utf-8", "backslashreplace")
    except UnicodeError:  # a surrogate no byte stands for (only from Python code)
        typed = part.encode("utf-8", "backslashreplace").decode("utf-8")
    before = "…" if start > 0 else ""
    after = "…" if start + width < len(word) else ""
    return f"'{before}{typed}{after}'"


def _no_collection_at_exit() -> None:
    """What a command leaves behind (the documents of years of data, millions of objects
    and no cycle among them) is frozen at exit, not walked by the collection the
    interpreter makes then: ~10 ms of `netbalance report` on ten years of data, ~70 ms
    after a LinkedIn import. Nothing is pending by then: a command writes, fsyncs and
    closes its files, and lets go of the lock, before it returns."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # once, however often commands run in one process
    atexit.register(gc.freeze)


def _stand_in_for_closed_streams() -> None:
    """Started with stdout or stderr closed (`>&-`), Python leaves it None: what would be
    printed there goes nowhere instead, and the descriptor, if free, is taken, so that
    no data file opened later can get it."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _flush_stdout_quietly() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()


def _drop_stdout() -> None:
    """Send what stdout still holds, and anything printed later, nowhere: Python flushes
    stdout once more at exit, and a closed pipe would fail there with a traceback."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no stdout, or not a file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _advised(problem: Exception, args: object) -> str:
    """The one line of an expected failure; a big drop says how to go ahead."""
    from netbalance.store.errors import BigDrop

    if isinstance(problem, BigDrop) and hasattr(args, "drop_allowed"):
        return f"{problem}; run again with --force to go ahead (a backup is kept)"
    return str(problem)


def _is_user_error(problem: Exception) -> bool:
    """Expected failures (bad input, a bad data file, timer misuse) become one line;
    anything else is a bug and keeps its traceback."""
    from netbalance.cli.output import UsageError
    from netbalance.core.clock import ClockError
    from netbalance.core.revisions import RevisionError
    from netbalance.core.timer import TimerError
    from netbalance.store.errors import StoreError

    if isinstance(problem, StoreError | TimerError | UsageError | RevisionError | ClockError):
        return True
    modules = sys.modules
    weeks = modules.get("netbalance.core.weeks")
    writing = modules.get("netbalance.actions.writing")
    return (weeks is not None and isinstance(problem, weeks.WeekError)) or (
        writing is not None and isinstance(problem, writing.WriteRefused)
    )
