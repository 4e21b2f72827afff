"""`netbalance demo FILE`: sample data in a new data file."""

from __future__ import annotations

import argparse
import os

from netbalance.cli.output import UsageError

DEFAULT_WEEKS = 12


def run(args: argparse.Namespace) -> int:
    from netbalance.cli.context import settings
    from netbalance.core.clock import default_clock
    from netbalance.demo.sample import BUSY, LIGHT, generate, write
    from netbalance.store.store import Store

    path = os.path.abspath(args.file)
    # Any file of that data set counts: a timer-only user has year files and a box file
    # but no main file yet, and demo sessions must never join real ones.
    existing = Store(path, default_clock())
    taken = [name for name in (path, existing.box_file.path) if os.path.exists(name)]
    taken += [f"{existing.stem}.{month}.json" for month in existing.months()]
    if taken:
        raise UsageError(f"{taken[0]} already exists; demo data goes into a new file only")
    if args.years is not None:
        weeks = args.years * 52
    else:
        weeks = DEFAULT_WEEKS if args.weeks is None else args.weeks
    if weeks <= 0 or weeks > 52 * 50:
        raise UsageError(f"the demo size must be between 1 week and 50 years, not {weeks} weeks")
    clock = default_clock()
    data = generate(
        clock.now(),
        weeks=weeks,
        seed=args.seed,
        tz_name=settings().settings.zone_name(),
        pace=BUSY if args.pace == "busy" else LIGHT,
    )
    write(Store.open(path, clock), data)
    print(
        f"wrote {len(data.sessions)} sessions, {len(data.items)} items, "
        f"{len(data.contacts)} contacts and {len(data.interactions)} interactions to {path}"
    )
    return 0
