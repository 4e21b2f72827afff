"""The app's heap: a kept load is out of the collector's full passes during keys, and what
a reload replaced is collected at the first quiet moment, never during typing — so a long
session does not grow through frozen garbage."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, new_id
from netbalance.store.store import Store
from netbalance.tui.heap import QUIET_TICKS, Heap


class Node:
    """Stands for a card's drawing: objects in a cycle, collected only by a full pass."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()


def replaced_load(heap: Heap) -> weakref.ref[Node]:
    """A load kept by a screen, then replaced by a reload: garbage, but frozen."""
    old = Node()
    heap.kept()
    gone = weakref.ref(old)
    del old
    heap.kept()  # the reload keeps its own set
    return gone


def test_a_replaced_load_outlives_a_collection_while_frozen_then_goes_when_quiet() -> None:
    heap = Heap()
    gone = replaced_load(heap)
    gc.collect()
    assert gone() is not None  # frozen: a key's collection never scans (nor frees) it
    for _ in range(QUIET_TICKS - 1):
        heap.tick()
    assert gone() is not None and heap.tidied == 0
    heap.tick()
    assert gone() is None and heap.tidied == 1
    assert gc.get_freeze_count() > 0  # what is alive is frozen again


def test_keys_put_the_tidy_up_off_until_the_user_is_quiet() -> None:
    heap = Heap()
    gone = replaced_load(heap)
    for _ in range(10):
        heap.tick()
        heap.key()  # a key every second: never tidied while typing
    assert gone() is not None and heap.tidied == 0
    for _ in range(QUIET_TICKS):
        heap.tick()
    assert gone() is None and heap.tidied == 1
    for _ in range(5):
        heap.tick()
    assert heap.tidied == 1  # once a reload, not every quiet second


def test_what_a_data_file_read_froze_is_tidied_when_quiet(tmp_path: Path) -> None:
    path = str(tmp_path / "nb.json")
    clock = FakeClock(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    now = clock.now()
    Store.open(path, clock).contacts.add(Contact(new_id(), "Ada Lovelace", now, now))
    heap = Heap()
    gc.disable()
    gone = weakref.ref(Node())  # garbage in a cycle, not yet collected
    assert Store.open(path, clock).contacts.all()  # the read freezes what is alive
    gc.enable()
    assert gone() is not None and heap.untidy
    for _ in range(QUIET_TICKS):
        heap.tick()
    assert gone() is None and heap.tidied == 1 and not heap.untidy
