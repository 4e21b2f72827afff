"""LinkedIn and vCard imports: realistic files, duplicates, bad rows, and a fuzz of both."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbalance.actions import imports
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, replace
from netbalance.exports.contacts import to_vcf
from netbalance.imports import contacts as importing
from netbalance.imports import linkedin
from netbalance.imports.contacts import BadRows, ImportFileError
from netbalance.store.parsed import is_copy
from netbalance.store.store import Store

FILES = Path(__file__).resolve().parent / "files"
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed it."\r\n\r\n'
)


def linkedin_file(*rows: str) -> bytes:
    return ("\ufeff" + PREAMBLE + HEADER + "\r\n" + "".join(r + "\r\n" for r in rows)).encode()


def new_store(folder: Path) -> Store:
    return Store.open(str(folder / "nb.json"), FakeClock(NOW))


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock") and not is_copy(p.name)
    }


def test_linkedin_connections_as_exported(tmp_path: Path) -> None:
    parsed = linkedin.parse((FILES / "Connections.csv").read_bytes(), "Connections.csv", NOW)
    by_name: dict[str, importing.Row] = {}
    for row in parsed.rows:
        by_name.setdefault(row.contact.name, row)  # the first of the two Grace Hoppers
    ada = by_name["Ada Lovelace"].contact
    assert by_name["Ada Lovelace"].line == 5  # after the BOM, the preamble and the header
    assert ada.role == "Programmer, first of her kind"  # a quoted comma
    assert ada.how_met == "LinkedIn, 2024-03-12"
    assert ada.links == ("https://www.linkedin.com/in/ada-lovelace",)
    assert by_name["Grace Hopper"].contact.role == 'Rear Admiral "Amazing Grace"'
    assert by_name["Grace Hopper"].contact.email == ""
    assert by_name["Alan Turing"].contact.organisation == "Bletchley Park, Hut 8"
    assert "José María García" in by_name
    assert [(n.line, "no name" in n.message) for n in parsed.skipped] == [(7, True)]
    assert parsed.bad == []


def test_importing_twice_adds_nothing_and_duplicates_merge(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    data = (FILES / "Connections.csv").read_bytes()
    first = imports.contacts(store, "linkedin", data, "Connections.csv")
    assert len(first.added) == 5
    # the second Grace Hopper row (same URL, a trailing slash) filled in her email
    assert [note.line for note in first.merged] == [10]
    grace = next(c for c in store.contacts.all() if c.name == "Grace Hopper")
    assert grace.email == "grace@navy.example"
    before = snapshot(tmp_path)
    second = imports.contacts(store, "linkedin", data, "Connections.csv")
    assert (second.added, second.updated) == ([], [])
    assert len(store.contacts.all()) == 5
    assert snapshot(tmp_path) == before


def test_namesakes_with_their_own_profiles_or_emails_stay_two_people(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    data = linkedin_file(
        "John,Smith,https://www.linkedin.com/in/jsmith-1,john@one.example,Google,Engineer,",
        "John,Smith,https://www.linkedin.com/in/jsmith-2,js@two.example,Google,Designer,",
        "John,Smith,,john@three.example,Google,Manager,",  # no profile, another email
        "John,Smith,https://www.linkedin.com/in/jsmith-1/,,Google,,",  # the first again
    )
    first = imports.contacts(store, "linkedin", data, "Connections.csv")
    johns = sorted((c.email, c.role, c.links) for c in store.contacts.all())
    assert johns == [
        ("john@one.example", "Engineer", ("https://www.linkedin.com/in/jsmith-1",)),
        ("john@three.example", "Manager", ()),
        ("js@two.example", "Designer", ("https://www.linkedin.com/in/jsmith-2",)),
    ]
    assert [note.line for note in first.skipped] == [8]  # the first again: nothing new
    before = snapshot(tmp_path)
    again = imports.contacts(store, "linkedin", data, "Connections.csv")
    assert (again.added, again.updated, again.merged) == ([], [], [])
    assert snapshot(tmp_path) == before


def test_a_row_that_could_be_several_namesakes_merges_into_none(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    two = linkedin_file(
        "John,Smith,https://www.linkedin.com/in/jsmith-1,,Google,,",
        "John,Smith,https://www.linkedin.com/in/jsmith-2,,Google,,",
    )
    imports.contacts(store, "linkedin", two, "two.csv")
    vague = linkedin_file("John,Smith,,,Google,Engineer,")  # which of them?
    result = imports.contacts(store, "linkedin", vague, "vague.csv")
    assert (result.added, result.updated) == ([], [])
    [note] = result.skipped
    assert "could be any of 2 contacts" in note.message and note.line == 5
    assert all(c.role == "" for c in store.contacts.all())
    # with the profile it names one of them
    sure = linkedin_file("John,Smith,https://linkedin.com/in/jsmith-2,,Google,Engineer,")
    imports.contacts(store, "linkedin", sure, "sure.csv")
    roles = {c.links[0]: c.role for c in store.contacts.all()}
    assert roles == {
        "https://www.linkedin.com/in/jsmith-1": "",
        "https://www.linkedin.com/in/jsmith-2": "Engineer",
    }


def test_vcard_3_and_4_with_folded_lines(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    imports.contacts(store, "vcard", (FILES / "cards-3.0.vcf").read_bytes(), "cards-3.0.vcf")
    imports.contacts(store, "vcard", (FILES / "cards-4.0.vcf").read_bytes(), "cards-4.0.vcf")
    found = {c.name: c for c in store.contacts.all()}
    ada = found["Ada Lovelace"]
    assert ada.email == "ada@home.example"  # the preferred of two
    assert ada.organisation == "Analytical Engines, Research"
    assert ada.phone == "+44 20 7946 0000"
    assert ada.tags == ("math", "history")
    assert "Bernoulli numbers and promised to send her notes, all of them." in ada.notes
    assert "ada@work.example" in ada.notes and "+44 20 7946 0001" in ada.notes
    assert found["Mr. Charles Babbage"].email == "charles@engines.example"  # N without FN
    grace = found["Grace Hopper"]
    assert grace.email == "grace@home.example"  # PREF=1
    assert grace.phone == "+1-555-0100"
    assert grace.notes.startswith("A very long note that goes on and on so that the line has to")
    assert "folded by the writer, as vCard 4.0 says." in grace.notes
    assert found["Katherine Johnson"].links == ("https://www.linkedin.com/in/kjohnson",)
    assert '[bold red]Mallory[/] =HYPERLINK("http://x")' in found


def test_vcard_round_trip_adds_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    imports.contacts(store, "vcard", (FILES / "cards-3.0.vcf").read_bytes(), "a.vcf")
    written = to_vcf(store.contacts.all()).encode()
    again = imports.contacts(store, "vcard", written, "export.vcf")
    assert again.added == []


def own_fields(contact: Contact) -> tuple[object, ...]:
    """Every field the user gave a contact: all but when it was last saved, and its
    revision (the store's)."""
    return tuple(replace(contact, updated=NOW, revision=0))


def test_a_vcard_export_brings_back_every_field(tmp_path: Path) -> None:
    store = new_store(tmp_path / "kept")
    imports.contacts(store, "linkedin", (FILES / "Connections.csv").read_bytes(), "c.csv")
    imports.contacts(store, "vcard", (FILES / "cards-3.0.vcf").read_bytes(), "a.vcf")
    imports.contacts(store, "vcard", (FILES / "cards-4.0.vcf").read_bytes(), "b.vcf")
    with store.transaction():
        for number, contact in enumerate(store.contacts.all()):
            store.contacts.update(
                replace(
                    contact,
                    cadence_days=number % 3 * 30 or None,
                    snoozed_until=date(2026, 12, number + 1) if number % 2 else None,
                    how_met=contact.how_met or f"met at talk {number}; the one, with slides",
                    notes=contact.notes or f"line one\nline two, {number}; \\ backslash",
                    created=NOW - timedelta(days=number * 100),
                ),
                previous=contact,
            )
    kept = {c.id: own_fields(c) for c in store.contacts.all()}
    assert len(kept) >= 9
    exported = to_vcf(store.contacts.all()).encode()
    fresh = new_store(tmp_path / "fresh")
    result = imports.contacts(fresh, "vcard", exported, "export.vcf")
    assert (len(result.added), result.merged, result.skipped, result.bad) == (len(kept), [], [], [])
    assert {c.id: own_fields(c) for c in fresh.contacts.all()} == kept
    before = snapshot(tmp_path)
    for into in (store, fresh):  # the same export again: nothing added, nothing merged
        again = imports.contacts(into, "vcard", exported, "export.vcf")
        assert (again.added, again.updated, again.merged) == ([], [], [])
        assert len(again.skipped) == len(kept)
    assert snapshot(tmp_path) == before


def test_a_malformed_file_reports_every_bad_row_and_writes_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    imports.contacts(store, "linkedin", (FILES / "Connections.csv").read_bytes(), "c.csv")
    before = snapshot(tmp_path)
    data = linkedin_file(
        "Good,Person,,,Acme,,1 Jan 2024",
        "Bad,Date,,,Acme,,31 Feb 2024",
        "Too,Many,,,Acme, Inc,CEO,1 Jan 2024",
        "Short,Row",
        "Bad,Email,,not an email,Acme,,1 Jan 2024",
    )
    with pytest.raises(BadRows) as refused:
        imports.contacts(store, "linkedin", data, "bad.csv")
    assert [note.line for note in refused.value.plan.bad] == [6, 7, 8, 9]
    assert "31 Feb 2024" in str(refused.value.plan.bad[0])
    assert snapshot(tmp_path) == before
    dry = imports.contacts(store, "linkedin", data, "bad.csv", dry_run=True)
    assert len(dry.added) == 1 and snapshot(tmp_path) == before
    skipped = imports.contacts(store, "linkedin", data, "bad.csv", skip_bad=True)
    assert [c.name for c in skipped.added] == ["Good Person"]


def test_bad_vcards_are_reported_by_line(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    with pytest.raises(BadRows) as refused:
        imports.contacts(store, "vcard", (FILES / "bad.vcf").read_bytes(), "bad.vcf")
    assert [note.line for note in refused.value.plan.bad] == [5, 6, 11]
    assert not (tmp_path / "nb.json").exists()


@pytest.mark.parametrize(
    ("kind", "data", "words"),
    [
        ("linkedin", b"just,some,csv\r\n1,2,3\r\n", "no header"),
        ("linkedin", "\ufeffFirst Name,Last Name\r\nA,\xff\r\n".encode() + b"\xff", "line 2"),
        ("vcard", b"hello", "no BEGIN:VCARD"),
    ],
)
def test_unreadable_files_are_one_line(kind: str, data: bytes, words: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as problem:
        imports.contacts(new_store(tmp_path), kind, data, "f")
    assert words in str(problem.value) and "\n" not in str(problem.value)


# fuzz ------------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=25
)
_cell = st.one_of(
    _text,
    st.sampled_from(["", "Ada", "O'Brien, Jr.", 'Say "hi"', '=HYPERLINK("x")', "\x1b[31m"]),
)
_date = st.one_of(
    st.sampled_from(["12 Mar 2024", "", "1 Jan 2000", "31 Feb 2024", "Mar 2024", "2024-03-12"]),
    _text,
)


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


@st.composite
def linkedin_files(draw: st.DrawFn) -> bytes:
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        cells = [draw(_cell) for _ in range(6)] + [draw(_date)]
        if draw(st.booleans()):
            cells = cells[: draw(st.integers(0, 7))]  # a cut-off row
        rows.append(",".join(_csv_cell(c) if draw(st.booleans()) else c for c in cells))
    if draw(st.booleans()):
        rows.insert(draw(st.integers(0, len(rows))), draw(_text))  # garbage
    body = linkedin_file(*rows)
    if draw(st.booleans()):
        body = body.replace(b"\r\n", b"\n")
    return body


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    cards = []
    for _ in range(draw(st.integers(0, 5))):
        version = draw(st.sampled_from(["3.0", "4.0"]))
        lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        if draw(st.booleans()):
            lines.append("FN:" + draw(_cell).replace("\n", "\\n"))
        for prop in draw(st.lists(st.sampled_from(["EMAIL", "TEL", "ORG", "NOTE", "N", "URL"]))):
            lines.append(f"{prop}:{draw(_cell)}")
        if draw(st.booleans()):
            lines.append(draw(_text))  # maybe not a property at all
        if draw(st.booleans()):
            lines.append("END:VCARD")
        text = "\r\n".join(lines)
        if draw(st.booleans()) and len(text) > 10:
            cut = draw(st.integers(5, len(text) - 1))
            text = text[:cut] + "\r\n " + text[cut:]  # a fold
        cards.append(text)
    return ("\r\n".join(cards) + "\r\n").encode()


def _fuzz(kind: str, data: bytes, folder: Path) -> None:
    store = new_store(folder)
    imports.contacts(
        store, "linkedin", (FILES / "Connections.csv").read_bytes(), "c.csv", skip_bad=True
    )
    before = snapshot(folder)
    try:
        result = imports.contacts(store, kind, data, "fuzz")
    except (BadRows, ImportFileError) as problem:
        assert "\n" not in str(problem)
        assert snapshot(folder) == before
        return
    assert not result.bad
    total = len(store.contacts.all())
    imports.contacts(store, kind, data, "fuzz")  # twice adds nothing
    assert len(store.contacts.all()) == total


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=linkedin_files())
def test_fuzz_linkedin(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    _fuzz("linkedin", data, tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=vcard_files())
def test_fuzz_vcard(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    _fuzz("vcard", data, tmp_path_factory.mktemp("fuzz"))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_fuzz_any_bytes(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    for kind in ("linkedin", "vcard"):
        _fuzz(kind, data, tmp_path_factory.mktemp("fuzz"))
