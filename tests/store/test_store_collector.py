"""A data file's document is read out of the cyclic collector's way: frozen once made, so
no later collection walks it, with the collector as it was before the read."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator

import pytest
from nbstore_helpers import Make

from netbalance.store.errors import DataFileError
from netbalance.store.store import Store


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_a_read_document_is_frozen_and_the_collector_runs_again(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    card = store.items.add(make.item("Write the paper"))
    gc.unfreeze()
    before = gc.get_freeze_count()

    again = open_store()
    assert again.items.get(card.id) == card
    assert gc.get_freeze_count() > before
    assert gc.isenabled()


def test_a_read_leaves_a_paused_collector_paused(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    card = store.items.add(make.item("Write the paper"))
    gc.disable()
    assert open_store().items.get(card.id) == card
    assert not gc.isenabled()


def test_a_file_that_is_not_json_leaves_the_collector_running(
    open_store: Callable[..., Store], path: str
) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b'{"items": {"1": ')
    with pytest.raises(DataFileError):
        open_store().items.all()
    assert gc.isenabled()
