"""`netbalance sync …`: several machines on one history."""

from __future__ import annotations

import argparse

from netbalance.cli.context import data_path, open_store
from netbalance.cli.output import emit_json, safe
from netbalance.core.instants import optional_iso


def init(args: argparse.Namespace) -> int:
    from netbalance.actions import sync

    mine, already = sync.init(data_path(args))
    open_store(args)  # merges what the other devices have
    name = sync.device_name()
    if already:
        print(safe(f"already laid out for several devices; this device is {name}"))
    else:
        print(safe(f"laid out for several devices; this device is {name}, its files in"))
    print(safe(f"  {mine}"))
    return 0


def status(args: argparse.Namespace) -> int:
    from netbalance.actions import sync

    store = open_store(args)
    found = sync.state(store)
    if args.json:
        emit_json(
            {
                "shared": found.shared,
                "synced_by": found.synced_by,
                "device": found.device or None,
                "devices": [
                    {
                        "name": d.name,
                        "this": d.mine,
                        "last_saved": optional_iso(d.last_saved),
                        "box": None
                        if d.box is None
                        else {"kind": d.box.get("kind"), "started": d.box.get("started")},
                    }
                    for d in found.devices
                ],
                "merges": found.merges,
                "waiting": found.waiting,
            }
        )
        return 0
    if not found.shared:
        tool = f" (it is in a {found.synced_by} folder)" if found.synced_by else ""
        print(safe(f"one device: the data folder is not laid out for several{tool}"))
        print("`netbalance sync init` lays it out; `netbalance sync git` syncs it through git")
        return 0
    print(
        safe(
            f"this device: {found.device}"
            + (f", synced by {found.synced_by}" if found.synced_by else "")
        )
    )
    for device in found.devices:
        saved = (
            "never saved"
            if device.last_saved is None
            else f"last saved {device.last_saved.astimezone():%Y-%m-%d %H:%M}"
        )
        box = "" if device.box is None else f", a {device.box.get('kind')} box running"
        mark = " (this one)" if device.mine else ""
        print(safe(f"  {device.name}{mark}: {saved}{box}"))
    if found.merges:
        print("merges:")
        for merge in found.merges[-10:]:
            print(
                safe(
                    f"  {merge.get('at', '')}  from {', '.join(merge.get('from', []))}: "
                    f"{merge.get('added', 0)} new, {merge.get('changed', 0)} changed, "
                    f"{merge.get('deleted', 0)} deleted"
                )
            )
    else:
        print("no merges yet")
    return 0


def git(args: argparse.Namespace) -> int:
    """Sync through git: clone on a new device, else commit, pull and push; a step that
    did something says so in a line. A failure of git is one line, exit 2."""
    from netbalance.actions import sync_git
    from netbalance.cli.output import error
    from netbalance.core.clock import default_clock

    def say(line: str) -> None:
        print(safe(line), flush=True)

    try:
        sync_git.sync(data_path(args), args.remote, lambda: open_store(args), default_clock(), say)
    except sync_git.GitError as problem:
        error(str(problem))
        return 2
    return 0


def merge_file(args: argparse.Namespace) -> int:
    """git's merge driver (`sync _merge-file %O %A %B %P`): exit 0 once merged into
    OURS; 1, with one line, when a version cannot be read (git reports a conflict)."""
    from netbalance.actions import sync_git
    from netbalance.cli.output import error

    problem = sync_git.merge_file(args.base, args.ours, args.theirs, args.name)
    if problem is not None:
        error(f"merge-file: {problem}")
        return 1
    return 0
