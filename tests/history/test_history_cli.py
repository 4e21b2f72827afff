"""`netbalance add / edit / delete / split` through the real program (a subprocess, the
clock frozen at Saturday 2026-11-28 09:00 UTC, the zone UTC); results read from the store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from nbcli import NOW, Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Session
from netbalance.store.store import Store


def stored(run: Cli) -> list[Session]:
    store = Store.open(str(run.db), FakeClock(NOW))
    return sorted(store.sessions.all(), key=lambda s: s.start)


def spans(run: Cli) -> list[tuple[str, str, str]]:
    return [(s.kind.value, f"{s.start:%d %H:%M}", f"{s.end:%d %H:%M}") for s in stored(run)]


def short(output: str) -> str:
    return output.rsplit("(", 1)[1][:6]


def test_add_records_a_forgotten_session(run: Cli) -> None:
    out = run.ok("add", "produce", "yesterday", "14:00", "50m", "--note", "the draft")
    assert out.startswith("added 50 m of produce, Fri 27 Nov 14:00–14:50 (")
    [session] = stored(run)
    assert (session.start, session.end, session.note) == (
        datetime(2026, 11, 27, 14, tzinfo=UTC),
        datetime(2026, 11, 27, 14, 50, tzinfo=UTC),
        "the draft",
    )


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("08:00-07:00", "the end Sat 28 Nov 07:00 is before the start 08:00"),
        ("10:00-11:00", "the start Sat 28 Nov 10:00 is in the future"),
        ("2026-11-20 09:00 25h", "longer than 24 h"),
        ("soon", "cannot read 'soon' as a time; use 09:00-10:30"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(run: Cli, when: str, words: str) -> None:
    run.ok("add", "network", "07:00-07:30")
    before = run.files()
    result = run("add", "produce", *when.split())
    assert result.returncode == 2
    assert words in result.stderr
    assert result.stderr.count("\n") == 1
    assert run.files() == before


def test_an_overlap_is_refused_naming_the_other_session(run: Cli) -> None:
    first = short(run.ok("add", "network", "07:00-08:00"))
    before = run.files()
    result = run("add", "produce", "07:30-08:30")
    assert result.returncode == 2
    assert f"it overlaps the network session {first} (Sat 28 Nov 07:00–08:00)" in result.stderr
    assert "--trim" in result.stderr
    assert run.files() == before


def test_trim_shortens_the_other_session(run: Cli) -> None:
    first = short(run.ok("add", "network", "07:00-08:00"))
    out = run.ok("add", "produce", "07:30-08:30", "--trim")
    assert f"trimmed the network session {first}" in out
    assert spans(run) == [("network", "28 07:00", "28 07:30"), ("produce", "28 07:30", "28 08:30")]


def test_edit_moves_a_session_to_another_month_file(run: Cli) -> None:
    sid = short(run.ok("add", "produce", "2026-10-31", "22:00", "1h"))
    assert (run.folder / "nb.2026-10.json").exists()
    run.ok("edit", sid, "--start", "2026-11-02 09:00", "--end", "2026-11-02 10:00")
    assert spans(run) == [("produce", "02 09:00", "02 10:00")]
    assert sid not in (run.folder / "nb.2026-10.json").read_text()
    assert sid in (run.folder / "nb.2026-11.json").read_text()


def test_edit_kind_note_and_end_on_the_sessions_day(run: Cli) -> None:
    sid = short(run.ok("add", "produce", "2026-11-20", "09:00", "1h"))
    run.ok("edit", sid, "--end", "10:30", "--kind", "network", "--note", "coffee")
    [session] = stored(run)
    assert (session.kind.value, f"{session.end:%d %H:%M}", session.note) == (
        "network",
        "20 10:30",
        "coffee",
    )


def test_edit_into_an_overlap_is_refused_then_trimmed(run: Cli) -> None:
    run.ok("add", "network", "06:00-07:00")
    sid = short(run.ok("add", "produce", "07:00-08:00"))
    before = run.files()
    result = run("edit", sid, "--start", "06:30")
    assert (result.returncode, run.files() == before) == (2, True)
    assert "it overlaps the network session" in result.stderr
    run.ok("edit", sid, "--start", "06:30", "--trim")
    assert spans(run) == [("network", "28 06:00", "28 06:30"), ("produce", "28 06:30", "28 08:00")]


def test_delete_and_unknown_ids(run: Cli) -> None:
    sid = short(run.ok("add", "produce", "07:00-08:00"))
    assert run.ok("delete", sid).startswith("deleted 1 h 00 m of produce")
    assert stored(run) == []
    result = run("delete", sid)
    assert result.returncode == 2 and f"no session with id '{sid}'" in result.stderr


def test_split_at_a_time(run: Cli) -> None:
    sid = short(run.ok("add", "produce", "06:00-08:00", "--note", "n"))
    run.ok("split", sid, "07:15")
    assert spans(run) == [("produce", "28 06:00", "28 07:15"), ("produce", "28 07:15", "28 08:00")]
    assert [s.note for s in stored(run)] == ["n", "n"]
    result = run("split", sid, "08:30")
    assert result.returncode == 2 and "is not inside" in result.stderr


def test_split_across_midnight_at_a_time_after_it(run: Cli) -> None:
    """A bare time is the one inside the session: 00:30 on the end's day."""
    sid = short(run.ok("add", "produce", "2026-11-26", "23:00", "2h"))
    run.ok("split", sid, "00:30")
    assert spans(run) == [("produce", "26 23:00", "27 00:30"), ("produce", "27 00:30", "27 01:00")]
    run.ok("split", sid, "23:15")
    assert spans(run)[:2] == [
        ("produce", "26 23:00", "26 23:15"),
        ("produce", "26 23:15", "27 00:30"),
    ]


def test_links_to_a_card_and_a_contact(run: Cli) -> None:
    run.ok("item", "add", "Write the essay")
    item_id = stored_items(run)
    out = run.ok("add", "produce", "06:00-07:00", "--item", item_id[:6])
    assert "on Write the essay" in out
    store = Store.open(str(run.db), FakeClock(NOW))
    with store.transaction():
        store.contacts.add(Contact(id="c0ffee-1", name="Ada Lovelace", created=NOW, updated=NOW))
    run.ok("add", "network", "07:00-08:00", "--contact", "ada lovelace")
    assert [s.link for s in stored(run)] == ["Write the essay", "Ada Lovelace"]
    result = run("add", "network", "05:00-06:00", "--item", item_id[:6])
    assert result.returncode == 2 and "produce" in result.stderr
    result = run("add", "network", "05:00-06:00", "--contact", "nobody")
    assert result.returncode == 2 and "no contact matches 'nobody'" in result.stderr


def stored_items(run: Cli) -> str:
    store = Store.open(str(run.db), FakeClock(NOW))
    return store.items.all()[0].id
