"""Notices never hide a dialog's buttons: opening a dialog or form clears the notices on
screen (at 80×24 a notice covers the lower right, where a form keeps Save and Cancel)."""

from __future__ import annotations

from nbapp import AppFactory, messages, press, screen_text


async def test_a_form_opens_over_a_clear_lower_right(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2")
        app.notify("A notice as long as the demo's, covering the lower right of the screen.")
        await pilot.pause()
        assert messages(app)
        await press(pilot, "a")
        assert messages(app) == []
        shown = screen_text(app)
        assert "Save" in shown and "Cancel" in shown
        await press(pilot, "escape")
        app.notify("Notices come back once the form is closed.")
        await pilot.pause()
        assert messages(app) == [": Notices come back once the form is closed."]


async def test_a_notice_raised_as_a_form_opens_does_not_cover_it(
    app_factory: AppFactory,
) -> None:
    """A box ends: its notice is raised and its form opens in one go (the notice is still
    on its way as the form opens); the form's buttons show, uncovered."""
    from netbalance.tui.screens.item_form import ItemForm

    app = app_factory()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "2")
        app.notify("Network box done: 25 m recorded on a name long enough to cover it")
        app.push_screen(ItemForm.kept(app, app.today()))
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert messages(app) == []
        shown = screen_text(app)
        assert "Save (ctrl+s)" in shown and "Cancel (esc)" in shown
