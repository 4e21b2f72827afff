"""A desktop notification where the system offers one (`notify-send`); silently
nothing where it does not. Never raises; blocks only when asked to wait (the command
line, to know whether it was sent). Standard library only: `contact due --notify` uses
it too, without the app."""

from __future__ import annotations

import shutil
import subprocess

from netbalance.core.text import printable

WAIT_SECONDS = 10


def can_notify() -> bool:
    """Whether this system has a way to show one (`notify-send`)."""
    return shutil.which("notify-send") is not None


def notify(title: str, body: str, *, wait: bool = False) -> bool:
    """Send a notification; True when a notifier was started (with `wait`: when it
    exited with success)."""
    program = shutil.which("notify-send")
    if program is None:
        return False
    command = [program, "--app-name=netbalance", printable(title), printable(body)]
    try:
        if wait:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=WAIT_SECONDS,
                check=False,
            )
            return done.returncode == 0
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return True
