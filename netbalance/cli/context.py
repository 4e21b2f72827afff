"""What a command needs: the data path, the clock, the settings and the store."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo

from netbalance.core.clock import Clock, default_clock
from netbalance.settings import paths
from netbalance.settings.config import LoadedSettings, load
from netbalance.store.store import Store


def data_path(args: argparse.Namespace) -> str:
    return paths.data_file(getattr(args, "db", None))


def settings() -> LoadedSettings:
    return load(paths.config_file())


def open_store(args: argparse.Namespace, clock: Clock | None = None) -> Store:
    """The store; a command given `--force` (`drop_allowed`) may make big drops."""
    store = Store.open(data_path(args), clock or default_clock())
    store.drop_allowed = bool(getattr(args, "drop_allowed", False))
    merged = store.merged
    if merged is not None:
        from netbalance.cli.output import note

        if merged.records:
            note(f"netbalance: {merged.text()}")
        for problem in merged.skipped:
            note(f"netbalance: not merged: {problem}")
    return store


def zone_of(config: LoadedSettings) -> tzinfo:
    from netbalance.core.weeks import zone

    return zone(config.settings.zone_name())


def typed_instant(text: str, now: datetime, tz: tzinfo) -> datetime:
    """A time typed as for `add` and `edit` (`14:00`, `yesterday 14:00`, `-15m`, an ISO
    instant); a usage error naming it otherwise."""
    from netbalance.cli.output import UsageError
    from netbalance.core.when import WhenError, parse_instant

    try:
        return parse_instant(text, now, tz)
    except WhenError as problem:
        raise UsageError(str(problem)) from None


def open_for_start(args: argparse.Namespace, tz: tzinfo) -> Store:
    """The store, with a countdown that ended unseen recorded first (at its planned end),
    so that a new box can start."""
    from netbalance.actions import boxes
    from netbalance.cli.output import note

    store = open_store(args)
    recovery = boxes.recover(store)
    recorded = recovery.recorded
    if recorded is not None and recovery.already:
        note(
            f"the earlier {recorded.kind} box was recorded already, until "
            f"{recorded.end.astimezone(tz):%H:%M}; its box file came back and is cleared"
        )
    elif recorded is not None:
        note(
            f"recorded the earlier {recorded.kind} box, which ended at its planned end, "
            f"{recorded.end.astimezone(tz):%H:%M}"
        )
    return store
