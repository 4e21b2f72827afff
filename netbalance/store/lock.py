"""A lock file that serialises writers across processes (POSIX advisory lock).

The kernel drops the lock when its holder dies, so a `kill -9` never leaves it stuck.
"""

from __future__ import annotations

import fcntl
import os
import time

from netbalance.store.errors import LockTimeout
from netbalance.store.files import FILE_MODE


class WriterLock:
    def __init__(self, path: str, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self, timeout: float | None = None) -> None:
        """Take the lock, waiting up to `timeout` seconds (default: the lock's own) for
        another process to release it; LockTimeout after that (at once with 0)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        waited = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + waited
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(self.path, waited) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.02)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
