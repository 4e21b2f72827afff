"""A desktop notification where the system offers one (`notify-send`); silently
nothing where it does not. Never blocks, never raises."""

from __future__ import annotations

import shutil
import subprocess

from netbalance.core.text import printable


def notify(title: str, body: str) -> bool:
    """Send a notification; True when a notifier was started."""
    program = shutil.which("notify-send")
    if program is None:
        return False
    try:
        subprocess.Popen(
            [program, "--app-name=netbalance", printable(title), printable(body)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True
