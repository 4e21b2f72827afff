"""`where`: the records whose stored document passes a cheap test, decoding only those
(a weekly report looks at a few items and contacts among thousands)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta

import pytest
from nbstore_helpers import Make

from netbalance.core.models import replace
from netbalance.store.errors import DataFileError
from netbalance.store.store import Store


def test_where_keeps_the_matching_records_in_stored_order(
    store: Store, open_store: Callable[..., Store], make: Make
) -> None:
    first = store.items.add(make.item("Write the paper"))
    store.items.add(replace(make.item("Old card"), shipped=make.now - timedelta(days=30)))
    third = store.items.add(make.item("Ship the talk"))
    since = (make.now - timedelta(days=1)).isoformat()

    again = open_store()
    assert again.items.where(lambda doc: doc.get("shipped", "") >= since) == [first, third]
    assert again.items.where(lambda doc: doc["id"] == third.id) == [third]
    assert again.contacts.where(lambda doc: True) == []


def test_where_decodes_only_the_kept_documents(
    store: Store, open_store: Callable[..., Store], make: Make, path: str
) -> None:
    kept = store.contacts.add(make.contact("Ada Lovelace"))
    broken = store.contacts.add(make.contact("Charles Babbage"))
    main = store.use(store.main)
    with store.transaction():
        for doc in main.data["contacts"].values():
            if doc["id"] == broken.id:
                del doc["created"]  # not decodable any more
        store.touch(main)

    again = open_store()
    assert again.contacts.where(lambda doc: doc["id"] == kept.id) == [kept]
    with pytest.raises(DataFileError) as caught:
        again.contacts.where(lambda doc: doc["id"] == broken.id)
    assert os.path.basename(path) in str(caught.value)
    assert broken.id in str(caught.value)


def test_between_with_keep_filters_the_overlapping_records(store: Store, make: Make) -> None:
    start = make.now - timedelta(days=40)
    alone = replace(make.session(start=start), contact_id=None, contact_name=None)
    met = make.session(start=start + timedelta(hours=1))
    later = make.session(start=make.now - timedelta(hours=1))
    store.sessions.add_many([alone, met, later])

    with_someone = store.sessions.between(
        start, make.now - timedelta(days=1), keep=lambda doc: doc.get("contact_id") is not None
    )
    assert with_someone == [met]
    assert store.sessions.between(start, make.now - timedelta(days=1)) == [alone, met]
