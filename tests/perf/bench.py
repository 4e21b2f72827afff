#!/usr/bin/env python3
"""The netbalance benchmark: one command, one table, ratios against the goals.

    python tests/perf/bench.py [--runs N] [--saves N] [--markdown FILE] [--quick]

A script, never a timed test. It

1. prints the machine (cores, Python, platform, library versions);
2. generates the 10-year heavy data set once with the project's own generator
   (`netbalance.demo.heavy`) at a fixed "now" and writes it through the real store;
3. runs every whole-process case interleaved (A B C … A B C …), one warm-up round and
   N counted rounds, each run measured by wall time and by the peak resident memory of
   that one child (`os.wait4` returns the child's own rusage);
4. measures what only makes sense inside one process (opening the store with warm
   imports, one save = finishing a box) with `time.perf_counter`;
5. prints median / min / max wall time and median peak memory beside each goal with
   its ratio and PASS / FAIL, and with `--markdown FILE` writes the same table as
   Markdown for the README.

Children run with a settings file that does not exist (so user settings do not
interfere), `TZ=UTC`, and `NETBALANCE_NOW` frozen a few minutes after the data set's
"now", so a running box is mid-way and `--week last` is the same week on every run.

Cases are data (`ProcessCase`, goals as `Goal` objects), so comparison tools (Watson,
Timewarrior, a bare Textual app) can be added as more cases with their own setup.
"""

from __future__ import annotations

import argparse
import marshal
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import metadata
from pathlib import Path

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


# ---------------------------------------------------------------------------------------
# results and goals


@dataclass
class Result:
    """The counted samples of one case (wall ms; peak MB for whole processes)."""

    name: str
    how: str  # "process" or "in-process"
    wall_ms: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    note: str = ""

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
    passed: bool | None  # None: could not be judged


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
            if run.code != 0:
                raise SystemExit(
                    f"case {case.name!r} exited {run.code}:\n{run.stderr.decode(errors='replace')}"
                )
            if counted:
                results[case.name].wall_ms.append(run.wall_ms)
                results[case.name].peak_mb.append(run.peak_mb)
    print()
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


def _tree_size(folder: str) -> int:
    return sum(entry.stat().st_size for entry in Path(folder).rglob("*") if entry.is_file())


def build_data(root: str, quick: bool) -> DataSet:
    from netbalance import boxes, demo
    from netbalance.core.clock import FakeClock
    from netbalance.core.models import Kind
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
    return DataSet(root, path, copies["idle"], copies["saves"], copies["stops"], tuple(lines))


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
    from netbalance import boxes
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
    peak = f"{result.peak:.1f}" if result.peak is not None else "—"
    how = result.how if result.how == "process" else f"in-process, n={len(result.wall_ms)}"
    if result.note:
        how = f"{how}; {result.note}"
    verdicts = [goal.judge(result, results) for goal in goals] or [Verdict("—", "", None)]
    rows = []
    for index, verdict in enumerate(verdicts):
        first = index == 0
        if not judge or verdict.passed is None:
            mark = "" if verdict.goal == "—" else "not judged"
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


def wait_for_demo() -> None:
    if not (ROOT / "netbalance" / "demo.py").exists():
        raise SystemExit("netbalance/demo.py is missing: the benchmark uses its generator")


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

    py = sys.executable
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

        def start_stop_box() -> None:
            from netbalance import boxes
            from netbalance.core.clock import FakeClock
            from netbalance.core.models import Kind
            from netbalance.store.store import Store

            store = Store.open(data.stops, FakeClock(CHILD_NOW - timedelta(minutes=5)))
            if store.box.get() is None:
                boxes.start(store, Kind.PRODUCE, minutes=BOX_MINUTES)

        base = "python3 -c pass"
        nb = [py, "-m", "netbalance"]
        bare = RatioGoal(base, 3, "bare Python")
        cases = [
            ProcessCase(base, [py, "-c", "pass"], child_env(root, None)),
            ProcessCase(
                "netbalance status (box running)",
                [*nb, "status"],
                child_env(root, data.running),
                (bare,),
            ),
            ProcessCase(
                "netbalance status (idle)",
                [*nb, "status"],
                child_env(root, data.idle),
                (bare,),
            ),
            ProcessCase(
                "netbalance log --week last",
                [*nb, "log", "--week", "last"],
                child_env(root, data.running),
                (TimeGoal(100),),
            ),
            ProcessCase(
                "python -c 'Store.open + last week'",
                [py, "-c", OPEN_SNIPPET],
                child_env(root, data.running),
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
        ]

        print("\nchecking every case once:")
        for case in cases:
            if case.before is not None:
                case.before()
            run = runner.run(case.argv, case.env, root)
            output = run.stdout.decode(errors="replace").strip().splitlines()
            shown = output[0] if output else ""
            extra = f" (+{len(output) - 1} lines)" if len(output) > 1 else ""
            print(f"  {case.name}: exit {run.code}: {shown[:90]}{extra}")
            if run.code != 0:
                print(run.stderr.decode(errors="replace"))
                return 1

        print(f"\nwhole processes, interleaved, 1 warm-up + {runs} counted rounds:")
        results = run_interleaved(runner, cases, runs, warmups, root)
        floor = runner.rss_mb()
        runner.close()
        header.append(
            "peak memory: ru_maxrss of each child (os.wait4), spawned from a bare runner "
            f"whose own {floor:.1f} MB RSS is the floor"
        )
        print(header[-1])

        print("in-process: open the store …")
        opened, _ = measure_open(data.running, runs, warmups)
        results[opened.name] = opened
        print(f"in-process: {saves} saves …")
        saved = measure_saves(data.saves, saves, warmups)
        results[saved.name] = saved

    goals: dict[str, tuple[Goal, ...]] = {case.name: case.goals for case in cases}
    goals[opened.name] = (TimeGoal(100),)
    goals[saved.name] = (TimeGoal(20, 50), TimeGoal(50, 99))
    rows = []
    for name, result in results.items():
        rows.extend(rows_for(result, goals.get(name, ()), results, judge))

    print()
    print(text_table(rows))
    verdicts = [row.verdict for row in rows if row.verdict in ("PASS", "FAIL")]
    summary = (
        f"{verdicts.count('PASS')} of {len(verdicts)} goals pass"
        if judge
        else "quick run: goals not judged"
    )
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
