"""One JSON data file in TinyDB's layout, kept parsed in memory.

The file is parsed once and re-read only when it changed on disk (its inode, size or
mtime differ: every save is a rename, so each save has a new inode). Each (re)load
builds a fresh TinyDB over the parsed data, so no table keeps a stale `_next_id` or a
stale query cache from before another process wrote the file.

A data file that is a symlink (into a synced folder, say) is resolved once, when the
DataFile is made: reads and saves go to its target, and the link stays a link.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence

from netbalance.core.collector import kept_out
from netbalance.store import light_json, parsed, schema, shelf
from netbalance.store.backups import Backups
from netbalance.store.drops import count_records
from netbalance.store.errors import DataFileError, NewerSchemaError, ReadOnlyError, WriteError
from netbalance.store.files import Signature, atomic_write, clean_temp_files, file_signature

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from typing import Any

    from tinydb import TinyDB
    from tinydb.table import Table

    from netbalance.store.codec import Doc

# The files a reader keeps a parsed copy of (store/parsed.py): the main file and the
# months, `netbalance.parsed` and `netbalance.2026-11.parsed`
COPIED = ("main", "history")

# records encoded at a time when a big table is written: an import of 100,000 contacts
# is about 37 MB of JSON, which is never made as one block
CHUNK = 2000


def encoded(data: Any, every: int | None = None) -> Iterator[bytes]:
    """`orjson.dumps(data)` of a data file's tables (a dict of dicts), byte for byte, a
    piece at a time: a big table a slice of `every` (CHUNK) records at a time."""
    import orjson  # here: a command that only reads never imports it

    every = every or CHUNK
    if not isinstance(data, dict) or all(
        not isinstance(table, dict) or len(table) <= every for table in data.values()
    ):
        yield orjson.dumps(data)
        return
    comma = b""
    yield b"{"
    for name, table in data.items():
        # `"name":` as orjson writes the key (a key it cannot write raises as it would)
        yield comma + orjson.dumps({name: None})[1:-5]
        comma = b","
        if not isinstance(table, dict) or len(table) <= every:
            yield orjson.dumps(table)
            continue
        yield b"{"
        records = iter(table.items())
        separator = b""
        while piece := dict(itertools.islice(records, every)):
            yield separator + orjson.dumps(piece)[1:-1]  # `"1":{…},"2":{…}`
            separator = b","
        yield b"}"
    yield b"}"


def read_only_file(path: str) -> bool:
    """A data file without its owner's write permission: the user made it read-only, and
    a save (which renames a new file over it) must not overrule that, even as root."""
    try:
        return not os.stat(path).st_mode & 0o200
    except FileNotFoundError:
        return False


class DataFile:
    def __init__(self, path: str, role: str, backups: Backups) -> None:
        self.path = os.path.realpath(path)
        # Where the state is read from: the file itself, or — while a save of several
        # files that did not finish is not rolled back yet — its state kept before that
        # save (None: the file did not exist then). See Store.read_through.
        self.read_from: str | None = self.path
        self.role = role
        self.backups = backups
        self._data: schema.Data | None = None  # the tables as parsed (None: not read)
        # what a copy keeps apart (store/shelf.py), by table, while `_data` lacks it
        self._shelves: dict[str, shelf.Shelf] = {}
        self._db: TinyDB | None = None  # made over them by the first change
        self._signature: Signature | None = None
        self._loaded = False
        self._dropped = False
        self.newer_schema: int | None = None
        self.migrated_from: int | None = None
        # How many records the file holds on disk, as last read or saved: a save that
        # would leave far fewer is a big drop (Store.big_drops).
        self.records_on_disk = 0
        # Records already decoded from this file's documents, by document identity; kept
        # with the document so an id is never reused. A document is never changed in
        # place (an update puts a new document where it was), so an entry stays true
        # until the file is read again.
        self.decoded: dict[int, tuple[dict[str, object], object]] = {}
        # Moves on whenever what is in memory may differ from what it was: the file read
        # again, saved, or its changes dropped. What is worked out from the file (the
        # board) is kept while this stays the same.
        self.generation = 0
        # How many times a state another process saved was read in (whoever asked: a
        # poll, or a transaction that then failed): the app compares it with what it
        # has shown (Store.picked_up).
        self.picked_up = 0
        self._last: Signature | bool | None = False  # the state last read or saved
        self._payload: bytes | None = None  # made for a save of several files

    # reading -------------------------------------------------------------

    def _source(self) -> str | None:
        """Where to read now: `read_from`, or the file itself once that kept state is
        gone (the save committed, or a writer put it back in place since)."""
        source = self.read_from
        if source is not None and source != self.path and not os.path.lexists(source):
            return self.path
        return source

    def _signature_now(self) -> Signature | None:
        source = self._source()
        return None if source is None else file_signature(source)

    def _load(self, *, copy: bool = True) -> None:
        signature = self._signature_now()
        if self._last is not False and signature != self._last:
            self.picked_up += 1
        data, shelves = (
            (schema.new_data(self.role), {}) if signature is None else self._parse(copy=copy)
        )
        version = schema.version_of(data)
        self.newer_schema = version if version > schema.SCHEMA_VERSION else None
        self.migrated_from = None
        if shelves and version < schema.SCHEMA_VERSION:
            data = {**data, **{table: kept.whole(data[table]) for table, kept in shelves.items()}}
            shelves = {}
        if version < schema.SCHEMA_VERSION:
            self.backups.named(self.path, f"pre-schema-{schema.SCHEMA_VERSION}")
            data = schema.migrate(data)
            self.migrated_from = version
        self.records_on_disk = count_records(data)
        for table, kept in shelves.items():
            self.records_on_disk += kept.count - len(data[table])
        self._data = data
        self._shelves = shelves
        self._db = None
        self._signature = self._last = signature
        self._loaded = True
        self._dropped = False
        self.decoded = {}
        self.generation += 1

    def _parse(self, *, copy: bool) -> tuple[schema.Data, dict[str, shelf.Shelf]]:
        """The file's document: read from its parsed copy (store/parsed.py; the main
        file's and the months') when that is of these bytes, else parsed, and the copy
        made when `copy` (a writer, about to replace the file, makes none). With it, the
        shelves of what the copy keeps apart (store/shelf.py), by table: the document
        then holds the rest."""
        source = self._source()
        assert source is not None
        try:
            try:
                with open(source, "rb") as handle:
                    raw = handle.read()
            except FileNotFoundError:
                if source == self.path:
                    raise
                with open(self.path, "rb") as handle:  # the kept state went meanwhile
                    raw = handle.read()
        except OSError as error:
            raise DataFileError(self.path, error.strerror or str(error), self._backup()) from None
        if not raw:
            raise DataFileError(self.path, "the file is empty (0 bytes)", self._backup())
        kept = self.path.removesuffix(".json") + parsed.SUFFIX if self.role in COPIED else None
        found = None if kept is None else shelf.unshelve(parsed.load(kept, raw))
        data: Any  # what the parser makes, checked by `shape_problem` below
        data, shelves = (None, {}) if found is None else found
        made = data is None
        if made:
            try:
                with kept_out():  # a document has no cycles: see core/collector.py
                    data = light_json.loads_data(raw)
            except ValueError as error:
                raise DataFileError(self.path, f"not JSON: {error}", self._backup()) from None
        problem = schema.shape_problem(data, self.role)
        if problem:
            raise DataFileError(self.path, problem, self._backup())
        if made and copy and kept is not None and not read_only_file(self.path):
            parsed.write(kept, raw, shelf.shelve(data))  # a month's: the document itself
        return data, shelves

    def _backup(self) -> str | None:
        return self.backups.newest(self.path)

    def refresh(self, *, copy: bool = True) -> bool:
        """Re-read the file if another process changed it; True when it did. `copy`:
        whether a parsed copy may be made of it (not by a writer, see `_parse`)."""
        if not self._loaded or self._signature_now() != self._signature:
            self._load(copy=copy)
            return True
        return False

    @property
    def changed_on_disk(self) -> bool:
        """Changed by another process, or dropped by a failed save of ours (the disk may
        hold our change after all: what the app shows must be read again)."""
        if self._dropped:
            return True
        return self._loaded and self._signature_now() != self._signature

    @property
    def db(self) -> TinyDB:
        """A TinyDB over the tables in memory, for changes (TinyDB is imported here)."""
        if self._db is None:
            from tinydb import TinyDB

            from netbalance.store.memory import Memory

            self._db = TinyDB(storage=Memory, data=self.data)
        return self._db

    def table(self, name: str) -> Table:
        return self.db.table(name)

    def insert_new(self, name: str, docs: Sequence[dict[str, Any]]) -> None:
        """TinyDB's `insert_multiple` of documents just made (no one else holds them),
        numbered as it numbers them, without its copy of each document and two of the
        whole table (an import of 100,000 contacts would hold them twice). The one use of
        TinyDB's private next-id (`_get_next_id`, `_next_id`), here where the TinyDB is
        made: tests/contacts/test_contacts_import_large.py holds the numbering to
        TinyDB's own inserts before and after."""
        if not docs:
            return
        table: Any = self.table(name)  # its next id is TinyDB's own, untyped
        first: int = table._get_next_id()
        stored = self.data.setdefault(name, {})
        for doc_id, doc in enumerate(docs, start=first):
            stored[str(doc_id)] = doc
        table._next_id = first + len(docs)
        table.clear_cache()

    @property
    def loaded(self) -> bool:
        """Read already (or new in memory): `data` reads no file."""
        return self._data is not None or self._db is not None

    @property
    def signature(self) -> Signature | None:
        """The signature of the file as it was last read or saved (None: not there)."""
        return self._signature

    @property
    def data(self) -> schema.Data:
        """The tables in memory (read from the file first if they are not)."""
        if self._db is not None:
            data: schema.Data | None = self._db.storage.read()
            assert data is not None
            return data
        data = self._read()
        for table in list(self._shelves):  # read as whole tables from here on
            self._unshelve(data, table)
        return data

    def _read(self) -> schema.Data:
        """The tables as read (from the file first if they are not), without what a
        copy keeps apart (`_shelves`: none once a change made the TinyDB)."""
        if self._data is None:
            self._load()
        assert self._data is not None
        return self._data

    def _unshelve(self, data: schema.Data, table: str) -> None:
        data[table] = self._shelves.pop(table).whole(data[table])

    def documents(self, table: str) -> dict[str, Doc]:
        """One table's documents (read from the file first if they are not), whole."""
        if self._db is not None:
            return self.data.get(table, {})
        data = self._read()
        if table in self._shelves:
            self._unshelve(data, table)
        return data.get(table, {})

    def documents_near(
        self, table: str, low: str, high: str, ids: set[str]
    ) -> Iterable[tuple[str, Doc]]:
        """One table's documents (key and document), in its order, of which those a copy
        keeps apart (store/shelf.py: shipped cards, contacts without a cadence) may be
        only those whose field is from `low` to `high` (stored instants, compared as
        text) or whose id is in `ids`: the others are not read."""
        if self._db is None:
            data = self._read()
            kept = self._shelves.get(table)
            if kept is not None:
                return kept.docs(data[table], low, high, ids)
        return self.documents(table).items()

    def next_revision(self, after: int) -> int:
        """The revision of a record saved into this file now: past `after` (the record's
        own) and past every revision the file has handed out before, so that a record
        deleted and put back (an undo, a redo) never takes a number it had once."""
        meta = self.data[schema.META]["1"]
        handed = meta.get("revisions")
        revision = max(after, handed if type(handed) is int else 0) + 1
        meta["revisions"] = revision
        return revision

    @property
    def exists(self) -> bool:
        return os.path.exists(self.path)

    # writing (callers hold the writer lock) --------------------------------

    def payload(self) -> bytes:
        """The bytes the next save writes (made once: that save uses them). A save of
        this file alone never makes them as one block: it writes `encoded(data)`."""
        if self._payload is None:
            import orjson

            self._payload = orjson.dumps(self.data)
        return self._payload

    def save(self, day: str) -> None:
        """Write the in-memory state atomically; keep the day's backup first."""
        if self.newer_schema is not None:
            raise NewerSchemaError(self.path, self.newer_schema, schema.SCHEMA_VERSION)
        if read_only_file(self.path):
            raise ReadOnlyError(self.path, "the file is read-only")
        folder = os.path.dirname(os.path.abspath(self.path))
        clean_temp_files(folder, os.path.basename(self.path))
        payload: bytes | Iterable[bytes] = self._payload or encoded(self.data)
        self._payload = None
        try:
            self.backups.daily(self.path, day)
            atomic_write(self.path, payload)
        except OSError as error:
            self.discard()
            raise WriteError(self.path, error) from error
        self._signature = self._last = file_signature(self.path)
        self.records_on_disk = count_records(self.data)
        self.migrated_from = None
        self.generation += 1

    @property
    def records(self) -> int:
        """How many records the file holds in memory (with this transaction's changes)."""
        return count_records(self.data)

    def discard(self) -> None:
        """Forget the in-memory state; the next access reads the file again."""
        self._dropped = self._loaded
        self._payload = None
        self._data = self._db = None
        self._shelves = {}
        self._loaded = False
        self._signature = None
        self.decoded = {}
        self.generation += 1
