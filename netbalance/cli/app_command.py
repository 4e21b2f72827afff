"""`netbalance` with no command: the full-screen app (textual is imported only here)."""

from __future__ import annotations

import argparse
import os
import tempfile

from netbalance.core.clock import default_clock
from netbalance.settings import paths
from netbalance.settings.config import load
from netbalance.store.store import Store

DEMO_WEEKS = 12


def run(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # enabled again once the first frame is drawn (tui.app)
    settings_path = paths.config_file()
    from netbalance.settings.file import ensure_exists

    problems: list[str] = []
    try:
        ensure_exists(settings_path)
    except OSError as error:
        problems.append(f"could not write {settings_path}: {error.strerror}")
    loaded = load(settings_path)
    clock = default_clock()
    if args.demo:
        from netbalance.demo.sample import generate, write

        folder = tempfile.mkdtemp(prefix="netbalance-demo-")
        store = Store.open(os.path.join(folder, "demo.json"), clock)
        write(store, generate(clock.now(), weeks=DEMO_WEEKS, tz_name=loaded.settings.zone_name()))
    else:
        store = Store.open(paths.data_file(getattr(args, "db", None)), clock)
    from netbalance.tui.app import make_app

    app = make_app(
        loaded.settings,
        store,
        clock=clock,
        problems=[*problems, *loaded.problems],
        settings_path=settings_path,
    )
    app.run()
    return app.return_code or 0
