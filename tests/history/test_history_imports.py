"""Importing past time from Watson and Timewarrior, with files in each tool's own format:
Watson's `frames` (a JSON array written with indent=1, frames `[start, stop, project, id,
tags, updated]` in Unix seconds) and Timewarrior's monthly `YYYY-MM.data` files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbcli import NOW, Cli

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, Session
from netbalance.imports.past_time import ImportProblem
from netbalance.imports.timewarrior import parse_line
from netbalance.imports.watson import parse_frames
from netbalance.store.store import Store


def ts(day: int, hour: int, minute: int = 0) -> int:
    return int(datetime(2026, 11, day, hour, minute, tzinfo=UTC).timestamp())


FRAMES = [
    [ts(23, 9), ts(23, 10, 30), "thesis", "a1b2c3d4e5f60718293a4b5c6d7e8f90", [], ts(23, 10, 31)],
    [ts(24, 12), ts(24, 13), "lunch", "b1b2c3d4e5f60718293a4b5c6d7e8f90", ["coffee"], ts(24, 13)],
    [
        ts(25, 14),
        ts(25, 15),
        "clients",
        "c1b2c3d4e5f60718293a4b5c6d7e8f90",
        ["meeting", "q4"],
        ts(25, 15),
    ],
]
TIMEW_NOVEMBER = """\
inc 20261123T090000Z - 20261123T095000Z # thesis
inc 20261124T120000Z - 20261124T130000Z # coffee "tag two" # met Ada at the café
inc 20261125T140000Z - 20261125T150000Z # # an annotation without tags
inc 20261128T080000Z # writing
"""
TIMEW_OCTOBER = "inc 20261031T230000Z - 20261101T000000Z # meeting\n"


def stored(run: Cli) -> list[Session]:
    return sorted(Store.open(str(run.db), FakeClock(NOW)).sessions.all(), key=lambda s: s.start)


def watson_file(tmp_path: Path, frames: list[list[object]]) -> Path:
    path = tmp_path / "watson" / "frames"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(frames, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def timew_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "timew" / "data"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "tags.data").write_text('{"thesis": {}}\n', encoding="utf-8")  # not intervals
    return folder


def test_watson_frames_become_sessions_mapped_by_project_or_tag(run: Cli, tmp_path: Path) -> None:
    path = watson_file(tmp_path, FRAMES)
    out = run.ok("import", "watson", str(path), "--network-tags", "Meeting, coffee")
    assert out == "imported 3 sessions from Watson\n"
    assert [(s.kind, s.tags, s.note, s.minutes) for s in stored(run)] == [
        (Kind.PRODUCE, ("thesis",), "", 90.0),
        (Kind.NETWORK, ("lunch", "coffee"), "", 60.0),
        (Kind.NETWORK, ("clients", "meeting", "q4"), "", 60.0),
    ]


def test_watson_reimport_adds_nothing(run: Cli, tmp_path: Path) -> None:
    path = watson_file(tmp_path, FRAMES)
    run.ok("import", "watson", str(path))
    before = run.files()
    assert run.ok("import", "watson", str(path)) == (
        "imported 0 sessions from Watson; 3 already there\n"
    )
    assert len(stored(run)) == 3
    assert {k: v for k, v in run.files().items() if "backups" not in k} == {
        k: v for k, v in before.items() if "backups" not in k
    }


def test_watson_dry_run_writes_nothing(run: Cli, tmp_path: Path) -> None:
    path = watson_file(tmp_path, FRAMES)
    out = run.ok("import", "watson", str(path), "--dry-run")
    assert out == "would import 3 sessions from Watson\n"
    assert not run.folder.exists()


def test_watson_default_folder_is_watson_dir(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = watson_file(tmp_path, FRAMES[:1])
    monkeypatch.setenv("WATSON_DIR", str(path.parent))
    assert run.ok("import", "watson") == "imported 1 sessions from Watson\n"


@pytest.mark.parametrize(
    ("frame", "words"),
    [
        (["x", ts(23, 10), "p", "id"], "the start 'x' is not a Unix timestamp"),
        ([ts(23, 10), ts(23, 9), "p", "id"], "it ends (2026-11-23 09:00 UTC) before it starts"),
        ([ts(23, 10), ts(23, 11), 5, "id"], "the project 5 is not text"),
        ([ts(23, 10), ts(23, 11), "p", "id", "tag"], "the tags 'tag' are not a list"),
        ([ts(20, 0), ts(21, 6), "p", "id"], "it lasts 30.0 h, longer than 24 h"),
        ([ts(28, 8), ts(28, 10), "p", "id"], "it ends in the future"),
        ([ts(23, 10)], "a frame is a list"),
    ],
)
def test_a_malformed_frame_names_its_line_and_nothing_is_written(
    run: Cli, tmp_path: Path, frame: list[object], words: str
) -> None:
    run.ok("add", "produce", "07:00-08:00")
    before = run.files()
    path = watson_file(tmp_path, [*FRAMES, frame])
    result = run("import", "watson", str(path))
    assert result.returncode == 2
    lines = path.read_text().splitlines()
    fourth = [n for n, text in enumerate(lines, 1) if text == " ["][3]  # the 4th frame's line
    assert f"frames line {fourth} (frame 4): {words}" in result.stderr
    assert result.stderr.count("\n") == 1
    assert run.files() == before


def test_a_file_that_is_not_json_names_the_line(run: Cli, tmp_path: Path) -> None:
    path = tmp_path / "frames"
    path.write_text('[\n [1, 2, "p", "id"],\n [oops]\n]\n')
    result = run("import", "watson", str(path))
    assert result.returncode == 2 and "line 3: not JSON" in result.stderr
    result = run("import", "watson", str(tmp_path / "missing"))
    assert result.returncode == 2 and "missing: no such file" in result.stderr


def test_timewarrior_intervals_tags_annotations_and_the_open_interval(
    run: Cli, tmp_path: Path
) -> None:
    folder = timew_folder(tmp_path, {"2026-11.data": TIMEW_NOVEMBER, "2026-10.data": TIMEW_OCTOBER})
    out = run.ok("import", "timewarrior", str(folder), "--network-tags", "coffee,meeting", now=0)
    assert out.splitlines() == [
        "imported 4 sessions from Timewarrior",
        "the running interval is now the running produce box (stopwatch)",
    ]
    assert [(s.kind, s.tags, s.note, f"{s.start:%m-%d %H:%M}") for s in stored(run)] == [
        (Kind.NETWORK, ("meeting",), "", "10-31 23:00"),
        (Kind.PRODUCE, ("thesis",), "", "11-23 09:00"),
        (Kind.NETWORK, ("coffee", "tag two"), "met Ada at the café", "11-24 12:00"),
        (Kind.PRODUCE, (), "an annotation without tags", "11-25 14:00"),
    ]
    box = Store.open(str(run.db), FakeClock(NOW)).box.get()
    assert box is not None and box.started == datetime(2026, 11, 28, 8, tzinfo=UTC)
    assert box.is_stopwatch and box.tags == ("writing",) and box.note == ""
    again = run.ok("import", "timewarrior", str(folder), "--network-tags", "coffee,meeting")
    assert again.splitlines() == [
        "imported 0 sessions from Timewarrior; 4 already there",
        "the running interval is already the running box",
    ]


def test_timewarrior_open_interval_is_not_imported_while_a_box_runs(
    run: Cli, tmp_path: Path
) -> None:
    run.ok("start", "network")
    folder = timew_folder(tmp_path, {"2026-11.data": TIMEW_NOVEMBER})
    out = run.ok("import", "timewarrior", str(folder))
    assert "not imported: a box is running here" in out
    box = Store.open(str(run.db), FakeClock(NOW)).box.get()
    assert box is not None and box.kind is Kind.NETWORK


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("exc monday <8:00", "not an interval"),
        ("inc 2026-11-23 - x", "the start '2026-11-23' is not like"),
        ("inc 20261123T090000Z - 2026", "the end '2026' is not like"),
        ("inc 20261123T090000Z tag", "unexpected 'tag'"),
        ("inc 20261123T100000Z - 20261123T090000Z # x", "it ends (2026-11-23 09:00 UTC) before"),
    ],
)
def test_a_malformed_timewarrior_line_names_file_and_line(
    run: Cli, tmp_path: Path, line: str, words: str
) -> None:
    folder = timew_folder(tmp_path, {"2026-11.data": TIMEW_NOVEMBER + line + "\n"})
    result = run("import", "timewarrior", str(folder))
    assert result.returncode == 2
    assert f"2026-11.data line 5: {words}" in result.stderr
    assert not run.folder.exists()


def test_timewarrior_dry_run_and_missing_folder(run: Cli, tmp_path: Path) -> None:
    folder = timew_folder(tmp_path, {"2026-11.data": TIMEW_NOVEMBER})
    out = run.ok("import", "timewarrior", str(folder), "--dry-run")
    assert out.startswith("would import 3 sessions from Timewarrior")
    assert not run.folder.exists()
    result = run("import", "timewarrior", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no such folder" in result.stderr


FUZZ_NOW = datetime(2026, 11, 28, tzinfo=UTC)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_timewarrior_line_reads_or_is_an_import_problem(line: str) -> None:
    try:
        parse_line(line, "2026-11.data", 1, frozenset(), FUZZ_NOW)
    except ImportProblem as problem:
        assert str(problem).startswith("2026-11.data line 1: ")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=7),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_JSON, max_size=4))
def test_any_json_array_reads_or_is_an_import_problem(frames: list[object]) -> None:
    try:
        parse_frames(json.dumps(frames, indent=1), "frames", frozenset(), FUZZ_NOW)
    except ImportProblem as problem:
        assert str(problem).startswith("frames")
