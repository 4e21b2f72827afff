"""`netbalance` with no command: the full-screen app (textual is imported only here).

`netbalance --demo` is a sandbox: sample data, settings, themes and exports all live in
one throw-away folder (the settings path points there for the whole run), which is
removed when the app closes; nothing of the user's is read or written."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import TYPE_CHECKING

from netbalance.core.clock import default_clock
from netbalance.settings import paths
from netbalance.settings.config import load
from netbalance.store.store import Store

if TYPE_CHECKING:
    import argparse  # the app's own words are read without it (cli._app_only)

DEMO_WEEKS = 12


def run(args: argparse.Namespace) -> int:
    import gc

    gc.disable()  # enabled again once the first frame is drawn (tui.app)
    sandbox = _sandbox() if args.demo else None
    settings_path = paths.config_file()
    from netbalance.settings.file import ensure_exists

    problems: list[str] = []
    try:
        ensure_exists(settings_path)
        if sandbox is not None:
            from netbalance.settings.file import set_value

            set_value(settings_path, "export", "folder", os.path.join(sandbox, "exports"))
    except OSError as error:
        problems.append(f"could not write {settings_path}: {error.strerror}")
    loaded = load(settings_path)
    clock = default_clock()
    if sandbox is not None:
        from netbalance.demo.sample import generate, write

        store = Store.open(os.path.join(sandbox, "demo.json"), clock)
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
        sandbox=sandbox,
    )
    try:
        app.run()
    finally:
        if sandbox is not None:
            _remove(sandbox)
    return app.return_code or 0


def _sandbox() -> str:
    """A new private folder for the demo; the settings (and the themes and exports next
    to them) point into it from now on."""
    folder = tempfile.mkdtemp(prefix="netbalance-demo-")
    os.environ[paths.CONFIG_ENV] = os.path.join(folder, "config.toml")
    return folder


def _remove(folder: str) -> None:
    import shutil

    try:
        shutil.rmtree(folder)
    except OSError as error:
        print(f"netbalance: could not remove the demo folder {folder}: {error}", file=sys.stderr)
