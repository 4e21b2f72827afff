"""Run by test_crash.py (not a test): mixed saves on one data file, forever.

    python crash_child.py DATA_PATH SEED START_ISO     one worker
    python crash_child.py --serve                      a worker per stdin line

A worker prints `ready` once the store is open, `saving <op> <args…>` before each save
and, once the save returned (atomic, fsynced), the acknowledgement `ok <op> <args…>`
with the same arguments, each flushed at once. The parent SIGKILLs it at random moments
and checks every acknowledged change, and that the change being saved when the kill came
is wholly on disk or wholly absent.

`--serve` imports everything once and then, for each line `run DATA_PATH SEED START_ISO`
on stdin, forks a worker (its lines go to the same stdout), prints `pid <pid>`, and
once the worker died prints `dead <pid> <wait status>`. Forking spares each of the
hundreds of workers an interpreter start, which is most of the test's time otherwise.

ops and their arguments (every id is known before the save):

    session+ ID                  insert a session
    item+ STAMP ID               insert a card
    item~ STAMP ID               edit a card's title
    item> STAMP ID…              move a card to another column, or reorder it in its
                                 column (which may renumber the whole column): one save
    contact+ ID / contact- ID    insert / delete a contact
    import ID…                   import a batch of sessions in one transaction, as
                                 `netbalance import` does, across two months (two
                                 history files)
    contacts* TAG RENAMED ID…    import contacts: add a batch and rename one (to
                                 `renamed TAG`), in one
                                 transaction, as `netbalance contact import` does
    box+ [ID] / box- ID          start a box / finish the running box ID (recorded as
                                 session ID); box+ names its id in the ack only

STAMP is the `updated` instant every card of the save gets (each op has its own minute).
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from datetime import UTC, datetime, timedelta

from netbalance.actions import boxes
from netbalance.core import board as cards
from netbalance.core.board import Board, BoardRules
from netbalance.core.clock import FakeClock
from netbalance.core.instants import to_iso
from netbalance.core.models import Contact, Item, Kind, Session, new_id, replace
from netbalance.store.store import Store

RULES = BoardRules(wip_limit=0)
MONTHS = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def work(path: str, seed: int, start: datetime) -> None:
    rng = random.Random(seed)
    clock = FakeClock(start)
    store = Store.open(path, clock)
    out = sys.stdout

    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    def saving(*args: str) -> None:
        say(" ".join(["saving", *args]))

    def ok(*args: str) -> None:
        say(" ".join(["ok", *args]))

    say("ready")
    n = 0
    while True:
        n += 1
        clock.advance(minutes=1)
        now = clock.now()
        stamp = to_iso(now)
        roll = rng.random()
        if roll < 0.25:
            session = Session(
                id=new_id(),
                kind=rng.choice([Kind.PRODUCE, Kind.NETWORK]),
                start=now - timedelta(minutes=25),
                end=now,
                created=now,
                updated=now,
                note=f"seed {seed} op {n}",
            )
            saving("session+", session.id)
            store.sessions.add(session)
            ok("session+", session.id)
        elif roll < 0.40:
            item = rng.choice(store.items.all())
            saving("item~", stamp, item.id)
            store.items.update(replace(item, title=f"{seed}:{n}", updated=now), previous=item)
            ok("item~", stamp, item.id)
        elif roll < 0.45:
            item = Item(
                id=new_id(),
                title=f"{seed}:{n}",
                column="Backlog",
                position=float(n),
                created=now,
                updated=now,
            )
            saving("item+", stamp, item.id)
            store.items.add(item)
            ok("item+", stamp, item.id)
        elif roll < 0.60:
            items = store.items.all()
            board = Board.build(items, RULES)
            item = rng.choice(items)
            if rng.random() < 0.5:
                column = rng.choice([c for c in RULES.columns if c != board.column_of(item)])
                changed = [cards.move(board, item, column, now)]
            else:
                lane = board.lanes[board.column_of(item)]
                changed = cards.reorder(board, item, rng.randrange(len(lane)), now)
                if not changed:
                    continue
            saving("item>", stamp, *(card.id for card in changed))
            with store.transaction():
                for card in changed:
                    store.items.update(card)
            ok("item>", stamp, *(card.id for card in changed))
        elif roll < 0.70:
            contact = Contact(id=new_id(), name=f"person {seed}:{n}", created=now, updated=now)
            saving("contact+", contact.id)
            store.contacts.add(contact)
            ok("contact+", contact.id)
        elif roll < 0.78:
            contacts = store.contacts.all()
            if not contacts:
                continue
            contact = rng.choice(contacts)
            saving("contact-", contact.id)
            store.contacts.remove(contact)
            ok("contact-", contact.id)
        elif roll < 0.85:
            batch = []
            for number in range(rng.randint(3, 20)):
                first = rng.choice(MONTHS) if number > 1 else MONTHS[number]  # both months
                begin = first + timedelta(minutes=rng.randrange(0, 28 * 24 * 60))
                batch.append(
                    Session(
                        id=new_id(),
                        kind=rng.choice([Kind.PRODUCE, Kind.NETWORK]),
                        start=begin,
                        end=begin + timedelta(minutes=rng.randint(5, 90)),
                        created=now,
                        updated=now,
                        note=f"imported {seed}:{n}",
                    )
                )
            saving("import", *(session.id for session in batch))
            with store.transaction():  # as netbalance/cli/history_imports.py does
                store.sessions.add_many(batch)
            ok("import", *(session.id for session in batch))
        elif roll < 0.90:
            contacts = store.contacts.all()
            if not contacts:
                continue
            renamed = rng.choice(contacts)
            added = [
                Contact(id=new_id(), name=f"imported {seed}:{n}:{k}", created=now, updated=now)
                for k in range(rng.randint(2, 8))
            ]
            tag = f"{seed}:{n}"
            saving("contacts*", tag, renamed.id, *(contact.id for contact in added))
            with store.transaction():  # as netbalance/imports/contacts.py `apply` does
                store.contacts.update(
                    replace(renamed, name=f"renamed {tag}", updated=now), previous=renamed
                )
                store.contacts.add_many(added)
            ok("contacts*", tag, renamed.id, *(contact.id for contact in added))
        else:
            box = store.box.get()
            if box is None:
                saving("box+")
                box = boxes.start(store, Kind.PRODUCE, minutes=25)
                ok("box+", box.id)
            else:
                saving("box-", box.id)
                # as it is (`stop --force`): the imports above land anywhere, over the box too
                session = boxes.stop(store, force=True).session
                assert session.id == box.id
                ok("box-", box.id)


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
