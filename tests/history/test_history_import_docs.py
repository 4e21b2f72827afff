"""The Watson import's quick paths give what the plain ones give: the quick read of a
usual frame is the entry (or the reason) `_frame` gives, the documents made straight
from entries are `session_to_doc` of the sessions, and an import of many sessions is
one step that undo takes back and redo puts again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from nbcli import Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, Session, new_ids
from netbalance.imports.past_time import Entry, Tags
from netbalance.imports.watson import _frame, _frames_read
from netbalance.store import codec
from netbalance.store.store import Store

NOW = datetime(2026, 11, 28, 9, 0, 0, 500_000, tzinfo=UTC)  # not a whole second
SECONDS = int(NOW.timestamp())
NETWORK = frozenset({"meeting", "coffee"})

STAMPS = st.one_of(
    st.integers(SECONDS - 3 * 86_400, SECONDS + 2),
    st.sampled_from([0, -1, 253402300799, 253402300800, True, False, 1.5, None, "1"]),
    st.floats(allow_nan=False, allow_infinity=False),
)
WORDS = st.sampled_from(["thesis", "Meeting", "COFFEE", "", "q4", "café"])
TAGS = st.one_of(
    st.none(),
    st.lists(WORDS, max_size=3),
    st.lists(st.one_of(WORDS, st.integers(), st.none()), max_size=2),
    st.sampled_from(["", "tag", 0, {}]),
)


@st.composite
def frames(draw: st.DrawFn) -> list[object]:
    start = draw(STAMPS)
    if isinstance(start, int) and not isinstance(start, bool) and draw(st.booleans()):
        stop: object = start + draw(st.sampled_from([0, 1, 3600, 86_400, 86_401, -1]))
    else:
        stop = draw(STAMPS)
    frame = [start, stop, draw(st.one_of(WORDS, st.integers(), st.none())), "id"]
    more = draw(st.integers(0, 4))
    extra = [draw(TAGS), SECONDS, draw(st.one_of(st.text(max_size=4), st.none(), st.integers()))]
    return frame[: draw(st.integers(2, 4))] if more == 0 else [*frame, *extra[: more - 1]]


@settings(max_examples=500, deadline=None)
@given(frames())
@example([SECONDS - 86_400, SECONDS, "p", "id"])  # a day long, ending now
@example([SECONDS - 86_401, SECONDS - 1, "p", "id", None, 0, "met Ada"])
@example([SECONDS - 60, SECONDS + 1, "p", "id"])  # ends just after now
@example([5, 5, "p", "id", "", 5])  # tags that are not a list, though empty
def test_a_frame_reads_quickly_as_it_reads_plainly(frame: list[object]) -> None:
    [quick] = list(_frames_read([frame], NETWORK, NOW))
    plain = _frame(frame, NETWORK, NOW, Tags())
    assert quick == plain
    assert type(quick) is type(plain)
    if isinstance(quick, Entry):
        assert isinstance(plain, Entry)
        assert quick.start.tzinfo is plain.start.tzinfo is UTC
        assert quick.kind is plain.kind


INSTANTS = [
    datetime(2026, 11, 28, 9, 0, tzinfo=UTC),
    datetime(2026, 11, 28, 23, 59, 59, tzinfo=UTC),
    datetime(2026, 11, 28, 9, 0, 0, 250_000, tzinfo=UTC),
    datetime(2026, 11, 28, 10, 0, tzinfo=timezone(timedelta(hours=1))),
    datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),
    datetime(1970, 1, 1, tzinfo=UTC),
]


def test_documents_made_from_entries_are_the_codec_documents_of_the_sessions() -> None:
    entries = [
        Entry(start, start + timedelta(minutes=minutes), kind, note, 0, tags)
        for start in INSTANTS
        for minutes in (0, 30, 61)
        for kind, note in ((Kind.PRODUCE, ""), (Kind.NETWORK, "met Ada"))
        for tags in ((), ("lunch", "coffee"))
    ]
    for now in (NOW, INSTANTS[0], INSTANTS[3]):
        docs = codec.new_session_docs(new_ids(len(entries)), entries, now)
        sessions = [
            Session(
                id=doc["id"],
                kind=entry.kind,
                start=entry.start,
                end=entry.end,
                created=now,
                updated=now,
                note=entry.note,
                tags=entry.tags,
            )
            for doc, entry in zip(docs, entries, strict=True)
        ]
        expected = [codec.session_to_doc(session) for session in sessions]
        assert [list(doc.items()) for doc in docs] == [list(doc.items()) for doc in expected]
    assert len(
        {doc["id"] for doc in codec.new_session_docs(new_ids(len(entries)), entries, NOW)}
    ) == len(entries)


def test_an_import_of_many_sessions_is_undone_and_redone_whole(run: Cli, tmp_path: Path) -> None:
    start = int(datetime(2026, 9, 1, tzinfo=UTC).timestamp())
    frames = [
        [start + hour * 3600, start + hour * 3600 + 1800, "thesis", f"id{hour}", [], 0]
        for hour in range(0, 24 * 70, 7)  # 240 sessions over three months
    ]
    path = tmp_path / "frames"
    path.write_text(json.dumps(frames), encoding="utf-8")
    run.ok("add", "produce", "07:00-08:00")
    before = stored(run)
    assert run.ok("import", "watson", str(path)) == "imported 240 sessions from Watson\n"
    imported = stored(run)
    assert len(imported) == 241
    months = {s.start.strftime("%Y-%m") for s in imported}
    assert months == {"2026-09", "2026-10", "2026-11"}
    assert run.ok("undo", "--force") == "undid: record 240 sessions\n"  # a big drop
    assert stored(run) == before
    assert run.ok("redo") == "redid: record 240 sessions\n"
    assert stored(run) == imported
    assert run.ok("import", "watson", str(path)) == (
        "imported 0 sessions from Watson; 240 already there\n"
    )


def stored(run: Cli) -> list[Session]:
    store = Store.open(str(run.db), FakeClock(datetime(2026, 11, 28, 9, 0, tzinfo=UTC)))
    # what each session holds: a redo puts the records back one revision on
    return sorted(
        (s._replace(revision=0) for s in store.sessions.all()), key=lambda s: (s.start, s.id)
    )
