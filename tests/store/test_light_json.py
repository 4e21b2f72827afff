"""light_json reads what json.loads reads, and refuses what it refuses: `netbalance
status` and the completion query read the box and meta records through it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netbalance.store import light_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(JSON_VALUES, st.sampled_from([None, 2]))
def test_every_json_document_reads_as_json_reads_it(value: Any, indent: int | None) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    assert light_json.loads(text.encode()) == json.loads(text)
    assert light_json.loads(f" \n{text}\t\r\n") == json.loads(text)


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_as_json_does(text: str) -> None:
    try:
        expected = json.loads(text)
    except ValueError:
        with pytest.raises(ValueError):
            light_json.loads(text)
        return
    read = light_json.loads(text)
    assert read == expected or (math.isnan(read) and math.isnan(expected))


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b'{"box"', b'{"meta": {"1": {}}, "box"', b"{} {}", b"[1,]", b"\xff\xfe{}", b"nul"],
)
def test_a_broken_document_is_a_value_error_naming_where(raw: bytes) -> None:
    with pytest.raises(ValueError) as refused:
        light_json.loads(raw)
    assert str(refused.value)


def test_it_reads_with_the_c_scanner_on_cpython() -> None:
    """The point of the module: without `json`, through `_json`'s scanner."""
    assert light_json._SCAN is not None
