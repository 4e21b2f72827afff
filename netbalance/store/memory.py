"""TinyDB's storage over a data file's tables already parsed in memory: the DataFile does
the file I/O. A module of its own, imported with TinyDB by the first change to a file: a
command that only reads never imports TinyDB."""

from __future__ import annotations

from tinydb.storages import Storage

from netbalance.store import schema


class Memory(Storage):
    def __init__(self, data: schema.Data) -> None:
        self.data = data

    def read(self) -> schema.Data:
        return self.data

    def write(self, data: schema.Data) -> None:
        self.data = data

    def close(self) -> None:
        pass
