"""The board: work items by column."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Static

from netbalance.core.models import Item
from netbalance.tui.literal import literal
from netbalance.tui.screens.base import ModeScreen

COLUMNS = ("Backlog", "Next", "Doing", "Shipped")


class BoardScreen(ModeScreen):
    def compose_body(self) -> ComposeResult:
        with Horizontal(id="board"):
            for index, _name in enumerate(COLUMNS):
                with VerticalScroll(classes="board-column", id=f"column-{index}"):
                    yield Label("", classes="column-head")

    def load(self) -> None:
        items = [item for item in self.nb.store.items.all() if not item.archived]
        for index, name in enumerate(COLUMNS):
            cards = sorted((i for i in items if i.column == name), key=lambda i: i.position)
            column = self.query_one(f"#column-{index}", VerticalScroll)
            column.query(".card").remove()
            column.query_one(".column-head", Label).update(f"{name} ({len(cards)})")
            column.mount_all(_card(item) for item in cards)


def _card(item: Item) -> Static:
    text = literal(item.title)
    if item.tags:
        text.append("\n")
        text.append(literal(" ".join(f"#{tag}" for tag in item.tags), style="dim"))
    return Static(text, classes="card")
