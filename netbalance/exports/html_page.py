"""One self-contained HTML page: the summary's tables and an inline SVG chart of the
week (stacked produce / network bars per day) in the theme's colours. No script, no
external request (a Content-Security-Policy forbids any); every user text is escaped."""

from __future__ import annotations

from netbalance.core.summary import WeeklySummary
from netbalance.exports.colours import Colours
from netbalance.exports.document import Lines, Table, blocks
from netbalance.exports.figures import format_hours, periods, printable, title

CHART_WIDTH = 640
CHART_HEIGHT = 260
_TOP, _BOTTOM, _LEFT = 24, 40, 48


def text(value: str) -> str:
    """User text made printable and escaped as `html.escape(value, quote=True)` does
    (without importing `html` and its table of entities for it)."""
    value = printable(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;").replace("'", "&#x27;")


def render_html(summary: WeeklySummary, colours: Colours) -> str:
    heading = text(title(summary))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{_style(colours)}</style>",
        "</head>",
        "<body>",
        f"<h1>{heading}</h1>",
        f'<p class="verdict">{text(summary.verdict.text)}</p>',
        chart(summary, colours),
    ]
    for block in blocks(summary):
        parts.append(f"<h2>{text(block.heading)}</h2>")
        if isinstance(block, Lines) and not any(label for label, _ in block.lines):
            parts += [f"<p>{text(value)}</p>" for _, value in block.lines]  # a reflection
        elif isinstance(block, Lines):
            parts.append("<dl>")
            for label, value in block.lines:
                parts.append(f"<dt>{text(label)}</dt><dd>{text(value)}</dd>")
            parts.append("</dl>")
        elif isinstance(block, Table):
            parts.append(_table(block))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _style(colours: Colours) -> str:
    return (
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;color:#1d232b;background:#fff}"
        "h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.6rem}"
        ".verdict{font-size:1.1rem;font-weight:600}"
        "table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;"
        "border-bottom:1px solid #dde1e6;vertical-align:top}"
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}"
        "dt{font-weight:600}dd{margin:0}"
        f".produce{{fill:{colours.produce}}}.network{{fill:{colours.network}}}"
        "svg text{font-size:12px;fill:#1d232b}"
    )


def _table(table: Table) -> str:
    if not table.rows:
        return f"<p><em>{text(table.empty)}</em></p>"
    head = "".join(f"<th>{text(h)}</th>" for h in table.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chart(summary: WeeklySummary, colours: Colours) -> str:
    """Stacked bars per day (per month or year of a long span): produce below, network on
    top, each bar's total above."""
    _heading, days = periods(summary)
    most = max((line.produce + line.network for line in days), default=0.0)
    scale_top = max(60.0, most)
    plot_height = CHART_HEIGHT - _TOP - _BOTTOM
    slot = (CHART_WIDTH - _LEFT) / len(days)
    bar = slot * 0.6
    base = CHART_HEIGHT - _BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}" '
        f'height="{CHART_HEIGHT + 24}" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT + 24}">',
        f"<title>{text('Produce and network per day, ' + summary.week)}</title>",
        f'<line x1="{_LEFT}" y1="{base}" x2="{CHART_WIDTH}" y2="{base}" stroke="#9aa3ad"/>',
    ]
    for hours in range(0, int(scale_top // 60) + 1, max(1, int(scale_top // 60) // 4 or 1)):
        y = base - plot_height * hours * 60 / scale_top
        out.append(f'<text x="{_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{hours} h</text>')
    for index, line in enumerate(days):
        x = _LEFT + slot * index + (slot - bar) / 2
        produce_h = plot_height * line.produce / scale_top
        network_h = plot_height * line.network / scale_top
        label = line.label.rsplit(" ", 1)[0] if len(days) <= 7 else line.label
        out.append(
            f'<rect class="produce" x="{x:.1f}" y="{base - produce_h:.1f}" width="{bar:.1f}" '
            f'height="{produce_h:.1f}"><title>{label}: produce '
            f"{format_hours(line.produce)}</title></rect>"
        )
        out.append(
            f'<rect class="network" x="{x:.1f}" y="{base - produce_h - network_h:.1f}" '
            f'width="{bar:.1f}" height="{network_h:.1f}"><title>{label}: network '
            f"{format_hours(line.network)}</title></rect>"
        )
        total = line.produce + line.network
        top = base - produce_h - network_h - 6
        centre = x + bar / 2
        if total > 0:
            out.append(
                f'<text x="{centre:.1f}" y="{top:.1f}" text-anchor="middle">'
                f"{format_hours(total)}</text>"
            )
        out.append(f'<text x="{centre:.1f}" y="{base + 18}" text-anchor="middle">{label}</text>')
    legend_y = CHART_HEIGHT + 8
    produce, network = format_hours(summary.produce), format_hours(summary.network)
    out += [
        f'<rect class="produce" x="{_LEFT}" y="{legend_y}" width="12" height="12"/>',
        f'<text x="{_LEFT + 18}" y="{legend_y + 11}">produce {produce}</text>',
        f'<rect class="network" x="{_LEFT + 170}" y="{legend_y}" width="12" height="12"/>',
        f'<text x="{_LEFT + 188}" y="{legend_y + 11}">network {network}</text>',
        "</svg>",
    ]
    return "\n".join(out)
