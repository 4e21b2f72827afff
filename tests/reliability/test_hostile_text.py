"""Suite 8, the command line and the exports: hostile text in every field a user fills.

The CLI runs in a pseudo-terminal (so it styles its output as it does for a person) and
what it writes is fed to a terminal emulator (pyte): the window title is never set, no
OSC sequence (clipboard, title, hyperlink) and no BEL or C1 control is sent, the
emulator's modes and character set are as they were, the cursor is at the start of a
line below the output, and the hostile text is on the emulator's screen, literally.

The exports are read back with their own parsers: HTML escaped (no element, attribute or
link from user text), CSV cells neutralised (no formula), Markdown inert (no HTML, link or
emphasis from user text, see `test_markdown_cannot_inject_html_or_links`), iCalendar
valid (icalendar parses it; the summaries and notes come back as typed, controls shown
as escapes), JSON round-trips every string exactly as it was typed.
"""

from __future__ import annotations

import csv
import fcntl
import html.parser
import io
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from datetime import date
from pathlib import Path

import pyte
import pytest
from hostile_data import HOSTILE, IDS, NOW, WEEK, Hostile, forbidden_in, hostile_store

from netbalance.actions.summary import weekly_summary
from netbalance.exports import FORMATS, render
from netbalance.settings.config import Settings

MONDAY = date(2026, 11, 23)  # the first day of 2026-W48
REPO = Path(__file__).resolve().parents[2]
COLUMNS, LINES = 120, 40
TITLE = "netbalance-test-title"
CONTACT = "33333333"  # the prefix of the hostile contact's id
CARD = "11111111"

# Every command that prints user text (stdout), and some errors that name it (stderr).
COMMANDS: list[tuple[str, ...]] = [
    ("status",),
    ("report",),
    ("report", "--week", WEEK),
    ("log",),
    ("log", "--week", WEEK),
    ("item", "list"),
    ("item", "shipped"),
    ("contact", "list"),
    ("contact", "show", CONTACT),
    ("contact", "due"),
    ("contact", "export", "--format", "csv"),
    ("contact", "export", "--format", "vcf"),
    *((("export", "--week", WEEK, "--format", fmt)) for fmt in FORMATS),
]
# The commands where a person must find the text on the screen (the others print it in a
# file format, or not at all: status shows the card's title cut to fit a prompt).
SHOWN_BY = {
    ("report",),
    ("log",),
    ("item", "list"),
    ("item", "shipped"),
    ("contact", "list"),
    ("contact", "show", CONTACT),
    ("contact", "due"),
}


def env_for(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBALANCE_")}
    env.update(
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
        TZ="UTC",
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
        NETBALANCE_DB=str(folder / "nb.json"),
        NETBALANCE_CONFIG=str(folder / "config.toml"),
        NETBALANCE_NOW=NOW.replace(minute=5).isoformat(),
    )
    env.pop("NO_COLOR", None)
    return env


def in_a_terminal(args: tuple[str, ...], folder: Path) -> tuple[int, bytes]:
    """Run `netbalance ARGS` with stdout and stderr on a pseudo-terminal: its exit code and
    every byte it wrote there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "netbalance", *args],
        env=env_for(folder),
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        cwd=REPO,
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError(f"{args}: no output for 60 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks)


def emulate(output: bytes) -> pyte.Screen:
    """The output as a terminal shows it (tall enough that nothing scrolls away)."""
    lines = output.count(b"\n") + output.count(b"\r") + LINES
    screen = pyte.Screen(COLUMNS, max(LINES, lines))
    screen.title = TITLE
    screen.icon_name = TITLE
    pyte.ByteStream(screen).feed(output)
    return screen


def fresh_modes() -> set[int]:
    return set(pyte.Screen(COLUMNS, LINES).mode)


OSC = re.compile(rb"\x1b\]")
CSI_NOT_SGR = re.compile(rb"\x1b\[[0-9;?]*[^0-9;?m]")


def check_terminal(args: tuple[str, ...], output: bytes, hostile: Hostile) -> None:
    text = output.decode("utf-8")
    assert not OSC.search(output), f"{args}: an OSC sequence was sent: {text[:2000]!r}"
    assert b"\x07" not in output, f"{args}: BEL sent"
    # Only colour and style sequences (SGR) may be sent: no cursor moves, no clearing.
    assert CSI_NOT_SGR.findall(output) == [], f"{args}: {CSI_NOT_SGR.findall(output)[:5]}"
    plain = re.sub("\x1b\\[[0-9;]*m", "", text)
    assert forbidden_in(plain.replace("\r", "")) == [], (args, forbidden_in(plain))
    screen = emulate(output)
    assert screen.title == TITLE and screen.icon_name == TITLE, f"{args}: title changed"
    assert set(screen.mode) == fresh_modes(), f"{args}: terminal modes changed"
    assert screen.charset == 0 and screen.g0_charset == pyte.screens.cs.LAT1_MAP, args
    assert screen.cursor.x == 0, f"{args}: the cursor is left mid-line"
    assert not screen.cursor.hidden, f"{args}: the cursor was hidden"
    if args in SHOWN_BY:
        flat = "".join(line.rstrip() for line in screen.display).replace(" ", "")
        # tables cut a long cell to its width (`[link=file:///…`): its start must show;
        # `contact show` prints every field whole
        wanted = hostile.on_terminal if args == ("contact", "show", CONTACT) else hostile.start
        assert wanted.replace(" ", "") in flat, (
            f"{args}: {wanted!r} is not on the terminal:\n"
            + "\n".join(line.rstrip() for line in screen.display if line.strip())[:3000]
        )


@pytest.mark.parametrize("hostile", HOSTILE, ids=IDS)
def test_the_cli_in_a_terminal_shows_hostile_text_literally(
    tmp_path: Path, hostile: Hostile
) -> None:
    hostile_store(str(tmp_path / "nb.json"), hostile)
    for args in COMMANDS:
        code, output = in_a_terminal(args, tmp_path)
        assert code == 0, f"{args} exit {code}: {output.decode()[-2000:]}"
        check_terminal(args, output, hostile)
    # errors that name what was typed: one line, inert, exit 2
    unknown = f"nobody {hostile.text}"
    for args in [("contact", "show", unknown), ("item", "move", unknown, "Doing")]:
        code, output = in_a_terminal(args, tmp_path)
        assert code == 2, f"{args} exit {code}: {output.decode()[-2000:]}"
        check_terminal(args, output, hostile)
        assert output.decode().count("\n") == 1, output


# exports ----------------------------------------------------------------------------------


@pytest.fixture(params=HOSTILE, ids=IDS)
def exported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Hostile, dict[str, str]]:
    """The hostile week in every format, as text."""
    hostile: Hostile = request.param
    store = hostile_store(str(tmp_path / "nb.json"), hostile, box=False)
    summary = weekly_summary(store, MONDAY, Settings(time_zone="UTC"), NOW)
    return hostile, {fmt: render(summary, fmt).decode("utf-8") for fmt in FORMATS}


def test_no_export_can_drive_a_terminal(exported: tuple[Hostile, dict[str, str]]) -> None:
    _hostile, files = exported
    for fmt, text in files.items():
        assert forbidden_in(text.replace("\r", "")) == [], fmt


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def test_html_escapes_hostile_text(exported: tuple[Hostile, dict[str, str]]) -> None:
    hostile, files = exported
    page = elements(files["html"])
    plain = elements(hostile_store_free_page(files["html"], hostile))
    assert page.tags == plain.tags, "user text added or removed HTML elements"
    assert not any("passwd" in link for link in page.links)
    assert hostile.shown in "".join(page.text)


def hostile_store_free_page(page: str, hostile: Hostile) -> str:
    """The page with the user's text (as the page escapes it) taken out: the elements that
    remain are the page's own."""
    return page.replace(html_escaped(hostile), "")


def html_escaped(hostile: Hostile) -> str:
    import html as html_module

    return html_module.escape(hostile.shown, quote=True)


def test_csv_cells_are_neutralised(exported: tuple[Hostile, dict[str, str]]) -> None:
    hostile, files = exported
    rows = list(csv.reader(io.StringIO(files["csv"])))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        if cell and cell[0] in "=+-@\t\r":
            assert re.fullmatch(r"-?\d+(\.\d+)?", cell), f"a formula-like cell {cell!r}"
    assert any(hostile.shown in cell for cell in cells)


FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_neutralises_formulas_in_every_field(tmp_path: Path, formula: str) -> None:
    hostile = Hostile("formula", formula, formula.strip())
    store = hostile_store(str(tmp_path / "nb.json"), hostile, box=False)
    summary = weekly_summary(store, MONDAY, Settings(time_zone="UTC"), NOW)
    rows = list(csv.reader(io.StringIO(render(summary, "csv").decode())))
    cells = [cell for row in rows for cell in row]
    assert any(formula.strip().lstrip("=+-@") in cell for cell in cells)
    for cell in cells:
        assert not (cell and cell[0] in "=+-@\t\r") or re.fullmatch(r"-?\d+(\.\d+)?", cell), cell


def test_markdown_cannot_inject_html_or_links(exported: tuple[Hostile, dict[str, str]]) -> None:
    """The Markdown export is meant to be read as text and rendered by any Markdown viewer:
    user text may not open an HTML element, a link or an image there. So `<`, `[`, `]`
    and `` ` `` from user text reach the file escaped (`\\[`), and a renderer shows them."""
    hostile, files = exported
    text = files["md"]
    assert not re.search(r"(?<!\\)<", text), "an unescaped '<' in the Markdown"
    assert not re.search(r"(?<!\\)\]\(", text), "a Markdown link"
    if "[" in hostile.text:
        assert "\\[" in text


def test_ics_parses_and_keeps_the_text(exported: tuple[Hostile, dict[str, str]]) -> None:
    import icalendar

    hostile, files = exported
    calendar = icalendar.Calendar.from_ical(files["ics"])
    events = [part for part in calendar.walk("VEVENT")]
    assert len(events) == 2
    texts = " ".join(
        str(event.get("SUMMARY", "")) + str(event.get("DESCRIPTION", "")) for event in events
    )
    assert hostile.shown in texts or hostile.name == "long", texts[:500]


def test_json_round_trips_every_string(exported: tuple[Hostile, dict[str, str]]) -> None:
    hostile, files = exported
    doc = json.loads(files["json"])
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(doc)
    assert hostile.text in strings, "the text as typed is not in the JSON"
    assert "\x1b" not in files["json"] and "\x07" not in files["json"]  # escaped as \\u001b
