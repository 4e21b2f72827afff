"""Fixtures for the store tests: a frozen clock, a data path in a fresh folder, and
the record builders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from nbstore_helpers import T0, Make, snapshot

from netbalance.core.clock import FakeClock
from netbalance.store.store import Store


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def path(tmp_path: os.PathLike[str]) -> str:
    return os.path.join(os.fspath(tmp_path), "data", "nb.json")


@pytest.fixture
def open_store(path: str, clock: FakeClock) -> Callable[..., Store]:
    """Open (another) Store on the same data path: each call is like another process."""

    def opener(at: str | None = None) -> Store:
        return Store.open(at or path, clock)

    return opener


@pytest.fixture
def store(open_store: Callable[..., Store]) -> Store:
    return open_store()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def make() -> Make:
    return Make(T0)


@pytest.fixture
def files_of() -> Callable[[str], dict[str, bytes]]:
    return snapshot
