"""The edges of every command: what it is given before it runs (arguments that are not
UTF-8, a NETBALANCE_NOW that is not an instant, settings out of range) and where its
output goes (a reader that closes stdout early, as `| head -c1` does, or no stdout at
all). Bad input is one line on stderr, exit 2, nothing written; a reader that went away
gets no traceback, and a change already made stays made."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from nbcli import Cli, cli_env

# --- arguments that are not UTF-8 ---------------------------------------------------------

# Python hands a byte that is not UTF-8 to the program as a lone surrogate (\xff → \udcff)
NOT_UTF8 = [
    ["item", "add", "bad\udcffutf8"],
    ["contact", "add", "Zo\udceb"],  # Latin-1 "Zoë"
    ["add", "produce", "yesterday 09:00 50m", "--note", "caf\udce9"],
    ["start", "network", "--note", "\udcff"],
    ["stop", "--note", "x\udcfe"],
    ["status", "--format", "{kind}\udcff"],
    ["status", "--json", "--db", "nb\udcff.json"],
    ["--db", "caf\udce9.json", "log"],
    ["log", "--week", "2026-W4\udcf8"],
    ["report", "--week", "\udcff"],
    ["item", "edit", "abc", "--title", "\udcc3"],  # the first byte of a two-byte letter
    ["contact", "log", "Ada", "--note", "\udce2\udc80"],
    ["import", "watson", "fr\udce4mes"],
    ["export", "--format", "md", "-o", "out\udcff.md"],
    ["undo", "--list", "\udcff"],
    ["bogus\udcff"],
    ["--note=\udcff"],
]


def refusal(typed: str) -> str:
    return (
        f"netbalance: argument '{typed}' is not valid UTF-8 text: type it again in UTF-8 "
        "(nothing was changed)\n"
    )


@pytest.mark.parametrize("args", NOT_UTF8, ids=[" ".join(map(ascii, a)) for a in NOT_UTF8])
def test_an_argument_that_is_not_utf8_is_refused_by_every_command(
    state: Callable[[str], Cli], args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused before any command reads it: one line showing the bytes typed, exit 2,
    and every file as it was (no traceback from a JSON writer, a terminal or a file)."""
    run = state("running")
    monkeypatch.chdir(run.folder.parent)  # where `-o out….md` and `--db café.json` point
    before = run.files(), sorted(os.listdir())
    result = run(*args, now=10)
    [word] = [word for word in args if not word.isascii()]
    typed = os.fsencode(word).decode("utf-8", "backslashreplace")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", refusal(typed))
    assert (run.files(), sorted(os.listdir())) == before


def test_a_long_argument_that_is_not_utf8_is_shown_around_its_bad_byte(run: Cli) -> None:
    title = "x" * 200 + "\udcff" + "y" * 200
    result = run("item", "add", title)
    typed = "…" + "x" * 30 + "\\xff" + "y" * 29 + "…"
    assert (result.returncode, result.stdout, result.stderr) == (2, "", refusal(typed))
    assert not run.folder.exists()
    assert run.ok("item", "add", "Zoë Ünal ✓").startswith("added")  # UTF-8 is taken


# --- NETBALANCE_NOW ---------------------------------------------------------------------

BAD_NOW = [
    "garbage",
    "2026-13-01T09:00:00+00:00",
    "0001-01-01T00:00:00+14:00",  # before the year 1 in UTC
    "9999-12-31T23:59:59-12:00",  # after the year 9999 in UTC
    "0001-06-01T00:00:00+00:00",  # days and weeks around it cannot be counted
    "2026-11-28 09:00 UTC",
    " ",
    "2026-11-28T09:00:00\n",
    "\x1b[31m",
]
NOW_COMMANDS = [
    [],  # the app
    ["status"],
    ["status", "--json"],
    ["status", "--format", "{kind}"],
    ["log"],
    ["report"],
    ["start", "produce"],
    ["stop"],
    ["item", "list"],
    ["contact", "add", "Ada"],
    ["--version"],
]


@pytest.mark.parametrize("args", NOW_COMMANDS, ids=[" ".join(a) or "app" for a in NOW_COMMANDS])
def test_a_netbalance_now_that_is_not_an_instant_is_one_line_from_every_command(
    state: Callable[[str], Cli], args: list[str]
) -> None:
    run = state("running")
    before = run.files()
    for value in BAD_NOW:
        env = {**cli_env(run.folder), "NETBALANCE_NOW": value}
        result = subprocess.run(
            [sys.executable, "-m", "netbalance", *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )
        message = (
            f"netbalance: NETBALANCE_NOW={value!r} is not an instant like "
            "2026-11-28T09:00:00+00:00 (between the years 2 and 9998): set it to one, or unset "
            "it to use the real time\n"
        )
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message), value
    assert run.files() == before
    assert not run.config.exists()  # not even the app's first-run settings file


# --- settings out of range ----------------------------------------------------------------


def test_the_report_names_settings_out_of_range_and_aims_at_the_defaults(
    state: Callable[[str], Cli],
) -> None:
    run = state("recorded")
    run.config.write_text(
        "[targets]\nproduce_hours = 1e308\nnetwork_hours = inf\nratio = nan\n", encoding="utf-8"
    )
    result = run("report", now=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{run.config}: targets.produce_hours = 1e+308 is not a number of hours from 0 to 168; "
        "using the default",
        f"{run.config}: targets.network_hours = inf is not a number of hours from 0 to 168; "
        "using the default",
        f"{run.config}: targets.ratio = nan is not a ratio from 0 to 100, like 3.0; "
        "using the default",
    ]
    assert "(target 3 : 1)" in result.stdout and "nan" not in result.stdout


# --- a reader that goes away ----------------------------------------------------------------

CARDS = "".join(
    f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:04d}\r\nEMAIL:p{i}@example.com\r\n"
    f"NOTE:{'n' * 1000}\r\nEND:VCARD\r\n"
    for i in range(300)
)
WEEK_START = int(datetime(2026, 11, 23, tzinfo=UTC).timestamp())
FRAMES = json.dumps(
    [
        [WEEK_START + i * 900, WEEK_START + i * 900 + 600, "writing", f"f{i:04d}", [], 0]
        for i in range(400)
    ]
)


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """A data folder whose lists run to hundreds of kilobytes: 300 contacts with long
    notes, 400 sessions in this week."""
    cli = Cli(tmp_path_factory.mktemp("busy") / "data")
    files = cli.folder.parent
    (files / "cards.vcf").write_text(CARDS, encoding="utf-8", newline="")
    (files / "frames").write_text(FRAMES, encoding="utf-8")
    cli.ok("import", "vcard", str(files / "cards.vcf"), now=600 * 24)
    cli.ok("import", "watson", str(files / "frames"), now=600 * 24)
    return cli


LONG = [
    ["contact", "list", "--json"],
    ["contact", "export", "--format", "csv"],
    ["log", "--json"],
    ["log"],
    ["export", "--format", "json"],
]
SHORT = [
    ["status"],
    ["status", "--json"],
    ["status", "--format", "{state}"],
    ["report"],
    ["item", "list"],
    ["--help"],
    ["--version"],
    ["log", "--help"],
]
LATER = 600 * 24  # minutes after NOW: the sessions are over


def closed_early(cli: Cli, args: list[str], read: int) -> tuple[int, str, int]:
    """Run `netbalance ARGS` into a pipe whose reader takes `read` bytes (0: none, its end
    closed before the command starts) and then closes it: the exit status, stderr, and
    the bytes read."""
    reader, writer = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):  # the smallest pipe: output fills it at once
        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 4096)
    if read == 0:
        os.close(reader)
    child = subprocess.Popen(
        [sys.executable, "-m", "netbalance", *args],
        env=cli_env(cli.folder, LATER),
        stdout=writer,
        stderr=subprocess.PIPE,
    )
    os.close(writer)
    got = b""
    if read:
        while len(got) < read:
            chunk = os.read(reader, read - len(got))
            if not chunk:
                break
            got += chunk
        os.close(reader)
    _, err = child.communicate(timeout=60)
    return child.returncode, err.decode("utf-8", "replace"), len(got)


@pytest.mark.parametrize("args", LONG + SHORT, ids=[" ".join(a) for a in LONG + SHORT])
def test_a_reader_that_goes_away_gets_no_traceback(busy: Cli, args: list[str]) -> None:
    """`netbalance … | head -c1`, repeated, and a pipe closed before the command writes at
    all: exit 0 and nothing on stderr, whether the output is a line (`status`, written
    as Python exits) or many times the pipe's size (still being written when the reader
    goes away)."""
    for _ in range(3):
        assert closed_early(busy, args, read=0)[:2] == (0, "")
        assert closed_early(busy, args, read=1) == (0, "", 1)


def test_a_change_made_before_the_reader_went_away_stays_made(
    state: Callable[[str], Cli],
) -> None:
    run = state("recorded")
    code, err, _ = closed_early(run, ["start", "network", "--minutes", "15"], read=0)
    assert (code, err) == (0, "")
    # (started at LATER: the clock of closed_early)
    shown = json.loads(run.ok("status", "--json", now=LATER + 5))
    assert (shown["state"], shown["kind"], shown["elapsed_seconds"]) == ("running", "network", 300)


@pytest.mark.parametrize(
    "args",
    [["status", "--json"], ["log", "--json"], ["contact", "export", "--format", "csv"]],
    ids=["status", "log", "contact export"],
)
def test_a_command_started_without_stdout_gets_no_traceback(busy: Cli, args: list[str]) -> None:
    """`netbalance … >&-`: Python has no stdout at all; the output goes nowhere."""
    shell = shutil.which("sh")
    assert shell is not None
    result = subprocess.run(
        [shell, "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "netbalance", *args],
        env=cli_env(busy.folder, LATER),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
