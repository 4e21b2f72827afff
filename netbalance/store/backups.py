"""Rotating backups of the last good states of each data file.

Before the first save of a day, the file as it stands is kept as
`<backups>/<name>.<YYYY-MM-DD>.json`; the newest `keep` days are kept. Saves replace files
by rename and never write into an existing file, so a backup is a hard link: instant, and
still a full copy of that state once the data file moves on.

Backups under a label instead of a day — `pre-schema-N` before a migration,
`before-restore-…` before a restore, `before-drop-…` before a save that removes more than
half of a file's records (Store.big_drops) — are never rotated out: the last state that
held those records is always there, and `netbalance restore` lists it.
"""

from __future__ import annotations

import os

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
            import shutil  # only when a hard link cannot be made

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

    def named_anew(self, path: str, label: str) -> str:
        """Keep the state of `path` under a label no backup has yet (`label`, else
        `label-2`, `label-3` …), so a second keep within the same second keeps its own."""
        name = os.path.basename(path)
        taken = set(os.listdir(self.folder)) if os.path.isdir(self.folder) else set()
        chosen, number = label, 1
        while f"{name}.{chosen}.json" in taken:
            number += 1
            chosen = f"{label}-{number}"
        return self.named(path, chosen)

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


def _data_file_of(entry: str, base: str) -> str | None:
    """The name of the data file a backup `<name>.<label>.json` is of, when it is one of
    the store `<base>`'s: `<base>.json`, `<base>.box.json` or `<base>.<YYYY-MM>.json`."""
    if not entry.endswith(".json") or "." not in entry[: -len(".json")]:
        return None
    name, _label = entry[: -len(".json")].rsplit(".", 1)
    middle = name[len(base) + 1 : -len(".json")] if name.startswith(f"{base}.") else None
    if name == f"{base}.json" or middle == "box":
        return name
    if middle and len(middle) == 7 and middle[4] == "-" and middle.replace("-", "").isdigit():
        return name
    return None


def listing(backups: Backups, stem: str) -> list[tuple[str, str]]:
    """(backup path, name of the data file it is of) for every backup of the store whose
    main file is `<stem>.json`, newest first."""
    base = os.path.basename(stem)
    try:
        entries = os.listdir(backups.folder)
    except FileNotFoundError:
        return []
    found: list[tuple[float, str, str]] = []
    for entry in entries:
        of = _data_file_of(entry, base)
        if of is not None:
            path = os.path.join(backups.folder, entry)
            found.append((os.stat(path).st_mtime, entry, of))
    found.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [(os.path.join(backups.folder, entry), of) for _mtime, entry, of in found]


def restore(
    backups: Backups, stem: str, backup: str, label: str, *, drop_allowed: bool = False
) -> tuple[str, str | None]:
    """Put `backup` back in place of the data file it is of, atomically; the file as it
    stands is kept first as a backup labelled `label`. Callers hold the writer lock.
    Returns (the data file restored, the backup of the file it replaced or None).
    ValueError when `backup` is not one of this store's backups or not valid data;
    BigDrop when it holds far fewer records than the file (a big drop, see
    drops.is_big_drop) and `drop_allowed` is false."""
    import orjson

    from netbalance.store import schema
    from netbalance.store.drops import count_records, is_big_drop
    from netbalance.store.errors import BigDrop
    from netbalance.store.files import atomic_write

    known = dict(listing(backups, stem))
    path = os.path.abspath(backup)
    if path not in known:
        candidate = os.path.join(backups.folder, os.path.basename(backup))
        if os.path.dirname(backup) or candidate not in known:
            raise ValueError(f"{backup} is not a backup of {stem}.json (see `netbalance restore`)")
        path = candidate
    name = known[path]
    role = "box" if name.endswith(".box.json") else "main"
    if name != f"{os.path.basename(stem)}.json" and role != "box":
        role = "history"
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        problem = schema.shape_problem(orjson.loads(raw), role)
    except orjson.JSONDecodeError as error:
        problem = f"not JSON: {error}"
    if problem:
        raise ValueError(f"{path} is not valid netbalance data ({problem}); nothing was restored")
    target = os.path.join(os.path.dirname(stem), name)
    before, after = _records_in(target, role), count_records(orjson.loads(raw))
    if not drop_allowed and is_big_drop(before, after):
        raise BigDrop([(target, before, after)])
    kept = backups.named(target, label) if os.path.exists(target) else None
    atomic_write(target, raw)
    return target, kept


def _records_in(path: str, role: str) -> int:
    """The records of a data file; 0 when it is missing or not valid data (a damaged
    file is what a restore is for: it never counts as records to lose)."""
    import orjson

    from netbalance.store import schema
    from netbalance.store.drops import count_records

    try:
        with open(path, "rb") as handle:
            data = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return 0
    return 0 if schema.shape_problem(data, role) else count_records(data)
