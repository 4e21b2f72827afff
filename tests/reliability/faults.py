"""Make the k-th write, fsync or rename of a save fail, as a failing disk would (tests only).

The store's file code (netbalance.store.files and .journal) calls `os.write`, `os.fsync`
and `os.replace` through its module's `os` name; `Faults.install()` puts a stand-in for
`os` there that counts those calls and makes the `at`-th fail with `code` (EIO, ENOSPC):
once, or, `forever`, that call and every later one. With `short`, a failing write first
writes half of its bytes, as a disk that fills up in the middle of a write does (the
write returns a short count, and the next one fails). `at=None` only counts.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import Any

KINDS = ("write", "fsync", "replace")
MODULES = ("netbalance.store.files", "netbalance.store.journal")
CODES = {"EIO": errno.EIO, "ENOSPC": errno.ENOSPC}


class _Os:
    """`os`, but for the counted calls."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults

    def __getattr__(self, name: str) -> Any:
        if name in KINDS:
            return self._faults.wrapped(name, getattr(os, name))
        return getattr(os, name)


class Faults:
    def __init__(
        self,
        at: int | None = None,
        code: int = errno.EIO,
        *,
        forever: bool = False,
        short: bool = False,
    ) -> None:
        self.at = at
        self.code = code
        self.forever = forever
        self.short = short
        self.calls: list[str] = []
        self.injected = 0
        self._saved: dict[str, Any] = {}
        self._fail_next = False

    def describe(self) -> str:
        mode = "forever" if self.forever else "once"
        return f"call {self.at} ({errno.errorcode[self.code]}, {mode})"

    def clear(self) -> None:
        """The fault is gone: nothing fails from now on."""
        self.at = None
        self._fail_next = False

    def _fails(self, number: int) -> bool:
        if self._fail_next:
            return True
        if self.at is None:
            return False
        return number == self.at or (self.forever and number > self.at)

    def wrapped(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any) -> Any:
            self.calls.append(name)
            if not self._fails(len(self.calls)):
                return real(*args)
            if name == "write" and self.short and not self._fail_next and len(args[1]) > 1:
                self._fail_next = True  # this write lands in part; the next one fails
                return real(args[0], args[1][: len(args[1]) // 2])
            self._fail_next = self._fail_next and self.forever
            self.injected += 1
            raise OSError(self.code, os.strerror(self.code))

        return call

    def install(self) -> None:
        stand_in = _Os(self)
        for module in MODULES:
            self._saved[module] = sys.modules[module].os  # type: ignore[attr-defined]
            sys.modules[module].os = stand_in  # type: ignore[attr-defined]

    def uninstall(self) -> None:
        for module, real in self._saved.items():
            sys.modules[module].os = real  # type: ignore[attr-defined]
        self._saved = {}


def from_spec(spec: str) -> Faults:
    """`AT:CODE:once|forever[:short]` (AT 0: count only), as NB_FAULT gives it."""
    at, code, mode, *rest = spec.split(":")
    return Faults(int(at) or None, CODES[code], forever=mode == "forever", short="short" in rest)
