"""Suite 7, input fuzzing of whole files and command lines: the importers (LinkedIn CSV,
vCard, Watson frames, Timewarrior data), config.toml, theme files, and `netbalance ARGS`.

A file parser returns what it read (bad rows reported as notes, each one line with its line
number) or raises its own error class, one line naming the file. `netbalance ARGS`, run in
this process on a data file in a temporary folder with the clock frozen, ends with exit 0,
1 or 2 and, on an error, exactly one line on stderr; any other exception is a defect.
The examples run per parser are printed at the end (`pytest -s`).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import string
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_fuzz import (
    ANY_TEXT,
    DUES,
    EMAILS,
    NUMBERS,
    SCALE,
    WEEK_TEXTS,
    WHENS,
    twisted,
)

from netbalance.core import contacts as contact_rules
from netbalance.core.models import Contact
from netbalance.exports.contacts import to_vcf
from netbalance.imports import contacts as importing
from netbalance.imports import linkedin, timewarrior, vcard, watson
from netbalance.imports.contacts import ImportFileError, Parsed
from netbalance.imports.past_time import Entry, ImportProblem, OpenEntry
from netbalance.settings import config
from netbalance.tui import themes

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
NETWORK = frozenset({"meeting", "coffee"})

EXAMPLES: Counter[str] = Counter()
FUZZ = settings(
    max_examples=200 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    database=None,
    print_blob=True,  # a failure prints the @reproduce_failure line that replays it
)


@pytest.fixture(scope="module", autouse=True)
def summary() -> Iterator[None]:
    yield
    print("\nfuzzed files and command lines (examples run):")
    for parser, count in sorted(EXAMPLES.items()):
        print(f"  {parser:<28} {count:>6}")
    total = sum(count for parser, count in EXAMPLES.items() if ", exit" not in parser)
    print(f"  {'total':<28} {total:>6}")


def one_line(message: str) -> bool:
    return bool(message) and "\n" not in message and "\r" not in message


def lines_in(text: str) -> int:
    """Lines as an editor counts them (LF, CRLF or a lone CR ends one)."""
    return len(re.split(r"\r\n|\r|\n", text))


def check_notes(parsed: Parsed, text: str) -> None:
    """Every left-out row is one line and points at a line of the file."""
    for note in [*parsed.bad, *parsed.skipped]:
        assert one_line(str(note)), f"a note of several lines: {str(note)!r}"
        assert 1 <= note.line <= lines_in(text), f"{note} points past the file's end"
    for row in parsed.rows:
        assert 1 <= row.line <= lines_in(text)
        assert row.contact.name and one_line(row.contact.name)


def check_file_error(problem: Exception, source: str) -> None:
    message = str(problem)
    assert one_line(message), f"a message of several lines: {message!r}"
    assert source in message, f"the message does not name the file: {message!r}"


# text and cells -------------------------------------------------------------------

CELL = st.one_of(
    ANY_TEXT,
    st.sampled_from(["", "Ada", "O'Brien", 'say "hi"', "a,b", "line\nbreak", "=1+1", " "]),
    EMAILS,
    st.builds(
        "{} {} {}".format, st.integers(0, 40), st.sampled_from(["Mar", "Xyz"]), st.integers(0, 9999)
    ),
    st.text(string.printable, max_size=20),
)


# LinkedIn's Connections.csv ------------------------------------------------------


@st.composite
def connections_csv(draw: st.DrawFn) -> bytes:
    """A Connections.csv with a twist: a preamble or not, columns dropped or moved,
    cells quoted at random, rows cut or lengthened, stray quotes, odd line ends."""
    header = list(linkedin.HEADER)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 4)) == 0:
        header = header[: draw(st.integers(0, len(header)))]
    rows: list[list[str]] = [header]
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1]))
        rows.append([draw(CELL) for _ in range(max(0, width))])
    out = io.StringIO()
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    writer = csv.writer(out, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):
        text = 'Notes:\n"When exporting your connection data, you may notice..."\n\n' + text
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', '""', ",", "\n", "\x00", "\r"])) + text[at:]
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    return data


@FUZZ
@given(connections_csv() | st.binary(max_size=200))
@example(b"First Name,Last Name\n" + b'"' * 3)
def test_linkedin(data: bytes) -> None:
    EXAMPLES["import linkedin"] += 1
    try:
        parsed = linkedin.parse(data, "Connections.csv", NOW)
    except ImportFileError as problem:
        check_file_error(problem, "Connections.csv")
        return
    check_notes(parsed, data.decode("utf-8-sig"))
    check_every_line_said(parsed, data.decode("utf-8-sig"))


def check_every_line_said(parsed: Parsed, text: str) -> None:
    """Every line after the header with something on it is imported, skipped or bad,
    each by its own number: a row swallowed by a stray quote is named, never dropped."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines)
    header = 0
    while not header:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            continue
        if linkedin._header_row(cells):
            header = reader.line_num
    said = {row.line for row in parsed.rows} | {note.line for note in parsed.bad}
    said |= {note.line for note in parsed.skipped}
    for number in range(header + 1, len(lines) + 1):
        alone = next(csv.reader([lines[number - 1]]), [])
        if any(cell.strip() for cell in alone):
            assert number in said, f"line {number} {lines[number - 1]!r} is reported nowhere"


PEOPLE = st.lists(
    st.tuples(st.sampled_from(["Ada", "Grace", "José", "Alan"]), st.text("abcxyz", min_size=1)),
    min_size=1,
    max_size=12,
)


@st.composite
def stray_quotes(draw: st.DrawFn) -> bytes:
    """A good Connections.csv with stray quotes: a field opened with a quote that never
    closes, or closes in a row further down."""
    rows = [",".join(linkedin.HEADER)]
    for first, last in draw(PEOPLE):
        position = draw(st.sampled_from(["", "CEO", '"Lead"']))
        rows.append(f"{first},{last},,,Acme,{position},")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(1, len(rows) - 1))
        cells = rows[at].split(",")
        where = draw(st.integers(0, len(cells) - 1))
        cells[where] = '"' + cells[where]
        rows[at] = ",".join(cells)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return (ending.join(rows) + draw(st.sampled_from(["", ending]))).encode()


@FUZZ
@given(stray_quotes())
@example(b'First Name,Last Name\nAda,"Lovelace\nGrace,Hopper\nAlan,Turing\n')
@example(b'First Name,Last Name\nAda,"Lovelace\nGrace,Hopper\nAlan,"Tu"ring\nJo,Se\n')
def test_linkedin_stray_quotes(data: bytes) -> None:
    """Each person in the file is imported or named by line: none is carried off unsaid
    inside another row's quoted field."""
    EXAMPLES["import linkedin, stray quotes"] += 1
    parsed = linkedin.parse(data, "Connections.csv", NOW)
    text = data.decode()
    check_notes(parsed, text)
    check_every_line_said(parsed, text)
    imported = {row.line for row in parsed.rows}
    for note in parsed.bad:
        assert note.line not in imported, f"line {note.line} both imported and bad"


# vCard ---------------------------------------------------------------------------

VCARD_LINES = st.one_of(
    st.builds("FN:{}".format, CELL),
    st.builds("N:{};{};;;".format, CELL, CELL),
    st.builds("N:{}".format, st.text(";,\\ab", max_size=8)),
    st.builds("EMAIL;TYPE={}:{}".format, st.sampled_from(["pref", "INTERNET", "", "x"]), CELL),
    st.builds("EMAIL;PREF={}:{}".format, st.sampled_from(["1", "", "a"]), CELL),
    st.builds("TEL:{}".format, CELL),
    st.builds("ORG:{};{}".format, CELL, CELL),
    st.builds("TITLE:{}".format, CELL),
    st.builds("URL:{}".format, CELL),
    st.builds("CATEGORIES:{}".format, st.lists(CELL, max_size=4).map(",".join)),
    st.builds("NOTE:{}".format, st.text(string.printable, max_size=30)),
    st.builds("NOTE;ENCODING=QUOTED-PRINTABLE:{}".format, st.text("=0A1Fz", max_size=12)),
    st.builds("PHOTO;ENCODING=b;TYPE=JPEG:{}".format, st.text("QUJD=!", max_size=12)),
    st.builds("BDAY:{}".format, st.text("0123456789-T:", max_size=12)),
    st.builds("REV:{}".format, st.text("0123456789-T:Z", max_size=16)),
    st.builds(" {}".format, CELL),  # a folded line
    st.sampled_from(
        ["VERSION:3.0", "VERSION:4.0", "VERSION:", "BEGIN:VCARD", "END:VCARD", ":", ";"]
    ),
    st.builds(
        "{}:{}".format, st.text(string.ascii_uppercase + "-;=", min_size=1, max_size=8), CELL
    ),
    ANY_TEXT,
)


@st.composite
def vcf(draw: st.DrawFn) -> bytes:
    cards: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines = ["BEGIN:VCARD", "VERSION:3.0", *draw(st.lists(VCARD_LINES, max_size=6))]
        if draw(st.integers(0, 5)):
            lines.append("END:VCARD")
        cards.extend(lines)
    ending = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    return ending.join(cards).encode("utf-8")


@FUZZ
@given(vcf() | st.binary(max_size=100))
@example(b"BEGIN:VCARD\r\nFN:A\r\nBDAY:2026-13-45\r\nEND:VCARD\r\n")
@example(b"BEGIN:VCARD\r\nFN:A\r\nPHOTO;ENCODING=b:!!!\r\nEND:VCARD\r\n")
@example(b"BEGIN:VCARD\r\nN:;;;;\r\nFN;CHARSET=x:\r\nEND:VCARD\r\n")
@example(b"BEGIN:VCARD\r\nFN:A\x0cB\r\nEND:VCARD\r\nBEGIN:VCARD")  # a form feed in a value
def test_vcard(data: bytes) -> None:
    EXAMPLES["import vcard"] += 1
    try:
        parsed = vcard.parse(data, "cards.vcf", NOW)
    except ImportFileError as problem:
        check_file_error(problem, "cards.vcf")
        return
    check_notes(parsed, data.decode("utf-8-sig"))


# a vCard export read back ----------------------------------------------------------

_INERT = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}  # shown as escapes by the export
_TEXT = st.text(
    st.characters(exclude_categories=("Cc", "Cs")).filter(lambda c: ord(c) not in _INERT),
    max_size=30,
)


def _valid(check: Callable[[str], Any], text: str) -> Any:
    try:
        return check(text)
    except ValueError:
        return None


def _checked(check: Callable[[str], Any], texts: st.SearchStrategy[str]) -> Any:
    """Texts as the contact's checks leave them (those the checks refuse left out)."""
    return texts.map(lambda text: _valid(check, text)).filter(lambda value: value is not None)


def _one_line(label: str) -> Callable[[str], str]:
    return lambda text: contact_rules.check_field(label, text)


ONE_LINE = _checked(_one_line("a field"), _TEXT | st.sampled_from(["a;b,c\\d", "O'Brien"]))
CONTACTS = st.builds(
    Contact,
    id=st.uuids().map(str),
    name=_checked(contact_rules.check_name, _TEXT),
    created=st.datetimes(datetime(2, 1, 2), datetime(9998, 12, 30), timezones=st.just(UTC)).map(
        lambda instant: instant.replace(microsecond=0)
    ),
    updated=st.just(NOW),
    organisation=ONE_LINE,
    role=ONE_LINE,
    email=_checked(contact_rules.check_email, st.emails() | st.just("")),
    phone=_checked(_one_line("a phone"), st.text("+0123456789 -()", max_size=16)),
    links=st.lists(
        _checked(_one_line("a URL"), st.builds("https://{}.example/{}".format, _TEXT, _TEXT)),
        max_size=3,
        unique_by=contact_rules.normal_url,
    ).map(tuple),
    tags=st.lists(_TEXT, max_size=4).map(lambda tags: _valid(contact_rules.parse_tags, tags) or ()),
    how_met=ONE_LINE,
    notes=_checked(contact_rules.check_notes, st.lists(_TEXT, max_size=3).map("\n".join)),
    cadence_days=st.none() | st.integers(1, contact_rules.MAX_CADENCE),
    snoozed_until=st.none() | st.dates(),
    revision=st.just(0),
)


def _namesake(number: int, **fields: Any) -> Contact:
    return Contact(
        f"00000000-0000-4000-8000-00000000000{number}", "John Smith", NOW, NOW, "Google", **fields
    )


@FUZZ
@given(st.lists(CONTACTS, min_size=1, max_size=4, unique_by=lambda contact: contact.id))
@example([_namesake(1), _namesake(2, role="CEO"), _namesake(3, email="j@x.example")])
@example([_namesake(1, notes="\n indented\n\nlines"), _namesake(2, tags=("a;b", "c\\d"))])
def test_vcard_export_read_back(contacts: list[Contact]) -> None:
    """Every field of every contact comes back from its vCard (namesakes and all, text
    made inert aside); the same export imported again adds and merges nothing."""
    EXAMPLES["vcard export read back"] += 1
    exported = to_vcf(contacts).encode()
    parsed = vcard.parse(exported, "export.vcf", NOW)
    assert (parsed.bad, parsed.skipped) == ([], [])
    fresh = importing.plan([], parsed, NOW)
    assert {c.id: c for c in fresh.added} == {c.id: c for c in contacts}
    again = importing.plan(fresh.added, parsed, NOW)
    assert (again.added, again.updated, again.merged) == ([], [], [])


# Watson frames -------------------------------------------------------------------

STAMPS = st.one_of(
    st.integers(1_700_000_000, 1_800_000_000),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=5),
)
WORDS = st.one_of(st.sampled_from(["meeting", "coffee", "writing", ""]), ANY_TEXT)
FRAME = st.one_of(
    st.tuples(STAMPS, STAMPS, WORDS, WORDS).map(list),
    st.tuples(
        STAMPS,
        STAMPS,
        WORDS | st.integers(),
        WORDS,
        st.lists(WORDS, max_size=3) | st.none() | WORDS,
        STAMPS,
    ).map(list),
    st.tuples(STAMPS, STAMPS, WORDS, WORDS, st.lists(WORDS, max_size=2), STAMPS, WORDS).map(list),
    st.lists(STAMPS, max_size=3),
    st.dictionaries(st.text(max_size=3), STAMPS, max_size=2),
    STAMPS,
)


@st.composite
def frames_text(draw: st.DrawFn) -> str:
    frames = draw(st.lists(FRAME, max_size=6) | FRAME)
    text = json.dumps(frames, indent=draw(st.sampled_from([None, 1, 4])))
    if draw(st.integers(0, 4)) == 0:
        text = draw(twisted(st.just(text)))
    return text


@FUZZ
@given(frames_text() | ANY_TEXT)
@example("[" * 100_000)  # deeper than Python's JSON reader recurses
@example("[[" + "1" * 5000 + ', 1, "p", "id"]]')  # a number of 5000 digits
@example('[[1764320400, 1764324000, "p", "id", ["a"], 1764324000, "msg"]]')
@example("\ufeff[]")
def test_watson(text: str) -> None:
    EXAMPLES["import watson"] += 1
    try:
        entries = watson.parse_frames(text, "frames", NETWORK, NOW)
    except ImportProblem as problem:
        check_file_error(problem, "frames")
        line = re.search(r"frames line (\d+)", str(problem))
        assert line is None or 1 <= int(line[1]) <= lines_in(text), str(problem)
        return
    for entry in entries:
        assert entry.start <= entry.end <= NOW


# Timewarrior ---------------------------------------------------------------------

INSTANT_TOKENS = st.one_of(
    st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1)).map(
        lambda d: d.strftime("%Y%m%dT%H%M%SZ")
    ),
    st.from_regex(r"\A\d{8}T\d{6}Z\Z"),
    st.text("0123456789TZ", max_size=16),
)
TAG_TOKENS = st.one_of(
    st.sampled_from(["meeting", "coffee", "#", "-", '"two words"', "'single'", '"open', '\\"']),
    st.text(string.printable.replace("\n", ""), max_size=8),
    st.builds('"{}"'.format, st.text(max_size=6)),
)


TW_GOOD = "inc 20261127T110000Z - 20261127T120000Z # writing"


@st.composite
def interval_line(draw: st.DrawFn) -> str:
    words = [draw(st.sampled_from(["inc", "inc", "inc", "exc", "INC", ""]))]
    words.append(draw(INSTANT_TOKENS))
    if draw(st.booleans()):
        words += ["-", draw(INSTANT_TOKENS)]
    if draw(st.booleans()):
        words += ["#", *draw(st.lists(TAG_TOKENS, max_size=3))]
        if draw(st.booleans()):
            words += ["#", draw(st.text(max_size=20))]
    line = " ".join(words)
    if draw(st.integers(0, 3)) == 0:
        line = draw(twisted(st.just(line)))
    return line


@FUZZ
@given(interval_line() | ANY_TEXT, st.integers(1, 10_000))
@example("inc 20261128T090000Z - 20260230T095000Z # x", 3)  # no 30 February
@example("inc 99991231T235959Z", 1)
@example("inc 20261128T090000Z - 20261128T080000Z", 1)
def test_timewarrior_line(line: str, number: int) -> None:
    EXAMPLES["timewarrior line"] += 1
    try:
        read = timewarrior.parse_line(line, "2026-11.data", number, NETWORK, NOW)
    except ImportProblem as problem:
        assert one_line(str(problem)), str(problem)
        assert str(problem).startswith(f"2026-11.data line {number}: "), str(problem)
        return
    assert read is None or isinstance(read, Entry | OpenEntry)


@FUZZ
@given(st.lists(interval_line(), min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]))
@example(["inc 20261127T090000Z - 20261127T100000Z # a # one\u2028line", TW_GOOD, "inc x"], "\n")
@example(["inc 20261127T090000Z - 20261127T100000Z # a # one\x0cline", TW_GOOD, "inc x"], "\n")
@example(["inc 20261127T090000Z - 20261127T100000Z # a # one\rline", TW_GOOD, "inc x"], "\n")
def test_timewarrior_folder(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], end: str
) -> None:
    """A data file: the error names the file and the line as an editor numbers it."""
    EXAMPLES["import timewarrior"] += 1
    folder = tmp_path_factory.mktemp("timew")
    text = end.join(lines) + end
    (folder / "2026-11.data").write_text(text, encoding="utf-8", newline="")
    try:
        timewarrior.parse_folder(str(folder), NETWORK, NOW)
    except ImportProblem as problem:
        message = str(problem)
        assert one_line(message), message
        where = re.match(r"2026-11\.data line (\d+): ", message)
        assert where, f"the message does not name the file and line: {message!r}"
        number = int(where[1])
        physical = text.split("\n")  # Timewarrior ends a line with a newline, nothing else
        assert 1 <= number < len(physical), message
        if "a second open interval" not in message:  # else it fails with the first one
            with pytest.raises(ImportProblem):  # the line it names fails on its own
                line = physical[number - 1].removesuffix("\r")
                timewarrior.parse_line(line, "2026-11.data", number, NETWORK, NOW)


# config.toml ---------------------------------------------------------------------


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Arrays and tables of values."""
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=3)


TOML_VALUES = st.recursive(
    st.one_of(
        st.integers(-(10**6), 10**6),
        st.sampled_from([0, 1, 25, 1440, 1441, -1, 2**63 - 1]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.text(max_size=12),
        st.sampled_from(["monday", "Sunday", "Europe/Berlin", "Mars/Olympus", "md", "Doing", ""]),
        st.datetimes(timezones=st.none() | st.just(UTC)),
        st.dates(),
    ),
    lambda inner: _containers(inner),
    max_leaves=8,
)
KNOWN_SECTIONS = sorted({section for section, _ in config.SCHEMA} | {"keymap"})
SECTION_TABLES = st.dictionaries(
    st.sampled_from([key for _, key in config.SCHEMA]) | st.text(max_size=10),
    TOML_VALUES,
    max_size=5,
)


@st.composite
def config_text(draw: st.DrawFn) -> str:
    document = draw(
        st.dictionaries(
            st.sampled_from(KNOWN_SECTIONS) | st.text(max_size=10),
            SECTION_TABLES | TOML_VALUES,
            max_size=5,
        )
    )
    try:
        text = tomlkit.dumps(document)
    except Exception:  # a value tomlkit cannot write (NaN keys and the like): plain text
        text = json.dumps(document, default=str)
    if draw(st.integers(0, 4)) == 0:
        text = draw(twisted(st.just(text)))
    return text


@FUZZ
@given(config_text() | ANY_TEXT | st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
@example('[boxes]\n"two\\nlines" = 1\n')  # a key with a line break in it
@example('["two\\nlines"]\nx = 1\n')
@example('[time]\ntime_zone = "../../etc/passwd"\n')
@example('[board]\ncolumns = ["A", "a"]\nwip_column = "\\u001b]0;title\\u0007"\n')
@example("[targets]\nproduce_hours = 1e308\nnetwork_hours = inf\nratio = nan\n")
@example("[breaks]\nlong_every = " + "9" * 5000 + "\n")  # past what Python reads as a number
@example("[board]\nwip_limit = 9223372036854775807\n")
def test_config(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """Never raises; each problem is one line naming the file; every value is usable."""
    EXAMPLES["config.toml"] += 1
    path = tmp_path_factory.getbasetemp() / "fuzz-config.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    loaded = config.load(str(path))
    for problem in loaded.problems:
        assert one_line(problem), f"a problem of several lines: {problem!r}"
        assert problem.startswith(str(path)), problem
    chosen = loaded.settings
    assert 1 <= chosen.week_start <= 7
    assert all(1 <= minutes <= 1440 for minutes in chosen.produce_presets + chosen.network_presets)
    assert 1 <= len(chosen.produce_presets) <= 12 and 1 <= len(chosen.network_presets) <= 12
    for minutes in (chosen.produce_default, chosen.network_default):
        assert 1 <= minutes <= 1440
    assert 1 <= chosen.short_break <= 1440 and 1 <= chosen.long_break <= 1440
    assert 1 <= chosen.long_break_every <= 100 and 0 <= chosen.wip_limit <= 999
    # every figure worked out from a number stays finite (nan compares false: refused too)
    assert 0 <= chosen.produce_budget_hours <= 168 and 0 <= chosen.network_budget_hours <= 168
    assert 0 <= chosen.target_ratio <= 100
    assert len(chosen.board_columns) >= 2
    assert chosen.wip_column == "" or chosen.wip_column in chosen.board_columns
    if chosen.time_zone:
        from netbalance.core.weeks import zone

        zone(chosen.time_zone)


# theme files ---------------------------------------------------------------------

COLOURS = st.one_of(
    st.sampled_from(
        ["#1E90FF", "#fff", "rgb(30,144,255)", "dodgerblue", "hsl(0,100%,50%)", "auto 50%"]
    ),
    st.sampled_from(["#GGGGGG", "#12345", "rgb(300,0,0)", "", "ansi_red", "#1E90FF 50%", "bold"]),
    st.builds("#{:06X}".format, st.integers(0, 0xFFFFFF)),
    st.text(max_size=10),
    TOML_VALUES,
)
THEME_KEYS = st.sampled_from(sorted(themes.KNOWN_KEYS)) | st.text(max_size=8)
VARIABLE_KEYS = st.sampled_from(
    ["produce", "network", "footer-key-foreground", "block-cursor-text-style", "scrollbar", "x"]
) | st.text(max_size=8)


@st.composite
def theme_table(draw: st.DrawFn) -> dict[str, Any]:
    table: dict[str, Any] = {
        "name": draw(st.sampled_from(["fuzz", "fuzz theme"]) | st.text(max_size=70))
    }
    table["primary"] = draw(COLOURS)
    for key in draw(st.lists(THEME_KEYS, max_size=5)):
        table[key] = draw(COLOURS | st.floats() | st.booleans())
    if draw(st.booleans()):
        table["variables"] = draw(st.dictionaries(VARIABLE_KEYS, COLOURS, max_size=4) | COLOURS)
    for key in draw(st.lists(st.sampled_from(["name", "primary"]), max_size=1)):
        del table[key]
    return table


@FUZZ
@given(theme_table())
@example({"name": "x", "primary": "#fff", "variables": {"block-cursor-text-style": "bold red"}})
@example({"name": "x", "primary": "#fff", "luminosity_spread": float("nan")})
@example({"name": "x\u202e", "primary": "#fff"})
def test_theme(table: dict[str, Any]) -> None:
    """A theme is refused with one line naming the file, or it can be used: Textual builds
    every colour of it (an unchecked colour crashes the app when the theme is chosen)."""
    EXAMPLES["theme table"] += 1
    try:
        theme = themes.parse_theme(table, "themes/fuzz.toml")
    except themes.ThemeFileError as problem:
        check_file_error(problem, "themes/fuzz.toml")
        return
    generated = theme.to_color_system().generate()
    assert generated["primary"] and "produce" in theme.variables


@FUZZ
@given(theme_table().map(lambda table: tomlkit.dumps(table)) | ANY_TEXT, st.booleans())
@example('name = "x"\nprimary = "#fff"\n[variables]\nproduce = "#zzz"\n', False)
def test_theme_file(tmp_path_factory: pytest.TempPathFactory, text: str, twist: bool) -> None:
    """Theme files as text: a bad file is skipped with one line naming it, never fatal."""
    EXAMPLES["theme file"] += 1
    folder = tmp_path_factory.getbasetemp() / "fuzz-themes"
    folder.mkdir(exist_ok=True)
    data = text.encode("utf-8", "surrogatepass")
    if twist:
        data = data[: len(data) // 2] + b"\xff\x00" + data[len(data) // 2 :]
    (folder / "fuzz.toml").write_bytes(data)
    loaded, problems = themes.load_themes([str(folder)])
    assert len(loaded) + len(problems) == 1
    for problem in problems:
        assert one_line(problem) and str(folder / "fuzz.toml") in problem, problem


# the command line ----------------------------------------------------------------

CLI_NOW = "2026-11-28T09:00:00+00:00"
SHOW = bool(os.environ.get("NETBALANCE_FUZZ_SHOW"))  # print each command line and its end
FRAMES = '[[1764237600, 1764241200, "writing", "a1", ["deep"], 1764241200]]'
CONNECTIONS = (
    "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Grace,Hopper,https://www.linkedin.com/in/gh,grace@navy.mil,Navy,Admiral,12 Mar 2024\n"
)
CARDS = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Katherine Johnson\r\nEMAIL:kj@nasa.gov\r\nEND:VCARD\r\n"
TIMEW = "inc 20261127T090000Z - 20261127T100000Z # meeting # coffee with Ada\n"


@dataclass(frozen=True)
class Argument:
    """One argument of a command: its option strings (none for a positional), what it
    is called, how many values it takes (0 for a flag) and its choices."""

    options: tuple[str, ...]
    dest: str
    values: int  # 0: a flag; 1: one value; 2: one or more
    choices: tuple[str, ...] = ()


def _commands() -> list[tuple[tuple[str, ...], tuple[Argument, ...]]]:
    """Every command (its words) and its arguments, read from the parser itself."""
    from netbalance.cli.parser import build_parser

    found: list[tuple[tuple[str, ...], tuple[Argument, ...]]] = []

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs:
            for name, sub in subs[0].choices.items():
                walk(sub, (*words, name))
            return
        arguments = tuple(
            Argument(
                tuple(action.option_strings),
                action.dest,
                0 if action.nargs == 0 else 2 if action.nargs in ("+", "*") else 1,
                tuple(str(choice) for choice in action.choices or ()),
            )
            for action in parser._actions
            if action.dest not in ("help", "db")
        )
        found.append((words, arguments))

    walk(build_parser(None), ())
    # `demo FILE` writes sample data to any path it is given: not fuzzed here
    return [(words, arguments) for words, arguments in found if words != ("demo",)]


COMMANDS = _commands()
IDS: list[str] = ["a", "0", "ffff"]  # filled with the seeded records' ids and prefixes
TEXT_VALUES = st.one_of(
    CELL,
    st.sampled_from(["x" * 201, "[bold]x[/]", "\x1b]52;c;aGk=\x07", "a\nb", "bad\udcffutf8"]),
    ANY_TEXT,
)
VALUES: dict[str, st.SearchStrategy[str]] = {
    "when": WHENS,
    "time": WHENS,
    "start": WHENS,
    "end": WHENS,
    "week": WEEK_TEXTS,
    "due": DUES,
    "follow_up": DUES,
    "minutes": NUMBERS,
    "estimate": NUMBERS,
    "cadence": NUMBERS,
    "days": NUMBERS,
    "tags": st.lists(TEXT_VALUES, max_size=3).map(",".join),
    "column": st.sampled_from(["Backlog", "doing", "Shipped", "Nowhere"]) | TEXT_VALUES,
    "who": st.sampled_from(["Ada", "ada lovelace", "Lovelace", "Nobody"]) | TEXT_VALUES,
    "email": EMAILS,
    "file": st.sampled_from(["frames", "Connections.csv", "cards.vcf", "missing", "."]),
    "folder": st.sampled_from(["timew", "timew/data", "missing", "frames"]),
    "output": st.sampled_from(["out.md", "frames", "cards.vcf", "new/out.md", "."]),
    "format": st.sampled_from(["{kind} {left}", "{kind!r:>{left}}", "{0}", "{kind.__class__}"]),
    "backup": st.sampled_from(["today", "nb.json", "missing"]) | TEXT_VALUES,
    "network_tags": st.sampled_from(["meeting", "writing,deep", ""]) | TEXT_VALUES,
}
STRAY = st.one_of(
    st.sampled_from(["-", "--", "-x", "--json", "--help", "--version", "--demo", "--force"]),
    WHENS,
    ANY_TEXT,
)


def _now_and_then(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in `one_in` draws. (Hypothesis favours the ends of a range, so the
    test is for a value in the middle.)"""
    return draw(st.integers(0, one_in - 1)) == one_in // 2


def _value(draw: st.DrawFn, argument: Argument) -> list[str]:
    if argument.values == 0:
        return []
    if argument.choices and not _now_and_then(draw, 10):
        return [draw(st.sampled_from(argument.choices))]
    if argument.dest in ("id", "item", "contact") and not _now_and_then(draw, 5):
        value = draw(st.sampled_from(IDS))
    else:
        value = draw(VALUES.get(argument.dest, TEXT_VALUES))
    if argument.values == 2:
        return value.split() or [value]
    return [value]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command with its positionals and some of its options, each with a value of the
    kind it takes (`--due fri`, `--week 2026-W48`), now and then twisted or misplaced."""
    words, arguments = draw(st.sampled_from(COMMANDS))
    argv = list(words)
    for argument in arguments:
        if argument.options:
            if _now_and_then(draw, 3):
                argv += [draw(st.sampled_from(argument.options)), *_value(draw, argument)]
        elif not _now_and_then(draw, 10):  # now and then a positional is left out
            argv += _value(draw, argument)
    if _now_and_then(draw, 8):  # a stray word
        argv.insert(draw(st.integers(0, len(argv))), draw(STRAY))
    if _now_and_then(draw, 6):  # a word twisted: a command mistyped, a value off
        at = draw(st.integers(0, len(argv) - 1))
        argv[at] = draw(twisted(st.just(argv[at])))
    return [word for word in argv if _harmless(word)] or ["status"]


def _harmless(word: str) -> bool:
    """Words that keep the run inside its folders: no other data file (`--db`, `--d`),
    no absolute or home paths, nothing that climbs out of the folder."""
    name = word.split("=", 1)[0]
    if name in ("--d", "--db") or "\x00" in word:
        return False
    value = word.split("=", 1)[-1]
    return not value.startswith(("/", "~")) and ".." not in word


def _ids(value: object) -> Iterator[str]:
    """Every "id" in a JSON document."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "id" and isinstance(inner, str):
                yield inner
            else:
                yield from _ids(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _ids(inner)


class Cli:
    """`netbalance ARGS` in this process: a fresh copy of a seeded data folder and working
    folder for each run, the clock frozen, the full-screen app replaced by a stub."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seed = root / "seed"
        self.seed_running = root / "seed-running"
        self.work = root / "run"

    def run(self, argv: list[str]) -> tuple[int, str, str]:
        from netbalance.cli import main

        # text streams over bytes, as a terminal's: exports write bytes to stdout.buffer
        out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
        out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
        err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: object = main(argv)
            except SystemExit as leaving:
                code = 0 if leaving.code is None else leaving.code
        if SHOW:
            print(argv, code, err_bytes.getvalue().decode("utf-8")[:200], file=sys.__stderr__)
        assert isinstance(code, int), f"netbalance {argv} ended with {code!r}"
        return code, out_bytes.getvalue().decode("utf-8"), err_bytes.getvalue().decode("utf-8")

    def fresh(self, running: bool = False) -> None:
        """Start from the seeded folders again (with a box running, or not), and work in
        the copy's `cwd`."""
        import shutil

        os.chdir(self.root)
        if self.work.exists():
            shutil.rmtree(self.work)
        shutil.copytree(self.seed_running if running else self.seed, self.work)
        os.chdir(self.work / "cwd")


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    root = tmp_path_factory.mktemp("fuzz-cli")
    runner = Cli(root)
    seed = runner.seed
    (seed / "cwd" / "timew" / "data").mkdir(parents=True)
    (seed / "cwd" / "frames").write_text(FRAMES, encoding="utf-8")
    (seed / "cwd" / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (seed / "cwd" / "cards.vcf").write_text(CARDS, encoding="utf-8", newline="")
    (seed / "cwd" / "timew" / "data" / "2026-11.data").write_text(TIMEW, encoding="utf-8")
    (seed / "config.toml").write_text('[time]\ntime_zone = "Europe/Berlin"\n', encoding="utf-8")
    work = runner.work
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("NETBALANCE_")]:
            patch.delenv(name)
        patch.setenv("NETBALANCE_NOW", CLI_NOW)
        patch.setenv("TZ", "UTC")
        patch.setenv("COLUMNS", "100")
        patch.setenv("LANGUAGE", "C")  # argparse looks for translations of every message
        for variable, where in (
            ("NETBALANCE_DB", "data/nb.json"),
            ("NETBALANCE_CONFIG", "config.toml"),
            ("WATSON_DIR", "cwd"),
            ("TIMEWARRIORDB", "cwd/timew"),
            ("XDG_DATA_HOME", "xdg/data"),
            ("XDG_CONFIG_HOME", "xdg/config"),
            ("HOME", "home"),
        ):
            patch.setenv(variable, str(work / where))
        import netbalance.cli.app_command as app_command

        def no_app(args: argparse.Namespace) -> int:
            EXAMPLES["netbalance (the app, stubbed)"] += 1
            return 0

        patch.setattr(app_command, "run", no_app)
        # seed the data as a user would, then keep the folder as the copy every run starts from
        seed.rename(work)
        patch.chdir(work / "cwd")
        for argv in (
            ["item", "add", "Write the report", "--due", "fri", "--tags", "writing"],
            ["contact", "add", "Ada Lovelace", "--org", "Engines", "--cadence", "14"],
            ["add", "produce", "yesterday", "09:00", "50m", "--note", "draft"],
            ["add", "network", "2026-11-26", "14:00-14:30"],
            ["contact", "log", "Ada", "--minutes", "20", "--follow-up", "+7d"],
        ):
            code, _, err = runner.run(argv)
            assert code == 0, (argv, err)
        for argv in (["item", "list", "--json"], ["contact", "list", "--json"], ["log", "--json"]):
            code, out, err = runner.run(argv)
            assert code == 0, (argv, err)
            for record_id in _ids(json.loads(out)):
                IDS.extend([record_id, record_id[:4]])
        assert len(IDS) >= 3 + 2 * 4, IDS
        patch.chdir(root)
        work.rename(seed)
        runner.fresh()
        code, _, err = runner.run(["start", "network", "--contact", "Ada", "--note", "coffee"])
        assert code == 0, err
        os.chdir(root)
        work.rename(runner.seed_running)
        runner.fresh()
        yield runner


@FUZZ
@given(command_lines(), st.booleans())
@example(["log", "--week", "0001-01-01"], False)
@example(["report", "--week", "9999-12-31"], False)
@example(["log", "--week", "9999-W52"], False)
@example(["add", "produce", "0001-01-01T00:30:00+00:00", "50m"], False)
@example(["add", "produce", "9999-12-31", "23:00", "50m"], False)
@example(["status", "--format", "{kind.__class__}"], True)
@example(["status", "--format", "{kind!r:>{left}}"], True)
@example(["extend", "--minutes", "1440"], True)
@example(["stop", "--note", "a\nb\x1b[2J"], True)
@example(["item", "add", "x\nline\x1b]0;title\x07", "--tags", "a\nb"], False)
@example(["item", "edit", "a", "--due", "+99999w"], False)
@example(["contact", "snooze", "Ada", "99999999999999999999"], False)
@example(["edit", "a", "--start", "9999-12-31T23:59:59-23:59"], False)
@example(["split", "a", "0001-01-01", "00:00"], False)
@example(["import", "watson", "frames", "--network-tags", "writing"], False)
@example(["import", "timewarrior", "--dry-run"], False)
@example(["itme", "add", "x"], False)
@example(["--version"], False)
def test_command_line(cli: Cli, argv: list[str], running: bool) -> None:
    """Exit 0, 1 or 2; an error is exactly one line on stderr, with nothing typed that can
    drive the terminal; anything else (a traceback) is a defect."""
    EXAMPLES["netbalance ARGS"] += 1
    cli.fresh(running)
    code, _out, err = cli.run(argv)
    EXAMPLES[f"netbalance ARGS, exit {code}"] += 1
    assert code in (0, 1, 2), f"netbalance {argv} exited {code}: {err}"
    if code != 0:
        assert err.endswith("\n") and err.count("\n") == 1, (
            f"netbalance {argv} (exit {code}) wrote not one line on stderr: {err!r}"
        )
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", err), f"a control character: {err!r}"


def _data(cli: Cli) -> dict[str, bytes]:
    """Every file of the run's data folder and working folder → its bytes."""
    return {
        str(path.relative_to(cli.work)): path.read_bytes()
        for path in sorted(cli.work.rglob("*"))
        if path.is_file()
    }


# bytes that are not UTF-8, as Python hands them to the program: lone surrogates
NOT_UTF8 = st.sampled_from(["\udcff", "\udcc3", "\udce9", "\udc80", "\udced\udca0\udc80"])


@st.composite
def command_lines_not_utf8(draw: st.DrawFn) -> list[str]:
    """A command line with a byte that is not UTF-8 somewhere in one of its words."""
    argv = draw(command_lines())
    at = draw(st.integers(0, len(argv) - 1))
    inside = draw(st.integers(0, len(argv[at])))
    argv[at] = argv[at][:inside] + draw(NOT_UTF8) + argv[at][inside:]
    return argv


@FUZZ
@given(command_lines_not_utf8(), st.booleans())
@example(["item", "add", "bad\udcffutf8"], False)
@example(["contact", "add", "\udcff"], False)
@example(["add", "produce", "yesterday 09:00 50m", "--note", "\udcff"], False)
@example(["start", "network", "--note", "\udcff"], False)
@example(["status", "--format", "{kind}\udcff"], True)
def test_command_line_not_utf8(cli: Cli, argv: list[str], running: bool) -> None:
    """Every command refuses a word that is not UTF-8 before it runs: exit 2, one line
    naming the word, and nothing written."""
    EXAMPLES["netbalance ARGS not UTF-8"] += 1
    cli.fresh(running)
    before = _data(cli)
    code, out, err = cli.run(argv)
    assert (code, out) == (2, ""), f"netbalance {argv!a} exited {code}: {err}"
    assert err.startswith("netbalance: argument '") and err.count("\n") == 1, err
    assert err.endswith(" is not valid UTF-8 text: type it again in UTF-8 (nothing was changed)\n")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", err), f"a control character: {err!r}"
    assert _data(cli) == before


NOW_TEXTS = st.one_of(
    twisted(st.sampled_from([CLI_NOW, "2026-11-28", "2026-11-28T09:00"])),
    ANY_TEXT,
    st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-23:00", "0001-03-01"]),
).filter(lambda text: text and "\x00" not in text)


@FUZZ
@given(command_lines(), NOW_TEXTS, st.booleans())
@example(["log"], "garbage", False)
@example(["status"], "garbage", True)
@example(["status", "--json"], "2026-13-01", True)
@example(["report"], "0001-01-01T00:00:00+14:00", False)
def test_command_line_with_a_bad_now(cli: Cli, argv: list[str], now: str, running: bool) -> None:
    """A NETBALANCE_NOW that is not an instant: every command says so in one line naming
    it and its value, exits 2 and writes nothing. (A good one runs the command.)"""
    from netbalance.core.clock import ClockError, frozen_instant
    from netbalance.core.text import printable

    if any("\udc80" <= character <= "\udcff" for word in argv for character in word):
        return  # refused for that word first (test_command_line_not_utf8)
    try:
        frozen_instant(now)
    except ClockError as problem:
        expected = f"netbalance: {printable(str(problem))}\n"
    else:
        return
    EXAMPLES["netbalance ARGS, bad NOW"] += 1
    cli.fresh(running)
    before = _data(cli)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETBALANCE_NOW", now)
        code, out, err = cli.run(argv)
    assert (code, out) == (2, ""), f"netbalance {argv} with NETBALANCE_NOW={now!r}: {err}"
    assert err == expected and err.count("\n") == 1, err
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", err), f"a control character: {err!r}"
    assert _data(cli) == before
