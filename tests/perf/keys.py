#!/usr/bin/env python3
"""Keys of every mode, each timed headless with Pilot on the heavy data set.

    python tests/perf/keys.py [--runs N] [--quick] [--profile CASE]

Each figure is a Pilot press + pause (the frame painted included), in the style of
bench.py's `measure_board`: every timed key is interleaved, in the same process and on
the same screen, with NO_OP_KEY (a key that nothing binds there), whose press + pause is
what Pilot and the event loop cost by themselves. The goal (one frame at 60 Hz) is judged
on the key's median CPU time net of that baseline's (bench.FrameGoal: a key that repaints
waits up to a frame for Textual's next screen update, which a no-op key never does); the
wall figures are shown beside.

The cases (`KEY_CASES`): the dashboard's week change (← →), the History's week change
(← →), the Review's steps (→ through every step and ← back), opening the command palette
(ctrl+p, from the dashboard), and opening a form: a card's (`a`, `e` on the board) and an
interaction's (`l` in Contacts). Closing a form or the palette (Esc) is not timed.

Used by bench.py as

    from keys import measure_keys, key_goals
    results = measure_keys(root, data, runs, warmups)   # list[Result], in table order
    goals = key_goals(results)                          # {name: (FrameGoal, ...)}

`--profile CASE` runs one case (its name's start, e.g. `review`) under cProfile and
prints the heaviest functions of its timed keys.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from bench import (  # noqa: E402
    CHILD_NOW,
    NO_OP_KEY,
    PRESS_NOTE,
    SCREEN_SIZE,
    DataSet,
    FrameGoal,
    Goal,
    Result,
    build_data,
)

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from netbalance.tui.app import NetbalanceApp

FRAME_MS = 16.0  # one frame at 60 Hz: every key's goal, net of the no-op key
DEFAULT_RUNS = 7
QUICK_RUNS = 3
WARMUPS = 1

Step = Callable[["Pilot[Any]"], Awaitable[None]]


@dataclass(frozen=True)
class KeyCase:
    """One screen's timed keys. `enter` brings the app to the screen (untimed); each
    round presses every key of `keys` (timed), each followed by `after` (untimed, e.g.
    Esc to close a form) and then NO_OP_KEY (timed: the baseline)."""

    name: str  # the result's name, e.g. "dashboard: week change (← →)"
    screen: str  # names the baseline: "dashboard: a key with no binding (keys baseline)"
    enter: tuple[str, ...]
    keys: tuple[str, ...]
    after: tuple[str, ...] = ()
    note: str = ""


# Review has five steps: → four times to the last one, ← four times back.
REVIEW_WALK = ("right",) * 4 + ("left",) * 4

KEY_CASES: tuple[KeyCase, ...] = (
    KeyCase(
        "dashboard: week change (← →)",
        "dashboard",
        ("1",),
        ("left", "left", "right"),
        note="← ← → each round: a round ends a week further back, its second ← on a week "
        "never shown",
    ),
    KeyCase(
        "command palette: open (ctrl+p)",
        "dashboard",
        ("1",),
        ("ctrl+p",),
        after=("escape",),
        note="from the dashboard; Esc closes it, untimed",
    ),
    KeyCase(
        "history: week change (← →)",
        "history",
        ("4",),
        ("left", "left", "right"),
        note="← ← → each round: a round ends a week further back, its second ← on a week "
        "never shown",
    ),
    KeyCase(
        "review: step (← →)",
        "review",
        ("5", "left", "left", "left", "left"),
        REVIEW_WALK,
        note="→ through the five steps and ← back (where it was left: saved after 1 s)",
    ),
    KeyCase(
        "board: open the add form (a)",
        "board",
        ("2",),
        ("a",),
        after=("escape",),
        note="Esc closes it, untimed",
    ),
    KeyCase(
        "board: open the edit form (e)",
        "board",
        ("2",),
        ("e",),
        after=("escape",),
        note="the selected card's; Esc closes it, untimed",
    ),
    KeyCase(
        "contacts: open the log form (l)",
        "contacts",
        ("3",),
        ("l",),
        after=("escape",),
        note="the selected person's interaction; Esc closes it, untimed",
    ),
)


def baseline_name(screen: str) -> str:
    """Not bench.py's names for its own baselines (`board: a key with no binding …`)."""
    return f"{screen}: a key with no binding (keys baseline)"


def _make_app(root: str, data: DataSet) -> tuple[NetbalanceApp, str]:
    """The app on a copy of the idle heavy data (the Review's steps are saved in it)."""
    from netbalance.core.clock import FakeClock
    from netbalance.settings.config import Settings
    from netbalance.store.store import Store
    from netbalance.tui.app import make_app

    folder = os.path.join(root, "keys")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    shutil.copytree(os.path.dirname(data.idle), folder)
    clock = FakeClock(CHILD_NOW)
    store = Store.open(os.path.join(folder, "netbalance.json"), clock)
    os.environ["NETBALANCE_CONFIG"] = os.path.join(root, "no-such-config", "config.toml")
    return make_app(Settings(time_zone="UTC"), store, clock=clock), folder


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _timed(pilot: Pilot[Any], key: str) -> tuple[float, float]:
    """Wall ms and CPU ms (this process's, all threads) of a press + pause."""
    start, cpu = time.perf_counter(), time.process_time()
    await pilot.press(key)
    await pilot.pause()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def _check(app: NetbalanceApp, case: KeyCase) -> None:
    """The case measures what it says: the screen it means, the key acting there."""
    mode = case.screen if case.screen in app.MODES else "dashboard"
    assert app.current_mode == mode, (case.name, app.current_mode)


def measure_keys(
    root: str,
    data: DataSet,
    runs: int,
    warmups: int = WARMUPS,
    cases: Sequence[KeyCase] = KEY_CASES,
    profile: Any = None,
) -> list[Result]:
    """Every case of `cases` in one app on a copy of `data`'s idle data file, headless at
    bench.SCREEN_SIZE: for each case, `warmups` + `runs` rounds of its keys, each key
    followed by NO_OP_KEY on the same screen. Returns, per case, its Result and then its
    screen's baseline Result (one per screen, shared by the cases of that screen), wall
    ms and CPU ms of press + pause each. `profile` (a cProfile.Profile) is enabled around
    the timed keys only."""
    app, _folder = _make_app(root, data)
    results: dict[str, Result] = {}
    order: list[str] = []

    def result(name: str, note: str = "") -> Result:
        if name not in results:
            results[name] = Result(name, "in-process", note=note)
            order.append(name)
        return results[name]

    async def drive() -> None:
        async with app.run_test(size=SCREEN_SIZE) as pilot:
            await _settle(pilot)
            for case in cases:
                timed = result(case.name, f"{case.note}; {PRESS_NOTE}")
                noop = result(
                    baseline_name(case.screen),
                    f"press {NO_OP_KEY!r} + pause, interleaved with the keys",
                )
                for key in case.enter:
                    await pilot.press(key)
                    await _settle(pilot)
                _check(app, case)
                for round_no in range(warmups + runs):
                    counted = round_no >= warmups
                    for key in case.keys:
                        if profile is not None and counted:
                            profile.enable()
                        took, took_cpu = await _timed(pilot, key)
                        if profile is not None and counted:
                            profile.disable()
                        for closing in case.after:
                            await pilot.press(closing)
                            await pilot.pause()
                        await app.workers.wait_for_complete()
                        base, base_cpu = await _timed(pilot, NO_OP_KEY)
                        if counted:
                            timed.wall_ms.append(took)
                            noop.wall_ms.append(base)
                            timed.cpu_ms.append(took_cpu)
                            noop.cpu_ms.append(base_cpu)
                _check(app, case)

    asyncio.run(drive())
    return [results[name] for name in order]


def key_goals(results: Sequence[Result]) -> dict[str, tuple[Goal, ...]]:
    """Each timed key's goal: ≤ FRAME_MS of CPU net of its screen's no-op key."""
    goals: dict[str, tuple[Goal, ...]] = {}
    for case in KEY_CASES:
        if any(found.name == case.name for found in results):
            goals[case.name] = (FrameGoal(baseline_name(case.screen), FRAME_MS),)
    return goals


def table(results: Sequence[Result]) -> str:
    """Each key: raw wall median, its screen's no-op median, net, min/max raw, samples,
    and the CPU medians (key, and net of the no-op's) the goal is judged on."""
    by_name = {found.name: found for found in results}
    head = ("key", "raw ms", "no-op ms", "net ms", "min", "max", "n", "cpu", "net cpu", "goal")
    rows: list[tuple[str, ...]] = []
    for case in KEY_CASES:
        found = by_name.get(case.name)
        base = by_name.get(baseline_name(case.screen))
        if found is None or base is None or not found.wall_ms:
            continue
        cpu = statistics.median(found.cpu_ms)
        net_cpu = cpu - statistics.median(base.cpu_ms)
        rows.append(
            (
                case.name,
                f"{found.median:.1f}",
                f"{base.median:.1f}",
                f"{found.median - base.median:.1f}",
                f"{min(found.wall_ms):.1f}",
                f"{max(found.wall_ms):.1f}",
                str(len(found.wall_ms)),
                f"{cpu:.1f}",
                f"{net_cpu:.1f}",
                "PASS" if net_cpu <= FRAME_MS else "FAIL",
            )
        )
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(head))]
    lines.append("  ".join("-" * width for width in widths))
    for row in rows:
        lines.append(
            "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
    return "\n".join(lines)


def _profile(root: str, data: DataSet, runs: int, which: str, out: str | None) -> None:
    import cProfile
    import pstats

    chosen = [case for case in KEY_CASES if case.name.startswith(which)]
    if not chosen:
        raise SystemExit(f"no case starts with {which!r}: {[c.name for c in KEY_CASES]}")
    profiler = cProfile.Profile()
    measure_keys(root, data, runs, WARMUPS, chosen, profile=profiler)
    if out:
        profiler.dump_stats(out)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help=f"rounds (default {DEFAULT_RUNS})")
    parser.add_argument("--quick", action="store_true", help="a year of data, not the heavy set")
    parser.add_argument("--profile", metavar="CASE", help="cProfile one case's timed keys")
    parser.add_argument("--profile-out", metavar="FILE", help="with --profile: the stats file")
    parser.add_argument("--only", metavar="CASE", help="only the cases whose name starts so")
    args = parser.parse_args(argv)
    runs = args.runs or (QUICK_RUNS if args.quick else DEFAULT_RUNS)
    with tempfile.TemporaryDirectory(prefix="nb-keys-") as root:
        data = build_data(root, args.quick)
        for line in data.lines:
            print(line)
        if args.profile:
            _profile(root, data, runs, args.profile, args.profile_out)
            return 0
        print(
            f"keys: {WARMUPS} warm-up + {runs} rounds, headless {SCREEN_SIZE[0]}×"
            f"{SCREEN_SIZE[1]}, each key interleaved with {NO_OP_KEY!r} (no binding)"
        )
        chosen = [c for c in KEY_CASES if not args.only or c.name.startswith(args.only)]
        results = measure_keys(root, data, runs, WARMUPS, chosen)
    print()
    print(table(results))
    loads = os.getloadavg()
    print(f"\nload average at end: {loads[0]:.2f} {loads[1]:.2f} {loads[2]:.2f}")
    print(
        "command: python tests/perf/keys.py"
        + (" " + " ".join(sys.argv[1:]) if argv is None else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
