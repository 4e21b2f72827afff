"""The data store: one folder of TinyDB files behind a writer lock.

For a data path `…/netbalance.json`:

    netbalance.json          items, contacts, weeks' plans and reviews, schema version
                             (the "main" file)
    netbalance.2026-11.json  sessions and interactions of one month (UTC), a file a month
    netbalance.box.json      the running box, alone, so `status` reads a few bytes
    netbalance.journal.jsonl the undo journal: what each user action changed (journal.py)
    netbalance.lock          serialises writers across processes
    netbalance.rollback      only while a save of several data files is in progress (or
                             was killed): what puts them back, with their old states
                             kept as netbalance.rollback.1, .2 … (files.py `several`)
    netbalance.backups/      daily rotating backups of every file

A data path that is a symlink (linked into a synced folder) is resolved once, here: every
file above lives beside its target, so the link and the target are one store with one
lock, and a save writes through to the target instead of replacing the link.

History is split by month so that a week's report parses a month or two, not a decade,
and a save rewrites one month; the running box has its own file so a shell prompt never
parses history.

All changes happen inside `transaction()`: it takes the lock, re-reads every file it
touches that another process changed, and on success saves each changed file atomically
(history first, then the main file, then the box, then the journal). An exception leaves
the disk untouched and the in-memory state is dropped so it is read again. A kill leaves
the data files of a save all new or all old: a save of several data files keeps their
old states and a rollback record until every rename is done; the next save (a writer,
under the lock) puts back those of a save that did not finish, when the record is its
own and every file is in a state it names, after a backup of each file it replaces (any
other record is set aside in the backups folder, never applied). Until then a reader
reads the kept states instead: it sees the save wholly absent and changes nothing.

The outermost transaction is one user action: every record it added, changed or removed
(not the running box) becomes one step of the undo journal, so any change made through
the repositories can be undone with `undo()` and redone with `redo()`.

A save that would leave a file with fewer than half the records it had, removing at least
ten (drops.is_big_drop: an undo of an import, a contact with a month of interactions),
is a big drop: it raises BigDrop and writes nothing, unless the store or the transaction
allows it (`--force`, a yes in the app); then each such file is first kept as
`<name>.before-drop-<YYYYMMDDTHHMMSS>.json` in the backups folder, which rotation never
removes and `netbalance restore` lists.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC
from functools import cached_property

from netbalance.core.clock import Clock
from netbalance.core.instants import to_iso
from netbalance.store import schema
from netbalance.store.backups import Backups
from netbalance.store.datafile import DataFile, read_only_file
from netbalance.store.drops import is_big_drop
from netbalance.store.errors import (
    BigDrop,
    DataFileError,
    LockTimeout,
    NewerSchemaError,
    NothingToUndo,
    PartlySaved,
    ReadOnlyError,
    WriteError,
)
from netbalance.store.files import (
    PutBackFailed,
    Signature,
    all_or_nothing,
    ensure_private_dir,
    file_signature,
    read_rollback,
    several,
)
from netbalance.store.lock import WriterLock
from netbalance.store.peek import peek

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    from netbalance.store.journal import Journal, Line, Noted, Outcome, Step, StepLine
    from netbalance.store.meetings import Meetings, MeetingsCopy
    from netbalance.store.merge import Merged
    from netbalance.store.repos import _Repository

    Doc = dict[str, Any]

Drop = tuple[str, int, int]  # a big drop: (file, records on disk, records after the save)

_MONTH_FILE = re.compile(r"^(?P<stem>.+)\.(?P<month>\d{4}-\d{2})\.json$")


def stem_of(path: str) -> str:
    path = os.path.realpath(path)
    return path[: -len(".json")] if path.endswith(".json") else path


class Store:
    def __init__(self, path: str, clock: Clock) -> None:
        from netbalance.store import devices
        from netbalance.store.repos import (
            BoxRepository,
            ContactRepository,
            InteractionRepository,
            ItemRepository,
            SessionRepository,
            WeekRepository,
        )

        self.root = os.path.realpath(path)  # a symlink: its target (see above)
        # laid out for several devices: this device's own files (store/devices.py)
        self.path = devices.local_path(self.root)
        self.shared = self.path != self.root
        self.clock = clock
        self.stem = stem_of(self.path)
        self.folder = os.path.dirname(self.path)
        self.backups = Backups(f"{self.stem}.backups")
        self.lock = WriterLock(f"{self.stem}.lock")
        self.rollback = f"{self.stem}.rollback"
        self.main = DataFile(self.path, "main", self.backups)
        self.box_file = DataFile(f"{self.stem}.box.json", "box", self.backups)
        # what this device deleted, for the other devices to delete too (shared only)
        self.gone = DataFile(f"{self.stem}.gone.json", "gone", self.backups)
        self._months: dict[str, DataFile] = {}
        self._depth = 0
        self._dirty: list[DataFile] = []
        self._fresh: set[str] = set()
        self._changes: dict[tuple[str, str], list[Doc | None]] = {}
        self._touched: dict[tuple[str, str], list[Doc | None]] = {}  # undoable or not
        # documents of new records added many at once, noted after all of the above:
        # (table, documents), not one entry each (an import adds 100,000)
        self._added: list[tuple[str, Sequence[Doc]]] = []
        self._action: str | None = None
        self._undoable = True
        # May a save drop more than half of a file's records (see big_drops)? For every
        # transaction of this store (the CLI's --force), or for one (`drop_allowed=True`).
        self.drop_allowed = False
        self._drop_allowed = False
        self._agreed: tuple[Drop, ...] = ()  # the big drops the user said yes to
        self._journal_intent: list[Line] = []  # journal lines saved before the data
        self._journal_lines: list[Line] = []  # and after it
        # While a rollback record of an unfinished save applies: where each file it names
        # is read from (its kept state; None: absent). Readers never apply it.
        self._view: dict[str, str | None] = {}
        self.merged: Merged | None = None  # what the last merge of other devices changed
        # How long a transaction waits for another process's lock (None: the lock's own).
        self._wait: float | None = None
        self.sessions = SessionRepository(self)
        self.interactions = InteractionRepository(self)
        self.items = ItemRepository(self)
        self.contacts = ContactRepository(self)
        self.weeks = WeekRepository(self)
        self.box = BoxRepository(self)

    def twin(self) -> Store:
        """A store of its own on the same files, for a worker thread: it reads and writes
        under the same lock and never shares this one's parsed state."""
        return Store(self.root, self.clock)

    @cached_property
    def journal(self) -> Journal:
        """The undo journal, read (and its module imported) only by a save or an undo."""
        from netbalance.store.journal import SUFFIX, Journal

        return Journal(os.path.realpath(f"{self.stem}{SUFFIX}"))

    @classmethod
    def open(cls, path: str, clock: Clock) -> Store:
        """Open a data file. Its head and tail are checked now (a plainly bad file raises
        DataFileError); it is parsed and validated in full when first read, so a command
        that needs only history or the running box never pays for items and contacts.
        A file of an older schema is migrated now, after a backup."""
        from netbalance.store import devices

        root = os.path.realpath(path)
        if devices.wanted(root):
            devices.move_in(root)
        store = cls(root, clock)
        if store.shared:
            store.merge_others()
        if os.path.lexists(store.rollback):  # a save of several files did not finish
            store.read_through()
        source = store.main.read_from
        problem, version = (None, None) if source is None else peek(source, "main")
        if problem:
            raise DataFileError(store.path, problem, store.backups.newest(store.path))
        if version is None or version == schema.SCHEMA_VERSION:
            return store
        store.main.refresh()
        if store.main.migrated_from is not None and store.main.exists:
            with store.transaction():
                # re-read under the lock: another process may have migrated and changed
                # the file since, and saving our stale copy would drop its change
                if store.use(store.main).migrated_from is not None:
                    store.touch(store.main)
        return store

    def merge_others(self) -> Merged | None:
        """Merge what other devices changed since the last merge (store/merge.py); None
        when nothing did, or when this store cannot be written now (read-only, another
        process holds the lock: the next command merges). Kept as `merged`."""
        from netbalance.store.pending import pending

        sources = pending(self)  # a folder listing a device
        if not sources:
            self.merged = None
            return None
        from netbalance.store.merge import merge

        try:
            with self.waiting(0.5):
                self.merged = merge(self, sources)
        except (ReadOnlyError, LockTimeout, WriteError):
            self.merged = None
        return self.merged

    def read_through(self) -> bool:
        """Read each file a rollback record names as it was before that unfinished save
        (its kept state), when the record applies; as it is otherwise. Nothing on disk
        changes: only a writer puts the files back. True when what is read changed."""
        try:
            found = read_rollback(self.rollback)
        except OSError:
            found = None  # unreadable now: the files are read as they are
        return self._see_through({} if found is None else found.view())

    def _see_through(self, view: dict[str, str | None]) -> bool:
        if not view and not self._view:
            return False
        self._view = view
        changed = False
        for data_file in self.files():
            changed = self._redirect(data_file) or changed
        return changed

    def _redirect(self, data_file: DataFile) -> bool:
        source = self._view.get(data_file.path, data_file.path)
        if data_file.read_from == source:
            return False
        data_file.read_from = source
        data_file.discard()
        return True

    def _roll_back(self) -> None:
        """Under the lock: put back the files of a save of several files that did not
        finish (each kept as a backup first), or set aside a rollback record that does not
        apply (another host's, a stray one, older than the files it names)."""
        found = read_rollback(self.rollback)
        if found is None:
            return
        stamp = f"{self.clock.now().astimezone(UTC):%Y%m%dT%H%M%S}"
        if found.problem is not None:
            found.set_aside(self.backups.folder, f"set-aside-{stamp}")
            return
        label = f"before-rollback-{stamp}"
        found.apply(backup=lambda path: self.backups.named_anew(path, label))

    # files ---------------------------------------------------------------

    def month_file(self, month: str) -> DataFile:
        """The history file of a month, `2026-11`."""
        data_file = self._months.get(month)
        if data_file is None:
            data_file = DataFile(f"{self.stem}.{month}.json", "history", self.backups)
            self._months[month] = data_file
            if self._view:
                self._redirect(data_file)
        return self.use(data_file)

    def meetings_of(self, month: str) -> DataFile | MeetingsCopy:
        """What a look-back reads a month's meetings from (`between(…, meetings=True)`):
        its history file when it is read already (in a transaction, `month_file` reads
        it), or while a rollback record applies; else the copy of its meetings
        (store/meetings.py)."""
        data_file = self.month_file(month)
        if data_file.loaded or self._view:
            return data_file
        return self.meetings.of(data_file)

    @cached_property
    def meetings(self) -> Meetings:
        """The copies of the months' meetings this store has read."""
        from netbalance.store.meetings import Meetings

        return Meetings()

    def months(self) -> list[str]:
        """The months that have a history file, oldest first."""
        prefix = os.path.basename(self.stem)
        try:
            entries = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        found = set()
        for entry in entries:
            match = _MONTH_FILE.match(entry)
            if match and match.group("stem") == prefix:
                found.add(match.group("month"))
        if self._view:  # made by a save that did not finish: not there for a reader
            absent = {path for path, source in self._view.items() if source is None}
            found = {m for m in found if f"{self.stem}.{m}.json" not in absent}
        return sorted(found)

    def history_signature(self) -> tuple[tuple[str, Signature | None], ...]:
        """Each history file's month and signature: the same while no history changed."""
        return tuple(
            (month, file_signature(f"{self.stem}.{month}.json")) for month in self.months()
        )

    def use(self, data_file: DataFile) -> DataFile:
        """A file ready to read; inside a transaction, re-read once if it changed."""
        if self._depth and data_file.path not in self._fresh:
            data_file.refresh(copy=False)  # to be changed: a parsed copy would be stale
            self._fresh.add(data_file.path)
        return data_file

    def touch(self, data_file: DataFile) -> None:
        """Mark a file changed in the current transaction; it is saved on success."""
        if not self._depth:
            raise RuntimeError("changes must happen inside Store.transaction()")
        if data_file not in self._dirty:
            self._dirty.append(data_file)

    @property
    def main_generation(self) -> int:
        """Moves on each time the main file (cards, contacts) is read again, saved or
        dropped: what is worked out from it stays true while this stays the same."""
        main = self.use(self.main)
        main.data  # noqa: B018 - read now, so that the number stays until the next change
        return main.generation

    def files(self) -> list[DataFile]:
        shared = [self.gone] if self.shared else []
        return [self.main, self.box_file, *shared, *self._months.values()]

    def refresh(self) -> bool:
        """Re-read whatever another process changed; True when anything did."""
        changed = False
        if self._view or os.path.lexists(self.rollback):  # a save did or did not finish
            changed = self.read_through()
        for data_file in self.files():
            if data_file.changed_on_disk:
                data_file.refresh()
                changed = True
        return changed

    def read_only(self) -> str | None:
        """Why this store cannot be changed (a read-only folder or data file), or None."""
        folder = self.folder if os.path.isdir(self.folder) else os.path.dirname(self.folder)
        if os.path.isdir(folder) and not os.access(folder, os.W_OK):
            return f"{folder} is read-only"
        for data_file in [self.main, self.box_file]:
            if read_only_file(data_file.path):
                return f"{data_file.path} is read-only"
        return None

    # transactions --------------------------------------------------------

    @contextmanager
    def transaction(
        self, action: str | None = None, *, undoable: bool = True, drop_allowed: bool = False
    ) -> Iterator[None]:
        """One atomic change. The outermost transaction is one step of the undo journal:
        `action` names it (else a name is worked out from what changed, e.g. `move card
        “Write chapter 3” to Doing`); `undoable=False` keeps it out of the journal (sample
        data, say). `drop_allowed=True` lets it be a big drop (else BigDrop, see
        big_drops)."""
        if self._depth:
            self._depth += 1
            self._action = self._action or action
            self._undoable = self._undoable and undoable
            self._drop_allowed = self._drop_allowed or drop_allowed
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            ensure_private_dir(self.folder)
            self.lock.acquire(self._wait)
        except OSError as error:  # a read-only folder or file system
            raise ReadOnlyError(self.folder, error.strerror or str(error)) from None
        try:
            self._roll_back()  # a save of several files that a kill cut short
        except OSError as error:
            self.lock.release()
            raise WriteError(self.rollback, error) from error
        self._see_through({})  # a writer reads the files as they are
        self._depth = 1
        self._fresh = set()
        self._dirty = []
        self._changes = {}
        self._touched = {}
        self._added = []
        self._action = action
        self._undoable = undoable
        self._drop_allowed = self.drop_allowed or drop_allowed
        self._journal_intent = []
        self._journal_lines = []
        try:
            yield
            self._save()
        except BaseException:
            for data_file in self._dirty:
                data_file.discard()
            raise
        finally:
            self._depth = 0
            self._dirty = []
            self._fresh = set()
            self._changes = {}
            self._touched = {}
            self._added = []
            self._journal_intent = []
            self._journal_lines = []
            self._drop_allowed = False
            self.lock.release()

    @contextmanager
    def waiting(self, seconds: float) -> Iterator[None]:
        """The transactions within wait at most `seconds` for another process's lock
        (0: not at all) before LockTimeout, instead of the lock's own timeout: the app
        does not freeze while an import holds the files, it tries again later."""
        before = self._wait
        self._wait = seconds
        try:
            yield
        finally:
            self._wait = before

    @property
    def picked_up(self) -> int:
        """Moves on each time a change another process saved is read in, by whatever
        read it (a poll, or a transaction that then failed): what was shown before it
        moved may be stale."""
        return sum(data_file.picked_up for data_file in self.files())

    @contextmanager
    def allow_drop(self, drops: Sequence[Drop]) -> Iterator[None]:
        """Let the saves within make exactly these big drops, the ones the user said yes
        to; any other (another process changed the files meanwhile) is refused again
        with its own figures, to be asked about anew."""
        agreed = self._agreed
        self._agreed = tuple(drops)
        try:
            yield
        finally:
            self._agreed = agreed

    def big_drops(self) -> list[Drop]:
        """(file, records on disk, records after) of each file the current transaction
        would leave with fewer than half its records, at least BIG_DROP fewer."""
        return [
            (data_file.path, data_file.records_on_disk, data_file.records)
            for data_file in self._dirty
            if is_big_drop(data_file.records_on_disk, data_file.records)
        ]

    def note_change(self, table: str, before: Doc | None, after: Doc | None) -> None:
        """A record's stored document changed (the repositories call this); within one
        transaction the first `before` and the last `after` of a record are kept."""
        doc = after if after is not None else before
        if doc is None:
            return
        if self._added:
            self._spread()
        key = (table, str(doc.get("id")))
        noted = self._touched.get(key)
        if noted is None:
            noted = self._touched[key] = [before, after]
            if self._undoable:
                # the same list: a transaction undoable now was undoable throughout, so
                # both note the same first `before` and last `after` (an import notes
                # tens of thousands of records)
                self._changes[key] = noted
        else:
            noted[1] = after

    def note_added(self, table: str, docs: Sequence[Doc]) -> None:
        """`note_change(table, None, doc)` for each of the documents of new records just
        added (no record of theirs was noted in this transaction): kept as they are, one
        entry for all of them, until another change is noted."""
        touched = self._touched
        if self._added or (touched and any((table, str(d.get("id"))) in touched for d in docs)):
            for doc in docs:  # one of them noted already: its first `before` is kept
                self.note_change(table, None, doc)
        elif docs:
            self._added.append((table, docs))

    def _spread(self) -> None:
        """The documents `note_added` kept, noted one by one (in order: after every
        change noted before them)."""
        added, self._added = self._added, []
        for table, docs in added:
            for doc in docs:
                self.note_change(table, None, doc)

    def file_of_doc(self, table: str, doc: Doc) -> DataFile:
        """The file a stored document of a table belongs in (undo puts a record back)."""
        return self.repository(table).file_of_doc(doc)

    def repository(self, table: str) -> _Repository[Any]:
        """The repository of a table (`items`, `contacts`, `weeks`, `sessions`,
        `interactions`)."""
        found: dict[str, _Repository[Any]] = {
            "items": self.items,
            "contacts": self.contacts,
            "weeks": self.weeks,
            "sessions": self.sessions,
            "interactions": self.interactions,
        }
        return found[table]

    # undo ----------------------------------------------------------------

    def undo(self, expect: str | None = None) -> Outcome:
        """Undo the last action, if every record it changed still stands as it left them;
        otherwise change nothing and return the refusal (NothingToUndo when none is left;
        with `expect`, StepChanged when the last action is not that step)."""
        return self._move("undo", expect)

    def redo(self, expect: str | None = None) -> Outcome:
        """Redo the last undone action, on the same terms as undo."""
        return self._move("redo", expect)

    def next_step(self, verb: str) -> Step | None:
        """The step an undo or a redo would take now, as the journal has it."""
        from netbalance.store.journal import next_step

        return next_step(self.journal.state(), verb)

    def _move(self, verb: str, expect: str | None) -> Outcome:
        from netbalance.store.journal import move

        if not self.journal.state().steps:  # fail before making a lock file or a folder
            raise NothingToUndo(f"nothing to {verb}")
        with self.transaction(undoable=False):
            outcome, intent, lines = move(self, self.journal, verb, expect)
            self._journal_intent.extend(intent)
            self._journal_lines.extend(lines)
        return outcome

    def steps(self) -> tuple[list[Step], int]:
        """The kept steps, oldest first, and how many of them are done."""
        state = self.journal.state()
        return list(state.steps), state.done

    def _step(self) -> list[StepLine]:
        """The line of the step the transaction makes (none when nothing changed), its
        changes made from the notes a slice at a time as it is written."""
        if not self._undoable or not (self._changes or self._added):
            return []
        from netbalance.core.models import new_id
        from netbalance.store.journal import StepLine

        if not any(self._step_changes()):
            return []
        at = to_iso(self.clock.now())
        count = len(self._changes) + sum(len(docs) for _table, docs in self._added)
        return [StepLine(new_id(), at, self._action, self._step_changes, count)]

    def _step_changes(self) -> Iterator[Noted]:
        from netbalance.store.journal import Change, normal

        for (table, record_id), (before, after) in self._changes.items():
            if before is not None and after is not None and normal(before) == normal(after):
                continue
            if before is None and after is None:
                continue
            yield Change(table, record_id, before, after)
        for table, docs in self._added:
            for doc in docs:
                yield (table, str(doc.get("id")), None, doc)

    def _save(self) -> None:
        lines: list[Line | StepLine] = [*self._journal_lines, *self._step()]
        try:
            # all or nothing: a failed write, fsync or rename of any file (the journal's
            # too) puts back every file this save had replaced, so the error that says
            # nothing was changed is true
            with all_or_nothing():
                self.journal.append(self._journal_intent)  # an undo's or redo's, if any
                if self._dirty:
                    self._save_files()
                if lines:
                    # after the data: a kill in between leaves a change no step claims,
                    # never a step whose change is not on disk
                    self.journal.append(lines)
        except PutBackFailed as failed:
            raise PartlySaved(failed.error, failed.left) from failed
        except OSError as error:  # the folder's fsync after the last rename
            raise WriteError(self.folder, error) from error

    def _save_files(self) -> None:
        if self.shared and self._added:
            self._spread()
        if self.shared and self._touched:
            from netbalance.store.merge import note_gone

            note_gone(self, self._touched)
        # A newer netbalance owns these files: refuse before writing any of them, so a
        # change is never half saved and no file of an older schema joins a newer store.
        main = self.main if self.main in self._dirty else self.use(self.main)
        for data_file in [main, *self._dirty]:
            if read_only_file(data_file.path):  # the whole store is read-only then
                raise ReadOnlyError(data_file.path, "the file is read-only")
            if data_file.newer_schema is not None:
                raise NewerSchemaError(
                    data_file.path, data_file.newer_schema, schema.SCHEMA_VERSION
                )
        drops = self.big_drops()
        if drops and not self._drop_allowed and tuple(drops) != self._agreed:
            raise BigDrop(drops)
        label = f"before-drop-{self.clock.now().astimezone(UTC):%Y%m%dT%H%M%S}"
        for path, _before, _after in drops:  # the last state that held the records
            self.backups.named_anew(path, label)
        day = self.clock.now().date().isoformat()
        order = {"history": 0, "main": 1, "gone": 2, "box": 3}
        dirty = sorted(self._dirty, key=lambda f: order[f.role])
        if len(dirty) == 1:
            dirty[0].save(day)
            return
        try:
            with several(self.rollback, [(f.path, f.payload()) for f in dirty]):
                for data_file in dirty:
                    data_file.save(day)
        except OSError as error:  # the rollback record, or the folder's fsync at the end
            raise WriteError(self.folder, error) from error
