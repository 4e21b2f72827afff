"""The fixture for tests that sync through two real Syncthing daemons."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .syncthing import SyncthingPair


@pytest.fixture
def syncthing_pair(tmp_path: Path) -> Iterator[SyncthingPair]:
    """Two connected Syncthing devices sharing one folder, stopped after the test."""
    binary = shutil.which("syncthing")
    if binary is None:
        pytest.skip(
            "syncthing is not installed: apt-get install syncthing "
            "(Debian's package; the sync tests run two real daemons on 127.0.0.1)"
        )
    with SyncthingPair(tmp_path, binary) as pair:
        yield pair
