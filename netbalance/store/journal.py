"""The undo journal: every change made through the store, one step per user action.

The outermost `Store.transaction()` notes, for every record it changed, the stored
document before and after (`None` for absent). On a successful save those changes become
one step, appended to `<stem>.journal.jsonl`, one JSON object a line:

    {"head": 1, "base": N}                            first line; N = bytes after the head
                                                      when the file was last rewritten
    {"step": ID, "at": ISO, "action": LABEL|null, "changes": [[TABLE, ID, BEFORE, AFTER], …]}
    {"undo": ID} · {"redo": ID} · {"drop": ID}         the pointer moves; a refused step
    {"undoing": ID} · {"redoing": ID}                 an undo or redo about to be saved

Replaying the lines gives the steps and a pointer: the steps before it are done (undo
takes the last of them), the steps after it are undone (redo takes the first). A new step
drops the redo tail. Only the newest KEEP_STEPS steps are kept; the file is rewritten
without the older ones once it grows past max(COMPACT_BYTES, 4 × base), so an ordinary
save appends one small line and never rewrites anything big.

Order on disk: the journal is written after every data file of the save (history, main,
box). A kill -9 between them leaves a change on disk that the journal does not hold (it
cannot be undone; no step claims it), never a step whose change is not on disk. A torn
last line is ignored and cut off before the next append.

Undo and redo never trust the journal alone: every record of the step must stand exactly
as the step left it (the document after, for undo; before, for redo, and absent where it
was absent). Otherwise the step is refused, naming the record, dropped from the journal,
and nothing is changed (Timewarrior #778: an undo must never clobber a later change).

An undo or redo writes its intent (`undoing` / `redoing`) to the journal before its data
and its pointer line after. Before the next one, the journal is checked against the data:
a last done step whose records all stand as before it is marked undone only when the
journal's last line is the intent to undo it (an undo saved, its pointer line lost to a
kill), and likewise for a redo. Without the intent the same records can be a later
change's (a card added, then deleted by a save a kill cut off before its step): the step
is then refused as changed since, never taken for undone.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

import orjson

from netbalance.core.models import new_id
from netbalance.core.named import NamedTuple
from netbalance.store.codec import revision_of
from netbalance.store.errors import NothingToUndo, StepChanged, WriteError
from netbalance.store.files import (
    FILE_MODE,
    appending,
    atomic_write_headed,
    clean_temp_files,
    file_signature,
    write_durably,
)

if TYPE_CHECKING:
    from netbalance.store.contract import Files
    from netbalance.store.datafile import DataFile

Doc = dict[str, Any]
Line = dict[str, Any]

SUFFIX = ".journal.jsonl"
VERSION = 1
KEEP_STEPS = 100
CHUNK = 2000  # changes of a step encoded at a time (StepLine)
COMPACT_BYTES = 1 << 20
INTENTS = {"undo": "undoing", "redo": "redoing"}  # the line an undo or redo writes first

NOUNS = {
    "items": ("card", "cards"),
    "contacts": ("contact", "contacts"),
    "weeks": ("week's plan", "weeks' plans"),
    "sessions": ("session", "sessions"),
    "interactions": ("interaction", "interactions"),
}


class Change(NamedTuple):
    """One record's stored document before and after a step (None: absent); a tuple:
    an import's step has tens of thousands."""

    table: str
    record_id: str
    before: Doc | None
    after: Doc | None


Noted = tuple[str, str, Doc | None, Doc | None]  # a Change, or the plain tuple of one


@dataclass(frozen=True)
class Step:
    id: str
    at: str
    action: str | None
    changes: tuple[Change, ...]

    def as_line(self) -> Line:
        return {
            "step": self.id,
            "at": self.at,
            "action": self.action,
            "changes": [list(change) for change in self.changes],  # [table, id, before, after]
        }

    def line(self) -> StepLine:
        """`as_line()`, to be written a piece at a time."""
        return StepLine(self.id, self.at, self.action, lambda: self.changes, len(self.changes))

    def describe(self, tz: tzinfo | None = None) -> str:
        return self.action or describe(self.changes, tz)


class StepLine:
    """A new step's line as `Step.as_line` makes it, its changes made a slice at a time
    as the line is written (an import's step has 100,000 of them: its line is never one
    list of them, nor one block of bytes). `changes` makes them anew at each call."""

    def __init__(
        self,
        step_id: str,
        at: str,
        action: str | None,
        changes: Callable[[], Iterable[Noted]],
        count: int | None = None,
    ) -> None:
        self.id = step_id
        self.at = at
        self.action = action
        self.changes = changes
        self.count = count  # how many changes there are, at most (None: not known)

    def as_line(self) -> Line:
        changes = tuple(Change(*change) for change in self.changes())
        return Step(self.id, self.at, self.action, changes).as_line()

    def pieces(self) -> Iterator[bytes]:
        """`orjson.dumps(self.as_line())` and its newline, byte for byte, in pieces."""
        head = orjson.dumps({"step": self.id, "at": self.at, "action": self.action})
        yield head[:-1] + b',"changes":['
        separator = b""
        changes = iter(self.changes())
        # orjson writes a tuple as a list, but not a NamedTuple (a Change)
        while chunk := [
            change if type(change) is tuple else (*change,)
            for change in itertools.islice(changes, CHUNK)
        ]:
            yield separator + orjson.dumps(chunk)[1:-1]
            separator = b","
        yield b"]}\n"


@dataclass(frozen=True)
class Outcome:
    """What undo or redo did: `refused` names the record that changed since."""

    verb: str  # "undo" | "redo"
    step: Step
    refused: tuple[str, Doc] | None = None  # (table, document) of the record

    def message(self, tz: tzinfo | None = None) -> str:
        what = self.step.describe(tz)
        if self.refused is None:
            return f"{'undid' if self.verb == 'undo' else 'redid'}: {what}"
        table, doc = self.refused
        return (
            f"cannot {self.verb} “{what}”: {name_of(table, doc, tz)} was changed since; "
            "nothing was changed and the step is dropped"
        )


@dataclass
class State:
    """The journal replayed: steps oldest first; the first `done` are done."""

    steps: list[Step] = field(default_factory=list)
    done: int = 0
    damaged: int = 0
    pending: tuple[str, str] | None = None  # (verb, step id) when the last line is an intent

    def apply(self, line: Line) -> None:
        self.pending = None
        for verb, key in INTENTS.items():
            if key in line:
                self.pending = (verb, line[key])
                return
        if "step" in line:
            self.steps = [*self.steps[: self.done], _step_of(line)]
            self.done = len(self.steps)
        elif "undo" in line:
            if self.done and self.steps[self.done - 1].id == line["undo"]:
                self.done -= 1
        elif "redo" in line:
            if self.done < len(self.steps) and self.steps[self.done].id == line["redo"]:
                self.done += 1
        elif "drop" in line:
            for index, step in enumerate(self.steps):
                if step.id == line["drop"]:
                    del self.steps[index]
                    if index < self.done:
                        self.done -= 1
                    break

    def trim(self, keep: int = KEEP_STEPS) -> None:
        cut = len(self.steps) - keep
        if cut > 0:
            del self.steps[:cut]
            self.done = max(0, self.done - cut)

    @property
    def last_done(self) -> Step | None:
        return self.steps[self.done - 1] if self.done else None

    @property
    def first_undone(self) -> Step | None:
        return self.steps[self.done] if self.done < len(self.steps) else None

    def lines(self) -> list[Line | Step]:
        """Lines that replay to this state: every step (a Step: its `as_line()`), then
        the undone ones undone."""
        out: list[Line | Step] = list(self.steps)
        out += [{"undo": step.id} for step in reversed(self.steps[self.done :])]
        return out


def _step_of(line: Line) -> Step:
    changes = tuple(
        Change(str(table), str(record_id), before, after)
        for table, record_id, before, after in line["changes"]
    )
    action = line.get("action")
    return Step(str(line["step"]), str(line.get("at", "")), action, changes)


def _is_line(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    if "step" in value:
        changes = value.get("changes")
        return isinstance(changes, list) and all(
            isinstance(change, list)
            and len(change) == 4
            and all(part is None or isinstance(part, dict) for part in change[2:])
            for change in changes
        )
    keys = ("undo", "redo", "drop", *INTENTS.values())
    return any(isinstance(value.get(key), str) for key in keys)


# descriptions ---------------------------------------------------------------------


def _when(text: str, tz: tzinfo | None) -> str:
    from netbalance.core.instants import from_iso

    try:
        instant = from_iso(text)
    except (ValueError, TypeError):
        return text
    return f"{instant.astimezone(tz):%Y-%m-%d %H:%M}"


def name_of(table: str, doc: Doc, tz: tzinfo | None = None) -> str:
    """A record in words: card “Write chapter 3”, produce session 2026-11-26 09:00 …"""
    if table == "items":
        return f"card “{doc.get('title', doc.get('id', ''))}”"
    if table == "contacts":
        return f"contact “{doc.get('name', doc.get('id', ''))}”"
    if table == "sessions":
        start = _when(str(doc.get("start", "")), tz)
        end = _when(str(doc.get("end", "")), tz)
        return f"{doc.get('kind', '')} session {start}–{end[-5:]}"
    if table == "interactions":
        return f"{doc.get('channel', '')} interaction {_when(str(doc.get('when', '')), tz)}"
    if table == "weeks":
        return f"the plan and review of {doc.get('week', doc.get('id', ''))}"
    return f"{table} record {doc.get('id', '')}"


def _verb(change: Change) -> str:
    if change.before is None:
        return "record" if change.table == "sessions" else "add"
    if change.after is None:
        return "delete"
    return "edit"


def _item_move(changes: Sequence[Change]) -> str | None:
    """A board move: one card changed column (others may have been renumbered)."""
    edits = [c for c in changes if c.table == "items" and c.before and c.after]
    if len(edits) != len(changes):
        return None
    moved = [c for c in edits if c.before and c.after and c.before["column"] != c.after["column"]]
    shipped = [c for c in edits if c.after and c.after.get("shipped") and c.before]
    archived = [c for c in edits if c.after and c.after.get("archived") and c.before]
    if (
        archived
        and len(archived) == len(edits)
        and all(c.before and not c.before.get("archived") for c in archived)
    ):
        return f"archive {len(archived)} card{'s' if len(archived) != 1 else ''}"
    if len(moved) == 1:
        change = moved[0]
        assert change.after is not None and change.before is not None
        title = change.after.get("title", "")
        if change.after.get("shipped") and not change.before.get("shipped"):
            return f"ship card “{title}”"
        return f"move card “{title}” to {change.after['column']}"
    if not moved and not shipped:
        quiet = {"position", "updated"}
        reordered = [
            c
            for c in edits
            if c.before
            and c.after
            and {k for k in c.before.keys() | c.after.keys() if c.before.get(k) != c.after.get(k)}
            <= quiet
        ]
        if len(reordered) == len(edits):
            mover = max(reordered, key=lambda c: _moved_by(c))
            assert mover.after is not None
            return f"reorder card “{mover.after.get('title', '')}”"
    return None


def _moved_by(change: Change) -> float:
    before = float((change.before or {}).get("position", 0))
    after = float((change.after or {}).get("position", 0))
    return abs(after - before)


def describe(changes: Sequence[Change], tz: tzinfo | None = None) -> str:
    """A step in words, worked out from what it changed."""
    if len(changes) == 1:
        change = changes[0]
        doc = change.after if change.after is not None else change.before
        assert doc is not None
        if change.table == "items" and change.before and change.after:
            moved = _item_move(changes)
            if moved:
                return moved
        return f"{_verb(change)} {name_of(change.table, doc, tz)}"
    moved = _item_move(changes)
    if moved:
        return moved
    counts: dict[tuple[str, str], int] = {}
    for change in changes:
        key = (_verb(change), change.table)
        counts[key] = counts.get(key, 0) + 1
    parts = []
    for (verb, table), count in counts.items():
        one, many = NOUNS.get(table, (table, table))
        parts.append(f"{verb} {count} {one if count == 1 else many}")
    return ", ".join(parts)


# the file ---------------------------------------------------------------------------


# Fields saved outside the journal (where a review was left: moving between its steps is
# no step of its own), so a record stands as a step left it whatever they hold.
QUIET = frozenset({"rev", "review_step"})


def _bare(doc: Doc | None) -> Doc | None:
    """A document without its revision (undo and redo bump revisions) and the fields
    saved outside the journal: a record stands as a step left it when everything else
    is the same."""
    if doc is None or not QUIET.intersection(doc):
        return doc
    return {key: value for key, value in doc.items() if key not in QUIET}


def normal(doc: Doc | None) -> Doc | None:
    """A document as it reads back from JSON (tuples become lists)."""
    if doc is None:
        return None
    normal: Doc = orjson.loads(orjson.dumps(doc))
    return normal


class Journal:
    """The journal file of one store. Changes run under the store's writer lock."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._state: State | None = None
        self._signature: tuple[int, int, int] | None = None

    # reading -----------------------------------------------------------------

    def state(self) -> State:
        """The journal as it stands on disk (re-read when another process changed it)."""
        signature = file_signature(self.path)
        if self._state is None or signature != self._signature:
            self._state = self._read()
            self._signature = signature
        return self._state

    def _read(self) -> State:
        state = State()
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            return state
        lines = raw.split(b"\n")
        if lines and lines[-1]:
            state.damaged += 1  # a torn last line: the kill came mid-append
        for number, text in enumerate(lines[:-1]):
            try:
                line = orjson.loads(text)
            except orjson.JSONDecodeError:
                state.damaged += 1
                continue
            if number == 0 and isinstance(line, dict) and "head" in line:
                continue
            if _is_line(line):
                state.apply(line)
            else:
                state.damaged += 1
        state.trim()
        return state

    # writing -----------------------------------------------------------------

    def append(self, lines: Sequence[Line | StepLine]) -> None:
        """Add lines at the end; rewrite the file when it is torn, or too big."""
        if not lines:
            return
        payload = _Encoded(lines)
        try:
            self._append(payload, lines)
        except OSError as error:
            self._state = None
            raise WriteError(self.path, error) from error

    def _append(self, payload: _Encoded, lines: Sequence[Line | StepLine]) -> None:
        # the temporary file of a rewrite a kill cut short (we hold the writer lock)
        clean_temp_files(os.path.dirname(os.path.abspath(self.path)), os.path.basename(self.path))
        head = self._head()
        if head is None and not os.path.lexists(self.path):
            # the first step of a new journal: nothing to read back or trim
            payload.write_new(self.path)
            self._state = None
            return
        if head is None:
            self._rewrite(lines)
            return
        size, base, torn = head
        if torn or size + payload.size > max(COMPACT_BYTES, 4 * base):
            self._rewrite(lines)
            return
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        appending(self.path, size)
        try:
            write_durably(fd, payload.pieces())
        except BaseException:
            # no half-appended line stays behind (a write may have landed in part)
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
        finally:
            os.close(fd)
        self._state = None

    def _head(self) -> tuple[int, int, bool] | None:
        """(size, base, torn) of a journal file with a good head line; None otherwise."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            size = os.fstat(fd).st_size
            first = os.pread(fd, 256, 0).split(b"\n", 1)[0]
            last = os.pread(fd, 1, size - 1) if size else b""
        finally:
            os.close(fd)
        try:
            head = orjson.loads(first)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(head, dict) or head.get("head") != VERSION:
            return None
        base = head.get("base")
        if not isinstance(base, int):
            return None
        return size, base, last != b"\n"

    def _rewrite(self, lines: Iterable[Line | StepLine]) -> None:
        state = self._read()
        for line in lines:
            state.apply(line.as_line() if isinstance(line, StepLine) else line)
        state.trim()
        _Encoded(state.lines()).write_new(self.path)
        with contextlib.suppress(OSError):
            os.chmod(self.path, FILE_MODE)
        self._state = None


class _Encoded:
    """Lines as the journal holds them, each ended by a newline, made a piece at a time
    as they are written. `size` is their length in bytes, worked out by encoding them
    once without keeping the bytes: only an append asks for it (is the file too big
    then?); a new file learns it as it writes them (`atomic_write_headed`), its head
    given the room `room` guesses."""

    def __init__(self, lines: Sequence[Line | StepLine | Step]) -> None:
        self.lines = lines

    @functools.cached_property
    def size(self) -> int:
        return sum(len(piece) for piece in self.pieces())

    def room(self) -> int:
        """The length the head line most likely has: that of a body of the size of the
        small lines and of each step's first CHUNK changes scaled to all of them."""
        guess = 0
        for line in self.lines:
            if isinstance(line, Step):
                line = line.line()
            if not isinstance(line, StepLine):
                guess += len(orjson.dumps(line)) + 1
                continue
            first = list(itertools.islice(line.changes(), CHUNK))
            count = line.count if line.count is not None else len(first)
            each = len(orjson.dumps([tuple(change) for change in first])) / max(1, len(first))
            guess += 80 + int(each * count)
        return len(_head_line(guess))

    def pieces(self) -> Iterator[bytes]:
        for line in self.lines:
            if isinstance(line, StepLine):
                yield from line.pieces()
            elif isinstance(line, Step):
                yield from line.line().pieces()
            else:
                yield orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE)

    def write_new(self, path: str) -> None:
        """A new journal file of these lines after the head line that gives their size."""
        atomic_write_headed(path, _head_line, self.pieces(), self.room())


def _head_line(base: int) -> bytes:
    """The journal's first line; `base` is the size of the body written with it."""
    return orjson.dumps({"head": VERSION, "base": base}) + b"\n"


# undo and redo -------------------------------------------------------------------


class _Places:
    """Where records stand now: an id index per (file, table), built once per step. The
    records a step takes out and puts back are written to their tables at `flush`, all
    of a table at once (a TinyDB insert or remove rewrites the whole table: one a record
    made undoing an import of 52,000 sessions take minutes)."""

    def __init__(self, store: Files) -> None:
        self.store = store
        self._index: dict[tuple[str, str], dict[str, int]] = {}
        self._files: dict[int, tuple[Doc, DataFile]] = {}  # by id() of the document
        self._removed: dict[tuple[str, str], tuple[DataFile, list[int]]] = {}
        self._added: dict[tuple[str, str], tuple[DataFile, list[str], list[Doc]]] = {}

    def file_of(self, table: str, doc: Doc) -> DataFile:
        known = self._files.get(id(doc))
        if known is not None and known[0] is doc:
            return known[1]
        data_file = self.store.file_of_doc(table, doc)
        self._files[id(doc)] = (doc, data_file)
        return data_file

    def index(self, data_file: DataFile, table: str) -> dict[str, int]:
        key = (data_file.path, table)
        found = self._index.get(key)
        if found is None:
            found = {
                str(doc.get("id")): int(doc_id)
                for doc_id, doc in data_file.data.get(table, {}).items()
            }
            self._index[key] = found
        return found

    def current(self, data_file: DataFile, table: str, record_id: str) -> Doc | None:
        doc_id = self.index(data_file, table).get(record_id)
        if doc_id is None:
            return None
        doc: Doc = data_file.data[table][str(doc_id)]
        return doc

    def stands(self, change: Change, expected: Doc | None, other: Doc | None) -> bool:
        """Whether the record stands exactly as `expected` (absent when None), looked
        for where `expected` belongs (else where `other` would go)."""
        hint = expected if expected is not None else other
        if hint is None:
            return True
        try:
            data_file = self.file_of(change.table, hint)
        except (KeyError, ValueError, TypeError):
            return False
        found = normal(self.current(data_file, change.table, change.record_id))
        return _bare(found) == _bare(expected)

    def put(self, change: Change, present: Doc | None, wanted: Doc | None) -> None:
        """Take the record out as it stands and put it in as wanted (at `flush`), one
        revision on from both (a form opened on either version sees the change)."""
        revision = 0
        if present is not None:
            stands = self.current(
                self.file_of(change.table, present), change.table, change.record_id
            )
            revision = revision_of(stands)
            data_file = self.file_of(change.table, present)
            self.store.note_change(change.table, stands, None)
            doc_id = self.index(data_file, change.table).pop(change.record_id)
            key = (data_file.path, change.table)
            self._removed.setdefault(key, (data_file, []))[1].append(doc_id)
        if wanted is not None:
            data_file = self.file_of(change.table, wanted)
            key = (data_file.path, change.table)
            _, ids, docs = self._added.setdefault(key, (data_file, [], []))
            ids.append(change.record_id)
            revision = data_file.next_revision(max(revision, revision_of(wanted)))
            docs.append({**wanted, "rev": revision})
            self.store.note_change(change.table, None, docs[-1])

    def flush(self) -> None:
        """Write what `put` took out and put in, one table at a time."""
        for (_path, table), (data_file, doc_ids) in self._removed.items():
            data_file.table(table).remove(doc_ids=doc_ids)
            self.store.touch(data_file)
        for (_path, table), (data_file, record_ids, docs) in self._added.items():
            doc_ids = data_file.table(table).insert_multiple(docs)
            self.index(data_file, table).update(zip(record_ids, doc_ids, strict=True))
            self.store.touch(data_file)
        self._removed, self._added = {}, {}


def _sides(step: Step, verb: str) -> list[tuple[Change, Doc | None, Doc | None]]:
    """(change, what stands now, what it becomes) for each record of the step."""
    if verb == "undo":
        return [(change, change.after, change.before) for change in reversed(step.changes)]
    return [(change, change.before, change.after) for change in step.changes]


def _all_stand(places: _Places, step: Step, verb: str) -> bool:
    return all(places.stands(c, now, then) for c, now, then in _sides(step, verb))


def check(state: State, places: _Places) -> list[Line]:
    """Lines that bring the pointer in line with the data (see the module's docstring)."""
    fixes: list[Line] = []
    last = state.last_done
    if last is not None and not _all_stand(places, last, "undo"):
        if state.pending == ("undo", last.id) and _all_stand(places, last, "redo"):
            fixes.append({"undo": last.id})
            state.apply(fixes[-1])
        return fixes
    first = state.first_undone
    if (
        first is not None
        and state.pending == ("redo", first.id)
        and not _all_stand(places, first, "redo")
        and _all_stand(places, first, "undo")
    ):
        fixes.append({"redo": first.id})
        state.apply(fixes[-1])
    return fixes


def move(
    store: Files, journal: Journal, verb: str, expect: str | None = None
) -> tuple[Outcome, list[Line], list[Line]]:
    """Undo the last done step or redo the first undone one, inside the caller's
    transaction; the lines to append to the journal before the data is saved (the
    intent) and after it. With `expect`, only the step of that id (StepChanged else)."""
    stored = journal.state()
    # a copy: the stored one stays as it is on disk
    state = State(list(stored.steps), stored.done, pending=stored.pending)
    places = _Places(store)
    lines = check(state, places)
    step = state.last_done if verb == "undo" else state.first_undone
    if step is None:
        raise NothingToUndo("nothing to undo" if verb == "undo" else "nothing to redo")
    if expect is not None and step.id != expect:
        raise StepChanged(verb, step)
    sides = _sides(step, verb)
    for change, now, then in sides:
        if not places.stands(change, now, then):
            doc = now if now is not None else then
            assert doc is not None
            lines.append({"drop": step.id})
            return Outcome(verb, step, refused=(change.table, doc)), [], lines
    for change, now, then in sides:
        places.put(change, now, then)
    places.flush()
    lines.append({verb: step.id})
    return Outcome(verb, step), [{INTENTS[verb]: step.id}], lines


def next_step(state: State, verb: str) -> Step | None:
    """The step an undo (the last done) or a redo (the first undone) would take."""
    return state.last_done if verb == "undo" else state.first_undone


def new_step(changes: Sequence[Change], action: str | None, at: str) -> Step:
    return Step(new_id(), at, action, tuple(changes))
