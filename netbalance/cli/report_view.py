"""The weekly summary in a terminal, with Rich: the same document the exports draw, as
tables. User text is `Text` (never markup) with control characters made visible."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from netbalance.core.summary import WeeklySummary
from netbalance.core.text import printable
from netbalance.exports.document import Lines, Table, blocks
from netbalance.exports.figures import title

STATUS_STYLE = {
    "telescope": "bold red",
    "below": "bold yellow",
    "on": "bold green",
    "reach_out": "bold cyan",
    "empty": "dim",
    "early": "dim",
}


def show(summary: WeeklySummary, console: Console | None = None) -> None:
    console = console or Console()
    console.print(Text(title(summary), style="bold"))
    console.print(
        Text(printable(summary.verdict.text), style=STATUS_STYLE.get(summary.verdict.status, ""))
    )
    console.print()
    for block in blocks(summary):
        if isinstance(block, Lines):
            grid = RichTable.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for label, value in block.lines:
                grid.add_row(Text(label), Text(printable(value)))
            console.print(Text(block.heading, style="bold underline"))
            console.print(grid)
        elif isinstance(block, Table):
            table = RichTable(title=block.heading, title_justify="left", title_style="bold")
            for header in block.headers:
                table.add_column(header)
            for row in block.rows:
                table.add_row(*(Text(printable(cell)) for cell in row))
            if block.rows:
                console.print(table)
            else:
                console.print(Text(f"{block.heading}: {block.empty}", style="dim"))
        console.print()
