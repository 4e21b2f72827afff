"""Several machines on one data folder: each device writes only files of its own.

A data path `…/netbalance.json` shared by several devices (a Syncthing, Dropbox or
Nextcloud folder, or a git repository) is laid out as:

    netbalance.json              a marker (schema 2, role "devices"): an older
                                 netbalance refuses it in one line instead of writing
    netbalance.devices/<device>/ one folder a device, the single-device layout inside:
        netbalance.json              its cards, contacts and plans
        netbalance.2026-11.json      its history, a file a month
        netbalance.box.json          its running box (other devices show it)
        netbalance.gone.json         what it deleted (tombstones, kept 90 days and more)
        netbalance.journal.jsonl, .lock, .rollback*, .backups/, .merged.json
                                     this machine's alone (kept out of sync: .stignore,
                                     .gitignore)

Every device holds the whole history in its own files; what another device changed is
merged into them record by record (`store.merge`), so no two machines ever write one file
and a sync tool never has two versions of a file to choose between.

The device's name (`laptop-3f9a1c`: the host name and six random hex digits) lives
outside the synced folder, in the user's state folder, so two devices are told apart even
on one host.

A folder moves to this layout on its own when a sync tool syncs it (its marker is in the
folder or above it: Syncthing, Dropbox, Nextcloud; or it is where iCloud Drive and macOS
cloud drives keep their folders) or when the user asks (`netbalance
sync init`, `netbalance sync git`); the single-device files move into this device's
folder after a backup.
"""

from __future__ import annotations

import os
import re

LAYOUT = "devices"
LAYOUT_SCHEMA = 2
# Deterministic bytes: two devices that both make the marker make the same file, so
# neither a sync tool nor git sees two versions of it.
# Its role is not "main": a netbalance from before this layout refuses it in one line
# ("it holds 'devices' data, expected 'main'") instead of showing an empty board.
MARKER = (
    b'{"meta":{"1":{"schema_version":2,"role":"devices","layout":"devices",'
    b'"note":"netbalance data of several devices: see the .devices folder beside this"}}}'
)
STATE_ENV = "NETBALANCE_STATE"

# What a sync tool leaves in a folder it syncs (in it or in a folder above it).
SYNC_MARKERS = {
    ".stfolder": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".owncloudsync.log": "Nextcloud",
    ".nextcloudsync.log": "Nextcloud",
}
# A device's files that never leave its machine.
LOCAL_SUFFIXES = (
    ".journal.jsonl",
    ".lock",
    ".rollback",
    ".rollback.*",
    ".backups",
    ".merged.json",
    ".reminded",
    ".parsed",  # the main file, parsed (store/parsed.py)
    ".*.parsed",  # a month's file, parsed
    ".*.meetings",  # a month's meetings, parsed for the look-back (store/meetings.py)
)

_NAME = re.compile(r"[^a-z0-9-]+")


# the device -------------------------------------------------------------------


def state_folder() -> str:
    """This machine's state folder for netbalance (NETBALANCE_STATE, else XDG's)."""
    chosen = os.environ.get(STATE_ENV, "").strip()
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    import sys

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_STATE_HOME", "").strip() or os.path.expanduser("~/.local/state")
        return os.path.join(base, "netbalance")
    from platformdirs import user_state_dir

    return user_state_dir("netbalance", appauthor=False)


def device_name() -> str:
    """This device's name, made once (`laptop-3f9a1c`) and kept in the state folder."""
    path = os.path.join(state_folder(), "device")
    try:
        with open(path, encoding="utf-8") as handle:
            found = handle.read().strip()
        if found and _NAME.sub("", found) == found:
            return found
    except FileNotFoundError:
        pass
    import secrets

    from netbalance.store.files import atomic_write, ensure_private_dir

    host = _NAME.sub("-", os.uname().nodename.lower()).strip("-")[:24] or "device"
    name = f"{host}-{secrets.token_hex(3)}"
    try:
        ensure_private_dir(os.path.dirname(path))
        atomic_write(path, f"{name}\n".encode())
    except OSError:
        # a state folder that cannot be written: a name that stays the same for this
        # user on this host, so the device keeps its folder from one run to the next
        import hashlib

        mark = hashlib.sha256(f"{host}:{os.path.expanduser('~')}:{os.getuid()}".encode())
        return f"{host}-{mark.hexdigest()[:6]}"
    return name


# the layout -------------------------------------------------------------------


def stem_of(path: str) -> str:
    return path[: -len(".json")] if path.endswith(".json") else path


def devices_folder(root: str) -> str:
    """`…/netbalance.devices` for the data path `…/netbalance.json`."""
    return f"{stem_of(root)}.devices"


def shared(root: str) -> bool:
    """Is this data path laid out for several devices?"""
    return os.path.isdir(devices_folder(root))


def own_path(root: str, device: str | None = None) -> str:
    """Where this device's main file lives for the data path `root`."""
    return os.path.join(devices_folder(root), device or device_name(), os.path.basename(root))


def local_path(root: str) -> str:
    """The main file a store of `root` reads and writes: this device's when the data
    path is laid out for several devices, else `root` itself."""
    return own_path(root) if shared(root) else root


def devices(root: str) -> list[str]:
    """The devices that have a folder, by name."""
    try:
        return sorted(
            entry.name
            for entry in os.scandir(devices_folder(root))
            if entry.is_dir() and not entry.name.startswith(".")
        )
    except FileNotFoundError:
        return []


# Sync tools known by where their folder is rather than by a marker in it.
SYNC_PLACES = {
    "/Library/Mobile Documents/": "iCloud Drive",
    "/Library/CloudStorage/": "a cloud drive",
}


def synced_by(folder: str) -> str | None:
    """The sync tool whose marker is in `folder` or a folder above it, if any."""
    current = os.path.abspath(folder)
    for place, tool in SYNC_PLACES.items():
        if place in current + "/":
            return tool
    # Not the home folder, nor above it: Dropbox keeps its settings in `~/.dropbox`, and
    # a whole home synced is rare enough to ask for `sync init`.
    home = os.path.expanduser("~")
    while current != home and os.path.dirname(current) != current:
        for marker, tool in SYNC_MARKERS.items():
            if os.path.lexists(os.path.join(current, marker)):
                return tool
        current = os.path.dirname(current)
    return None


def is_marker(path: str) -> bool:
    """Is the file at `path` the marker of the devices layout (not single-device data)?"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"layout":"devices"' in head.replace(b" ", b"")


def ignore_lines(root: str) -> list[str]:
    """The patterns that keep each device's own files out of a sync tool and git."""
    base = os.path.basename(stem_of(root))
    folder = os.path.basename(devices_folder(root))
    top = [f"{base}.lock", f"{base}.backups"]  # moving in: the lock, the backups before it
    return [*top, *(f"{folder}/*/{base}{suffix}" for suffix in LOCAL_SUFFIXES)]


def add_lines(path: str, lines: list[str], heading: str = "") -> None:
    """The lines a text file lacks, added at its end under `heading` (a comment line);
    the lines already there (the user's own) stay as they are."""
    from netbalance.store.files import atomic_write

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    have = set(text.splitlines())
    missing = [line for line in lines if line not in have]
    if not missing:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    head = text if not text or text.endswith("\n") else text + "\n"
    block = f"{heading}\n" if heading else ""
    atomic_write(path, (head + block + "\n".join(missing) + "\n").encode())


def write_ignores(root: str) -> None:
    """`.stignore` (Syncthing) and `.gitignore` beside the data path name this layout's
    local files; lines the user wrote stay."""
    folder = os.path.dirname(root)
    wanted = ignore_lines(root)
    add_lines(os.path.join(folder, ".stignore"), wanted, "// netbalance: each device's own files")
    add_lines(os.path.join(folder, ".gitignore"), wanted, "# netbalance: each device's own files")


# moving in --------------------------------------------------------------------

_ROOT_FILE = re.compile(
    r"^(?P<stem>.+?)(?P<suffix>\.\d{4}-\d{2}\.json|\.box\.json|\.journal\.jsonl)$"
)


def _single_device_files(root: str) -> list[str]:
    """The data path and the month, box and journal files beside it."""
    folder, base = os.path.dirname(root), os.path.basename(stem_of(root))
    found = [root] if os.path.exists(root) else []
    for entry in sorted(os.listdir(folder)):
        match = _ROOT_FILE.match(entry)
        if match and match.group("stem") == base:
            found.append(os.path.join(folder, entry))
    return found


def move_in(root: str) -> str:
    """Lay the data path out for several devices (once; later calls only make this
    device's folder): the single-device files are kept as backups, copied into this
    device's folder, then the marker replaces the data path and the copies' originals
    are removed. A kill at any point leaves the data readable: before the marker the
    single-device files are the data (a later call copies them again), after it this
    device's folder is. A file this device's folder has already is left where it is, for
    the merge to read (`strays`). This device's main file is returned."""
    from netbalance.store.backups import Backups
    from netbalance.store.files import atomic_write, ensure_private_dir
    from netbalance.store.lock import WriterLock

    mine = own_path(root)
    folder = os.path.dirname(mine)
    lock = WriterLock(f"{stem_of(root)}.lock")
    ensure_private_dir(os.path.dirname(root))
    lock.acquire()
    try:
        ensure_private_dir(folder)
        if not is_marker(root):
            backups = Backups(f"{stem_of(root)}.backups")
            moved = []
            for path in _single_device_files(root):
                backups.named(path, "before-devices")
                target = os.path.join(folder, os.path.basename(path))
                if os.path.exists(target):
                    continue  # this device has that file already: merged in later
                with open(path, "rb") as handle:
                    data = handle.read()
                atomic_write(target, data)
                moved.append(path)
            atomic_write(root, MARKER)
            for path in moved:
                if path != root:
                    os.unlink(path)
        write_ignores(root)
    finally:
        lock.release()
    return mine


def strays(root: str) -> list[str]:
    """Single-device files beside the marker (a copy that was not moved in): the merge
    reads their records, then they go to the backups."""
    if not is_marker(root):
        return []
    return [path for path in _single_device_files(root) if path != root]


def wanted(root: str) -> bool:
    """Must the data path be (further) laid out for several devices before it is
    opened: single-device data in a synced folder, a marker without this device's
    folder, or a devices folder beside single-device data?"""
    if shared(root):
        return not is_marker(root) or not os.path.isdir(os.path.dirname(own_path(root)))
    return synced_by(os.path.dirname(root)) is not None
