"""Helpers for the reliability tests: subprocess environments and a strict check that
every file of a data folder parses as netbalance data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import orjson

from netbalance.store import schema

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))

# a backup: `<data file>.<label>.json`, the label a day, `pre-schema-N`, `before-drop-…` …
_BACKUP = re.compile(r"^(?P<name>.+\.json)\.[^.]+\.json$")
_HISTORY = re.compile(r"^.+\.\d{4}-\d{2}\.json$")


def child_env(data_path: str | None = None, now: str | None = None) -> dict[str, str]:
    """The environment of a subprocess: this checkout on the path, UTC, a private config."""
    env = dict(os.environ)
    env["PYTHONPATH"] = REPO
    env["TZ"] = "Etc/UTC"
    env.pop("NETBALANCE_NOW", None)
    if data_path is not None:
        env["NETBALANCE_DB"] = data_path
        env["NETBALANCE_CONFIG"] = os.path.join(os.path.dirname(data_path), "config.toml")
    if now is not None:
        env["NETBALANCE_NOW"] = now
    return env


def run_cli(
    args: list[str], data_path: str, now: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netbalance", *args],
        env=child_env(data_path, now),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def role_of(name: str) -> str:
    """The role of a data file (or of the file a backup was taken of) from its name."""
    match = _BACKUP.match(name)
    if match:
        name = match.group("name")
    if name.endswith(".box.json"):
        return "box"
    if _HISTORY.match(name):
        return "history"
    return "main"


def parse_data_file(path: str) -> dict[str, Any]:
    """The file's data; AssertionError when it is not whole, valid netbalance data."""
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise AssertionError(f"{path} does not parse: {error} ({len(raw)} bytes)") from None
    problem = schema.shape_problem(data, role_of(os.path.basename(path)))
    assert problem is None, f"{path}: {problem}"
    for table, docs in data.items():
        ids = [doc["id"] for doc in docs.values() if "id" in doc]
        assert len(ids) == len(set(ids)), f"{path}: duplicate record ids in {table}"
    parsed: dict[str, Any] = data
    return parsed


def check_folder(folder: str, seen_backups: set[tuple[str, int, int, int]] | None = None) -> int:
    """Parse every data file and backup in the folder; the number of files parsed.
    Temporary files of killed saves (`.nbtmp-…`) are not data and are skipped. A backup
    never changes once made (saves replace files, they never write into one), so one
    already in `seen_backups` (path, inode, size, mtime) is not parsed again."""
    count = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if not name.endswith(".json") or name.startswith(".nbtmp-"):
                continue
            full = os.path.join(root, name)
            key = None
            if seen_backups is not None and _BACKUP.match(name):
                status = os.stat(full)
                key = (full, status.st_ino, status.st_size, status.st_mtime_ns)
                if key in seen_backups:
                    continue
            parse_data_file(full)
            count += 1
            if key is not None and seen_backups is not None:
                seen_backups.add(key)
    return count
