"""Contacts written out: CSV (cells made inert for spreadsheets) and the file itself."""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Sequence

from netbalance.cli.output import UsageError
from netbalance.core.contacts import Derived
from netbalance.core.instants import optional_iso
from netbalance.core.models import Contact
from netbalance.core.text import printable_lines

CSV_HEADER = (
    "id",
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "links",
    "tags",
    "how met",
    "notes",
    "cadence days",
    "last contact",
    "interactions",
    "network minutes",
    "next due",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs: `=HYPERLINK(…)` → `'=HYPERLINK(…)`;
    control and bidi characters shown as `\\x1b` (the file is printed in a terminal when
    no -o is given), line breaks in notes kept."""
    cell = printable_lines(cell)
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def to_csv(contacts: Sequence[Contact], derived: dict[str, Derived], tz_name: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for contact in contacts:
        values = derived.get(contact.id, Derived())
        writer.writerow(
            neutral(cell)
            for cell in (
                contact.id,
                contact.name,
                contact.organisation,
                contact.role,
                contact.email,
                contact.phone,
                " ".join(contact.links),
                ", ".join(contact.tags),
                contact.how_met,
                contact.notes,
                "" if contact.cadence_days is None else str(contact.cadence_days),
                optional_iso(values.last_contact) or "",
                str(values.interactions),
                str(values.minutes),
                "" if values.next_due is None else values.next_due.isoformat(),
            )
        )
    return out.getvalue()


def write_out(text: str, path: str | None, *, force: bool) -> None:
    """stdout, or a file written atomically (0600); an existing file only with force."""
    if path is None:
        sys.stdout.write(text)
        return
    from netbalance.store.files import atomic_write

    if os.path.lexists(path) and not force:
        raise UsageError(f"{path} exists; add --force to overwrite it")
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder; give a file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"no folder {folder} for {path}")
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as problem:
        raise UsageError(f"cannot write {path}: {problem.strerror}") from None
