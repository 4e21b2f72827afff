"""Two real Syncthing daemons on localhost that share one folder, for sync tests.

Everything stays on 127.0.0.1: discovery, relays, NAT, usage and crash reporting and
upgrades are all off. Each device knows the other by device ID; B dials A at A's explicit
address and A accepts (see SyncthingDaemon.configure for why only one side dials).
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

FOLDER_ID = "netbalance-sync"
POLL_S = 0.1

# NAME.sync-conflict-YYYYMMDD-HHMMSS-SHORTID.ext, SHORTID being the first group of a
# device ID (see conflict_copies).
CONFLICT_RE = re.compile(
    r"^(?P<stem>.*)\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z2-7]{7})"
    r"(?P<ext>\.[^.]*)?$"
)

# Names Syncthing keeps for itself inside a synced folder.
_INTERNAL = (".stfolder", ".stversions", ".stignore")
# Environment variables (any case) that would send Syncthing's traffic elsewhere or
# change how it runs.
_DROPPED_ENV = {
    "all_proxy",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "sttrace",
    "stguiaddress",
    "stguiapikey",
    "stmonitored",
}
_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "urSeen": "3",
    "autoUpgradeIntervalH": "0",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "restartOnWakeup": "false",
    "setLowPriority": "false",
    "reconnectionIntervalS": "1",
    "progressUpdateIntervalS": "-1",
}


class SyncthingError(RuntimeError):
    """A daemon failed to start, answered with an error, or did not settle in time."""


def free_ports(count: int) -> list[int]:
    """Distinct TCP ports on 127.0.0.1 that were free a moment ago."""
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every user file under a synced folder, by POSIX relative path, with its bytes."""
    tree: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in _INTERNAL or path.name.startswith(".syncthing."):
            continue
        if path.is_file():
            tree[relative.as_posix()] = path.read_bytes()
    return tree


def conflict_copies(folder: Path, name: str) -> list[Path]:
    """The conflict copies Syncthing left for the file `name` (relative) in `folder`."""
    original = Path(name)
    found: list[Path] = []
    parent = folder / original.parent
    if not parent.is_dir():
        return found
    for path in sorted(parent.iterdir()):
        match = CONFLICT_RE.match(path.name)
        if match and match["stem"] + (match["ext"] or "") == original.name:
            found.append(path)
    return found


def _wait_for(
    what: str, check: Callable[[], bool], timeout: float, state: Callable[[], object]
) -> None:
    """Poll `check` until it holds; on timeout raise with `state()` for the reader."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            raise SyncthingError(f"timed out after {timeout:g} s waiting for {what}: {state()}")
        time.sleep(POLL_S)


@dataclass
class SyncthingDaemon:
    """One Syncthing device: its home, its synced folder, its ports and its process."""

    name: str
    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    dials: bool
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None
    _opener: urllib.request.OpenerDirector = field(
        # No proxy handler: requests to 127.0.0.1 never go through an http_proxy.
        default_factory=lambda: urllib.request.build_opener(urllib.request.ProxyHandler({}))
    )

    @property
    def short_id(self) -> str:
        """The first group of the device ID, as Syncthing writes it in conflict names."""
        return self.device_id.split("-")[0]

    @property
    def address(self) -> str:
        """The sync protocol address the other device dials."""
        return f"tcp://127.0.0.1:{self.listen_port}"

    @property
    def log_path(self) -> Path:
        """Where the daemon's output goes."""
        return self.home / "syncthing.log"

    def generate(self, binary: str) -> None:
        """Create the keys and the default config, and learn the device ID."""
        self.home.mkdir(parents=True, exist_ok=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".stfolder").mkdir(exist_ok=True)
        subprocess.run(
            [binary, "generate", f"--home={self.home}", "--no-default-folder"],
            check=True,
            capture_output=True,
            env=self._env(),
            timeout=60,
        )
        own = ET.parse(self.home / "config.xml").getroot().find("device")
        if own is None or not own.get("id"):
            raise SyncthingError(f"{self.name}: no device ID in the generated config")
        self.device_id = own.get("id", "")

    def configure(self, peer: SyncthingDaemon) -> None:
        """Rewrite config.xml: localhost only, the peer at its address, one shared folder."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        defaults = root.find("defaults")
        gui, options = root.find("gui"), root.find("options")
        if defaults is None or gui is None or options is None:
            raise SyncthingError(f"{self.name}: unexpected config layout in {path}")
        folder_template = defaults.find("folder")
        device_template = defaults.find("device")
        if folder_template is None or device_template is None:
            raise SyncthingError(f"{self.name}: no folder/device defaults in {path}")

        gui.set("enabled", "true")
        gui.set("tls", "false")
        _set_child(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set_child(gui, "apikey", self.api_key)

        for element in options.findall("listenAddress"):
            options.remove(element)
        ET.SubElement(options, "listenAddress").text = self.address
        for option, value in _OPTIONS.items():
            _set_child(options, option, value)

        for element in root.findall("device") + root.findall("folder"):
            root.remove(element)
        # Only the dialer names its peer's address; the other side just accepts. Syncthing
        # 1.19 handles new connections one at a time, so two devices dialing each other at
        # once both wait 20 s for a Hello that is queued behind their own.
        peer_address = peer.address if self.dials else "dynamic"
        insert_at = 0
        for device_id, name, address in (
            (self.device_id, self.name, "dynamic"),
            (peer.device_id, peer.name, peer_address),
        ):
            device = copy.deepcopy(device_template)
            device.set("id", device_id)
            device.set("name", name)
            _set_child(device, "address", address)
            root.insert(insert_at, device)
            insert_at += 1

        folder = copy.deepcopy(folder_template)
        folder.attrib.update(
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(self.folder),
            type="sendreceive",
            rescanIntervalS="60",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for element in folder.findall("device"):
            folder.remove(element)
        for position, device_id in enumerate((self.device_id, peer.device_id), start=1):
            member = ET.Element("device", id=device_id, introducedBy="")
            ET.SubElement(member, "encryptionPassword").text = ""
            folder.insert(position, member)
        root.insert(insert_at, folder)
        tree.write(path, encoding="utf-8", xml_declaration=False)

    def start(self, binary: str) -> None:
        """Start the daemon; its output goes to syncthing.log in its home."""
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                binary,
                "serve",
                f"--home={self.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--no-default-folder",
                "--skip-port-probing",
                "--logflags=3",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=self._env(),
            # Syncthing 1.19 runs a monitor process and the real one as its child: a
            # group of their own lets stop() kill both.
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float) -> None:
        """Wait until the REST API answers and the sync listener is up; fail early if the
        process dies."""

        def answers() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise SyncthingError(
                    f"{self.name}: syncthing exited with {self.process.returncode}\n"
                    + self.log_tail()
                )
            try:
                status = self.get("/rest/system/status")["connectionServiceStatus"]
            except (OSError, SyncthingError):
                return False
            listener = status.get(self.address) or {}
            return bool(listener.get("lanAddresses")) and listener.get("error") is None

        _wait_for(f"{self.name}'s REST API and listener", answers, timeout, self.log_tail)

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the daemon, kill it if it lingers, and close its log."""
        process, self.process = self.process, None
        if process is not None:
            if process.poll() is None:
                process.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=timeout)
            # Whatever is left of the group (the monitor's child too) is killed.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        """The end of the daemon's log, for error messages."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def get(self, path: str, **params: str) -> Any:
        """GET a REST endpoint and decode its JSON."""
        return self._request("GET", path, params)

    def post(self, path: str, **params: str) -> Any:
        """POST to a REST endpoint; returns its JSON, or None for an empty answer."""
        return self._request("POST", path, params)

    def _request(self, method: str, path: str, params: Mapping[str, str]) -> Any:
        url = f"http://127.0.0.1:{self.gui_port}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, method=method, headers={"X-API-Key": self.api_key})
        try:
            with self._opener.open(request, timeout=60) as response:
                body: bytes = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()
            raise SyncthingError(f"{self.name}: {method} {path} -> {error.code} {detail}") from None
        return json.loads(body) if body.strip() else None

    def _env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key.lower() not in _DROPPED_ENV}
        env.update(
            HOME=str(self.home),
            # Conflict copies are named after the daemon's local time: make it UTC.
            TZ="UTC",
            # Use the SIMD SHA-256 without benchmarking it first: a second off each start.
            STHASHING="minio",
            STNODEFAULTFOLDER="1",
            STNOUPGRADE="1",
            STNORESTART="1",
        )
        return env


def _set_child(parent: ET.Element, tag: str, text: str) -> None:
    child = parent.find(tag)
    if child is None:
        child = ET.SubElement(parent, tag)
    child.text = text


class SyncthingPair:
    """Two Syncthing devices, A and B, syncing one sendreceive folder over localhost.

    Use it as a context manager (or call start() and close()); it starts connected.
    """

    def __init__(self, root: Path, binary: str = "syncthing", start_timeout: float = 60.0) -> None:
        self.binary = binary
        self.start_timeout = start_timeout
        gui_a, listen_a, gui_b, listen_b = free_ports(4)
        self.devices: tuple[SyncthingDaemon, SyncthingDaemon] = (
            SyncthingDaemon("A", root / "a" / "home", root / "a" / "sync", gui_a, listen_a, False),
            SyncthingDaemon("B", root / "b" / "home", root / "b" / "sync", gui_b, listen_b, True),
        )
        self.folders: tuple[Path, Path] = (self.devices[0].folder, self.devices[1].folder)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _pairs(self) -> Iterator[tuple[SyncthingDaemon, SyncthingDaemon]]:
        """Each device with its peer."""
        a, b = self.devices
        yield a, b
        yield b, a

    def start(self, timeout: float | None = None) -> None:
        """Generate, configure and start both daemons, then wait until they connect."""
        timeout = self.start_timeout if timeout is None else timeout
        try:
            for device in self.devices:
                device.generate(self.binary)
            for device, peer in self._pairs():
                device.configure(peer)
            # The listener first: the dialer dials once on start-up, and a refused dial
            # is only retried some 5 s later.
            for device in sorted(self.devices, key=lambda each: each.dials):
                device.start(self.binary)
                device.wait_until_up(timeout)
            self.wait_until_connected(timeout)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop both daemons (terminate, then kill after a timeout)."""
        for device in self.devices:
            device.stop()

    def connected(self) -> bool:
        """Whether each device reports a live connection to the other."""
        for device, peer in self._pairs():
            connections = device.get("/rest/system/connections")["connections"]
            if not connections.get(peer.device_id, {}).get("connected", False):
                return False
        return True

    def _connection_state(self) -> dict[str, object]:
        return {
            device.name: device.get("/rest/system/connections")["connections"].get(peer.device_id)
            for device, peer in self._pairs()
        }

    def wait_until_connected(self, timeout: float = 30.0) -> None:
        """Wait until both devices see each other connected."""
        _wait_for("the devices to connect", self.connected, timeout, self._connection_state)

    def disconnect(self, timeout: float = 30.0) -> None:
        """Pause each device on the other and wait until the connection is gone."""
        for device, peer in self._pairs():
            device.post("/rest/system/pause", device=peer.device_id)

        def apart() -> bool:
            for device, peer in self._pairs():
                connections = device.get("/rest/system/connections")["connections"]
                if connections.get(peer.device_id, {}).get("connected", False):
                    return False
            return True

        _wait_for("the devices to disconnect", apart, timeout, self._connection_state)

    def connect(self, timeout: float = 30.0) -> None:
        """Resume each device on the other and wait until they are connected again."""
        # The listener first: the dialer dials at once on resume, and a refused dial
        # would only be retried some 5 s later.
        for device, peer in sorted(self._pairs(), key=lambda pair: pair[0].dials):
            device.post("/rest/system/resume", device=peer.device_id)
        self.wait_until_connected(timeout)

    def scan(self) -> None:
        """Rescan the shared folder on both devices (each call returns when its scan is done)."""
        for device in self.devices:
            device.post("/rest/db/scan", folder=FOLDER_ID)

    def sync_state(self) -> dict[str, dict[str, Any]]:
        """Each device's folder status and its completion figure for the other device."""
        state: dict[str, dict[str, Any]] = {}
        for device, peer in self._pairs():
            status = device.get("/rest/db/status", folder=FOLDER_ID)
            completion = device.get("/rest/db/completion", folder=FOLDER_ID, device=peer.device_id)
            connections = device.get("/rest/system/connections")["connections"]
            state[device.name] = {
                "connected": connections.get(peer.device_id, {}).get("connected", False),
                "state": status.get("state"),
                "needTotalItems": status.get("needTotalItems"),
                "pullErrors": status.get("pullErrors"),
                "global": tuple(
                    status.get(key)
                    for key in ("globalFiles", "globalDirectories", "globalDeleted", "globalBytes")
                ),
                "sequence": status.get("sequence"),
                "peerCompletion": completion.get("completion"),
                "peerNeedItems": completion.get("needItems"),
                "peerSequence": completion.get("sequence"),
            }
        return state

    def in_sync(self) -> bool:
        """Whether both devices are connected, idle, need nothing, hold each other's whole
        index and agree on the global state."""
        state = self.sync_state()
        a, b = state["A"], state["B"]
        # Completion alone can say 100 % for a peer that never announced a file; the
        # sequence numbers show that each device has the other's latest index.
        return (
            a["global"] == b["global"]
            and a["peerSequence"] == b["sequence"]
            and b["peerSequence"] == a["sequence"]
        ) and all(
            side["connected"]
            and side["state"] == "idle"
            and side["needTotalItems"] == 0
            and side["pullErrors"] == 0
            and side["peerCompletion"] == 100
            and side["peerNeedItems"] == 0
            for side in (a, b)
        )

    def wait_until_in_sync(self, timeout: float = 60.0) -> None:
        """Rescan both sides, then wait until they are connected, idle and 100 % complete
        for each other."""
        self.scan()
        _wait_for("the folder to be in sync", self.in_sync, timeout, self.sync_state)
