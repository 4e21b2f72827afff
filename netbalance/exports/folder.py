"""Writing a week's exports into the export folder (the app's `e`): private files,
written atomically, and never over an existing file (a second export of the same week
gets `-2`, `-3` … in its name)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from netbalance.core.summary import WeeklySummary
from netbalance.exports import SUFFIX, render
from netbalance.exports.colours import Colours


def export_folder(setting: str) -> str:
    """The `export.folder` setting, or a netbalance folder in the user's documents."""
    if setting.strip():
        return os.path.abspath(os.path.expanduser(setting.strip()))
    from platformdirs import user_documents_dir

    return os.path.join(user_documents_dir(), "netbalance")


def free_name(folder: str, stem: str, suffix: str) -> str:
    path = os.path.join(folder, f"{stem}{suffix}")
    count = 2
    while os.path.lexists(path):
        path = os.path.join(folder, f"{stem}-{count}{suffix}")
        count += 1
    return path


def write_exports(
    summary: WeeklySummary, formats: Sequence[str], folder: str, colours: Colours
) -> list[str]:
    """Write the summary in each format; the paths written, in order."""
    from netbalance.store.files import atomic_write, ensure_private_dir

    ensure_private_dir(folder)
    written = []
    for fmt in formats:
        path = free_name(folder, f"netbalance-{summary.week}", SUFFIX[fmt])
        atomic_write(path, render(summary, fmt, colours))
        written.append(path)
    return written
