"""Hostile text for suite 8: the strings, a data file with each of them in every field a
user fills, and the checks of what a terminal would be sent.

Each string comes with the text a person must see where it is shown: markup with its
brackets, control characters as visible escapes (`\\x1b`), bidi overrides as `\\u202e`
(so a name cannot reverse the text after it), emoji as typed. The expected text is
written out here, not computed by the code under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from netbalance.actions import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Interaction, Item, Kind, Session
from netbalance.store.store import Store

NOW = datetime.fromisoformat("2026-11-26T15:00:00+00:00")  # Thursday of 2026-W48
WEEK = "2026-W48"
LONG = "L" * 10_000


@dataclass(frozen=True)
class Hostile:
    name: str
    text: str  # as typed
    shown: str  # a part of what must be shown, literally
    # What a terminal emulator (pyte) must show: pyte draws a ZWJ sequence's first
    # emoji only (terminals differ on these; Rich counts 4 cells, a joining one draws 2).
    emulated: str = ""

    @property
    def on_terminal(self) -> str:
        return self.emulated or self.shown

    @property
    def start(self) -> str:
        """The start of what is shown, to its first space: all that a table cell cut or
        wrapped to its width must show on one line."""
        return self.on_terminal.split(" ")[0][:12]


HOSTILE = (
    Hostile("markup-bold", "[bold]Bo[/bold]", "[bold]Bo[/bold]"),
    Hostile(
        "markup-link", "[link=file:///etc/passwd]x[/link]", "[link=file:///etc/passwd]x[/link]"
    ),
    Hostile("markup-click", "[@click=app.quit]quit[/]", "[@click=app.quit]quit[/]"),
    Hostile("markup-unbalanced", "[/] oops [/bold]", "[/] oops [/bold]"),
    Hostile("html", '<img src=x onerror=alert(1)>&amp;"', '<img src=x onerror=alert(1)>&amp;"'),
    Hostile("osc-title", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    Hostile("osc-clipboard", "\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07"),
    Hostile("csi", "\x1b[2J\x1b[31mred\x1b[0m", "\\x1b[2J\\x1b[31mred"),
    Hostile("bel", "ding\x07\x07", "ding\\x07\\x07"),
    Hostile("c1", "\x9b31m\x9d0;c1\x9c", "\\x9b31m\\x9d0;c1\\x9c"),
    Hostile("bidi", "\u202eevil\u202c \u2066iso\u2069", "\\u202eevil\\u202c \\u2066iso\\u2069"),
    Hostile("long", LONG, "L" * 12),
    Hostile(
        "zwj", "\U0001f469\u200d\U0001f4bb dev", "\U0001f469\u200d\U0001f4bb dev", "\U0001f469"
    ),
)
IDS = [h.name for h in HOSTILE]

# What must never reach a terminal from user text: C0 controls but the line ends, DEL,
# C1 controls, bidi embeddings/overrides/isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The fields filled (for the report's figures).
ITEM_FIELDS = ("title", "notes", "tags")
CONTACT_FIELDS = ("name", "organisation", "role", "email", "how_met", "notes", "tags", "links")
INTERACTION_FIELDS = ("note", "exchange")
SESSION_FIELDS = ("note", "item_title", "contact_name")
BOX_FIELDS = ("item_title", "note")


def tag_of(text: str) -> str:
    """A tag holds no comma (commas separate tags where they are typed)."""
    return text.replace(",", " ")


def fill(store: Store, hostile: Hostile, *, box: bool = True) -> dict[str, str]:
    """One card in Doing and one shipped, a contact who is due, an interaction this week,
    a produce and a network session this week, and (with `box`) a running box on the
    card: every user-typed field holds `hostile.text`. The ids, by role."""
    text = hostile.text
    long_ago = NOW - timedelta(days=200)
    items = [
        Item(
            id="11111111-aaaa-4aaa-8aaa-000000000001",
            title=text,
            column="Doing",
            position=1.0,
            created=long_ago,
            updated=long_ago,
            notes=text,
            tags=(tag_of(text),),
        ),
        Item(
            id="22222222-aaaa-4aaa-8aaa-000000000002",
            title=text,
            column="Shipped",
            position=1.0,
            created=long_ago,
            updated=NOW - timedelta(days=1),
            notes=text,
            tags=(tag_of(text),),
            shipped=NOW - timedelta(days=1),
        ),
    ]
    contact = Contact(
        id="33333333-aaaa-4aaa-8aaa-000000000003",
        name=text,
        created=long_ago,
        updated=long_ago,
        organisation=text,
        role=text,
        email=text,
        links=(text,),
        tags=(tag_of(text),),
        how_met=text,
        notes=text,
        cadence_days=7,
    )
    met = NOW - timedelta(days=20)
    interaction = Interaction(
        id="44444444-aaaa-4aaa-8aaa-000000000004",
        contact_id=contact.id,
        when=met,
        created=met,
        updated=met,
        channel="call",
        minutes=30,
        note=text,
        exchange=text,
        shared_item_id=items[1].id,
        follow_up=(NOW - timedelta(days=1)).date(),
    )
    day = NOW.replace(hour=9)
    sessions = [
        Session(
            id="55555555-aaaa-4aaa-8aaa-000000000005",
            kind=Kind.PRODUCE,
            start=day,
            end=day + timedelta(minutes=50),
            created=day,
            updated=day,
            item_id=items[0].id,
            item_title=text,
            note=text,
            planned_seconds=50 * 60,
        ),
        Session(  # on Monday: a meeting before the follow-up date, which stays owed
            id="66666666-aaaa-4aaa-8aaa-000000000006",
            kind=Kind.NETWORK,
            start=day - timedelta(days=3, hours=-2),
            end=day - timedelta(days=3, hours=-2, minutes=-25),
            created=day,
            updated=day,
            contact_id=contact.id,
            contact_name=text,
            note=text,
            planned_seconds=25 * 60,
        ),
    ]
    with store.transaction():
        store.items.add_many(items)
        store.contacts.add(contact)
        store.interactions.add(interaction)
        store.sessions.add_many(sessions)
    if box:
        boxes.start(
            store, Kind.PRODUCE, minutes=25, item_id=items[0].id, item_title=text, note=text
        )
    return {
        "item": items[0].id,
        "shipped": items[1].id,
        "contact": contact.id,
        "interaction": interaction.id,
        "session": sessions[0].id,
    }


def hostile_store(path: str, hostile: Hostile, *, box: bool = True) -> Store:
    store = Store.open(path, FakeClock(NOW))
    fill(store, hostile, box=box)
    return store


def forbidden_in(text: str) -> list[str]:
    """The control / bidi characters found in text meant for a screen (reprs)."""
    return sorted({repr(found) for found in FORBIDDEN.findall(text)})
