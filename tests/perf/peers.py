"""The tools a user would pick instead of netbalance, for bench.py: installed when missing,
and the benchmark's sessions written in each tool's own data format.

- Watson (`td-watson` on PyPI, jazzband/Watson): installed into a throw-away venv under
  the system's temporary folder (kept between runs, safe to delete). Its data folder
  (`WATSON_DIR`) holds `frames`, a JSON array of `[start, stop, project, id, tags,
  updated_at]` with Unix seconds, and `state`, empty when nothing is being tracked.
- Timewarrior (`timew`, Debian's `timewarrior` package): installed with apt-get when the
  benchmark runs as root. Its database (`TIMEWARRIORDB`) holds `timewarrior.cfg`,
  `data/tags.data` (JSON, `{"tag": {"count": N}}`) and one `data/YYYY-MM.data` file per
  month of interval starts, a line per interval: `inc 20261128T090000Z - 20261128T095000Z
  # produce`.

A peer that cannot be installed is returned with the reason (`Peer.problem`): the
benchmark prints it and measures no figure for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netbalance.core.models import Session, replace

PEERS_FOLDER = Path(tempfile.gettempdir()) / "nb-bench-peers"
WATSON_PACKAGE = "td-watson"
TIMEWARRIOR_PACKAGE = "timewarrior"
INSTALL_TIMEOUT = 600


@dataclass(frozen=True)
class Peer:
    name: str
    program: str | None  # the executable, None when not available
    version: str = ""
    how: str = ""  # how it was found or installed
    problem: str = ""  # why it is not available

    @property
    def line(self) -> str:
        if self.program is None:
            return f"peer: {self.name}: NOT AVAILABLE: {self.problem}"
        return f"peer: {self.name} {self.version} ({self.how})"


def _run(argv: Sequence[str], timeout: float = INSTALL_TIMEOUT) -> tuple[int, str]:
    """Exit code and the last lines of output (never raises for a failing command)."""
    try:
        done = subprocess.run(
            list(argv),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return 1, str(error)
    text = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode, " / ".join(text[-3:])


def _version(program: str, flag: str = "--version") -> str:
    code, text = _run([program, flag], timeout=60)
    return text.strip() if code == 0 else "version unknown"


def watson() -> Peer:
    """Watson from its throw-away venv, made (and `td-watson` pip-installed) when missing."""
    venv = PEERS_FOLDER / "watson-venv"
    program = venv / "bin" / "watson"
    how = f"td-watson in {venv}"
    if not program.exists():
        print(f"installing {WATSON_PACKAGE} into {venv} …", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        venv.parent.mkdir(parents=True, exist_ok=True)
        code, text = _run([sys.executable, "-m", "venv", str(venv)])
        if code != 0:
            return Peer("watson", None, problem=f"python -m venv failed: {text}")
        code, text = _run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", WATSON_PACKAGE]
        )
        if code != 0 or not program.exists():
            return Peer("watson", None, problem=f"pip install {WATSON_PACKAGE} failed: {text}")
        how = f"just installed: {how}"
    version = _version(str(program))
    if version == "version unknown":
        return Peer("watson", None, problem=f"{program} --version fails (a broken venv?)")
    return Peer("watson", str(program), version, how)


def timewarrior() -> Peer:
    """`timew` from PATH, installed from Debian's packages when missing (as root)."""
    found = shutil.which("timew")
    how = "on PATH"
    if found is None:
        if shutil.which("apt-get") is None:
            return Peer("timew", None, problem="not on PATH and no apt-get to install it")
        if hasattr(os, "geteuid") and os.geteuid() != 0:
            return Peer(
                "timew", None, problem="not on PATH; run `apt-get install timewarrior` as root"
            )
        print(f"installing {TIMEWARRIOR_PACKAGE} with apt-get …", flush=True)
        code, text = _run(["apt-get", "install", "-y", "-q", TIMEWARRIOR_PACKAGE])
        if code != 0:
            _run(["apt-get", "update", "-q"])
            code, text = _run(["apt-get", "install", "-y", "-q", TIMEWARRIOR_PACKAGE])
        found = shutil.which("timew")
        if code != 0 or found is None:
            return Peer("timew", None, problem=f"apt-get install {TIMEWARRIOR_PACKAGE}: {text}")
        how = "just installed with apt-get"
    return Peer("timew", found, _version(found), how)


# ---------------------------------------------------------------------------------------
# the sessions in each tool's format


def _seconds(when: datetime) -> int:
    return int(when.timestamp())


def watson_frames(sessions: Iterable[Session]) -> list[list[object]]:
    """One frame per session: the kind is the project, no tags (the lighter case for
    Watson's report, which also breaks time down per tag)."""
    return [
        [
            _seconds(session.start),
            _seconds(session.end),
            session.kind.value,
            uuid.UUID(int=index + 1).hex,
            [],
            _seconds(session.updated),
        ]
        for index, session in enumerate(sessions)
    ]


def padded(sessions: Sequence[Session], at_least: int) -> list[Session]:
    """The sessions and, when fewer than `at_least`, the earliest ones again, ten years
    (520 weeks) earlier, as many as are missing: more real-looking frames that overlap
    nothing (the Watson import case's input)."""
    ordered = sorted(sessions, key=lambda s: s.start)
    shift = timedelta(weeks=520)
    extra = [
        replace(s, start=s.start - shift, end=s.end - shift, updated=s.updated - shift)
        for s in ordered[: max(0, at_least - len(ordered))]
    ]
    return extra + ordered


def write_frames(path: Path, sessions: Sequence[Session]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(watson_frames(sessions)), encoding="utf-8")
    return path


def write_watson(folder: Path, sessions: Sequence[Session]) -> Path:
    """A WATSON_DIR with `frames` and an empty `state` (nothing tracked); the frames file."""
    frames = write_frames(folder / "frames", sessions)
    (folder / "state").write_text("", encoding="utf-8")
    return frames


def _timew_instant(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def write_timewarrior(folder: Path, sessions: Sequence[Session]) -> Path:
    """A TIMEWARRIORDB with its configuration, tag counts and monthly data files."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (folder / "extensions").mkdir(exist_ok=True)
    (folder / "timewarrior.cfg").write_text("", encoding="utf-8")
    months: dict[str, list[str]] = {}
    tags: Counter[str] = Counter()
    for session in sorted(sessions, key=lambda s: s.start):
        start, end = _timew_instant(session.start), _timew_instant(session.end)
        line = f"inc {start} - {end} # {session.kind.value}"
        months.setdefault(f"{start[:4]}-{start[4:6]}", []).append(line)
        tags[session.kind.value] += 1
    for month, lines in months.items():
        (data / f"{month}.data").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "tags.data").write_text(
        json.dumps({tag: {"count": count} for tag, count in sorted(tags.items())}),
        encoding="utf-8",
    )
    return folder
