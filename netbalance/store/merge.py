"""What other devices changed, merged into this device's files record by record.

Each device's files hold the whole history as that device last saw it (store/devices.py).
Merging another device's files into ours keeps, for every record (by id), the version
with the higher revision; equal revisions of different content are ordered by their
bytes, so every device picks the same one. A record deleted on a device leaves a
tombstone in that device's `gone` file (its id and the revision after the last one it
had): it deletes the record elsewhere unless an edit made there is newer (an edit and a
delete of the same revision: the edit stays — nothing is lost but what a later edit
replaced). Tombstones are kept at least KEEP_DAYS, long enough to reach every device.

Merging is commutative, associative and idempotent: in whatever order devices read each
other's files, they end with the same records. It is not a user's action: it is kept out
of the undo journal, and a merge that deletes many records keeps a backup first.

Conflict copies a sync tool made (Syncthing `.sync-conflict-`, Dropbox "conflicted
copy", Nextcloud "(conflicted copy") of any data file are merged the same way, then moved
to this device's backups folder; so are single-device files left beside the marker.

Which files were merged (and how they looked then) is kept in `<stem>.merged.json`,
this machine's own: a file merged before is read again only once it changes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import TYPE_CHECKING, Any

import orjson

from netbalance.core.instants import to_iso
from netbalance.store import schema
from netbalance.store.codec import revision_of
from netbalance.store.files import atomic_write
from netbalance.store.pending import Source, read_seen, seen_path

if TYPE_CHECKING:
    from netbalance.store.datafile import DataFile
    from netbalance.store.store import Store

Doc = dict[str, Any]
KEEP_DAYS = 120
GONE = "gone"
MAIN_TABLES = ("items", "contacts", "weeks")
HISTORY_TABLES = ("sessions", "interactions")
KEEP_MERGES = 50


@dataclass
class Merged:
    """What a merge changed in this device's files."""

    added: int = 0
    changed: int = 0
    deleted: int = 0
    origins: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that could not be read

    @property
    def records(self) -> int:
        return self.added + self.changed + self.deleted

    def text(self) -> str:
        """One line: `merged 3 changes from laptop-3f9a1c (2 new, 1 deleted)`."""
        parts = [
            f"{n} {word}"
            for n, word in (
                (self.added, "new"),
                (self.changed, "changed"),
                (self.deleted, "deleted"),
            )
            if n
        ]
        noun = "change" if self.records == 1 else "changes"
        line = f"merged {self.records} {noun} from {', '.join(self.origins)}"
        return line + (f" ({', '.join(parts)})" if parts else "")


# tombstones ----------------------------------------------------------------------


def note_gone(store: Store, touched: dict[tuple[str, str], list[Doc | None]]) -> None:
    """Inside a save on a shared store: a tombstone for each record the save deletes,
    none any more for a record it puts back; tombstones past KEEP_DAYS go."""
    gone_file = store.use(store.gone)
    table: dict[str, Doc] = gone_file.data.setdefault(GONE, {})
    by_id = {str(doc.get("id")): key for key, doc in table.items()}
    now = store.clock.now()
    changed = False
    for (name, record_id), (before, after) in touched.items():
        key = by_id.get(record_id)
        if after is not None:
            if key is not None and _rev(table[key]) <= revision_of(after):
                del table[key]
                changed = True
            continue
        if before is None:
            continue
        tomb = {"id": record_id, "table": name, "rev": revision_of(before) + 1, "at": to_iso(now)}
        if key is None:
            key = str(max((int(k) for k in table), default=0) + 1)
            by_id[record_id] = key
        table[key] = tomb
        changed = True
    cutoff = to_iso(now - timedelta(days=KEEP_DAYS))
    for key in [k for k, doc in table.items() if str(doc.get("at", "")) < cutoff]:
        del table[key]
        changed = True
    if changed:
        gone_file.table(GONE).clear_cache()
        store.touch(gone_file)


def _rev(doc: Doc) -> int:
    value = doc.get("rev")
    return value if type(value) is int and value > 0 else 0


def _order(doc: Doc) -> tuple[int, bytes]:
    """Which of two versions of a record wins: the higher revision, then the bytes."""
    return revision_of(doc), orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


# merging ---------------------------------------------------------------------------


def _read(source: Source) -> schema.Data | str:
    """A source's data, or why it cannot be merged."""
    try:
        with open(source.path, "rb") as handle:
            data: Any = orjson.loads(handle.read())
    except OSError as error:
        return f"{source.path}: {error.strerror or error}"
    except orjson.JSONDecodeError as error:
        return f"{source.path}: not JSON ({error})"
    problem = schema.shape_problem(data, source.role)
    if problem:
        return f"{source.path}: {problem}"
    version = schema.version_of(data)
    if version > schema.SCHEMA_VERSION:
        return (
            f"{source.path}: written by a newer netbalance (schema {version}); "
            "update this netbalance to merge it"
        )
    return schema.migrate(data) if version < schema.SCHEMA_VERSION else data


class _Own:
    """This device's records by (table, id), and the changes a merge makes, applied
    a table at a time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.where: dict[tuple[str, str], tuple[DataFile, str]] = {}
        for table in MAIN_TABLES:
            self._index(store.use(store.main), table)
        for month in store.months():
            for table in HISTORY_TABLES:
                self._index(store.month_file(month), table)
        gone = store.use(store.gone).data.get(GONE, {})
        self.gone: dict[str, Doc] = {str(doc.get("id")): doc for doc in gone.values()}
        self._removed: dict[tuple[str, str], tuple[DataFile, list[int]]] = {}
        self._added: dict[tuple[str, str], tuple[DataFile, list[Doc]]] = {}

    def _index(self, data_file: DataFile, table: str) -> None:
        for doc_id, doc in data_file.data.get(table, {}).items():
            self.where[(table, str(doc.get("id")))] = (data_file, doc_id)

    def doc(self, key: tuple[str, str]) -> Doc | None:
        place = self.where.get(key)
        if place is None:
            return None
        found: Doc = place[0].data[key[0]][place[1]]
        return found

    def remove(self, key: tuple[str, str]) -> None:
        data_file, doc_id = self.where.pop(key)
        self._removed.setdefault((data_file.path, key[0]), (data_file, []))[1].append(int(doc_id))

    def add(self, table: str, doc: Doc) -> None:
        data_file = self.store.file_of_doc(table, doc)
        self._added.setdefault((data_file.path, table), (data_file, []))[1].append(doc)

    def flush(self) -> None:
        for (_path, table), (data_file, doc_ids) in self._removed.items():
            data_file.table(table).remove(doc_ids=doc_ids)
            self.store.touch(data_file)
        for (_path, table), (data_file, docs) in self._added.items():
            data_file.table(table).insert_multiple(docs)
            meta = data_file.data[schema.META]["1"]
            handed = meta.get("revisions")
            highest = max(revision_of(doc) for doc in docs)
            meta["revisions"] = max(handed if type(handed) is int else 0, highest)
            self.store.touch(data_file)


def merge(store: Store, sources: list[Source]) -> Merged:
    """Merge the sources into this device's files in one save (not an undo step)."""
    merged = Merged()
    best: dict[tuple[str, str], Doc] = {}
    tombs: dict[str, Doc] = {}
    read: list[Source] = []
    unread: list[Source] = []
    for source in sources:
        data = _read(source)
        if isinstance(data, str):
            merged.skipped.append(data)
            unread.append(source)
            continue
        read.append(source)
        if source.origin not in merged.origins:
            merged.origins.append(source.origin)
        tables = {"main": MAIN_TABLES, "history": HISTORY_TABLES, "gone": (GONE,)}
        for table in tables[source.role]:
            for doc in data.get(table, {}).values():
                record_id = doc.get("id")
                if not isinstance(record_id, str):
                    continue
                if table == GONE:
                    if record_id not in tombs or _rev(doc) > _rev(tombs[record_id]):
                        tombs[record_id] = doc
                    continue
                key = (table, record_id)
                if key not in best or _order(doc) > _order(best[key]):
                    best[key] = doc
    with store.transaction(undoable=False, drop_allowed=True):
        own = _Own(store)
        for key, doc in best.items():
            present = own.doc(key)
            if present is not None and _order(present) >= _order(doc):
                continue
            tomb = max(
                (t for t in (tombs.get(key[1]), own.gone.get(key[1])) if t is not None),
                key=_rev,
                default=None,
            )
            if tomb is not None and _rev(tomb) > revision_of(doc):
                continue
            try:
                if present is not None:
                    own.remove(key)
                own.add(key[0], doc)
            except (KeyError, ValueError, TypeError):
                merged.skipped.append(f"a {key[0][:-1]} {key[1][:8]} that does not decode")
                continue
            if present is None:
                merged.added += 1
            else:
                merged.changed += 1
        for record_id, tomb in tombs.items():
            table = str(tomb.get("table"))
            key = (table, record_id)
            present = own.doc(key)
            if present is not None and revision_of(present) < _rev(tomb):
                own.remove(key)
                merged.deleted += 1
            known = own.gone.get(record_id)
            if known is None or _rev(known) < _rev(tomb):
                _keep_tomb(store, tomb)
        own.flush()
    _remember(store, read, unread, merged)
    return merged


def _keep_tomb(store: Store, tomb: Doc) -> None:
    """This device keeps another's tombstone too, so it reaches a device that reads only
    this one's files."""
    gone_file = store.use(store.gone)
    table: dict[str, Doc] = gone_file.data.setdefault(GONE, {})
    for key, doc in table.items():
        if doc.get("id") == tomb.get("id"):
            table[key] = dict(tomb)
            break
    else:
        table[str(max((int(k) for k in table), default=0) + 1)] = dict(tomb)
    gone_file.table(GONE).clear_cache()
    store.touch(gone_file)


def _remember(store: Store, read: list[Source], unread: list[Source], merged: Merged) -> None:
    """Note the files merged (their signatures before reading) and the merge; move the
    conflict copies and strays to the backups. A file that could not be read is noted
    too: it is tried (and its problem said) again once it changes, not on every poll."""
    state = read_seen(store)
    seen: dict[str, Any] = state["seen"]
    for source in unread:
        if source.signature is not None:
            seen[source.path] = list(source.signature)
    stamp = f"{store.clock.now().astimezone(UTC):%Y%m%dT%H%M%S}"
    for source in read:
        if source.moved_after:
            target = os.path.join(
                store.backups.folder, f"{os.path.basename(source.path)}.merged-{stamp}"
            )
            os.makedirs(store.backups.folder, mode=0o700, exist_ok=True)
            with contextlib.suppress(OSError):  # else merged again next time: no harm
                os.replace(source.path, target)
        elif source.signature is not None:
            seen[source.path] = list(source.signature)
    if merged.records:
        merges: list[Doc] = state["merges"]
        merges.append(
            {
                "at": to_iso(store.clock.now()),
                "from": merged.origins,
                "added": merged.added,
                "changed": merged.changed,
                "deleted": merged.deleted,
            }
        )
        state["merges"] = merges[-KEEP_MERGES:]
    atomic_write(seen_path(store), orjson.dumps(state))


# two versions of one file (git's merge driver) -------------------------------------


def merge_documents(
    ours: Doc,
    theirs: Doc,
    role: str,
    base: Doc | None = None,
    tombs: Iterable[Doc] = (),
) -> Doc:
    """Two versions of one data file merged record by record, as git's merge driver
    needs them (`netbalance sync _merge-file`): a record both kept is the higher of the
    two (revision, then bytes); a record one side dropped while the other left it as the
    common `base` had it is dropped; one the other side changed stays (an edit outlives
    a delete). A tombstone (`tombs`, and the `gone` records of a gone file) of a higher
    revision than a record deletes it. The meta record is ours, its `revisions` counter
    the higher of the two. A box file keeps one box: the one updated last."""
    before = base or {}
    merged: Doc = {schema.META: _merged_meta(ours, theirs)}
    known = _tombs_by_id([*tombs, *ours.get(GONE, {}).values(), *theirs.get(GONE, {}).values()])
    names = [*ours, *(name for name in theirs if name not in ours)]
    for name in names:
        if name == schema.META:
            continue
        table = _merged_table(ours.get(name, {}), theirs.get(name, {}), before.get(name, {}))
        if name != GONE:
            table = {
                key: doc
                for key, doc in table.items()
                if not _buried(doc, name, known.get(str(doc.get("id"))))
            }
        merged[name] = table
    if role == "box":
        merged["box"] = _latest_box(merged.get("box", {}))
    return merged


def _merged_meta(ours: Doc, theirs: Doc) -> Doc:
    """Ours' meta table, its `revisions` counter the higher of the two files'."""
    mine = dict(ours.get(schema.META, {}).get("1", {}))
    other = theirs.get(schema.META, {}).get("1", {})
    handed = [v for v in (mine.get("revisions"), other.get("revisions")) if type(v) is int]
    if handed:
        mine["revisions"] = max(handed)
    return {"1": mine}


def _record_key(doc: Doc) -> str:
    """A record's identity: its id, or its bytes for a record without one."""
    record_id = doc.get("id")
    if isinstance(record_id, str):
        return record_id
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS).decode()


def _by_key(table: dict[str, Doc]) -> dict[str, tuple[str, Doc]]:
    return {_record_key(doc): (doc_id, doc) for doc_id, doc in table.items()}


def _same(one: Doc, other: Doc) -> bool:
    return _order(one) == _order(other)


def _merged_table(ours: dict[str, Doc], theirs: dict[str, Doc], base: dict[str, Doc]) -> Doc:
    """One table of two versions merged record by record; ours keep their document ids,
    theirs alone are numbered after them."""
    mine, other, common = _by_key(ours), _by_key(theirs), _by_key(base)
    kept: Doc = {}
    for key, (doc_id, doc) in mine.items():
        found = other.get(key)
        if found is not None:
            kept[doc_id] = max(doc, found[1], key=_order)
        elif key not in common or not _same(common[key][1], doc):
            kept[doc_id] = doc  # new here, or changed here while the other side dropped it
    number = max((int(doc_id) for doc_id in ours if doc_id.isdigit()), default=0)
    for key, (_doc_id, doc) in other.items():
        if key in mine:
            continue
        if key in common and _same(common[key][1], doc):
            continue  # dropped here, left as it was there
        number += 1
        kept[str(number)] = doc
    return kept


def _tombs_by_id(tombs: Iterable[Doc]) -> dict[str, Doc]:
    """The highest tombstone of each record id."""
    found: dict[str, Doc] = {}
    for tomb in tombs:
        record_id = tomb.get("id")
        if isinstance(record_id, str) and (
            record_id not in found or _rev(tomb) > _rev(found[record_id])
        ):
            found[record_id] = tomb
    return found


def _buried(doc: Doc, table: str, tomb: Doc | None) -> bool:
    """Does this tombstone delete this record (its table, a higher revision)?"""
    return tomb is not None and tomb.get("table") == table and _rev(tomb) > revision_of(doc)


def _latest_box(table: Doc) -> Doc:
    """At most one running box: the one updated last (then by its bytes)."""
    if len(table) <= 1:
        return table
    doc_id, doc = max(
        table.items(), key=lambda item: (str(item[1].get("updated", "")), _order(item[1])[1])
    )
    return {doc_id: doc}
