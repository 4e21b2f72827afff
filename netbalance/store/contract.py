"""What the repositories and the undo journal need of the store, as a protocol: they
depend on this and the store on them, so no import runs round in a circle."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from netbalance.store.backups import Backups
    from netbalance.store.datafile import DataFile
    from netbalance.store.meetings import MeetingsCopy

Doc = dict[str, Any]


class Files(Protocol):
    """The store's files and its transaction, as a repository or an undo sees them."""

    backups: Backups
    main: DataFile
    box_file: DataFile

    def transaction(self) -> AbstractContextManager[None]: ...

    def use(self, data_file: DataFile) -> DataFile: ...

    def touch(self, data_file: DataFile) -> None: ...

    def note_change(self, table: str, before: Doc | None, after: Doc | None) -> None: ...

    def note_added(self, table: str, docs: Sequence[Doc]) -> None: ...

    def month_file(self, month: str) -> DataFile: ...

    def meetings_of(self, month: str) -> DataFile | MeetingsCopy: ...

    def months(self) -> list[str]: ...

    def file_of_doc(self, table: str, doc: Doc) -> DataFile: ...
