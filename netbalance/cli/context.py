"""What a command needs: the data path, the clock, the settings and the store."""

from __future__ import annotations

import argparse

from netbalance import paths
from netbalance.config import LoadedSettings, load
from netbalance.core.clock import Clock, default_clock
from netbalance.store.store import Store


def data_path(args: argparse.Namespace) -> str:
    return paths.data_file(getattr(args, "db", None))


def settings() -> LoadedSettings:
    return load(paths.config_file())


def open_store(args: argparse.Namespace, clock: Clock | None = None) -> Store:
    return Store.open(data_path(args), clock or default_clock())


def open_for_change(args: argparse.Namespace) -> Store:
    """The store, with a countdown that ended while nothing ran recorded first."""
    from netbalance import boxes
    from netbalance.cli.output import note

    store = open_store(args)
    recorded = boxes.recover(store).recorded
    if recorded is not None:
        note(
            f"recorded the {recorded.kind} box that ended at "
            f"{recorded.end.astimezone():%H:%M} while netbalance was closed"
        )
    return store
