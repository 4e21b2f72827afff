"""light_json reads what json.loads reads, and refuses what it refuses: `netbalance
status` and the completion query read the box and meta records through it."""

from __future__ import annotations

import contextlib
import json
import math
import subprocess
import sys
from typing import Any

import orjson
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


def _orjson_verdict(raw: bytes) -> tuple[str, Any]:
    try:
        return "read", orjson.loads(raw)
    except orjson.JSONDecodeError:
        return "refused", None


def _data_verdict(raw: bytes) -> tuple[str, Any]:
    """The scanner's reading (`loads_data` of a small file where orjson is not imported;
    this process has it imported, so `loads_data` itself would go to orjson)."""
    try:
        return "read", light_json.scanned_data(raw)
    except ValueError:
        return "refused", None


def _same(a: Any, b: Any) -> bool:
    """Equal, with the type of every number too (an integer past 64 bits is a float)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


DATA_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 3, max_value=2**64 + 3)
    | st.integers(min_value=-(2**63) - 3, max_value=-(2**63) + 3)
    | st.floats()
    | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(DATA_VALUES, st.booleans())
def test_a_data_file_reads_as_orjson_reads_it(value: Any, ascii_only: bool) -> None:
    """As orjson writes a data file, and as a person's editor (Python's json) would:
    NaN, Infinity, integers past 64 bits, escaped surrogates."""
    raws = [json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")]
    with contextlib.suppress(orjson.JSONEncodeError):  # a value orjson cannot write
        raws.append(orjson.dumps(value))
    for raw in raws:
        expected, read = _orjson_verdict(raw), _data_verdict(raw)
        assert expected[0] == read[0]
        assert _same(expected[1], read[1])


@given(st.text(max_size=40) | st.binary(max_size=40).map(lambda b: b.decode("latin-1")))
def test_any_text_is_a_data_file_read_or_refused_as_orjson_does(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    expected, read = _orjson_verdict(raw), _data_verdict(raw)
    assert expected[0] == read[0]
    assert _same(expected[1], read[1])


@pytest.mark.parametrize(
    "raw",
    [
        b"[NaN]",
        b"[-Infinity]",
        b"[1e400]",
        b'["\\ud800"]',
        b"\xef\xbb\xbf{}",
        b'{"a": "\x01"}',
        b"[1,]",
        b"\xff{}",
        b"{} {}",
    ],
)
def test_a_data_file_orjson_refuses_is_refused_in_its_words(raw: bytes) -> None:
    with pytest.raises(orjson.JSONDecodeError) as expected:
        orjson.loads(raw)
    with pytest.raises(ValueError) as refused:
        light_json.scanned_data(raw)
    assert str(refused.value) == str(expected.value)


def test_a_data_file_is_read_without_importing_orjson() -> None:
    """The point of `loads_data`: `netbalance report` reads the store without orjson."""
    code = (
        "import sys; from netbalance.store import light_json; "
        'light_json.loads_data(b\'{"items": {"1": {"n": 18446744073709551615}}}\'); '
        "print('orjson' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
