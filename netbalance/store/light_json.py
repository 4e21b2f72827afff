"""JSON reading for the commands a shell runs on every prompt or Tab, without `json`.

`import json` costs more than the rest of `netbalance status` together: its decoder
imports `re`, which imports `enum` and `functools`. The parser json.loads uses is the C
scanner of CPython's `_json`, importable alone for a fraction of that; this module
drives it as `json.JSONDecoder` does. Where `_json` is missing (another Python), it
falls back on `json.loads`. tests/store/test_light_json.py holds it to json.loads.
"""

from __future__ import annotations

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
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_constant)


def _scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    try:
        from _json import make_scanner
    except ImportError:  # not CPython
        return None
    # typeshed types the argument as a scanner; the C code reads only _Settings' names
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(_Settings())  # type: ignore[arg-type]
    return scan


_SCAN = _scanner()


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
