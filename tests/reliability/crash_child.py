"""Run by test_crash.py (not a test): mixed saves on one data file, forever.

    python crash_child.py DATA_PATH SEED START_ISO     one worker
    python crash_child.py --serve                      a worker per stdin line

A worker prints `ready` once the store is open, `saving <op>` before each save and, once
the save returned (atomic, fsynced), the acknowledgement `ok <op> <id> [<version>]`,
each flushed at once. The parent SIGKILLs it at random moments and checks every
acknowledged change.

`--serve` imports everything once and then, for each line `run DATA_PATH SEED START_ISO`
on stdin, forks a worker (its lines go to the same stdout), prints `pid <pid>`, and
once the worker died prints `dead <pid> <wait status>`. Forking spares each of the
hundred-odd workers an interpreter start, which is most of the test's time otherwise.

ops: `session+` insert a session · `item~` edit an item (version = "<seed>:<n>") ·
`item+` insert an item · `contact+` / `contact-` insert / delete a contact ·
`box+` start a box · `box-` finish the running box (recorded as session <id>).
`saving contact- <id>` names the contact, so a delete that was saved but killed before
its acknowledgement is not taken for a lost contact.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from dataclasses import replace
from datetime import datetime, timedelta

from netbalance import boxes
from netbalance.core.clock import FakeClock
from netbalance.core.models import Contact, Item, Kind, Session, new_id
from netbalance.store.store import Store


def work(path: str, seed: int, start: datetime) -> None:
    rng = random.Random(seed)
    clock = FakeClock(start)
    store = Store.open(path, clock)
    out = sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    say("ready")
    n = 0
    while True:
        n += 1
        clock.advance(minutes=1)
        now = clock.now()
        roll = rng.random()
        if roll < 0.35:
            session = Session(
                id=new_id(),
                kind=rng.choice([Kind.PRODUCE, Kind.NETWORK]),
                start=now - timedelta(minutes=25),
                end=now,
                created=now,
                updated=now,
                note=f"seed {seed} op {n}",
            )
            say("saving session+")
            store.sessions.add(session)
            say(f"ok session+ {session.id}")
        elif roll < 0.6:
            items = store.items.all()
            item = rng.choice(items)
            version = f"{seed}:{n}"
            say("saving item~")
            store.items.update(replace(item, title=version, updated=now), previous=item)
            say(f"ok item~ {item.id} {version}")
        elif roll < 0.65:
            item = Item(
                id=new_id(),
                title=f"{seed}:{n}",
                column="Backlog",
                position=float(n),
                created=now,
                updated=now,
            )
            say("saving item+")
            store.items.add(item)
            say(f"ok item+ {item.id} {item.title}")
        elif roll < 0.8:
            contact = Contact(id=new_id(), name=f"person {seed}:{n}", created=now, updated=now)
            say("saving contact+")
            store.contacts.add(contact)
            say(f"ok contact+ {contact.id}")
        elif roll < 0.9:
            contacts = store.contacts.all()
            if not contacts:
                continue
            contact = rng.choice(contacts)
            say(f"saving contact- {contact.id}")
            store.contacts.remove(contact)
            say(f"ok contact- {contact.id}")
        else:
            box = store.box.get()
            if box is None:
                say("saving box+")
                box = boxes.start(store, Kind.PRODUCE, minutes=25)
                say(f"ok box+ {box.id}")
            else:
                say("saving box-")
                session = boxes.finish(store)
                say(f"ok box- {session.id}")


def serve() -> None:
    for line in sys.stdin:
        _run, path, seed, start = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                work(path, int(seed), datetime.fromisoformat(start))
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(1)
        # one write per line: the worker writes to the same pipe meanwhile, and print()
        # writes the line and its newline apart when unbuffered (PYTHONUNBUFFERED)
        sys.stdout.write(f"pid {pid}\n")
        sys.stdout.flush()
        _pid, status = os.waitpid(pid, 0)
        sys.stdout.write(f"dead {pid} {status}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1] == "--serve":
        serve()
    else:
        work(sys.argv[1], int(sys.argv[2]), datetime.fromisoformat(sys.argv[3]))
