"""Asking before a big drop: a save that would remove more than half of a data file's
records (at least ten) in one step, e.g. undoing an import. The store refuses it
(BigDrop) and writes nothing; a yes runs the change again, allowed, after the store has
kept a backup of each such file that rotation never removes."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from textual.app import App

from netbalance.core.text import printable
from netbalance.store.errors import BigDrop

KEPT = "the file as it is now is kept as a backup (`netbalance restore` lists it)"
DONE = "Done; the file as it was is kept as a backup (`netbalance restore` lists it)."


def question(drop: BigDrop, about: str = "") -> str:
    """`Remove 30 of 40 records from nb.2026-11.json? …`, naming each file (after
    `about`, the step asked about)."""
    said = " and ".join(
        f"{before - after:,} of {before:,} records from {os.path.basename(path)}"
        for path, before, after in drop.drops
    )
    remove = "remove" if about else "Remove"
    return printable(f"{about}{remove} {said}? This is more than half of what it holds; {KEPT}.")


def confirm_drop(
    app: App[Any], drop: BigDrop, go_ahead: Callable[[], None], *, about: str = ""
) -> None:
    """Ask; yes → `go_ahead()` (which saves with the drop allowed); no → a notice that
    nothing changed."""
    from netbalance.tui.screens.confirm import ConfirmScreen

    def answered(yes: bool | None) -> None:
        if yes:
            go_ahead()
        else:
            app.notify("Nothing was changed.", title="Kept", markup=False)

    app.push_screen(ConfirmScreen(question(drop, about), yes="Remove", no="Keep"), answered)
