"""Markdown (and the same layout as plain text): readable as it is and rendered.

In Markdown, user text is escaped (every punctuation character Markdown could read as
syntax gets a backslash, so `<script>` and `[x](y)` show literally); in both, control
characters are shown as `\\x1b`, never written raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from netbalance.core.summary import WeeklySummary
from netbalance.exports.document import Lines, Table, blocks
from netbalance.exports.figures import printable, title

# Inside a line (every user text here follows a label or sits in a table cell) these are
# the characters Markdown reads as syntax: emphasis, code, links, HTML, entities, cells.
_SYNTAX = re.compile(r"([\\`*_\[\]<>|~&])")


def md_escape(text: str) -> str:
    return _SYNTAX.sub(r"\\\1", printable(text))


def render_markdown(summary: WeeklySummary) -> str:
    return _render(summary, md_escape, markdown=True)


def render_plain(summary: WeeklySummary) -> str:
    """The same layout without Markdown escapes: `netbalance report` when piped."""
    return _render(summary, printable, markdown=False)


def _render(summary: WeeklySummary, escape: Callable[[str], str], *, markdown: bool) -> str:
    out = [f"# {title(summary)}", ""]
    for block in blocks(summary):
        out.append(f"## {block.heading}")
        out.append("")
        if isinstance(block, Lines):
            for label, value in block.lines:
                if not label:  # a line of text (a reflection)
                    out.append(f"- {escape(value)}" if markdown else escape(value))
                elif markdown:
                    out.append(f"- **{label}:** {escape(value)}")
                else:
                    out.append(f"{label + ':':<10} {escape(value)}")
        elif isinstance(block, Table):
            out.extend(_table(block, escape, markdown=markdown))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _table(table: Table, escape: Callable[[str], str], *, markdown: bool) -> list[str]:
    if not table.rows:
        return [f"_{table.empty}_" if markdown else table.empty]
    rows = [[escape(cell) for cell in row] for row in table.rows]
    headers = list(table.headers)
    widths = [max(len(headers[i]), *(len(row[i]) for row in rows)) for i in range(len(headers))]
    lines = []
    if markdown:
        lines.append(
            "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
        )
        lines.append("| " + " | ".join("-" * w for w in widths) + " |")
        for row in rows:
            lines.append(
                "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
            )
    else:
        lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        for row in rows:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return lines
