"""A sequence whose items are made only when they are asked for: an import of 100,000
contacts keeps their stored documents (or the file's rows), and makes a Contact of one
only when something reads it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, overload

Item = TypeVar("Item")
Entry = TypeVar("Entry")


class Lazy(Sequence[Item], Generic[Entry, Item]):
    """`[make(entry) for entry in entries]`, each made when it is read (and not kept)."""

    def __init__(self, entries: list[Entry], make: Callable[[Entry], Item]) -> None:
        self.entries = entries
        self.make = make

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self.make(entry) for entry in self.entries[index]]
        return self.make(self.entries[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a list's

    def __repr__(self) -> str:
        return repr(list(self))
