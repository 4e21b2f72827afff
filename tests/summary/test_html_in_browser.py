"""The HTML summary in a real browser: headless Chromium (Debian's `chromium`, which
`.ci/run` installs) opens the exported page of a demo week and must log nothing to its
console, make no network request, and draw the chart's bars in the theme's produce and
network colours — read off a screenshot, pixel by pixel. Where no Chromium exists the
tests skip, saying so (`pytest -rs` prints the reason).

The browser is kept off the network whatever it tries: names resolve to nothing and every
request goes to a proxy on a closed loopback port. Its net log then tells the page's own
requests (made for the page, `file://`) from the browser's background ones; a page known
to be bad (a console error, an image from a server) proves that both checks can fail."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from datetime import UTC, date, datetime
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from netbalance.core.summary import Plan, WeeklySummary, summarize
from netbalance.demo import sample as demo
from netbalance.exports import render
from netbalance.exports.colours import Colours

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium here (Debian's `chromium`; .ci/run installs it): the HTML summary "
    "is not opened in a browser",
)

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
WEEK = date(2026, 11, 16)
THEMES = {  # the theme files' own colours (themes/*.toml)
    "netbalance-dark": Colours("#F2A541", "#4CC2B8"),
    "netbalance-light": Colours("#8F4300", "#00665C"),
}
WIDTH, HEIGHT = 1000, 700  # the chart is near the top
OFF_THE_NETWORK = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--no-pings",
]


@cache
def week() -> WeeklySummary:
    data = demo.generate(NOW, weeks=6, seed=1, tz_name="UTC")
    return summarize(
        WEEK,
        sessions=data.sessions,
        interactions=data.interactions,
        items=data.items,
        contacts=data.contacts,
        plan=Plan(),
        tz_name="UTC",
        now=NOW,
    )


class Visit(NamedTuple):
    console: list[str]  # what the page logged to its console
    requests: list[str]  # the URLs the page asked the network for
    pixels: list[list[tuple[int, int, int]]]  # the screenshot, row by row


def visit(page: Path, work: Path) -> Visit:
    """Open `page` in headless Chromium: its console, its requests and a screenshot."""
    assert CHROMIUM is not None
    shot, net = work / "shot.png", work / "net.json"
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # as root in CI
            "--disable-gpu",
            "--force-color-profile=srgb",  # colours drawn as written
            "--hide-scrollbars",
            f"--window-size={WIDTH},{HEIGHT}",
            "--no-first-run",
            f"--user-data-dir={work / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--log-net-log={net}",
            *OFF_THE_NETWORK,
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Visit(console, page_requests(json.loads(net.read_text())), read_png(shot))


def page_requests(log: dict[str, Any]) -> list[str]:
    """The URLs the page itself asked for (the browser's own background requests have no
    origin); the page's own file is no request."""
    kinds = log["constants"]["logEventTypes"]
    start = kinds["URL_REQUEST_START_JOB"]
    found = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") != start or "url" not in params:
            continue
        if params.get("initiator") == "not an origin":
            continue
        if not params["url"].startswith("file:"):
            found.append(params["url"])
    return found


def read_png(path: Path) -> list[list[tuple[int, int, int]]]:
    """The pixels of an 8-bit RGB or RGBA PNG (what Chromium writes), row by row."""
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, b""
    width = height = depth = colour = 0
    while position < len(raw):
        (length,) = struct.unpack(">I", raw[position : position + 4])
        kind = raw[position + 4 : position + 8]
        body = raw[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    step = 3 if colour == 2 else 4
    data = zlib.decompress(chunks)
    stride = width * step
    rows: list[list[tuple[int, int, int]]] = []
    previous = bytearray(stride)
    offset = 0
    for _ in range(height):
        kind, line = data[offset], bytearray(data[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min(
                    (abs(guess - left), 0, left),
                    (abs(guess - up), 1, up),
                    (abs(guess - corner), 2, corner),
                )
                line[i] = (line[i] + near[2]) & 0xFF
        rows.append([tuple(line[i : i + 3]) for i in range(0, stride, step)])  # type: ignore[misc]
        previous = line
    return rows


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def where(pixels: list[list[tuple[int, int, int]]], colour: str) -> list[tuple[int, int]]:
    wanted = rgb(colour)
    return [
        (x, y) for y, row in enumerate(pixels) for x, pixel in enumerate(row) if pixel == wanted
    ]


def test_a_bad_page_fails_both_checks(tmp_path: Path) -> None:
    """The checks can fail: a console error and a request to a server are both seen."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        '<img src="http://127.0.0.1:9/tracker.png">'
        "<script>console.error('boom')</script></body></html>"
    )
    seen = visit(page, tmp_path)
    assert any('"boom"' in line for line in seen.console), seen.console
    assert seen.requests == ["http://127.0.0.1:9/tracker.png"]


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_html_summary_in_a_browser(tmp_path: Path, theme: str) -> None:
    colours = THEMES[theme]
    page = tmp_path / "netbalance-2026-W47.html"
    page.write_bytes(render(week(), "html", colours))
    seen = visit(page, tmp_path)
    assert seen.console == [], seen.console
    assert seen.requests == []
    produce, network = where(seen.pixels, colours.produce), where(seen.pixels, colours.network)
    # every day with time shows a bar: hundreds of pixels of each colour, not a legend's few
    assert len(produce) > 2000 and len(network) > 1000, (len(produce), len(network))
    # stacked: in each column holding both, network sits on top of produce
    by_column: dict[int, tuple[list[int], list[int]]] = {}
    for x, y in produce:
        by_column.setdefault(x, ([], []))[0].append(y)
    for x, y in network:
        by_column.setdefault(x, ([], []))[1].append(y)
    stacked = [x for x, (low, high) in by_column.items() if low and high and max(high) < min(low)]
    assert len(stacked) > 100, "no column with network drawn above produce"
    days_with_time = sum(1 for line in week().days if line.produce > 0)
    assert days_with_time >= 3
    # the bars are separate: as many runs of produce columns as days with produce time
    xs = sorted({x for x, _y in produce})
    runs = 1 + sum(1 for a, b in pairwise(xs) if b - a > 1)
    assert runs >= days_with_time, (runs, days_with_time)
