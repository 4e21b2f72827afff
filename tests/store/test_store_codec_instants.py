"""Decoding reads the stored instant form quickly and every other form as `from_iso`
does: an offset-less stamp is UTC, another offset is converted to UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netbalance.core.instants import from_iso
from netbalance.store import codec


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-11-28T09:00:00+00:00",
        "2026-11-28T09:00:00",
        "2026-11-28T10:00:00+01:00",
        "2026-11-28T04:30:00-04:30",
        "2026-11-28T09:00:00Z",
    ],
)
def test_every_instant_form_decodes_as_from_iso_does(stamp: str) -> None:
    doc = {
        "id": "i1",
        "contact_id": "c1",
        "when": stamp,
        "created": stamp,
        "updated": "2026-11-28T09:00:00+00:00",
    }
    decoded = codec.interaction_from_doc(doc)
    assert decoded.when == from_iso(stamp) == datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert decoded.when.utcoffset() == decoded.created.utcoffset() == UTC.utcoffset(None)
    assert codec.interaction_to_doc(decoded)["when"] == "2026-11-28T09:00:00+00:00"
