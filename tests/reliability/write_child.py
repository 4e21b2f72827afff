"""Run by test_concurrency.py (not a test): insert sessions into one data file.

    python write_child.py DATA_PATH TAG COUNT

Opens its own Store, prints `ready`, waits for a line on stdin (so both writers start
together), then inserts COUNT sessions, one save each with a pause of 0–2 ms before it,
printing `ok <id>` after each acknowledged save, or `error <message>` when a save
raised. Ends with `done`.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta

from netbalance.core.clock import FakeClock
from netbalance.core.models import Kind, Session, new_id
from netbalance.store.store import Store


def main() -> None:
    path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    clock = FakeClock(datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    store = Store.open(path, clock)
    print("ready", flush=True)
    sys.stdin.readline()
    rng = random.Random(tag)
    for n in range(count):
        # a moment between saves, as real processes have: with none, the process that
        # just released the lock takes it again before the other one polls (the lock is polled)
        time.sleep(rng.uniform(0, 0.002))
        clock.advance(minutes=30)
        now = clock.now()
        session = Session(
            id=new_id(),
            kind=Kind.PRODUCE if n % 2 else Kind.NETWORK,
            start=now - timedelta(minutes=25),
            end=now,
            created=now,
            updated=now,
            note=f"writer {tag} #{n}",
        )
        try:
            store.sessions.add(session)
        except Exception as error:  # counted by the parent: it must see none
            print(f"error {type(error).__name__}: {error}", flush=True)
        else:
            print(f"ok {session.id}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
