"""Input files and data for bench.py's import and Contacts cases, made up here (no real
person's data): a LinkedIn `Connections.csv` as LinkedIn exports it, and a contact log
of many people with many interactions."""

from __future__ import annotations

import csv
import io
import random
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from netbalance.core.models import Contact, Interaction

FIRST = (
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia",
    "Linus", "Guido", "Frances", "John", "Hedy", "Tim", "Sophie", "Niklaus", "Anita",
    "Bjarne", "Karen", "Leslie", "Shafi", "Yukihiro", "Mary", "José", "Zoë", "Łukasz",
)  # fmt: skip
LAST = (
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson",
    "Perlman", "Torvalds", "van Rossum", "Allen", "McCarthy", "Lamarr", "Berners-Lee",
    "Wilson", "Wirth", "Borg", "Stroustrup", "Spärck Jones", "Lamport", "Goldwasser",
    "Matsumoto", "Keller", "O'Neil", "Nguyen", "Müller",
)  # fmt: skip
COMPANIES = (
    "Acme, Inc.", "Initech", 'The "Good" Company', "Globex", "Umbrella Research",
    "Hooli", "Stark Industries", "Wayne Enterprises", "", "Cyberdyne Systems",
    "Soylent Corp", "Tyrell, Ltd.", "Massive Dynamic",
)  # fmt: skip
POSITIONS = (
    "Engineer", "Senior Engineer", "Head of Product", "CTO", "Designer",
    "Researcher, ML", "Founder", "", "Recruiter", "Writer",
)  # fmt: skip
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CHANNELS = ("in person", "call", "video", "email", "message", "event", "social", "other")
TAGS = ("friend", "work", "conference", "client", "mentor", "alumni")

LINKEDIN_PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have "
    'allowed their connections to see or download their email address."\r\n'
    "\r\n"
)
LINKEDIN_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)


def _name(rng: random.Random, number: int) -> tuple[str, str]:
    """A made-up name, unique by its number (so no row is a duplicate of another)."""
    return rng.choice(FIRST), f"{rng.choice(LAST)} {number}"


def write_linkedin(path: Path, rows: int, seed: int = 1) -> Path:
    """A Connections.csv: UTF-8 with a BOM, the Notes preamble, the header, quoted fields
    with commas and doubled quotes, a fifth of the emails empty, dates like 12 Mar 2024."""
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    out.write(LINKEDIN_PREAMBLE)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LINKEDIN_HEADER)
    first_day = date(2012, 1, 1)
    for number in range(rows):
        first, last = _name(rng, number)
        slug = f"{first}-{last}".lower().replace(" ", "-").replace("'", "")
        email = "" if rng.random() < 0.2 else f"person{number}@example.com"
        connected = first_day + timedelta(days=rng.randrange(5000))
        writer.writerow(
            (
                first,
                last,
                f"https://www.linkedin.com/in/{slug}-{number:05d}",
                email,
                rng.choice(COMPANIES),
                rng.choice(POSITIONS),
                f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}",
            )
        )
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


def contact_log(
    now: datetime, people: int, interactions: int, seed: int = 1
) -> tuple[list[Contact], list[Interaction]]:
    """`people` contacts and `interactions` interactions spread over ten years before `now`
    (a tenth of the people with a cadence, a few follow-ups due)."""
    rng = random.Random(seed)
    contacts = []
    for number in range(people):
        first, last = _name(rng, number)
        created = now - timedelta(days=rng.randrange(3650, 3700))
        contacts.append(
            Contact(
                id=str(uuid.UUID(int=rng.getrandbits(128))),
                name=f"{first} {last}",
                created=created,
                updated=created,
                organisation=rng.choice(COMPANIES),
                role=rng.choice(POSITIONS),
                email=f"person{number}@example.com",
                tags=tuple(rng.sample(TAGS, rng.randrange(3))),
                how_met="benchmark",
                cadence_days=rng.choice((30, 60, 90)) if rng.random() < 0.1 else None,
            )
        )
    log = []
    for number in range(interactions):
        when = now - timedelta(minutes=rng.randrange(1, 3650 * 24 * 60))
        follow = when.date() + timedelta(days=14) if rng.random() < 0.02 else None
        log.append(
            Interaction(
                id=str(uuid.UUID(int=rng.getrandbits(128))),
                contact_id=rng.choice(contacts).id,
                when=when,
                created=when,
                updated=when,
                channel=rng.choice(CHANNELS),
                minutes=rng.choice((0, 15, 30, 45, 60)),
                note=f"talked about project {number % 97}",
                follow_up=follow,
            )
        )
    log.sort(key=lambda interaction: interaction.when)
    return contacts, log
