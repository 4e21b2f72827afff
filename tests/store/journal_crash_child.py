"""Run by test_journal.py (not a test): changes through the store, forever, until killed.

    python journal_crash_child.py DATA_PATH SEED

Prints `ready`, then before each save `saving TABLE ID BEFORE AFTER` (the card's title
before and after, `-` for absent, `session` for a session) and `ok` once it returned.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta

from netbalance.core.clock import FakeClock
from netbalance.core.models import Item, Kind, Session, new_id, replace
from netbalance.store.store import Store


def work(path: str, seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
    store = Store.open(path, clock)

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    say("ready")
    n = 0
    while True:
        n += 1
        clock.advance(minutes=1)
        now = clock.now()
        title = f"{seed}:{n}"
        items = store.items.all()
        roll = rng.random()
        if roll < 0.45 and items:
            item = rng.choice(items)
            say(f"saving items {item.id} {item.title} {title}")
            store.items.update(replace(item, title=title, updated=now), previous=item)
        elif roll < 0.6 or not items:
            item = Item(new_id(), title, "Backlog", float(n), now, now)
            say(f"saving items {item.id} - {title}")
            store.items.add(item)
        elif roll < 0.7:
            item = rng.choice(items)
            say(f"saving items {item.id} {item.title} -")
            store.items.remove(item)
        else:
            start = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), 9, tzinfo=UTC)
            session = Session(
                new_id(), Kind.PRODUCE, start, start + timedelta(minutes=25), now, now
            )
            say(f"saving sessions {session.id} - session")
            store.sessions.add(session)
        say("ok")


if __name__ == "__main__":
    work(sys.argv[1], int(sys.argv[2]))
