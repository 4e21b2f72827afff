#!/usr/bin/env python3
"""The netbalance benchmark: one command, one table, ratios against the goals.

    python tests/perf/bench.py [--runs N] [--saves N] [--markdown FILE] [--quick]

A script, never a timed test. It

1. prints the machine (cores, Python, platform, library versions);
2. generates the 10-year heavy data set once with the project's own generator
   (`netbalance.demo.sample.heavy`) at a fixed "now" and writes it through the real store, and
   writes the same sessions as Watson frames and Timewarrior data (peers.py);
3. installs the peers when missing (peers.py: `td-watson` into a throw-away venv,
   Timewarrior with apt-get) and says loudly when one cannot be installed;
4. runs every whole-process case interleaved (A B C … A B C …), one warm-up round and
   N counted rounds, each run measured by wall time and by the peak resident memory of
   that one child (`os.wait4` returns the child's own rusage): netbalance's status,
   report, export and imports (a LinkedIn file and the Watson frames, each into a new
   data file every run, inputs.py) beside `python3 -c pass`, `watson status`, `timew`,
   `watson report` and `timew summary` for the same week. A case that fails its one
   unmeasured check (a peer not installed, a command not written yet) is shown as
   NOT AVAILABLE with the reason, never with a figure;
5. starts the full-screen app as a whole process in tmux, interleaved with a bare Textual
   app (Static + Footer), and times each start until the screen shows its first frame
   (the bare app) or the dashboard's "This week" row with a number (netbalance, on the
   demo data and on the heavy data), with the peak memory (VmHWM) and the CPU time of
   that process read just before the session is killed;
6. measures what only makes sense inside one process (opening the store with warm
   imports, one save = finishing a box) with `time.perf_counter`, and the CPU of one
   timer refresh (`app.tick()`) and one dashboard refresh with a box running, inside the
   app driven headless (`App.run_test`), with `time.process_time`;
7. drives the board (2,000 cards), the Contacts mode (5,000 people, 50,000
   interactions) and the keys of every mode on the heavy data (keys.py: week changes on
   the dashboard and in History, the palette, the forms, the Review steps) headless with
   Pilot. Each figure is a key press + `pilot.pause()`, which costs ~100 ms by itself on
   a 2-core machine, so each screen also times a key with no binding (NO_OP_KEY) in the
   same process, and the goals are judged on the figure net of that baseline (the table
   shows raw, baseline and net);
8. prints median / min / max wall time and median peak memory beside each goal with
   its ratio and PASS / FAIL, and with `--markdown FILE` writes the same table as
   Markdown for the README.

Children run with a settings file that does not exist (so user settings do not
interfere), `TZ=UTC`, and `NETBALANCE_NOW` frozen a few minutes after the data set's
"now", so a running box is mid-way and `--week last` is the same week on every run.
The app cases have a settings file of their own, which the app writes at its first,
unmeasured start (as it does for a new user), so every counted start reads one.

Cases are data (`ProcessCase`, goals as `Goal` objects; `Versus` rows compare with a
peer without being a goal). Develop with `--quick` (a year of data, 2,000 LinkedIn rows,
1,000 people, 3 runs, goals not judged); the load average is printed at the start and the
end, since other work on the machine moves every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import marshal
import os
import platform
import queue
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peers import Peer

    from netbalance.core.models import Session

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The data set's "now", and the instant the child processes see (a running box started
# at NOW with 25 minutes is then 10 minutes in).
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
CHILD_NOW = NOW + timedelta(minutes=10)
BOX_MINUTES = 25

# The minimum for the 10-year heavy data set.
HEAVY_MINIMUM = {"sessions": 50_000, "items": 3_000, "contacts": 2_000, "interactions": 15_000}

DEFAULT_RUNS = 7
DEFAULT_SAVES = 100
QUICK_RUNS = 3
QUICK_SAVES = 20
QUICK_WEEKS = 52
LINKEDIN_ROWS = 100_000
FRAME_MS = 16  # a key's goal: one frame at 60 Hz
QUICK_LINKEDIN_ROWS = 2_000
IMPORT_FRAMES = 52_000  # the Watson import: at least this many frames
QUICK_IMPORT_FRAMES = 0  # the quick data set's sessions as they are


# ---------------------------------------------------------------------------------------
# results and goals


@dataclass
class Result:
    """The counted samples of one case (wall ms; peak MB for whole processes)."""

    name: str
    how: str  # "process" or "in-process"
    wall_ms: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # in-process keys: process_time
    note: str = ""
    missing: str = ""  # why the case was not measured ("" when it was)

    @property
    def median(self) -> float:
        return statistics.median(self.wall_ms)

    def percentile(self, pct: float) -> float:
        """Nearest-rank percentile of the wall times."""
        ordered = sorted(self.wall_ms)
        rank = max(1, -(-len(ordered) * pct // 100))  # ceil
        return ordered[int(rank) - 1]

    @property
    def peak(self) -> float | None:
        return statistics.median(self.peak_mb) if self.peak_mb else None


@dataclass(frozen=True)
class Verdict:
    goal: str
    measured: str
    passed: bool | None  # None: could not be judged (or only informs)
    info: bool = False  # a comparison shown for the reader, not a goal


class Goal:
    @property
    def text(self) -> str:
        raise NotImplementedError

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        raise NotImplementedError


@dataclass(frozen=True)
class RatioGoal(Goal):
    """Median wall time at most `limit` × another case's median."""

    baseline: str
    limit: float
    label: str

    @property
    def text(self) -> str:
        return f"≤ {self.limit:g}× {self.label}"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        base = results.get(self.baseline)
        if base is None or not base.wall_ms:
            return Verdict(self.text, "no baseline", None)
        ratio = result.median / base.median
        return Verdict(self.text, f"{ratio:.2f}×", ratio <= self.limit)


@dataclass(frozen=True)
class TimeGoal(Goal):
    """A wall-time percentile (50 = median) at most `limit_ms`."""

    limit_ms: float
    pct: float = 50

    @property
    def text(self) -> str:
        which = "median" if self.pct == 50 else f"p{self.pct:g}"
        return f"{which} ≤ {self.limit_ms:g} ms"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        value = result.median if self.pct == 50 else result.percentile(self.pct)
        return Verdict(
            self.text,
            f"{value:.1f} ms ({value / self.limit_ms:.2f}× goal)",
            value <= self.limit_ms,
        )


@dataclass(frozen=True)
class PeakGoal(Goal):
    limit_mb: float

    @property
    def text(self) -> str:
        return f"peak ≤ {self.limit_mb:g} MB"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        peak = result.peak
        if peak is None:
            return Verdict(self.text, "not measured", None)
        return Verdict(self.text, f"{peak:.1f} MB", peak <= self.limit_mb)


@dataclass(frozen=True)
class PeakRatioGoal(Goal):
    """Median peak memory at most `limit` × another case's median peak."""

    baseline: str
    limit: float
    label: str

    @property
    def text(self) -> str:
        return f"peak ≤ {self.limit:g}× {self.label}"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        base = results.get(self.baseline)
        if base is None or base.peak is None or result.peak is None:
            return Verdict(self.text, "not measured", None)
        ratio = result.peak / base.peak
        return Verdict(self.text, f"{ratio:.2f}×", ratio <= self.limit)


@dataclass(frozen=True)
class SpeedupGoal(Goal):
    """Another case's median wall time at least `factor` × this one's."""

    baseline: str
    factor: float
    label: str

    @property
    def text(self) -> str:
        return f"≥ {self.factor:g}× faster than {self.label}"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        base = results.get(self.baseline)
        if base is None or not base.wall_ms:
            return Verdict(self.text, "no baseline (peer not available)", None)
        speedup = base.median / result.median
        return Verdict(self.text, f"{speedup:.1f}× faster", speedup >= self.factor)


@dataclass(frozen=True)
class NetTimeGoal(Goal):
    """The median wall time minus a same-process baseline's median (a key press that
    changes nothing: what Pilot's press + pause costs by itself) at most `limit_ms`."""

    baseline: str
    limit_ms: float

    @property
    def text(self) -> str:
        return f"net of no-op key ≤ {self.limit_ms:g} ms"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        base = results.get(self.baseline)
        if base is None or not base.wall_ms:
            return Verdict(self.text, "no baseline", None)
        net = result.median - base.median
        return Verdict(
            self.text,
            f"{net:.1f} ms net ({result.median:.1f} raw − {base.median:.1f} no-op)",
            net <= self.limit_ms,
        )


@dataclass(frozen=True)
class FrameGoal(Goal):
    """A key's work fits in one frame: the median CPU time (`time.process_time`, every
    thread of the app) of its press + pause minus a same-process no-op key's, at most
    `limit_ms`. CPU, not wall: a key that repaints waits for Textual's next screen update
    (an interval timer at 60 Hz: up to 16.7 ms doing nothing), which the no-op key, with
    nothing to paint, never waits for; the wall figure net of the no-op is shown beside."""

    baseline: str
    limit_ms: float

    @property
    def text(self) -> str:
        return f"CPU net of no-op key ≤ {self.limit_ms:g} ms"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        base = results.get(self.baseline)
        if base is None or not base.cpu_ms or not result.cpu_ms:
            return Verdict(self.text, "no CPU figures", None)
        net = statistics.median(result.cpu_ms) - statistics.median(base.cpu_ms)
        wall = result.median - base.median
        return Verdict(
            self.text, f"{net:.1f} ms CPU net (wall {wall:.1f} ms net)", net <= self.limit_ms
        )


@dataclass(frozen=True)
class Versus(Goal):
    """Not a goal: this case's median beside another's, for the reader."""

    other: str
    label: str

    @property
    def text(self) -> str:
        return f"vs {self.label}"

    def judge(self, result: Result, results: dict[str, Result]) -> Verdict:
        other = results.get(self.other)
        if other is None or not other.wall_ms:
            return Verdict(self.text, "not measured (peer not available)", None, info=True)
        ratio = result.median / other.median
        how = f"{1 / ratio:.1f}× faster" if ratio < 1 else f"{ratio:.1f}× slower"
        if result.peak is not None and other.peak is not None:
            how += f", peak {result.peak / other.peak:.2f}×"
        return Verdict(self.text, how, None, info=True)


# ---------------------------------------------------------------------------------------
# whole-process cases


@dataclass
class ProcessCase:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    goals: tuple[Goal, ...] = ()
    before: Callable[[], None] | None = None  # untimed, before every run
    note: str = ""
    ok_codes: tuple[int, ...] = (0,)  # e.g. `timew` exits 1 when nothing is tracked


@dataclass(frozen=True)
class Run:
    wall_ms: float
    peak_mb: float
    code: int
    stdout: bytes
    stderr: bytes


# Each measured process is spawned by this small runner, not by the benchmark itself:
# on Linux a child's ru_maxrss starts at the RSS of the process it was spawned from
# (vfork/fork share or copy its memory before exec), so spawning from the benchmark
# (which holds the data set) would report the benchmark's size for every case. The
# runner is a bare `python -S -I` importing nothing but builtins; it spawns, reads the
# child's stdout pipe to the end (as a shell prompt or `| less` would), reaps it with
# os.wait4 and answers wall time, exit code and the child's own rusage.
RUNNER = r"""
import marshal, os, sys, time
inp, out = sys.stdin.buffer, sys.stdout.buffer
while True:
    head = inp.read(4)
    if len(head) < 4:
        break
    argv, env, cwd, err_path = marshal.loads(inp.read(int.from_bytes(head, "big")))
    if argv is None:
        with open("/proc/self/status", "rb") as f:
            reply = [l for l in f.read().split(b"\n") if l.startswith(b"VmRSS")]
    else:
        if os.getcwd() != cwd:
            os.chdir(cwd)
        r, w = os.pipe()
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, w, 1),
            (os.POSIX_SPAWN_OPEN, 2, err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        ]
        began = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        os.close(w)
        kept = []
        size = 0
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            if size < 65536:
                kept.append(chunk)
                size += len(chunk)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - began
        os.close(r)
        reply = (wall, os.waitstatus_to_exitcode(status), usage.ru_maxrss, b"".join(kept))
    data = marshal.dumps(reply)
    out.write(len(data).to_bytes(4, "big") + data)
    out.flush()
"""


def _maxrss_mb(maxrss: int) -> float:
    # Linux reports kilobytes, macOS bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


class Runner:
    """The spawner of every measured process (see RUNNER)."""

    def __init__(self, folder: str) -> None:
        self.err_path = os.path.join(folder, "stderr.txt")
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-I", "-c", RUNNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def _ask(self, request: tuple[object, ...]) -> object:
        assert self.process.stdin is not None and self.process.stdout is not None
        data = marshal.dumps(request)  # type: ignore[arg-type]
        self.process.stdin.write(len(data).to_bytes(4, "big") + data)
        self.process.stdin.flush()
        head = self.process.stdout.read(4)
        if len(head) < 4:
            raise SystemExit("the benchmark's runner process died")
        return marshal.loads(self.process.stdout.read(int.from_bytes(head, "big")))

    def rss_mb(self) -> float:
        """The runner's own resident size: the floor of every peak it reports."""
        lines = self._ask((None, None, None, None))
        assert isinstance(lines, list) and lines
        return int(lines[0].split()[1]) / 1024

    def run(self, argv: Sequence[str], env: dict[str, str], cwd: str) -> Run:
        program = argv[0] if os.path.isabs(argv[0]) else shutil.which(argv[0], path=env.get("PATH"))
        if program is None:
            raise SystemExit(f"{argv[0]} is not on PATH")
        reply = self._ask(([program, *argv[1:]], env, cwd, self.err_path))
        assert isinstance(reply, tuple)
        wall, code, maxrss, out = reply
        with open(self.err_path, "rb") as handle:
            err = handle.read()
        return Run(wall * 1000, _maxrss_mb(maxrss), code, out, err)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def run_interleaved(
    runner: Runner, cases: Sequence[ProcessCase], runs: int, warmups: int, cwd: str
) -> dict[str, Result]:
    """Round-robin over the cases: warm-up rounds first, then `runs` counted rounds."""
    results = {case.name: Result(case.name, "process", note=case.note) for case in cases}
    print("  rounds:", end="", flush=True)
    for round_no in range(warmups + runs):
        counted = round_no >= warmups
        print(f" {round_no - warmups + 1}" if counted else " warm-up", end="", flush=True)
        for case in cases:
            if case.before is not None:
                case.before()
            run = runner.run(case.argv, case.env, cwd)
            if run.code not in case.ok_codes:
                raise SystemExit(
                    f"case {case.name!r} exited {run.code}:\n{run.stderr.decode(errors='replace')}"
                )
            if counted:
                results[case.name].wall_ms.append(run.wall_ms)
                results[case.name].peak_mb.append(run.peak_mb)
    print()
    return results


# ---------------------------------------------------------------------------------------
# app start in tmux

# The terminal the app starts in, and how often its screen is looked at when it writes nothing.
SCREEN_SIZE = (120, 40)
POLL_SECONDS = 0.005
START_TIMEOUT = 60.0
BARE_APP = Path(__file__).with_name("bare_app.py")


@dataclass
class AppStartCase:
    """A full-screen program, started until `ready` (a regular expression) is on screen."""

    name: str
    argv: list[str]
    env: dict[str, str]
    ready: str
    goals: tuple[Goal, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class AppStart:
    wall_ms: float
    peak_mb: float | None
    cpu_ms: float | None  # CPU time of all the process's threads until then
    seen: str  # the screen line that matched
    program: str  # the command line of the pane's process when it matched


class Tmux:
    """A private tmux server (its own socket, no user configuration) driven through one
    control-mode client: every `new-session`, `capture-pane` and `kill-session` is a line
    on that client's stdin, not a new `tmux` process, so looking at a screen costs the
    measured app almost nothing (a spawned `tmux capture-pane` costs ~8 ms of CPU on a
    2-core machine, a control-mode one ~0.2 ms).

    The client is switched to the session it times: tmux tells it, as a `%output` line,
    each time the program writes to its terminal, and a thread notes when each line came.
    The screen is looked at after each write (and every POLL_SECONDS if none comes); a
    start is timed to the write after which the screen showed what it waits for, not to
    the next look of a fixed period (which put every median on a step of that period)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.base = ["tmux", "-S", os.path.join(folder, "tmux.sock"), "-f", "/dev/null"]
        self.count = 0
        # The holder session keeps the server up between runs (a server starts once).
        subprocess.run(
            [*self.base, "new-session", "-d", "-s", "holder", "exec sleep 86400"],
            check=True,
            stdin=subprocess.DEVNULL,
        )
        self.client = subprocess.Popen(
            [*self.base, "-C", "attach-session", "-t", "holder"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.lines: queue.SimpleQueue[tuple[float, str | None]] = queue.SimpleQueue()
        self.output_at: float | None = None  # when the pane of the session shown last wrote
        threading.Thread(target=self._read_client, daemon=True).start()
        self.command("set-option -g default-shell /bin/sh")
        # A pane whose program died keeps its last screen (a traceback) for the report.
        self.command("set-option -g remain-on-exit on")

    def _read_client(self) -> None:
        """Every line the control client prints, with the moment it came (None: it ended)."""
        assert self.client.stdout is not None
        for raw in self.client.stdout:
            self.lines.put((time.perf_counter(), raw.decode(errors="replace").rstrip("\n")))
        self.lines.put((time.perf_counter(), None))

    def _next_line(self, timeout: float | None = None) -> str:
        """The client's next line (queue.Empty after `timeout`), noting a pane's write."""
        at, text = self.lines.get(timeout=timeout)
        if text is None:
            raise SystemExit("the tmux control client ended")
        if text.startswith("%output "):
            self.output_at = at
        return text

    def wait_output(self, timeout: float) -> None:
        """Until the pane of the session shown writes, or `timeout` seconds pass."""
        deadline = time.perf_counter() + timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                if self._next_line(left).startswith("%output "):
                    return
            except queue.Empty:
                return

    def command(self, line: str) -> list[str]:
        """Run one tmux command; its output lines. Notifications and blocks the server
        sends on its own (flags 0) are skipped."""
        assert self.client.stdin is not None
        self.client.stdin.write(line.encode() + b"\n")
        self.client.stdin.flush()
        out: list[str] = []
        inside = False
        while True:
            text = self._next_line()
            if not inside:
                if text.startswith("%begin ") and text.split()[-1] != "0":
                    inside = True
                continue
            if text.startswith(("%end ", "%error ")) and len(text.split()) == 4:
                if text.startswith("%error"):
                    raise RuntimeError(f"tmux {line!r}: {' '.join(out)}")
                return out
            out.append(text)

    def run(self, case: AppStartCase, cwd: str) -> AppStart:
        """Start `case` in a new session, look at its screen after each write until
        `case.ready` matches (the start timed to that write), read the process's peak
        memory, kill the session and wait until the process is gone."""
        self.count += 1
        name = f"nb-bench-{self.count}"
        # The pane runs `sh -c 'exec sh launcher'`, and the launcher `exec env -i … program`:
        # every step replaces the process, so the pane's pid is the measured program's.
        launcher = os.path.join(self.folder, f"{name}.sh")
        env = " ".join(shlex.quote(f"{key}={value}") for key, value in case.env.items())
        program = " ".join(shlex.quote(arg) for arg in case.argv)
        with open(launcher, "w", encoding="utf-8") as handle:
            handle.write(f"cd {shlex.quote(cwd)} && exec env -i {env} {program}\n")
        ready = re.compile(case.ready)
        width, height = SCREEN_SIZE
        began = time.perf_counter()
        reply = self.command(
            f"new-session -d -P -F '#{{pane_pid}}' -x {width} -y {height} -s {name} "
            f"'exec /bin/sh {launcher}'"
        )
        pid = int(reply[0])
        screen: list[str] = []
        try:
            # its writes reach this client from now on (a program writes nothing for
            # the ~10 ms Python takes to start)
            self.command(f"switch-client -t {name}")
            self.output_at = None
            while True:
                screen = self.command(f"capture-pane -p -t {name}")
                seen = next((line for line in screen if ready.search(line)), None)
                if seen is not None:
                    # the write after which it showed: the last before this look
                    shown = self.output_at if self.output_at is not None else time.perf_counter()
                    wall = shown - began
                    break
                elapsed = time.perf_counter() - began
                if elapsed > START_TIMEOUT or not os.path.exists(f"/proc/{pid}"):
                    screen = self.command(f"capture-pane -p -t {name}")
                    shown = "\n".join(line for line in screen if line.strip())
                    why = "did not show" if elapsed > START_TIMEOUT else "ended before showing"
                    raise SystemExit(
                        f"case {case.name!r} {why} {case.ready!r}; its screen:\n{shown}"
                    )
                self.wait_output(POLL_SECONDS)
            peak = _peak_mb(pid)
            cpu = _cpu_ms(pid)
            command_line = _command_line(pid)
        finally:
            self.command("switch-client -t holder")
            self.command(f"kill-session -t {name}")
            _wait_gone(pid)
            os.unlink(launcher)
        return AppStart(wall * 1000, peak, cpu, seen.strip(), command_line)

    def close(self) -> None:
        with contextlib.suppress(SystemExit, RuntimeError):
            self.command("kill-server")
        if self.client.stdin is not None:
            self.client.stdin.close()
        self.client.wait()


def _peak_mb(pid: int) -> float | None:
    """VmHWM, the peak resident size of a running process (Linux)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _cpu_ms(pid: int) -> float | None:
    """CPU time used so far by every thread of a running process (Linux schedstat, ns):
    steadier than wall time when other work shares the machine."""
    try:
        total = 0
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", "rb") as handle:
                total += int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e6


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    """Until the killed pane's process has been reaped, so it costs the next run nothing."""
    deadline = time.perf_counter() + timeout
    while os.path.exists(f"/proc/{pid}") and time.perf_counter() < deadline:
        time.sleep(POLL_SECONDS)


def run_app_starts(
    tmux: Tmux, cases: Sequence[AppStartCase], runs: int, warmups: int, cwd: str
) -> dict[str, Result]:
    """Round-robin over the app cases, as `run_interleaved` does for plain processes."""
    results = {case.name: Result(case.name, "process in tmux", note=case.note) for case in cases}
    cpu: dict[str, list[float]] = {case.name: [] for case in cases}
    print("  rounds:", end="", flush=True)
    for round_no in range(warmups + runs):
        counted = round_no >= warmups
        print(f" {round_no - warmups + 1}" if counted else " warm-up", end="", flush=True)
        for case in cases:
            start = tmux.run(case, cwd)
            if counted:
                results[case.name].wall_ms.append(start.wall_ms)
                if start.peak_mb is not None:
                    results[case.name].peak_mb.append(start.peak_mb)
                if start.cpu_ms is not None:
                    cpu[case.name].append(start.cpu_ms)
    print()
    for name, result in results.items():
        if cpu[name]:
            used = f"CPU {statistics.median(cpu[name]):.0f} ms"
            result.note = f"{result.note}; {used}" if result.note else used
    return results


# ---------------------------------------------------------------------------------------
# the machine


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _git_revision() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "no git"
    return f"{head}{'+changes' if dirty else ''}"


def load_average() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"


def machine_lines() -> list[str]:
    import netbalance

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    return [
        f"machine: {os.cpu_count()} cores ({usable} usable), {_cpu_model()}, {_memory_gb()}",
        f"python: {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        f"platform: {platform.platform()}",
        "versions: "
        + ", ".join(
            f"{name} {_version(name)}" for name in ("textual", "tinydb", "pendulum", "orjson")
        )
        + f", netbalance {netbalance.__version__} ({_git_revision()})",
        f"netbalance run as: {shlex.join(netbalance_command())}",
        f"load average at start: {load_average()}",
    ]


# ---------------------------------------------------------------------------------------
# the data


@dataclass(frozen=True)
class DataSet:
    folder: str
    running: str  # a data file with a box running
    idle: str  # the same data, nothing running
    saves: str  # the same data, for the in-process save case
    stops: str  # the same data, for the whole-process `stop` case
    lines: tuple[str, ...]
    sessions: tuple[Session, ...] = ()  # for the peers' data and the Watson import


def _tree_size(folder: str) -> int:
    return sum(entry.stat().st_size for entry in Path(folder).rglob("*") if entry.is_file())


def build_data(root: str, quick: bool) -> DataSet:
    from netbalance.actions import boxes
    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Kind
    from netbalance.demo import sample as demo
    from netbalance.store.store import Store

    started = time.perf_counter()
    if quick:
        data = demo.generate(NOW, weeks=QUICK_WEEKS, seed=1, tz_name="UTC")
        what = f"quick data set ({QUICK_WEEKS} weeks — NOT the heavy set; goals are not judged)"
    else:
        data = demo.heavy(NOW, seed=1)
        what = "heavy data set (10 years)"
    generated = time.perf_counter()
    first = os.path.join(root, "running")
    os.makedirs(first, mode=0o700)
    path = os.path.join(first, "netbalance.json")
    demo.write(Store.open(path, FakeClock(NOW)), data)
    written = time.perf_counter()

    copies = {}
    for name in ("idle", "saves", "stops"):
        shutil.copytree(first, os.path.join(root, name))
        copies[name] = os.path.join(root, name, "netbalance.json")

    running = Store.open(path, FakeClock(NOW))
    if running.box.get() is not None:
        boxes.cancel(running)
    boxes.start(running, Kind.PRODUCE, minutes=BOX_MINUTES, note="benchmark box")
    for name in ("idle", "saves", "stops"):
        store = Store.open(copies[name], FakeClock(NOW))
        if store.box.get() is not None:
            boxes.cancel(store)

    counts = {
        "sessions": len(data.sessions),
        "items": len(data.items),
        "contacts": len(data.contacts),
        "interactions": len(data.interactions),
    }
    short = [
        f"{counts[name]:,} {name} < {least:,}"
        for name, least in HEAVY_MINIMUM.items()
        if counts[name] < least
    ]
    files = sorted(os.listdir(first))
    lines = [
        f"data: {what}: {len(data.sessions):,} sessions, {len(data.items):,} items, "
        f"{len(data.contacts):,} contacts, {len(data.interactions):,} interactions",
        f"data: generated in {(generated - started) * 1000:,.0f} ms, written through the "
        f"store in {(written - generated) * 1000:,.0f} ms; "
        f"{len([f for f in files if f.endswith('.json')])} files, "
        f"{_tree_size(first) / 1e6:.1f} MB on disk (with backups)",
    ]
    if short and not quick:
        lines.append(
            f"WARNING: the heavy data set is below the issue's minimum: {', '.join(short)}"
        )
    return DataSet(
        root,
        path,
        copies["idle"],
        copies["saves"],
        copies["stops"],
        tuple(lines),
        tuple(data.sessions),
    )


# ---------------------------------------------------------------------------------------
# in-process cases

# The whole-process variant of "open the store and read last week's sessions".
OPEN_SNIPPET = """\
import os
from datetime import timedelta
from netbalance.core.clock import default_clock
from netbalance.store.store import Store
clock = default_clock()
store = Store.open(os.environ["NETBALANCE_DB"], clock)
now = clock.now()
monday = (now - timedelta(days=now.weekday() + 7)).replace(hour=0, minute=0, second=0)
print(len(store.sessions.between(monday, monday + timedelta(days=7))))
"""


def _last_week(now: datetime) -> tuple[datetime, datetime]:
    monday = (now - timedelta(days=now.weekday() + 7)).replace(hour=0, minute=0, second=0)
    return monday, monday + timedelta(days=7)


def measure_open(path: str, runs: int, warmups: int) -> tuple[Result, int]:
    """Store.open + last week's sessions, a fresh Store each run (imports warm)."""
    from netbalance.core.clock import FakeClock
    from netbalance.store.store import Store

    result = Result("open store + last week's sessions", "in-process")
    start, end = _last_week(CHILD_NOW)
    found = 0
    for round_no in range(warmups + runs):
        began = time.perf_counter()
        store = Store.open(path, FakeClock(CHILD_NOW))
        found = len(store.sessions.between(start, end))
        elapsed = (time.perf_counter() - began) * 1000
        if round_no >= warmups:
            result.wall_ms.append(elapsed)
    result.note = f"{found} sessions"
    return result, found


def measure_saves(path: str, saves: int, warmups: int) -> Result:
    """Start a box, move the clock past its end, time `boxes.finish` alone (the session
    is written to its year file and the box file cleared: atomic, fsynced)."""
    from netbalance.actions import boxes
    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Kind
    from netbalance.store.store import Store

    clock = FakeClock(NOW)
    store = Store.open(path, clock)
    result = Result("one save: finish a box", "in-process")
    for round_no in range(warmups + saves):
        clock.advance(minutes=5)
        boxes.start(store, Kind.PRODUCE, minutes=BOX_MINUTES)
        clock.advance(minutes=BOX_MINUTES)
        began = time.perf_counter()
        boxes.finish(store)
        elapsed = (time.perf_counter() - began) * 1000
        if round_no >= warmups:
            result.wall_ms.append(elapsed)
    result.note = f"{saves} saves, clock moving {saves * 30 / 60:.0f} h"
    return result


TICKS = 200
QUICK_TICKS = 50
# The idle event-loop time after each tick in the "with its frame" case: long enough for
# the screen's update timer (1/60 s) to paint what the tick changed.
FRAME_SECONDS = 0.025


def measure_refreshes(
    folder: str, root: str, ticks: int, warmups: int
) -> tuple[Result, Result, Result]:
    """The app on a copy of the data, driven headless at SCREEN_SIZE on the dashboard,
    with a box started and the app reloaded (`changed()`), its own repaint intervals
    stopped and its clock moved one second before every refresh. Three CPU figures
    (`time.process_time`, ms) per refresh:

    - `app.tick()`: the synchronous part of the once-a-second repaint, which includes the
      dashboard's and the timer bar's watchers;
    - `screen.show(view)`: the dashboard's own refresh from its cached totals, with a
      view one minute on, so that its numbers change (most ticks change none); the
      current view is shown again afterwards, untimed;
    - `app.tick()` and then FRAME_SECONDS of event loop: the same plus the frame the
      screen paints for it (minus nothing: the idle loop itself costs ~0.01 ms)."""
    import asyncio

    from netbalance.actions import boxes
    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Kind, replace
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store
    from netbalance.tui.app import make_app
    from netbalance.tui.screens.dashboard import DashboardScreen

    copy = os.path.join(root, "refresh")
    shutil.copytree(folder, copy)
    clock = FakeClock(CHILD_NOW)
    store = Store.open(os.path.join(copy, "netbalance.json"), clock)
    if store.box.get() is not None:
        boxes.cancel(store)
    # No user settings or themes (themes are looked for next to the settings file).
    os.environ["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    app = make_app(Settings(time_zone="UTC"), store, clock=clock)
    tick = Result("timer refresh: app.tick()", "in-process")
    show = Result("dashboard refresh: show(view)", "in-process")
    frame = Result("app.tick() + the frame it paints", "in-process")

    async def drive() -> None:
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            await pilot.pause()
            boxes.start(store, Kind.PRODUCE, minutes=BOX_MINUTES, note="benchmark box")
            app.changed()
            await pilot.pause()
            for timer in list(app._timers):  # the app's own 1 s repaint and file watch
                timer.stop()
            screen = app.screen
            assert isinstance(screen, DashboardScreen), screen
            for round_no in range(warmups + ticks):
                counted = round_no >= warmups
                clock.advance(seconds=1)
                began = time.process_time()
                app.tick()
                ticked = time.process_time()
                await asyncio.sleep(FRAME_SECONDS)
                painted = time.process_time()
                await pilot.pause()
                view = app.timer_view
                assert view is not None and view.box is not None, "no box running"
                later = replace(view, now=view.now + timedelta(minutes=1))
                shown_from = time.process_time()
                screen.show(later)
                shown = time.process_time()
                await pilot.pause()
                screen.show(view)
                await pilot.pause()
                if counted:
                    tick.wall_ms.append((ticked - began) * 1000)
                    frame.wall_ms.append((painted - began) * 1000)
                    show.wall_ms.append((shown - shown_from) * 1000)
            frame.note = f"this week's produce shows {screen.balance_cell('this_week', 'produce')}"

    asyncio.run(drive())
    for result in (tick, show, frame):
        result.note = f"CPU, box running; p99 {result.percentile(99):.2f} ms" + (
            f"; {result.note}" if result.note else ""
        )
    return tick, show, frame


BOARD_CARDS = 2000
COLUMNS = ("Backlog", "Next", "Doing", "Shipped")


# A key with no binding on the board or in the Contacts mode (only the confirm dialog has
# `y`): its press + pause is what Pilot and the event loop cost by themselves (~100 ms on
# a 2-core machine), the baseline the open and move figures are judged net of.
NO_OP_KEY = "y"


def measure_board(root: str, runs: int, warmups: int) -> tuple[Result, Result, Result]:
    """The board with BOARD_CARDS active cards, driven headless at SCREEN_SIZE (wall ms,
    in-process, each a Pilot press + pause): switching to the board (its cards read and
    drawn, the frame painted), moving a card to the next column and back (the save
    included), and the baseline, NO_OP_KEY on the board, which changes nothing."""
    import asyncio

    from netbalance.core import board as rules
    from netbalance.core.board import Board, BoardRules
    from netbalance.core.clock import FakeClock
    from netbalance.core.models import replace
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store
    from netbalance.tui.app import make_app

    folder = os.path.join(root, "board")
    os.makedirs(folder)
    clock = FakeClock(CHILD_NOW)
    store = Store.open(os.path.join(folder, "netbalance.json"), clock)
    empty = Board.build([], BoardRules(wip_limit=0))
    cards = [
        replace(
            rules.add(empty, f"Card {n}", clock.now(), column=COLUMNS[n % 4], tags=("bench",)),
            position=float(n),
        )
        for n in range(BOARD_CARDS)
    ]
    store.items.add_many(cards)
    os.environ["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    app = make_app(Settings(time_zone="UTC", wip_limit=0), store, clock=clock)
    opened = Result(f"board with {BOARD_CARDS} cards: open", "in-process")
    moved = Result("board: move a card (with its save)", "in-process")
    noop = Result("board: a key with no binding (baseline)", "in-process")

    async def drive() -> None:
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            await pilot.pause()
            for round_no in range(warmups + runs):
                began = time.perf_counter()
                await pilot.press("2")
                await pilot.pause()
                shown = time.perf_counter()
                await app.workers.wait_for_complete()
                for key, into in (("L", moved), (NO_OP_KEY, noop), ("H", moved), (NO_OP_KEY, noop)):
                    start, cpu = time.perf_counter(), time.process_time()
                    await pilot.press(key)
                    await pilot.pause()
                    if round_no >= warmups:
                        into.wall_ms.append((time.perf_counter() - start) * 1000)
                        into.cpu_ms.append((time.process_time() - cpu) * 1000)
                await pilot.press("1")
                await pilot.pause()
                if round_no >= warmups:
                    opened.wall_ms.append((shown - began) * 1000)

    asyncio.run(drive())
    opened.note = f"press 2 + pause, incl. the frame; {PRESS_NOTE}"
    moved.note = f"L / H + pause, incl. the frame; {PRESS_NOTE}"
    noop.note = f"press {NO_OP_KEY!r} + pause, interleaved with the moves"
    return opened, moved, noop


PRESS_NOTE = "raw; goal on the net of the no-op key"

LONG_TICKS, LONG_SWITCHES, LONG_SAVES = 10_000, 500, 200
LONG_FIRST = 100  # operations: the memory after these is the baseline


def _rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure_long_session(root: str, data: DataSet, quick: bool) -> tuple[Result, Result]:
    """A long app session on a copy of the idle data, headless at SCREEN_SIZE:
    LONG_TICKS one-second repaints, LONG_SWITCHES mode switches and LONG_SAVES saves
    (a card added through its form), interleaved; the resident memory after the first
    LONG_FIRST operations and after all of them (the collector run in both)."""
    import asyncio

    from netbalance.core.clock import FakeClock
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store
    from netbalance.tui.app import make_app

    folder = os.path.join(root, "long-session")
    shutil.copytree(os.path.dirname(data.idle), folder)
    clock = FakeClock(CHILD_NOW)
    store = Store.open(os.path.join(folder, "netbalance.json"), clock)
    os.environ["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    app = make_app(Settings(time_zone="UTC"), store, clock=clock)
    scale = 10 if quick else 1
    ticks, switches, saves = LONG_TICKS // scale, LONG_SWITCHES // scale, LONG_SAVES // scale
    first = Result(f"long session: memory after {LONG_FIRST} operations", "in-process")
    last = Result(
        f"long session: memory after {ticks:,} ticks, {switches} switches, {saves} saves",
        "in-process",
    )

    async def drive() -> None:
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            await pilot.pause()
            done = 0
            began = time.perf_counter()
            for save in range(saves):
                for _ in range(ticks // saves):
                    clock.advance(seconds=1)
                    app.tick()
                    done += 1
                    if done % 100 == 0:
                        await pilot.pause()
                for switch in range(switches // saves + (save % 2)):
                    await pilot.press("12345"[(save + switch) % 5])
                    await pilot.pause()
                    done += 1
                await pilot.press("2", "a")
                await pilot.press(*f"Long session card {save}", "ctrl+s")
                await pilot.pause()
                await app.workers.wait_for_complete()
                done += 1
                if not first.peak_mb and done >= LONG_FIRST:
                    gc.collect()
                    first.peak_mb.append(_rss_mb())
                    first.wall_ms.append((time.perf_counter() - began) * 1000)
            gc.collect()
            last.peak_mb.append(_rss_mb())
            last.wall_ms.append((time.perf_counter() - began) * 1000)

    asyncio.run(drive())
    first.note = "RSS after a full collection; wall: the time so far"
    last.note = f"RSS after a full collection; {app.heap.tidied} tidy-ups while idle"
    return first, last


def _contacts_store(root: str, people: int, interactions: int) -> str:
    """A data file with `people` contacts and `interactions` interactions (no sessions)."""
    from inputs import contact_log

    from netbalance.core.clock import FakeClock
    from netbalance.store.store import Store

    folder = os.path.join(root, "contacts")
    os.makedirs(folder)
    path = os.path.join(folder, "netbalance.json")
    contacts, log = contact_log(NOW, people, interactions)
    store = Store.open(path, FakeClock(NOW))
    with store.transaction(undoable=False):
        store.contacts.add_many(contacts)
        store.interactions.add_many(log)
    return path


CONTACTS_PEOPLE = 5000
CONTACTS_INTERACTIONS = 50_000
QUICK_CONTACTS_PEOPLE = 1000
QUICK_CONTACTS_INTERACTIONS = 10_000
FILTER_KEYS = ("a", "d", "a")  # typed after `/`: each keystroke filters the table again


def measure_contacts(
    root: str, runs: int, warmups: int, people: int, interactions: int
) -> tuple[Result, Result, Result, Result, Result]:
    """The Contacts mode on a log of `people` people and `interactions` interactions,
    driven headless at SCREEN_SIZE (wall ms, in-process, each a Pilot press + pause), a
    fresh store and app every round (so the mode's first open builds the screen and
    reads the contacts): `3` until the table shows the people; then until the worker has
    counted every interaction; the baseline NO_OP_KEY; each filter keystroke after `/`;
    and, after Esc and `1`, `3` again (the mode's screen kept, as the board's open)."""
    import asyncio

    from netbalance.core.clock import FakeClock
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store
    from netbalance.tui.app import make_app
    from netbalance.tui.screens.contacts import ContactsScreen

    path = _contacts_store(root, people, interactions)
    os.environ["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    size = f"{people:,} people"
    opened = Result(f"contacts ({size}): open", "in-process")
    counted = Result(f"contacts ({size}): open → interactions counted", "in-process")
    noop = Result("contacts: a key with no binding (baseline)", "in-process")
    keystroke = Result("contacts: a filter keystroke", "in-process")
    again = Result("contacts: open again (screen kept)", "in-process")
    shown_rows: list[int] = []

    async def one_round(counted_round: bool) -> None:
        clock = FakeClock(CHILD_NOW)
        app = make_app(Settings(time_zone="UTC"), Store.open(path, clock), clock=clock)
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            began = time.perf_counter()
            await pilot.press("3")
            await pilot.pause()
            shown = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            done = time.perf_counter()
            screen = app.screen
            assert isinstance(screen, ContactsScreen), screen
            assert screen.counted, "the interactions were not counted"
            shown_rows.append(len(screen.shown))
            marks, marks_cpu = [], []
            for key in (NO_OP_KEY, NO_OP_KEY):
                start, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                marks.append((time.perf_counter() - start) * 1000)
                marks_cpu.append((time.process_time() - cpu) * 1000)
            await pilot.press("slash")
            await pilot.pause()
            typed, typed_cpu = [], []
            for key in FILTER_KEYS:
                start, cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                typed.append((time.perf_counter() - start) * 1000)
                typed_cpu.append((time.process_time() - cpu) * 1000)
            shown_rows.append(len(screen.shown))
            for key in ("escape", "1"):
                await pilot.press(key)
                await pilot.pause()
            await app.workers.wait_for_complete()
            start = time.perf_counter()
            await pilot.press("3")
            await pilot.pause()
            reopened = (time.perf_counter() - start) * 1000
            assert len(screen.shown) == shown_rows[0], "the filter was not cleared"
            if counted_round:
                opened.wall_ms.append((shown - began) * 1000)
                counted.wall_ms.append((done - began) * 1000)
                noop.wall_ms.extend(marks)
                noop.cpu_ms.extend(marks_cpu)
                keystroke.wall_ms.extend(typed)
                keystroke.cpu_ms.extend(typed_cpu)
                again.wall_ms.append(reopened)

    for round_no in range(warmups + runs):
        asyncio.run(one_round(round_no >= warmups))
    opened.note = f"press 3 + pause, table shown; fresh app; {PRESS_NOTE}"
    counted.note = "until the worker's values are shown"
    noop.note = f"press {NO_OP_KEY!r} + pause on the table"
    keystroke.note = (
        f"/ then {' '.join(FILTER_KEYS)} + pause each ({shown_rows[0]:,} → "
        f"{shown_rows[1]:,} rows shown); {PRESS_NOTE}"
    )
    again.note = "press 3 + pause after Esc and 1; raw"
    return opened, counted, noop, keystroke, again


# ---------------------------------------------------------------------------------------
# the table


@dataclass(frozen=True)
class Row:
    case: str
    how: str
    median: str
    low: str
    high: str
    peak: str
    goal: str
    measured: str
    verdict: str


HEADERS = ("case", "how", "median ms", "min ms", "max ms", "peak MB", "goal", "measured", "")


def rows_for(
    result: Result, goals: Sequence[Goal], results: dict[str, Result], judge: bool
) -> list[Row]:
    if result.missing:
        verdicts = [Verdict(goal.text, "not measured", None) for goal in goals]
        return [
            Row(
                result.name if index == 0 else "",
                f"NOT AVAILABLE: {result.missing}" if index == 0 else "",
                *(("—",) * 4 if index == 0 else ("",) * 4),
                verdict.goal,
                verdict.measured,
                "" if verdict.goal == "—" else "NOT MEASURED",
            )
            for index, verdict in enumerate(verdicts or [Verdict("—", "", None)])
        ]
    peak = f"{result.peak:.1f}" if result.peak is not None else "—"
    how = f"in-process, n={len(result.wall_ms)}" if result.how == "in-process" else result.how
    if result.note:
        how = f"{how}; {result.note}"
    verdicts = [goal.judge(result, results) for goal in goals] or [Verdict("—", "", None)]
    rows = []
    for index, verdict in enumerate(verdicts):
        first = index == 0
        if verdict.info or verdict.goal == "—":
            mark = ""
        elif not judge or verdict.passed is None:
            mark = "not judged"
        else:
            mark = "PASS" if verdict.passed else "FAIL"
        rows.append(
            Row(
                result.name if first else "",
                how if first else "",
                f"{result.median:.1f}" if first else "",
                f"{min(result.wall_ms):.1f}" if first else "",
                f"{max(result.wall_ms):.1f}" if first else "",
                peak if first else "",
                verdict.goal,
                verdict.measured,
                mark,
            )
        )
    return rows


def text_table(rows: Sequence[Row]) -> str:
    cells = [HEADERS, *[tuple(vars(row).values()) for row in rows]]
    widths = [max(len(str(line[i])) for line in cells) for i in range(len(HEADERS))]
    numeric = {2, 3, 4, 5}
    out = []
    for number, line in enumerate(cells):
        out.append(
            "  ".join(
                str(cell).rjust(widths[i]) if i in numeric else str(cell).ljust(widths[i])
                for i, cell in enumerate(line)
            ).rstrip()
        )
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def markdown_table(rows: Sequence[Row]) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "| " + " | ".join(HEADERS[:-1]) + " | verdict |",
        "|---|---|--:|--:|--:|--:|---|---|---|",
    ]
    for row in rows:
        values = [escape(str(value)) for value in vars(row).values()]
        if values[0]:
            values[0] = f"`{values[0]}`" if values[0].startswith("netbalance") else values[0]
        values[-1] = f"**{values[-1]}**" if values[-1] == "FAIL" else values[-1]
        lines.append("| " + " | ".join(values) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# main


def child_env(root: str, db: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "NETBALANCE_DB",
        "PYTHONSTARTUP",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDEVMODE",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    # Bytecode is cached (as an installed package has it), in a private folder so the
    # checkout stays clean; the checking pass and the warm-up round fill it.
    env["PYTHONPYCACHEPREFIX"] = os.path.join(root, "pycache")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    env["NETBALANCE_NOW"] = CHILD_NOW.isoformat()
    env["TZ"] = "UTC"
    if db is not None:
        env["NETBALANCE_DB"] = db
    return env


def with_settings(root: str, env: dict[str, str]) -> dict[str, str]:
    """`env` with the settings file the app writes at its first start, as every user of
    the app has one, and a cache folder of the benchmark's own for its parsed copy."""
    from netbalance.settings.file import DEFAULT_TEXT

    path = os.path.join(root, "settings", "config.toml")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Path(path).write_text(DEFAULT_TEXT, encoding="utf-8")
    return {**env, "NETBALANCE_CONFIG": path, "XDG_CACHE_HOME": os.path.join(root, "cache")}


def two_devices(root: str, data: DataSet) -> tuple[str, dict[str, str]]:
    """The idle heavy data shared by two devices, as after a full sync: this device's
    folder and another's, each with the whole history (store/devices.py); the data path
    and the environment of the first device (its state folder names it). Built once."""
    from netbalance.store import devices

    folder = os.path.join(root, "two-devices")
    path = os.path.join(folder, "netbalance.json")
    env = {**child_env(root, path), "NETBALANCE_STATE": os.path.join(root, "state-laptop")}
    if os.path.isdir(folder):
        return path, env
    shutil.copytree(os.path.dirname(data.idle), folder)
    os.makedirs(env["NETBALANCE_STATE"], mode=0o700)
    with open(os.path.join(env["NETBALANCE_STATE"], "device"), "w") as handle:
        handle.write("laptop-000001\n")
    before = os.environ.get("NETBALANCE_STATE")
    os.environ["NETBALANCE_STATE"] = env["NETBALANCE_STATE"]
    try:
        mine = os.path.dirname(devices.move_in(path))
    finally:
        if before is None:
            del os.environ["NETBALANCE_STATE"]
        else:
            os.environ["NETBALANCE_STATE"] = before
    other = os.path.join(os.path.dirname(mine), "desktop-000002")
    local = shutil.ignore_patterns("*.lock", "*.journal.jsonl", "*.backups", "*.merged.json")
    shutil.copytree(mine, other, ignore=local)
    return path, env


def build_demo(root: str) -> str:
    """The demo-size data set (`netbalance --demo`'s twelve weeks) in its own store."""
    from netbalance.core.clock import FakeClock
    from netbalance.demo import sample as demo
    from netbalance.store.store import Store

    folder = os.path.join(root, "demo")
    os.makedirs(folder, mode=0o700)
    path = os.path.join(folder, "netbalance.json")
    demo.write(Store.open(path, FakeClock(NOW)), demo.generate(NOW, weeks=12, tz_name="UTC"))
    return path


def app_env(root: str) -> dict[str, str]:
    """child_env for a full-screen program in a tmux pane. The app writes a default
    settings file at its first start (the checking pass): every counted start reads it."""
    env = child_env(root, None)
    for name in ("TMUX", "TMUX_PANE", "COLUMNS", "LINES"):
        env.pop(name, None)
    env["NETBALANCE_CONFIG"] = os.path.join(root, "app-settings", "config.toml")
    env["TERM"] = "xterm-256color"
    return env


# The dashboard's row with this week's produce time, e.g. "This week   14 h 58 m".
THIS_WEEK = r"This week\s+\d+ [hm]\b"


def netbalance_command() -> list[str]:
    """netbalance as people run it, from a shell prompt or a terminal: the installed
    command beside this Python (`python -m netbalance` pays ~4 ms more for runpy)."""
    installed = Path(sys.executable).with_name("netbalance")
    if installed.exists():
        return [str(installed)]
    return [sys.executable, "-m", "netbalance"]


def app_start_cases(root: str, data: DataSet, quick: bool) -> list[AppStartCase]:
    py = sys.executable
    nb = netbalance_command()
    env = app_env(root)
    bare = "bare Textual app → first frame"
    goals = (RatioGoal(bare, 1.15, "bare Textual app"), PeakRatioGoal(bare, 1.3, "bare app"))
    size = f"{QUICK_WEEKS} weeks" if quick else "heavy data"
    two_path, two_env = two_devices(root, data)
    return [
        AppStartCase(bare, [py, str(BARE_APP)], env, r"\bready\b", note="Static + Footer"),
        AppStartCase(
            "netbalance app → this week (demo data)",
            [*nb, "--db", build_demo(root)],
            env,
            THIS_WEEK,
            goals,
            note="12 weeks",
        ),
        AppStartCase(
            f"netbalance app → this week ({size})",
            [*nb, "--db", data.running],
            env,
            THIS_WEEK,
            goals,
            note="box running",
        ),
        AppStartCase(
            f"netbalance app → this week ({size}, two devices)",
            [*nb, "--db", two_path],
            {**env, "NETBALANCE_STATE": two_env["NETBALANCE_STATE"]},
            THIS_WEEK,
            (RatioGoal(f"netbalance app → this week ({size})", 1.2, "one device"),),
            note="each device's folder holds it all",
        ),
    ]


@dataclass(frozen=True)
class Peers:
    """Watson and Timewarrior, with the benchmark's sessions in their formats."""

    watson: Peer
    timew: Peer
    watson_dir: str
    timew_db: str
    frames: str  # Watson's frames file
    import_frames: str  # the same frames, padded to IMPORT_FRAMES: the Watson import's input
    imported: int  # how many frames that file has
    lines: tuple[str, ...]


def prepare_peers(root: str, sessions: Sequence[Session], quick: bool) -> Peers:
    """Install the peers when missing; write the sessions as Watson frames and as
    Timewarrior data (written even when a peer is missing: the Watson import uses them)."""
    import peers

    started = time.perf_counter()
    watson_dir = Path(root, "watson")
    frames = peers.write_watson(watson_dir, sessions)
    timew_db = peers.write_timewarrior(Path(root, "timewarrior"), sessions)
    months = len(list((timew_db / "data").glob("*.data"))) - 1  # less tags.data
    at_least = QUICK_IMPORT_FRAMES if quick else IMPORT_FRAMES
    to_import = peers.padded(sessions, at_least)
    import_frames = peers.write_frames(Path(root, "import", "frames"), to_import)
    written = (
        f"peer data: {len(sessions):,} sessions as Watson frames ({frames.stat().st_size / 1e6:.1f}"
        f" MB) and as Timewarrior intervals ({months} monthly files) in "
        f"{(time.perf_counter() - started) * 1000:,.0f} ms; nothing being tracked in either"
    )
    watson, timew = peers.watson(), peers.timewarrior()
    padding = len(to_import) - len(sessions)
    made = f"import input: {len(to_import):,} Watson frames ({len(sessions):,} sessions" + (
        f" and the earliest {padding:,} again, 10 years earlier)" if padding else ")"
    )
    return Peers(
        watson,
        timew,
        str(watson_dir),
        str(timew_db),
        str(frames),
        str(import_frames),
        len(to_import),
        (watson.line, timew.line, written, made),
    )


def _fresh(folder: str) -> Callable[[], None]:
    """A `before` hook: the folder gone, so the run starts from no data file."""
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def process_cases(
    root: str, data: DataSet, peers: Peers, quick: bool
) -> tuple[list[ProcessCase], list[Result]]:
    """Every whole-process case (run interleaved), and a result naming the reason for each
    case whose peer is not installed."""
    from inputs import write_linkedin

    py = sys.executable
    nb = netbalance_command()
    base = "python3 -c pass"
    bare = RatioGoal(base, 2, "bare Python")
    near_floor = RatioGoal(base, 7, "bare Python")
    env = child_env(root, data.running)
    idle = child_env(root, data.idle)
    peer_env = {**idle, "WATSON_DIR": peers.watson_dir, "TIMEWARRIORDB": peers.timew_db}
    watson, timew = peers.watson.program, peers.timew.program
    monday, next_monday = _last_week(CHILD_NOW)
    sunday = next_monday - timedelta(days=1)
    week = f"{monday:%Y-%m-%d} – {sunday:%Y-%m-%d}"
    versus_status = (Versus("watson status", "watson status"), Versus("timew", "timew"))

    def start_stop_box() -> None:
        from netbalance.actions import boxes
        from netbalance.core.clock import FakeClock
        from netbalance.core.models import Kind
        from netbalance.store.store import Store

        start = CHILD_NOW - timedelta(minutes=5)
        store = Store.open(data.stops, FakeClock(start))
        if store.box.get() is None:
            # the box the last run stopped is recorded over this stretch: taken out, so
            # that this run's stop records the same box again (never an overlap)
            with store.transaction(undoable=False):
                for session in store.sessions.between(start, CHILD_NOW + timedelta(minutes=1)):
                    store.sessions.remove(session)
            boxes.start(store, Kind.PRODUCE, minutes=BOX_MINUTES)
        # What the store read is frozen out of the collector (core/collector.py), and a
        # store holds cycles: left to the collector, each round kept ~80 MB more in this
        # process, and past ~1 GB every process spawned ran slower (`report` 54 → 87 ms,
        # on this machine's virtual memory): collected here, untimed.
        del store
        gc.unfreeze()
        gc.collect()

    rows = QUICK_LINKEDIN_ROWS if quick else LINKEDIN_ROWS
    linkedin = write_linkedin(Path(root, "Connections.csv"), rows)
    linkedin_db = os.path.join(root, "import-linkedin", "netbalance.json")
    watson_db = os.path.join(root, "import-watson", "netbalance.json")
    html = os.path.join(root, "week.html")

    cases = [
        ProcessCase(base, [py, "-c", "pass"], child_env(root, None)),
        ProcessCase(
            "netbalance status (box running)",
            [*nb, "status"],
            env,
            (bare, *versus_status),
        ),
        ProcessCase("netbalance status (idle)", [*nb, "status"], idle, (bare, *versus_status)),
        ProcessCase(
            "netbalance __complete items (Tab on a card id)",
            [*nb, "__complete", "items", ""],
            env,
            (TimeGoal(100),),
            note="every card's id and title, as a shell asks on Tab",
        ),
        ProcessCase(
            "netbalance log --week last",
            [*nb, "log", "--week", "last"],
            env,
            (TimeGoal(100),),
        ),
        ProcessCase(
            "python -c 'Store.open + last week'",
            [py, "-c", OPEN_SNIPPET],
            env,
            (TimeGoal(100),),
            note="whole process incl. imports",
        ),
        ProcessCase(
            "netbalance stop",
            [*nb, "stop"],
            child_env(root, data.stops),
            before=start_stop_box,
            note="box started untimed before each run",
        ),
        ProcessCase(
            "netbalance report --week last",
            [*nb, "report", "--week", "last"],
            env,
            (
                near_floor,
                SpeedupGoal("watson report (last week)", 20, "Watson"),
                PeakGoal(40),
                Versus("timew summary (last week)", "timew summary"),
            ),
            note=f"{week}, piped: plain text",
        ),
        ProcessCase(
            "netbalance report --week last (two devices)",
            [*nb, "report", "--week", "last"],
            two_devices(root, data)[1],
            (RatioGoal("netbalance report --week last", 1.2, "one device"),),
            note="idle; each device's folder holds it all",
        ),
        ProcessCase(
            "netbalance report --week last (settings file)",
            [*nb, "report", "--week", "last"],
            with_settings(root, env),
            (RatioGoal("netbalance report --week last", 1.05, "no settings file"),),
            note="the one the app writes at its first start (read through settings.parsed)",
        ),
        ProcessCase(
            "netbalance export --week last --format html",
            [*nb, "export", "--week", "last", "--format", "html", "-o", html, "--force"],
            env,
            (near_floor, SpeedupGoal("watson report (last week)", 20, "Watson")),
            note="-o FILE --force",
        ),
        ProcessCase(
            f"netbalance import linkedin ({rows:,} rows)",
            [*nb, "import", "linkedin", str(linkedin)],
            child_env(root, linkedin_db),
            (TimeGoal(2000), PeakGoal(150)),
            before=_fresh(os.path.dirname(linkedin_db)),
            note="into a new data file each run",
        ),
        ProcessCase(
            f"netbalance import watson ({peers.imported:,} frames)",
            [*nb, "import", "watson", peers.import_frames, "--network-tags", "network"],
            child_env(root, watson_db),
            (TimeGoal(3000),),
            before=_fresh(os.path.dirname(watson_db)),
            note="into a new data file each run",
        ),
    ]
    peer_cases = [
        (watson, "watson status", ["status"], (0,), "nothing tracked"),
        (timew, "timew", [], (0, 1), "nothing tracked: exit 1"),
        (
            watson,
            "watson report (last week)",
            ["report", "--from", f"{monday:%Y-%m-%d}", "--to", f"{sunday:%Y-%m-%d}"],
            (0,),
            f"--from {monday:%Y-%m-%d} --to {sunday:%Y-%m-%d}, piped",
        ),
        (
            timew,
            "timew summary (last week)",
            ["summary", f"{monday:%Y-%m-%d}", "-", f"{next_monday:%Y-%m-%d}"],
            (0,),
            f"{monday:%Y-%m-%d} - {next_monday:%Y-%m-%d}, piped",
        ),
    ]
    missing = []
    for program, name, args, codes, note in peer_cases:
        if program is None:
            peer = peers.watson if name.startswith("watson") else peers.timew
            missing.append(Result(name, "process", missing=peer.problem))
        else:
            cases.append(ProcessCase(name, [program, *args], peer_env, note=note, ok_codes=codes))
    return cases, missing


def check_cases(
    runner: Runner, cases: Sequence[ProcessCase], cwd: str
) -> tuple[list[ProcessCase], list[Result]]:
    """Run each case once (unmeasured: it also fills the bytecode cache). A case that
    fails is not measured: it comes back as a result naming why (e.g. a command that is
    not written yet), printed here and shown in the table as NOT AVAILABLE."""
    working, failed = [], []
    for case in cases:
        if case.before is not None:
            case.before()
        run = runner.run(case.argv, case.env, cwd)
        output = run.stdout.decode(errors="replace").strip().splitlines()
        shown = output[0] if output else ""
        extra = f" (+{len(output) - 1} lines)" if len(output) > 1 else ""
        print(f"  {case.name}: exit {run.code}: {shown[:90]}{extra}")
        if run.code in case.ok_codes:
            working.append(case)
            continue
        errors = [line for line in run.stderr.decode(errors="replace").splitlines() if line]
        why = f"exit {run.code}: {errors[-1][:110] if errors else shown[:110]}"
        print(f"    not available: {why}")
        failed.append(Result(case.name, "process", missing=why))
    return working, failed


def wait_for_demo() -> None:
    if not (ROOT / "netbalance" / "demo" / "sample.py").exists():
        raise SystemExit("netbalance/demo/sample.py is missing: the benchmark uses its generator")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=None, help=f"counted runs (default {DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--saves", type=int, default=None, help=f"saves timed (default {DEFAULT_SAVES})"
    )
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {QUICK_RUNS} runs, {QUICK_SAVES} saves, a year of data, not judged",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (QUICK_RUNS if args.quick else DEFAULT_RUNS)
    saves = args.saves or (QUICK_SAVES if args.quick else DEFAULT_SAVES)
    warmups = 1
    judge = not args.quick
    command = "python tests/perf/bench.py" + (" " + " ".join(sys.argv[1:]) if argv is None else "")
    wait_for_demo()

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = [f"netbalance benchmark, {when}", *machine_lines()]
    for line in header:
        print(line)

    with tempfile.TemporaryDirectory(prefix="nb-bench-") as root:
        runner = Runner(root)
        data = build_data(root, args.quick)
        for line in data.lines:
            print(line)
        header.extend(data.lines)
        header.append(
            f"runs: {runs} counted after {warmups} warm-up, interleaved; children with "
            f"TZ=UTC, no settings file, NETBALANCE_NOW={CHILD_NOW.isoformat()}, "
            "bytecode cached"
        )
        print(header[-1])

        print("\npeers:")
        peers = prepare_peers(root, data.sessions, args.quick)
        for line in peers.lines:
            print(line)
        header.extend(peers.lines)
        cases, missing = process_cases(root, data, peers, args.quick)
        print("\nchecking every case once:")
        cases, unavailable = check_cases(runner, cases, root)
        missing.extend(unavailable)

        print(f"\nwhole processes, interleaved, 1 warm-up + {runs} counted rounds:")
        results = run_interleaved(runner, cases, runs, warmups, root)
        results.update((result.name, result) for result in missing)
        floor = runner.rss_mb()
        runner.close()
        header.append(
            "peak memory: ru_maxrss of each child (os.wait4), spawned from a bare runner "
            f"whose own {floor:.1f} MB RSS is the floor"
        )
        print(header[-1])

        if shutil.which("tmux") is None:
            header.append("app start: NOT MEASURED: tmux is not installed (apt install tmux)")
            print(header[-1])
            app_cases: list[AppStartCase] = []
        else:
            app_cases = app_start_cases(root, data, args.quick)
            tmux = Tmux(root)
            try:
                print("\nchecking every app-start case once (the first start writes settings):")
                for app_case in app_cases:
                    start = tmux.run(app_case, root)
                    print(f"  {app_case.name}: {start.wall_ms:.0f} ms: {start.seen[:70]!r}")
                    print(f"    pane process: {start.program[:100]}")
                print(
                    f"\napp start in tmux ({SCREEN_SIZE[0]}×{SCREEN_SIZE[1]}), interleaved, "
                    f"1 warm-up + {runs} counted rounds:"
                )
                results.update(run_app_starts(tmux, app_cases, runs, warmups, root))
            finally:
                tmux.close()
            header.append(
                f"app start: wall time from tmux new-session (control mode, {SCREEN_SIZE[0]}×"
                f"{SCREEN_SIZE[1]}, TERM=xterm-256color) until the program's write after "
                "which capture-pane (run after each write, as tmux's control mode reports "
                "them) shows the bare app's 'ready' or the dashboard's "
                "'This week' row with a number; peak memory: VmHWM of the pane's process "
                "then; the settings file exists (written by an unmeasured first start)"
            )
            print(header[-1])

        print("in-process: open the store …")
        opened, _ = measure_open(data.running, runs, warmups)
        results[opened.name] = opened
        print(f"in-process: {saves} saves …")
        saved = measure_saves(data.saves, saves, warmups)
        results[saved.name] = saved
        ticks = QUICK_TICKS if args.quick else TICKS
        print(f"in-process: {ticks} timer refreshes with a box running …")
        refreshes = measure_refreshes(os.path.dirname(data.idle), root, ticks, 10)
        for refresh in refreshes:
            results[refresh.name] = refresh
        print(f"in-process: the board with {BOARD_CARDS} cards …")
        board = measure_board(root, runs, warmups)
        board_open, board_move, board_noop = board
        results.update((result.name, result) for result in board)
        people, logged = (
            (QUICK_CONTACTS_PEOPLE, QUICK_CONTACTS_INTERACTIONS)
            if args.quick
            else (CONTACTS_PEOPLE, CONTACTS_INTERACTIONS)
        )
        print(f"in-process: the Contacts mode with {people:,} people, {logged:,} interactions …")
        contacts = measure_contacts(root, runs, warmups, people, logged)
        contacts_open, _counted, contacts_noop, contacts_key, _again = contacts
        results.update((result.name, result) for result in contacts)
        print("in-process: the keys of every mode (keys.py) …")
        from keys import key_goals, measure_keys  # it imports this module's helpers

        key_results = measure_keys(root, data, runs, warmups)
        results.update((result.name, result) for result in key_results)
        print("in-process: a long app session …")
        long_first, long_last = measure_long_session(root, data, args.quick)
        results.update((result.name, result) for result in (long_first, long_last))

    goals: dict[str, tuple[Goal, ...]] = {case.name: case.goals for case in cases}
    goals[opened.name] = (TimeGoal(100),)
    goals[saved.name] = (TimeGoal(20, 50), TimeGoal(50, 99))
    for app_case in app_cases:
        goals[app_case.name] = app_case.goals
    tick, show, _frame = refreshes
    goals[tick.name] = (TimeGoal(1),)
    goals[show.name] = (TimeGoal(5),)
    goals[board_open.name] = (NetTimeGoal(board_noop.name, 100),)
    goals[board_move.name] = (FrameGoal(board_noop.name, FRAME_MS),)
    goals[contacts_open.name] = (NetTimeGoal(contacts_noop.name, 150),)
    goals[contacts_key.name] = (FrameGoal(contacts_noop.name, FRAME_MS),)
    goals[long_last.name] = (PeakRatioGoal(long_first.name, 1.1, f"after {LONG_FIRST}"),)
    goals.update(key_goals(key_results))
    rows = []
    for name, result in results.items():
        rows.extend(rows_for(result, goals.get(name, ()), results, judge))

    print()
    print(text_table(rows))
    verdicts = [row.verdict for row in rows if row.verdict in ("PASS", "FAIL")]
    unmeasured = sum(row.verdict == "NOT MEASURED" for row in rows)
    summary = (
        f"{verdicts.count('PASS')} of {len(verdicts) + unmeasured} goals pass"
        if judge
        else "quick run: goals not judged"
    )
    if unmeasured:
        summary += f"; {unmeasured} NOT MEASURED (see NOT AVAILABLE above)"
    header.append(f"load average at end: {load_average()}")
    print(f"\n{header[-1]}")
    print(f"{summary}.  command: {command}")

    if args.markdown:
        text = "\n".join(
            [
                *(f"- {line}" for line in header),
                "",
                markdown_table(rows),
                "",
                f"{summary}. Command: `{command}`",
                "",
            ]
        )
        Path(args.markdown).write_text(text, encoding="utf-8")
        print(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
