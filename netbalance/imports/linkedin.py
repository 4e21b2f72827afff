"""LinkedIn's `Connections.csv`, as LinkedIn exports it.

The file is UTF-8 with a BOM, starts with a `Notes:` preamble of a few lines, then the
header `First Name,Last Name,URL,Email Address,Company,Position,Connected On` and one
row per connection; fields may be quoted (with commas and doubled quotes inside), names
and emails may be empty, dates look like `12 Mar 2024`. Connected On becomes the
contact's "how met": `LinkedIn, 2024-03-12`.

LinkedIn writes one row per line, so a row that runs over several lines is a stray or
missing quote: it is bad, and so is every line its quoted field took, each named (with
the person on it), so nobody is left out unsaid.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable
from datetime import date, datetime

from netbalance.core.contacts import (
    ContactError,
    check_email,
    check_field,
    check_name,
)
from netbalance.core.models import new_ids
from netbalance.imports.contacts import ImportFileError, Note, Parsed, Person, Progress, decode

HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
REQUIRED = ("First Name", "Last Name")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def parse_connected_on(text: str) -> date | None:
    """`12 Mar 2024` (LinkedIn's form, in English whatever the locale) or `2024-03-12`."""
    word = text.strip()
    if not word:
        return None
    parts = word.split()
    try:
        if len(parts) == 3:
            day, month, year = parts
            number = _MONTHS.get(month[:3].lower())
            if number is not None and len(year) == 4:
                return date(int(year), number, int(day))
        elif len(parts) == 1 and len(word) == 10:
            return date.fromisoformat(word)
    except ValueError:
        pass
    raise ContactError(f"Connected On {word!r} is not a date like 12 Mar 2024")


def _header_row(cells: list[str]) -> bool:
    names = {cell.strip().lower() for cell in cells}
    return all(column.lower() in names for column in REQUIRED)


def parse(data: bytes, source: str, now: datetime, progress: Progress | None = None) -> Parsed:
    """Every connection in the file; bad rows reported by line, never raised. LinkedIn
    writes one row per line: a row that runs over several lines (a quote that never
    closes, or closes lines later) is bad, and so is every line it took, each named.

    The rows are read as the bytes are decoded, never as one text or a list of lines,
    and what many connections share (a company, a position, a day met, the time of the
    import) is checked once and kept once: an export has 100,000 connections or more."""
    parsed = Parsed(source, created=now)
    # decoded as it is read (a UTF-8 error names its line: `decode`), lines as an editor
    # numbers them; a list of the lines is made only to name those of a bad row
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
    every_line: list[str] = []

    def lines() -> list[str]:
        if not every_line:
            every_line.extend(io.StringIO(decode(data, source), newline="").readlines())
        return every_line

    columns: dict[str, int] | None = None
    make: _Maker | None = None
    total_lines = max(1, data.count(b"\n") + (not data.endswith(b"\n"))) if progress else 1
    step = 0
    people = parsed.people
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError:
            decode(data, source)  # raises ImportFileError, naming the line
            raise
        except csv.Error as problem:
            parsed.bad.append(Note(line, f"not a CSV row ({problem})"))
            _taken(parsed, lines(), line, reader.line_num, columns)
            continue
        if columns is None:
            if _header_row(cells):
                columns = {cell.strip().lower(): i for i, cell in enumerate(cells)}
                make = _Maker(columns, now)
            elif reader.line_num > 50:
                decode(data, source)  # a file that is not UTF-8 says so first
                break
            continue
        assert make is not None
        last = reader.line_num
        if last > line:
            end = " (the end of the file)" if last == len(lines()) else ""
            parsed.bad.append(
                Note(
                    line,
                    f"{_who(lines()[line - 1], columns)}a quoted field runs from here to line "
                    f"{last}{end}: a quote is missing or stray (LinkedIn writes one row per "
                    "line); fix it and import again",
                )
            )
            _taken(parsed, lines(), line, last, columns)
            continue
        if len(cells) != len(columns):
            if not any(cell.strip() for cell in cells):
                continue
            why = "an unquoted comma?" if len(cells) > len(columns) else "a cut-off row?"
            parsed.bad.append(
                Note(line, f"{len(cells)} fields where the header has {len(columns)} ({why})")
            )
            continue
        try:
            person = make(line, cells)
        except ContactError as problem:
            parsed.bad.append(Note(line, str(problem)))
            continue
        if person is None:
            if any(cell.strip() for cell in cells):
                parsed.skipped.append(Note(line, "no name (LinkedIn leaves it empty for some)"))
            continue
        people.append(person)
        step += 1
        if progress is not None and step % 500 == 0:
            progress(min(1.0, reader.line_num / total_lines))
    if columns is None:
        raise ImportFileError(
            f"{source}: no header line `{','.join(HEADER)}` found; "
            "is this LinkedIn's Connections.csv?"
        )
    if progress is not None:
        progress(1.0)
    return parsed


def _taken(
    parsed: Parsed, lines: list[str], first: int, last: int, columns: dict[str, int] | None
) -> None:
    """Lines `first + 1` … `last`, read into a row that starts on line `first`: each is
    named as bad (with the person on it, when it reads as a row), so nobody on them is
    left out unsaid. Before the header (the preamble) they are nobody."""
    if columns is None:
        return
    for number in range(first + 1, last + 1):
        text = lines[number - 1] if number <= len(lines) else ""
        who = _who(text, columns)
        parsed.bad.append(
            Note(
                number,
                f"{who}read into the quoted field that line {first} opens; "
                "fix the quote there and import again",
            )
        )


def _who(text: str, columns: dict[str, int]) -> str:
    """`Ada Lovelace: ` when a line read on its own names someone, else nothing."""
    try:
        cells = next(csv.reader([text]), [])
    except csv.Error:
        return ""

    def cell(name: str) -> str:
        index = columns.get(name.lower())
        return cells[index] if index is not None and index < len(cells) else ""

    name = " ".join(f"{cell('First Name')} {cell('Last Name')}".split())
    if not name or len(name) > 80 or not name.isprintable():
        return ""
    return f"{name}: "


class _Maker:
    """A row's cells → its person (None: no name), for one header's columns: their
    fields checked as `core.contacts` checks a contact typed in (`check_name`,
    `check_field`, `check_email`); what rows share (a company, a position, a day met) is
    checked once and kept as one string, and ids are drawn many at a time."""

    def __init__(self, columns: dict[str, int], now: datetime) -> None:
        indices = tuple(columns.get(name.lower()) for name in HEADER)
        self.indices = indices
        # every column there, within every row of the header's length: picked in one go
        self.pick: Callable[[list[str]], tuple[str, ...]] | None = None
        if all(index is not None for index in indices):
            wanted = [index for index in indices if index is not None]
            if max(wanted) < len(columns):
                self.pick = operator.itemgetter(*wanted)
        self.now = now
        self.companies: dict[str, str] = {}
        self.positions: dict[str, str] = {}
        self.how_met: dict[str, str] = {}
        self.ids: list[str] = []

    def __call__(self, line: int, cells: list[str]) -> Person | None:
        if self.pick is not None:
            first, last, url, email, company, position, met = self.pick(cells)
        else:
            first, last, url, email, company, position, met = (
                cells[index] if index is not None and index < len(cells) else ""
                for index in self.indices
            )
        first, last = first.strip(), last.strip()
        url = check_field("the URL", url)
        email = check_email(email)
        company = _shared(self.companies, company, "the company")
        position = _shared(self.positions, position, "the position")
        how_met = self.how_met.get(met)
        if how_met is None:
            connected = parse_connected_on(met)
            how_met = "LinkedIn" if connected is None else f"LinkedIn, {connected.isoformat()}"
            self.how_met[met] = how_met
        if not first and not last:
            return None
        name = check_name(f"{first} {last}")
        if not self.ids:
            self.ids = new_ids(1024)
        # as `imports.contacts.Person` lays them out
        return [line, self.ids.pop(), name, company, position, email, url, how_met]


def _shared(seen: dict[str, str], text: str, label: str) -> str:
    """`check_field(label, text)`, once for each text: many rows name the same company."""
    value = seen.get(text)
    if value is None:
        value = seen[text] = check_field(label, text)
    return value
