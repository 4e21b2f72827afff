"""The due list and the import dialog of the Contacts mode."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, DataTable, Input, Label, ProgressBar, Static

from netbalance.core.contacts import Due
from netbalance.core.text import printable_lines
from netbalance.tui.literal import literal
from netbalance.tui.textual_internals import DialogShownOnce


class DueScreen(DialogShownOnce[str | None]):
    """Who is due, most overdue first. Enter goes to the contact, Z snoozes it, Esc closes."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="due.close"),
        Binding("Z", "snooze", "Snooze", id="due.snooze"),
    ]

    def __init__(self, due: Sequence[Due]) -> None:
        super().__init__()
        self.due = list(due)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="due-dialog"):
            count = len(self.due)
            title = f"Due: {count} contact{'s' if count != 1 else ''}" if count else "Nobody is due"
            yield Static(title, classes="dialog-title")
            table: DataTable[Text | str] = DataTable(id="due-table", cursor_type="row")
            table.add_columns("Name", "Organisation", "Due", "Overdue", "Why")
            for entry in self.due:
                days = entry.overdue_days
                table.add_row(
                    literal(entry.contact.name),
                    literal(entry.contact.organisation),
                    entry.derived.next_due.isoformat() if entry.derived.next_due else "",
                    "today" if days == 0 else f"{days} d",
                    entry.reason,
                    key=entry.contact.id,
                )
            yield table
            yield Static("Enter: go to the contact · Z: snooze · Esc: close", classes="dialog-hint")

    def selected(self) -> str | None:
        table = self.query_one("#due-table", DataTable)
        if not self.due or table.cursor_row < 0:
            return None
        return self.due[min(table.cursor_row, len(self.due) - 1)].contact.id

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        self.dismiss(self.selected())

    def action_snooze(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.dismiss(f"snooze:{chosen}")

    def action_close(self) -> None:
        self.dismiss(None)


class ImportScreen(DialogShownOnce[bool]):
    """A path prompt, then the import in a worker thread with a progress bar; the app
    stays responsive. Dismisses True when anything was written."""

    BINDINGS = [Binding("escape", "close", "Close", id="import.close")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.written = False
        self.running = False
        self.report_text = ""

    def compose(self) -> ComposeResult:
        what = "LinkedIn Connections.csv" if self.kind == "linkedin" else "vCard (.vcf) file"
        with Vertical(classes="dialog", id="import-dialog"):
            yield Static(f"Import a {what}", classes="dialog-title")
            yield Label("Path of the file")
            yield Input(placeholder="~/Downloads/Connections.csv", id="import-path")
            yield Checkbox("Skip bad rows (import the rest)", id="import-skip-bad")
            yield ProgressBar(total=1.0, show_eta=False, id="import-progress")
            yield Static("", id="import-report", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (enter)", variant="primary", id="import-start")
                yield Button("Close (esc)", id="import-close")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-start")
    def start(self) -> None:
        if self.running:
            return
        import os

        path = os.path.expanduser(self.query_one("#import-path", Input).value.strip())
        if not path:
            self.show_report("Give the path of the file to import.")
            return
        self.running = True
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        self.show_report("Importing …")
        skip_bad = self.query_one("#import-skip-bad", Checkbox).value
        self.run_import(path, skip_bad)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: str, skip_bad: bool) -> None:
        """Parse and write through a store of its own (the writer lock keeps it safe);
        the app picks the change up like any other process's."""
        from netbalance.actions import imports
        from netbalance.imports import contacts as importing
        from netbalance.store.errors import StoreError
        from netbalance.tui.app import NetbalanceApp

        app = self.app
        assert isinstance(app, NetbalanceApp)

        def progress(fraction: float) -> None:
            app.call_from_thread(self._progress, fraction)

        try:
            with open(path, "rb") as handle:
                data = handle.read()
            plan = imports.contacts(
                app.store.twin(), self.kind, data, path, skip_bad=skip_bad, progress=progress
            )
        except importing.BadRows as problem:
            lines = [str(problem), *(f"bad: {note}" for note in problem.plan.bad)]
            app.call_from_thread(self._finished, lines, False)
            return
        except (importing.ImportFileError, StoreError) as problem:
            app.call_from_thread(self._finished, [str(problem)], False)
            return
        except OSError as problem:
            app.call_from_thread(self._finished, [f"cannot read {path}: {problem.strerror}"], False)
            return
        lines = importing.report(plan, dry_run=False, written=plan.changes)
        app.call_from_thread(self._finished, [lines[-1], *lines[:-1]], plan.changes)

    def _progress(self, fraction: float) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=fraction)

    def _finished(self, lines: list[str], written: bool) -> None:
        self.running = False
        self.written = self.written or written
        if written:
            self._progress(1.0)
            from netbalance.tui.app import NetbalanceApp

            app = self.app
            if isinstance(app, NetbalanceApp):
                app.guard(app.store.refresh)
                app.changed()
        self.show_report("\n".join(lines[:200]))

    def show_report(self, text: str) -> None:
        self.report_text = text
        self.query_one("#import-report", Static).update(Text(printable_lines(text)))

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        self.dismiss(self.written)
