"""The contact log: the people you know and when you last spoke."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from netbalance.tui.literal import literal
from netbalance.tui.screens.base import ModeScreen


class ContactsScreen(ModeScreen):
    def compose_body(self) -> ComposeResult:
        table: DataTable[object] = DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Organisation", "Interactions", "Last contact")
        yield table

    def load(self) -> None:
        store = self.nb.store
        last: dict[str, str] = {}
        count: dict[str, int] = {}
        for interaction in store.interactions.all():
            day = interaction.when.date().isoformat()
            count[interaction.contact_id] = count.get(interaction.contact_id, 0) + 1
            last[interaction.contact_id] = max(last.get(interaction.contact_id, ""), day)
        table = self.query_one("#contacts", DataTable)
        table.clear()
        for contact in sorted(store.contacts.all(), key=lambda c: c.name.casefold()):
            table.add_row(
                literal(contact.name),
                literal(contact.organisation),
                str(count.get(contact.id, 0)),
                last.get(contact.id, "never"),
                key=contact.id,
            )
