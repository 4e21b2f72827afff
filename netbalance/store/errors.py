"""What can go wrong with the data, in words a person can act on."""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import …`: `netbalance status` imports this
if TYPE_CHECKING:
    from netbalance.store.journal import Step


class StoreError(Exception):
    """A data problem the user must hear about; the message is one line."""


class DataFileError(StoreError):
    """A file that is not valid netbalance data. It is never overwritten."""

    def __init__(self, path: str, problem: str, backup: str | None) -> None:
        self.path = path
        self.problem = problem
        self.backup = backup
        if backup:
            advice = f"newest backup: {backup} (`netbalance restore {backup}` restores it)"
        else:
            advice = "no backup exists yet; move the file aside to start afresh"
        super().__init__(
            f"{path} is not valid netbalance data ({problem}); it was left untouched; {advice}"
        )


class NewerSchemaError(StoreError):
    """A file written by a newer netbalance: readable, never written."""

    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            f"{path} was written by a newer netbalance (schema {found}, this one knows "
            f"{known}); upgrade netbalance to change it"
        )


class LockTimeout(StoreError):
    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(
            f"another netbalance process has held {path} for {seconds:.0f} s; try again"
        )


class WriteError(StoreError):
    """A save that failed (disk full, I/O error); the file on disk is unchanged."""

    def __init__(self, path: str, error: OSError) -> None:
        reason = error.strerror or str(error)
        super().__init__(f"could not save {path}: {reason}; nothing was changed")


class PartlySaved(StoreError):
    """A failed save that could not put every file back (the disk failed again while
    putting them back): each file is whole, old or new, as after a kill at that moment."""

    def __init__(self, error: Exception, left: list[str]) -> None:
        first = str(error).removesuffix("; nothing was changed")
        names = ", ".join(left)
        super().__init__(
            f"{first}; {names} could not be put back and already hold"
            f"{'s' if len(left) == 1 else ''} the change (every file is whole)"
        )


class ReadOnlyError(StoreError):
    """The data folder or a data file cannot be written: the data is read, never changed."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot change {path}: {reason}; nothing was changed")


class BigDrop(StoreError):
    """A save that would remove more than half of a data file's records, and at least
    BIG_DROP of them, in one step (see `store.big_drops`). Nothing is written; with
    permission (`--force` on the command line, a yes in the app) the save goes ahead after
    a backup of each such file that rotation never removes."""

    def __init__(self, drops: list[tuple[str, int, int]]) -> None:
        self.drops = drops  # (file, records before, records after) of each file
        said = " and ".join(
            f"{before - after:,} of {before:,} records from {path}" for path, before, after in drops
        )
        super().__init__(f"this would remove {said}; nothing was changed")


class UnknownId(StoreError, LookupError):
    """An id (or the start of one) the user typed that names no record, or several."""

    def __init__(self, what: str, prefix: str, matches: list[str] | None = None) -> None:
        self.matches = matches or []
        if self.matches:
            listed = ", ".join(self.matches[:10])
            message = f"{what} id {prefix!r} is ambiguous: it matches {listed}"
        else:
            message = f"no {what} with id {prefix!r}"
        super().__init__(message)


class NothingToUndo(StoreError):
    """Undo with no done step, or redo with no undone one."""


class StepChanged(StoreError):
    """The step to undo or redo is no longer the one the user was asked about (another
    process made a change, or undid one, meanwhile): nothing was changed."""

    def __init__(self, verb: str, step: Step) -> None:
        self.step = step
        super().__init__(
            f"the last change is now “{step.describe()}”; nothing was {verb}ne, ask again"
        )
