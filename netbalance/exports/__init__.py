"""A `WeeklySummary` → Markdown, HTML, CSV, JSON or iCalendar (pure functions, no textual).

Every format shows the same numbers, made by `figures`; user text is data in each one:
escaped for Markdown and HTML, neutralised for spreadsheets, never able to drive a
terminal (control characters shown as `\\x1b`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import …`: a command's imports spare typing
if TYPE_CHECKING:
    from netbalance.core.summary import WeeklySummary
    from netbalance.exports.colours import Colours

FORMATS = ("md", "html", "csv", "json", "ics")
SUFFIX = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json", "ics": ".ics"}


def render(summary: WeeklySummary, fmt: str, colours: Colours | None = None) -> bytes:
    """The summary in one of FORMATS, as the bytes of a file."""
    if fmt == "md":
        from netbalance.exports.md import render_markdown

        return render_markdown(summary).encode("utf-8")
    if fmt == "html":
        from netbalance.exports.colours import DEFAULT
        from netbalance.exports.html_page import render_html

        return render_html(summary, colours or DEFAULT).encode("utf-8")
    if fmt == "csv":
        from netbalance.exports.csv_rows import render_csv

        return render_csv(summary).encode("utf-8")
    if fmt == "json":
        from netbalance.exports.json_doc import render_json

        return render_json(summary).encode("utf-8")
    if fmt == "ics":
        from netbalance.exports.ics import render_ics

        return render_ics(summary)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def file_name(summary: WeeklySummary, fmt: str) -> str:
    """`netbalance-2026-W48.html`"""
    return f"netbalance-{summary.week}{SUFFIX[fmt]}"
