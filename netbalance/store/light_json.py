"""JSON reading without `json` or orjson: for the commands a shell runs on every prompt
or Tab, and for the data files of every command that only reads them.

`import json` costs more than the rest of `netbalance status` together: its decoder
imports `re`, which imports `enum` and `functools`. The parser json.loads uses is the C
scanner of CPython's `_json`, importable alone for a fraction of that; this module
drives it as `json.JSONDecoder` does. Where `_json` is missing (another Python), it
falls back on `json.loads`. tests/store/test_light_json.py holds `loads` to json.loads
and `loads_data` to orjson.loads.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `from typing import …`: `netbalance status` would pay for it
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

WHITESPACE = " \t\n\r"


def _constant(name: str) -> float:
    """NaN, Infinity and -Infinity, which json.loads reads too."""
    return {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}[name]


class _Settings:
    """What the C scanner reads off the decoder it is made for (json.loads' defaults)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float: Callable[[str], float] = float
    parse_int: Callable[[str], int | float] = int
    parse_constant = staticmethod(_constant)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _float_as_orjson(text: str) -> float:
    """A number with a fraction or exponent; one past a double's range is refused."""
    number = float(text)
    if number - number != 0.0:  # inf (NaN never gets here)
        raise ValueError(f"number {text} is infinite as a double")
    return number


def _int_as_orjson(text: str) -> int | float:
    """An integer; one past 64 bits is read as a double, as orjson reads it."""
    number = int(text)
    if len(text) > 18 and not -(2**63) <= number < 2**64:
        return float(number)
    return number


class _DataSettings(_Settings):
    """As orjson reads a data file (`loads_data`): netbalance writes them with orjson,
    so a value orjson could not write back is refused or read as it reads it."""

    parse_constant = staticmethod(_refuse_constant)
    parse_float = staticmethod(_float_as_orjson)
    parse_int = staticmethod(_int_as_orjson)


def _scanner(settings: _Settings) -> Callable[[str, int], tuple[Any, int]] | None:
    try:
        from _json import make_scanner
    except ImportError:  # not CPython
        return None
    # typeshed types the argument as a scanner; the C code reads only _Settings' names
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(settings)  # type: ignore[arg-type]
    return scan


_SCAN = _scanner(_Settings())
_SCAN_DATA = _scanner(_DataSettings())


def skip_space(text: str, index: int) -> int:
    """The index of the first character from `index` on that is not JSON whitespace."""
    while index < len(text) and text[index] in WHITESPACE:
        index += 1
    return index


def value_at(text: str, index: int) -> tuple[Any, int]:
    """The JSON value starting at `index` (after any whitespace) and the index after it;
    ValueError when there is none."""
    index = skip_space(text, index)
    if _SCAN is not None:
        try:
            return _SCAN(text, index)
        except (StopIteration, ValueError, SystemError):
            # Not JSON. The scanner raises json's own error only when `json.decoder` is
            # imported (else SystemError): json says where and why, at this rare cost.
            pass
    from json import JSONDecoder

    value, end = JSONDecoder().raw_decode(text, index)
    return value, end


def loads(raw: bytes | str) -> Any:
    """The one JSON document `raw` holds (UTF-8 when bytes), as json.loads reads it;
    ValueError (UnicodeDecodeError among them) when it is not one."""
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    if text.startswith("\ufeff"):
        raise ValueError("unexpected UTF-8 byte order mark")
    value, end = value_at(text, 0)
    end = skip_space(text, end)
    if end != len(text):
        raise ValueError(f"extra data at character {end}")
    return value


# Once a process has this many bytes of data files to parse, the rest are parsed by
# orjson, even when that means importing it. Measured in fresh processes: the scanner
# parses ~20 ms a MB, orjson ~9 ms a MB, and importing orjson (with dataclasses, uuid,
# json) costs 15-20 ms. `log` reads a month file or two (a few hundred KB) and is quicker
# without orjson; `report` reads five month files and the main file (2.7 MB on ten years
# of data) and is quicker with it.
ORJSON_FROM = 500_000
_scanned = 0  # bytes of data files parsed by the scanner in this process


def loads_data(raw: bytes) -> Any:
    """A data file's document, read exactly as orjson.loads reads it.

    netbalance writes its data files with orjson. The first few hundred KB a process
    reads go through the C scanner (`scanned_data`), without importing orjson, whose
    import costs more than their parse; from ORJSON_FROM bytes on (or once orjson is
    imported anyway) orjson parses them, faster."""
    global _scanned
    if _scanned + len(raw) < ORJSON_FROM and "orjson" not in sys.modules:
        _scanned += len(raw)
        return scanned_data(raw)
    import orjson

    return orjson.loads(raw)


def scanned_data(raw: bytes) -> Any:
    """A data file's document read through the C scanner, exactly as orjson reads it.

    The scanner refuses NaN, Infinity and numbers past a double's range, and reads
    integers past 64 bits as doubles, as orjson does. What it does not read goes to orjson
    itself, for its verdict and its words for what is wrong (orjson.JSONDecodeError, a
    ValueError). So does a file with a backslash-u escape, which may be a lone surrogate
    that orjson refuses and the scanner would not; orjson writes one only for a control
    character, which is rare in a data file."""
    if _SCAN_DATA is not None and b"\\u" not in raw:
        try:
            text = raw.decode("utf-8")
            index = skip_space(text, 0)
            if not text.startswith("\ufeff"):
                value, end = _SCAN_DATA(text, index)
                if skip_space(text, end) == len(text):
                    return value
        except (StopIteration, ValueError, SystemError, RecursionError):
            pass
    import orjson

    return orjson.loads(raw)
