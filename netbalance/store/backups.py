"""Rotating backups of the last good states of each data file.

Before the first save of a day, the file as it stands is kept as
`<backups>/<name>.<YYYY-MM-DD>.json`; the newest `keep` days are kept. Saves replace files
by rename and never write into an existing file, so a backup is a hard link: instant, and
still a full copy of that state once the data file moves on.
"""

from __future__ import annotations

import os
import shutil

from netbalance.store.files import ensure_private_dir

KEEP_DAYS = 7


class Backups:
    def __init__(self, folder: str, keep: int = KEEP_DAYS) -> None:
        self.folder = folder
        self.keep = keep

    def _copy(self, source: str, target: str) -> None:
        ensure_private_dir(self.folder)
        if os.path.exists(target):
            return
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
            os.chmod(target, 0o600)

    def daily(self, path: str, day: str) -> None:
        """Keep today's first state of `path` (if it exists) and prune old days."""
        if not os.path.exists(path):
            return
        name = os.path.basename(path)
        self._copy(path, os.path.join(self.folder, f"{name}.{day}.json"))
        dated = sorted(self._dated(name))
        for old in dated[: max(0, len(dated) - self.keep)]:
            os.unlink(os.path.join(self.folder, old))

    def named(self, path: str, label: str) -> str:
        """Keep the state of `path` under a label (e.g. before a migration)."""
        target = os.path.join(self.folder, f"{os.path.basename(path)}.{label}.json")
        self._copy(path, target)
        return target

    def _dated(self, name: str) -> list[str]:
        try:
            entries = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        prefix = f"{name}."
        return [
            entry
            for entry in entries
            if entry.startswith(prefix)
            and entry.endswith(".json")
            and _is_day(entry[len(prefix) : -len(".json")])
        ]

    def newest(self, path: str) -> str | None:
        dated = sorted(self._dated(os.path.basename(path)))
        return os.path.join(self.folder, dated[-1]) if dated else None


def _is_day(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[0]) == 4
