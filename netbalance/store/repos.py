"""One repository per record type: the only code that turns documents into records.

Reads work on the parsed data; changes must run inside `Store.transaction()` (each
public change method opens one, so a single call is one atomic save).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta

from netbalance.core.instants import to_iso
from netbalance.core.models import (
    ActiveBox,
    Contact,
    Interaction,
    Item,
    Session,
    WeekPlan,
    new_ids,
    replace,
)
from netbalance.store import codec
from netbalance.store.datafile import DataFile
from netbalance.store.errors import DataFileError, UnknownId
from netbalance.store.meetings import MeetingsCopy, is_meeting

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Generic, TypeVar

    from netbalance.store.contract import Files

    Record = TypeVar("Record", Session, Interaction, Item, Contact, WeekPlan)
else:
    Record = None

    class Generic:
        """`typing.Generic` as the repositories use it at run time (`_Repository[Item]`
        is `_Repository`), without importing typing."""

        def __class_getitem__(cls, _record: object) -> type:
            return cls


def _find_doc_id(data_file: DataFile, table: str, record_id: str) -> int | None:
    for doc_id, doc in data_file.documents(table).items():
        if doc.get("id") == record_id:
            return int(doc_id)
    return None


# what reading a hand-edited document can raise (codec.BadField is a ValueError)
_MALFORMED = (KeyError, TypeError, ValueError, OverflowError)


def malformed(
    data_file: DataFile | MeetingsCopy,
    store: Files,
    table: str,
    key: str,
    doc: codec.Doc,
    error: Exception,
) -> DataFileError:
    """The one-line error for a document of `table` that cannot be read: the file, the
    table, the record (its id, else its key in the table) and the field at fault."""
    record_id = doc.get("id")
    if type(record_id) is str:
        record = f"record {codec.shown(record_id)}"
    else:
        record = f"the record under key {key!r}"
    reason = str(error) if isinstance(error, codec.BadField) else repr(error)
    problem = f"table {table!r}, {record}: {reason}"
    return DataFileError(data_file.path, problem, store.backups.newest(data_file.path))


class _Repository(Generic[Record]):
    """Records kept in a table; subclasses say which file holds a record."""

    table = ""
    what = ""
    remember = False  # keep decoded records (the few thousand records of the main file)
    to_doc: Callable[[Record], codec.Doc]
    from_doc: Callable[[codec.Doc], Record]

    def __init__(self, store: Files) -> None:
        self.store = store

    def _files(self) -> list[DataFile]:
        raise NotImplementedError

    def _file_for(self, record: Record) -> DataFile:
        raise NotImplementedError

    def _records(
        self,
        files: Iterable[DataFile | MeetingsCopy] | None = None,
        keep: Callable[[codec.Doc], bool] = bool,
        docs: Callable[[DataFile | MeetingsCopy], Iterable[tuple[str, codec.Doc]]] | None = None,
    ) -> Iterator[Record]:
        """Records of the kept documents (of `docs` of each file: by default its table);
        a malformed one stops with the file, the table, the record and the field named."""
        convert = type(self).from_doc
        for data_file in self._files() if files is None else files:
            decoded = data_file.decoded if self.remember else None
            found = data_file.documents(self.table).items() if docs is None else docs(data_file)
            for key, doc in found:
                try:
                    if not keep(doc):
                        continue
                    if decoded is None:
                        yield convert(doc)
                        continue
                    known = decoded.get(id(doc))
                    if known is not None and known[0] is doc:
                        yield known[1]  # type: ignore[misc]  # what `convert` made
                    else:
                        record = convert(doc)
                        decoded[id(doc)] = (doc, record)
                        yield record
                except _MALFORMED as error:
                    raise self._malformed(data_file, key, doc, error) from None

    def _malformed(
        self, data_file: DataFile | MeetingsCopy, key: str, doc: codec.Doc, error: Exception
    ) -> DataFileError:
        """The error for a document that failed to decode, or that a filter could not
        read (its field is found by decoding it)."""
        if not isinstance(error, codec.BadField):
            try:
                type(self).from_doc(doc)
            except codec.BadField as found:
                error = found
        return malformed(data_file, self.store, self.table, key, doc, error)

    def _decode(self, data_file: DataFile, key: str, doc: codec.Doc) -> Record:
        """One document as a record; a malformed one stops as in `_records`."""
        try:
            return type(self).from_doc(doc)
        except codec.BadField as error:
            raise malformed(data_file, self.store, self.table, key, doc, error) from None

    def all(self) -> list[Record]:
        return list(self._records())

    def where(
        self,
        keep: Callable[[codec.Doc], bool],
        near: tuple[str, str] | None = None,
        ids: set[str] | frozenset[str] = frozenset(),
    ) -> list[Record]:
        """The records whose stored document passes `keep`, in stored order. Only those
        are decoded: a look at a few raw fields (the codec's names and forms; instants
        are UTC ISO strings, so they compare as text) spares decoding all the rest.

        `near`, `(low, high)`: a promise that, of the documents the main file's copy
        keeps apart (store/shelf.py: shipped cards, contacts without a cadence), `keep`
        takes only those whose field there (shipped, created) is from `low` to `high`,
        or whose id is in `ids`. The others are then not even read."""
        if near is None:
            return list(self._records(keep=keep))

        def documents(data_file: DataFile | MeetingsCopy) -> Iterable[tuple[str, codec.Doc]]:
            if isinstance(data_file, MeetingsCopy):
                return data_file.documents(self.table).items()
            return data_file.documents_near(self.table, near[0], near[1], set(ids))

        return list(self._records(keep=keep, docs=documents))

    def get(self, record_id: str) -> Record | None:
        return next(self._records(keep=lambda doc: doc.get("id") == record_id), None)

    def contains(self, record: Record) -> bool:
        """Whether a record with this id is stored where this record belongs."""
        return _find_doc_id(self._file_for(record), self.table, record.id) is not None

    def resolve(self, prefix: str) -> Record:
        """A full id or an unambiguous prefix of one (at least the 6-character short id
        is accepted; any length works while it is unique)."""
        prefix = prefix.strip().lower()
        matches = [
            (data_file, key, doc)
            for data_file in self._files()
            for key, doc in data_file.documents(self.table).items()
            if type(doc.get("id")) is str and doc["id"].startswith(prefix)
        ]
        if not prefix or not matches:
            raise UnknownId(self.what, prefix)
        exact = [match for match in matches if match[2]["id"] == prefix]
        if len(matches) > 1 and not exact:
            raise UnknownId(self.what, prefix, sorted(doc["id"][:8] for _, _, doc in matches))
        return self._decode(*(exact or matches)[0])

    def file_of_doc(self, doc: codec.Doc) -> DataFile:
        """The file a stored document belongs in (undo puts a record back there)."""
        return self._file_for(type(self).from_doc(doc))

    def add(self, record: Record) -> Record:
        with self.store.transaction():
            data_file = self._file_for(record)
            doc = type(self).to_doc(record)
            data_file.table(self.table).insert(doc)
            self.store.touch(data_file)
            self.store.note_change(self.table, None, doc)
        return record

    def add_many(self, records: Iterable[Record]) -> int:
        """Insert many records in one save per file (imports, the demo)."""
        return len(self.insert_many(records))

    def insert_many(self, records: Iterable[Record]) -> list[codec.Doc]:
        """`add_many`, giving the stored documents (each file's in the records' order;
        the records are let go of as they are read: the documents hold their fields)."""
        to_doc = type(self).to_doc
        by_file: dict[str, tuple[DataFile, list[codec.Doc]]] = {}
        with self.store.transaction():
            if self._one_file() is not None:
                return self.insert_docs([to_doc(record) for record in records])
            for record in records:
                data_file = self._file_for(record)
                by_file.setdefault(data_file.path, (data_file, []))[1].append(to_doc(record))
            for data_file, docs in by_file.values():
                data_file.insert_new(self.table, docs)
                self.store.touch(data_file)
                self.store.note_added(self.table, docs)
        return [doc for _, docs in by_file.values() for doc in docs]

    def insert_docs(self, docs: list[codec.Doc]) -> list[codec.Doc]:
        """`insert_many` of the codec's documents of new records, made straight from
        their fields (`codec.new_contact_doc`: an import's 100,000 contacts), for a table
        one file holds; the documents are stored as they are, and given back."""
        with self.store.transaction():
            data_file = self._one_file()  # read again if another process changed it
            if data_file is None:
                raise TypeError(f"the {self.table} are kept in more than one file")
            data_file.insert_new(self.table, docs)
            self.store.touch(data_file)
            self.store.note_added(self.table, docs)
        return docs

    def _one_file(self) -> DataFile | None:
        """The file that holds every record of the table, when one does."""
        return None

    def update(self, record: Record, *, previous: Record | None = None) -> Record:
        """Replace the stored record with the same id (it may move between files), one
        revision on from the stored one; the record as stored is returned."""
        with self.store.transaction():
            old = previous if previous is not None else self.get(record.id)
            if old is None:
                raise UnknownId(self.what, record.id)
            data_file = self._file_for(record)
            doc_id = _find_doc_id(data_file, self.table, record.id)
            if doc_id is None:  # it moves to another file (a session to another month)
                removed = self._remove(old)
                revision = data_file.next_revision(codec.revision_of(removed))
                stored = replace(record, revision=revision)
                doc = type(self).to_doc(stored)
                data_file.table(self.table).insert(doc)
                self.store.note_change(self.table, None, doc)
            else:  # in place: no rewrite of the whole table, and it keeps its place
                table = data_file.data[self.table]
                before = table[str(doc_id)]
                revision = codec.revision_of(before)
                if type(self).to_doc(replace(record, revision=revision)) == before:
                    return replace(record, revision=revision)  # nothing to save
                stored = replace(record, revision=data_file.next_revision(revision))
                doc = type(self).to_doc(stored)
                table[str(doc_id)] = doc
                data_file.table(self.table).clear_cache()
                self.store.note_change(self.table, before, doc)
            self.store.touch(data_file)
        return stored

    def remove(self, record: Record) -> None:
        with self.store.transaction():
            self._remove(record)

    def _remove(self, record: Record) -> codec.Doc:
        for data_file in self._candidate_files(record):
            doc_id = _find_doc_id(data_file, self.table, record.id)
            if doc_id is not None:
                removed: codec.Doc = data_file.data[self.table][str(doc_id)]
                data_file.table(self.table).remove(doc_ids=[doc_id])
                self.store.touch(data_file)
                self.store.note_change(self.table, removed, None)
                return removed
        raise UnknownId(self.what, record.id)

    def _candidate_files(self, record: Record) -> list[DataFile]:
        return [self._file_for(record), *self._files()]


class _MainRepository(_Repository[Record]):
    remember = True

    def _files(self) -> list[DataFile]:
        return [self.store.use(self.store.main)]

    def _file_for(self, record: Record) -> DataFile:
        return self.store.use(self.store.main)

    def _one_file(self) -> DataFile | None:
        return self.store.use(self.store.main)


class ItemRepository(_MainRepository[Item]):
    table = "items"
    what = "item"
    to_doc = staticmethod(codec.item_to_doc)
    from_doc = staticmethod(codec.item_from_doc)


class ContactRepository(_MainRepository[Contact]):
    table = "contacts"
    what = "contact"
    to_doc = staticmethod(codec.contact_to_doc)
    from_doc = staticmethod(codec.contact_from_doc)


class WeekRepository(_MainRepository[WeekPlan]):
    """Each week's own plan and review, one record a week (most weeks have none)."""

    table = "weeks"
    what = "week"
    to_doc = staticmethod(codec.week_to_doc)
    from_doc = staticmethod(codec.week_from_doc)

    def of_week(self, week: str) -> WeekPlan | None:
        """The record of a week (`2026-W48`), if it has one."""
        return next(self._records(keep=lambda doc: doc.get("week") == week), None)


def month_of(instant: datetime) -> str:
    """The history file a record belongs to: the UTC month of its time, `2026-11`."""
    utc = instant.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"


class _HistoryRepository(_Repository[Record]):
    """Records kept in the history file of the (UTC) month of their time field."""

    time_field = ""
    end_field = ""
    longest = timedelta(hours=24)

    def _time_of(self, record: Record) -> datetime:
        raise NotImplementedError

    def _files(self) -> list[DataFile]:
        return [self.store.month_file(month) for month in self.store.months()]

    def _file_for(self, record: Record) -> DataFile:
        return self.store.month_file(month_of(self._time_of(record)))

    def add_docs(self, docs: list[codec.Doc]) -> int:
        """Insert the codec's documents of new records in one save per month file, as
        `add_many` does with records (an import makes its documents straight away)."""
        by_month: dict[str, list[codec.Doc]] = {}
        time = self.time_field
        for doc in docs:
            # the codec stores an instant in UTC as `2026-11-28T09:00:00+00:00`: its
            # first seven characters are its month, as `month_of` has it
            month = doc[time][:7]
            found = by_month.get(month)
            if found is None:
                by_month[month] = [doc]
            else:
                found.append(doc)
        with self.store.transaction():
            note_change, table = self.store.note_change, self.table
            for month, month_docs in by_month.items():
                data_file = self.store.month_file(month)
                data_file.table(table).insert_multiple(month_docs)
                self.store.touch(data_file)
                for doc in month_docs:
                    note_change(table, None, doc)
        return len(docs)

    def between(
        self,
        start: datetime,
        end: datetime,
        keep: Callable[[codec.Doc], bool] | None = None,
        *,
        meetings: bool = False,
    ) -> list[Record]:
        """Records that overlap [start, end), in time order; with `keep`, only those whose
        stored document also passes it (as for `where`, the others are never decoded).
        `meetings`: only meetings (every interaction, the sessions with a person), and a
        month not read yet is read from the copy of its meetings (store/meetings.py):
        the weekly summary's look-back."""
        low, high = to_iso(start), to_iso(end)
        first, last = month_of(start - self.longest), month_of(end)
        month_file = self.store.meetings_of if meetings else self.store.month_file
        files = [month_file(month) for month in self.store.months() if first <= month <= last]
        table = self.table
        time, end_field = self.time_field, self.end_field or self.time_field

        def inside(doc: codec.Doc) -> bool:
            overlaps = doc[time] < high and (doc[end_field] > low or doc[time] >= low)
            return (
                overlaps
                and (keep is None or keep(doc))
                and (not meetings or is_meeting(table, doc))
            )

        found = list(self._records(files, inside))
        found.sort(key=self._time_of)
        return found


class SessionRepository(_HistoryRepository[Session]):
    table = "sessions"
    what = "session"
    time_field = "start"
    end_field = "end"
    to_doc = staticmethod(codec.session_to_doc)
    from_doc = staticmethod(codec.session_from_doc)

    def _time_of(self, record: Session) -> datetime:
        return record.start

    def add_new(self, sessions: Sequence[codec.NewSession], now: datetime) -> int:
        """Insert new sessions that have only a kind, a start, an end and a note (an
        import's entries), created now with fresh ids: their documents are made straight
        away, without Session records, one insert per month file."""
        return self.add_docs(codec.new_session_docs(new_ids(len(sessions)), sessions, now))


class InteractionRepository(_HistoryRepository[Interaction]):
    table = "interactions"
    what = "interaction"
    time_field = "when"
    longest = timedelta(0)
    to_doc = staticmethod(codec.interaction_to_doc)
    from_doc = staticmethod(codec.interaction_from_doc)

    def _time_of(self, record: Interaction) -> datetime:
        return record.when

    def of_contact(self, contact_id: str) -> list[Interaction]:
        return sorted(
            self._records(keep=lambda doc: doc["contact_id"] == contact_id),
            key=lambda interaction: interaction.when,
        )


class BoxRepository:
    """The running box: at most one, in its own small file."""

    table = "box"

    def __init__(self, store: Files) -> None:
        self.store = store

    def get(self) -> ActiveBox | None:
        data_file = self.store.use(self.store.box_file)
        for key, doc in data_file.documents(self.table).items():
            try:
                return codec.box_from_doc(doc)
            except codec.BadField as error:
                raise malformed(data_file, self.store, self.table, key, doc, error) from None
        return None

    def put(self, box: ActiveBox) -> None:
        with self.store.transaction():
            data_file = self.store.use(self.store.box_file)
            table = data_file.table(self.table)
            table.truncate()
            table.insert(codec.box_to_doc(box))
            self.store.touch(data_file)

    def clear(self) -> None:
        with self.store.transaction():
            data_file = self.store.use(self.store.box_file)
            data_file.table(self.table).truncate()
            self.store.touch(data_file)
