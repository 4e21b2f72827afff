"""A week's summary exported from the app (the dashboard's `e`, a finished review):
written in a thread through `actions.writing.export_week`, then one notice saying where.

The notice names the folder once (`~` for the home folder) and each file on a line of its
own, so a long path never wraps in the middle of a name."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netbalance.core.text import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from netbalance.core.summary import WeeklySummary
    from netbalance.settings.config import Settings


def written_notice(week: str, written: Sequence[str]) -> str:
    """`2026-W48 written to ~/Documents/netbalance:` and the file names below."""
    if not written:
        return f"{week}: no format is set in [export] formats"
    folder = os.path.dirname(written[0])
    home = os.path.expanduser("~")
    if home not in ("", "/") and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home) :]
    names = "\n".join(printable(os.path.basename(path)) for path in written)
    return f"{week} written to {printable(folder)}:\n{names}"


def export_in_background(
    node: DOMNode, read: Callable[[], WeeklySummary], settings: Settings
) -> None:
    """Read the week (`read`, called in the thread) and export it; a failure is one
    error notice naming the cause, and the app stays up."""
    from netbalance.actions.writing import export_week
    from netbalance.store.errors import StoreError

    app = node.app

    def run() -> None:
        try:
            summary = read()
            written = export_week(summary, settings)
        except (OSError, StoreError) as problem:
            app.call_from_thread(
                app.notify,
                printable(f"Export failed: {problem}"),
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        app.call_from_thread(
            app.notify,
            written_notice(summary.week, written),
            title="Exported",
            timeout=8,
            markup=False,
        )

    node.run_worker(run, thread=True, exclusive=True, group="export", name="export")
