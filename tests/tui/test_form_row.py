"""A form's row marks its last column as it is composed, before anything is styled."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from netbalance.tui.screens.form import FormRow


class _Column(Vertical):
    marked_at_mount: bool | None = None

    def on_mount(self) -> None:
        self.marked_at_mount = self.has_class("row-end")


class _Rows(App[None]):
    CSS = """
    .form-row > Vertical { width: 1fr; height: auto; padding-right: 2; }
    .form-row > .row-end { padding-right: 0; }
    """

    def compose(self) -> ComposeResult:
        with FormRow(id="three"):
            for name in ("a", "b", "c"):
                with _Column(id=name):
                    yield Label(name)
                    yield Input(id=f"{name}-field")
        with FormRow(id="one"), _Column(id="only"):
            yield Input()


async def test_the_last_column_of_each_row_is_marked_before_it_is_styled() -> None:
    app = _Rows()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        marked = [column.id for column in app.query(".row-end")]
        assert marked == ["c", "only"]
        assert all(row.has_class("form-row") for row in app.query(FormRow))
        assert app.query_one("#a").styles.padding.right == 2
        assert app.query_one("#c").styles.padding.right == 0
        assert app.query_one("#only").styles.padding.right == 0
        # marked when it mounted (so styled with it), not after
        assert [column.marked_at_mount for column in app.query(_Column)] == [
            False,
            False,
            True,
            True,
        ]
