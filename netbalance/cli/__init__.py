"""The command line. `netbalance` alone opens the app; subcommands print plain text.

Each command imports only what it uses: `status` stays within a few milliseconds of a
bare Python start, and no headless command imports textual.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if "status" in words:
        # A shell prompt runs this on every line: skip argparse and everything else.
        from netbalance.cli.status import run

        shown = run(words)
        if shown is not None:
            return shown
    from netbalance.cli.parser import build_parser

    args = build_parser(words).parse_args(words)
    from netbalance.cli.output import error

    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as problem:
        if _is_user_error(problem):
            error(_advised(problem, args))
            return 2
        raise
    return code


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
    from netbalance.core.revisions import RevisionError
    from netbalance.core.timer import TimerError
    from netbalance.store.errors import StoreError

    if isinstance(problem, StoreError | TimerError | UsageError | RevisionError):
        return True
    modules = sys.modules
    weeks = modules.get("netbalance.core.weeks")
    writing = modules.get("netbalance.actions.writing")
    return (weeks is not None and isinstance(problem, weeks.WeekError)) or (
        writing is not None and isinstance(problem, writing.WriteRefused)
    )
