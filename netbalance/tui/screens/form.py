"""What every form shares: it closes only with values that passed their checks.

Save is ctrl+s, Enter in a field or the Save button; Cancel is Esc or its button, which
asks before dropping what was typed or chosen since the form opened. A refused value
(any ValueError the form's `draft()` raises, naming the field) shows in the form's error
line, literally, and the form stays open; a value read through `checked` puts the focus
in its field, so the next key puts it right.

A stored value is shown in its field as `printable` makes it (`\\x1b` for an escape, per
line in a text area): a field never sends a control or bidi character to the terminal.
A field left as shown gives back the stored value, unchanged; an edited one, what is in it.

A `KeptForm` (opened with `kept`) is built once and kept, closed, for its next opening:
one that opens often (a card's, an interaction's) then shows at once, where building and
styling its widgets took several frames. Reopened, it is set up with the new arguments
and shows them as a new form would: `show()` fills every field, at every opening, the
first included, and each field's cursor, the text areas' undo and the error line are put
back as they are in a new form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static, TextArea

from netbalance.core.text import printable, printable_lines
from netbalance.tui.screens.confirm import ConfirmScreen
from netbalance.tui.textual_internals import DialogShownOnce

if TYPE_CHECKING:
    from textual.app import App

Draft = TypeVar("Draft")
PartType = TypeVar("PartType", bound=Widget)
Checked = TypeVar("Checked")


class FieldRefused(ValueError):
    """A field's value refused: the message, and the field (`selector`) to put right."""

    def __init__(self, message: str, selector: str) -> None:
        super().__init__(message)
        self.selector = selector


class FormRow(Horizontal):
    """A row of a form's fields, each in a column (a Vertical). The last column is marked
    `row-end` (app.tcss: no gap after it) as the row is composed, so it is styled once,
    as it mounts (marked after mounting, the columns were styled again)."""

    DEFAULT_CLASSES = "form-row"
    _last_column: Vertical | None = None  # the column marked so far

    def compose_add_child(self, widget: Widget) -> None:
        if isinstance(widget, Vertical):
            if self._last_column is not None:
                self._last_column.remove_class("row-end", update=False)
            widget.add_class("row-end", update=False)
            self._last_column = widget
        super().compose_add_child(widget)


class FormParts:
    """A form's fields by kind and by id, and its error line: one walk of its widgets."""

    def __init__(self, form: Widget) -> None:
        self.inputs: list[Input] = []
        self.areas: list[TextArea] = []
        self.selects: list[Select[Any]] = []
        self.choices: list[Checkbox | SelectionList[Any]] = []
        self.by_id: dict[str, Widget] = {}
        errors: list[Static] = []
        for widget in form.walk_children(Widget):
            if widget.id:
                self.by_id.setdefault(widget.id, widget)
            if isinstance(widget, Input):
                self.inputs.append(widget)
            elif isinstance(widget, TextArea):
                self.areas.append(widget)
            elif isinstance(widget, Select):
                self.selects.append(widget)
            elif isinstance(widget, Checkbox | SelectionList):
                self.choices.append(widget)
            elif widget.has_class("dialog-error") and isinstance(widget, Static):
                errors.append(widget)
        self.error = errors[0]

    def values(self) -> tuple[object, ...]:
        """What every field holds now."""
        return (
            *(field.value for field in self.inputs),
            *(area.text for area in self.areas),
            *(select.value for select in self.selects),
            *(
                choice.value if isinstance(choice, Checkbox) else tuple(choice.selected)
                for choice in self.choices
            ),
        )


class Form(DialogShownOnce[Draft | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
        # priority: the focus moves before the keys typed after Tab are handed out, so
        # text typed (or pasted as keys) fast lands in the next field, not the last one
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form.next"),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="form.previous",
        ),
    ]

    # Saves the checked values before the form closes: None when saved, else why not
    # (the form stays open and shows it: a record changed or deleted meanwhile).
    saving: Callable[[Draft], str | None] | None = None

    def _parts(self) -> FormParts:
        """The form's fields and lines, found once (a form's widgets stay as composed)."""
        if self._found is None:
            self._found = FormParts(self)
        return self._found

    _found: FormParts | None = None

    def part(self, selector: str, kind: type[PartType]) -> PartType:
        """`query_one(selector, kind)`, kept for an id (`#…`): a kept form's fields are
        filled at every opening."""
        if selector.startswith("#"):
            found = self._parts().by_id.get(selector[1:])
            if isinstance(found, kind):
                return found
        return self.query_one(selector, kind)

    def draft(self) -> Draft:
        """The form's values, checked; a ValueError naming the field otherwise."""
        raise NotImplementedError

    def fill(self, record: object) -> None:
        """Show a record's values in the fields (after a clash: see `RecordEdit`)."""
        raise NotImplementedError

    @on(events.Mount)
    def _show_fields_literally(self) -> None:
        """Each field shows its stored value made visible; what it showed is kept so that
        a field left alone gives back the stored value."""
        self._stored: dict[str, tuple[str, str]] = {}  # id → (stored, shown)
        parts = self._parts()
        for field in parts.inputs:
            if field.id and printable(field.value) != field.value:
                stored = field.value
                field.value = printable(stored)
                self._stored[field.id] = (stored, field.value)
        for area in parts.areas:
            shown = printable_lines(area.text)
            if area.id and shown != area.text:
                stored = area.text
                area.load_text(shown)
                self._stored[area.id] = (stored, area.text)

    def _typed(self, widget: Input | TextArea, now: str) -> str:
        stored, shown = getattr(self, "_stored", {}).get(widget.id or "", (now, now))
        return stored if now == shown else now

    def value(self, selector: str) -> str:
        """An input's value: the stored one while the field is left as shown."""
        field = self.part(selector, Input)
        return self._typed(field, field.value)

    def text(self, selector: str) -> str:
        """A text area's text: the stored one while the area is left as shown."""
        area = self.part(selector, TextArea)
        return self._typed(area, area.text)

    def buttons(self, save: str = "Save (ctrl+s)") -> ComposeResult:
        """The error line and the buttons, at the foot of the form: docked, so they stay in
        view while the fields above scroll in a short terminal."""
        with Vertical(classes="dialog-foot"):
            yield Static("", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(save, variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def checked(self, selector: str, check: Callable[[str], Checked]) -> Checked:
        """`check` of a field's value (an input's or a text area's); refused, the form
        says why and the focus goes to that field, where the next key lands."""
        field = self.part(selector, Widget)
        value = self.text(selector) if isinstance(field, TextArea) else self.value(selector)
        try:
            return check(value)
        except ValueError as problem:
            raise FieldRefused(str(problem), selector) from None

    def action_save(self) -> None:
        try:
            draft = self.draft()
        except ValueError as problem:
            self.refuse(str(problem))
            if isinstance(problem, FieldRefused):
                self.set_focus(self.part(problem.selector, Widget))
            return
        if self.saving is not None:
            refused = self.saving(draft)
            if refused is not None:  # "": a question was asked, the answer says
                if refused:
                    self.refuse(refused)
                return
        self.dismiss(draft)

    def show_title(self, selector: str, title: str | Text) -> None:
        """Show `title` in the form's title line, unless it shows it already: a new text
        lays the form out again, a frame's work when a kept form reopens."""
        static = self.part(selector, Static)
        if static.content != title:
            static.update(title)

    def refuse(self, message: str) -> None:
        """Keep the form open, saying why in its error line (literally)."""
        error = self._parts().error
        error.update(Text(printable(message)))
        error.display = True

    def refill(self) -> None:
        """After `fill`: show the new values literally, as at mount."""
        self._show_fields_literally()

    # what the fields held as the form was shown (None: not shown yet in this opening)
    _as_opened: tuple[object, ...] | None = None

    def on_screen_resume(self) -> None:
        # (a form closed under a question it asked is resumed once more, off the stack)
        if self._as_opened is None and self.is_active:
            self._as_opened = self._parts().values()

    def edited(self) -> bool:
        """Whether a field holds something else than when the form was shown."""
        return self._as_opened is not None and self._parts().values() != self._as_opened

    def action_cancel(self) -> None:
        """Close without saving; what was typed is dropped only once the user says so."""
        if not self.edited():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Drop what you typed in this form?", "Drop it", "Keep editing"),
            answered,
        )

    def dismiss(self, result: Draft | None = None) -> Any:
        self._as_opened = None  # a kept form's next opening is shown anew
        return super().dismiss(result)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()


class KeptForm(Form[Draft]):
    """A form built once and kept, closed, for its next opening (`kept`): its arguments
    are `setup`'s, taken as it is made and at each reopening, and `show()` fills every
    field from them, the first opening included."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setup(*args, **kwargs)

    first_field: ClassVar[str] = ""  # focused as the form opens
    _open = False  # open now: another opening gets a new form

    @classmethod
    def kept(cls, app: App[Any], *args: Any, **kwargs: Any) -> Self:
        """This form, set up with these arguments (`setup`'s): the app's kept one when it
        is closed, else a new one (kept from now on, when the app keeps none yet)."""
        name = f"kept-form-{cls.__module__}.{cls.__qualname__}"
        if not app.is_screen_installed(name):
            form = cls(*args, **kwargs)
            app.install_screen(form, name)
        else:
            kept = app.get_screen(name)
            if not isinstance(kept, cls) or kept._open:
                return cls(*args, **kwargs)
            form = kept
            form.setup(*args, **kwargs)
            form.saving = None
            form._reopened()
        form._open = True
        return form

    def setup(self, *args: Any, **kwargs: Any) -> None:
        """Take the arguments of an opening (a new form's, and a reopened one's)."""
        raise NotImplementedError

    def show(self) -> None:
        """Fill the fields from the form's arguments, at every opening."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.show()
        self.focus_first()

    def _reopened(self) -> None:
        """A kept form, as a new one with its arguments would be."""
        parts = self._parts()
        error = parts.error
        if error.content != "":
            error.update("")  # a new text lays the form out again: only when it changes
        error.display = False
        for select in parts.selects:
            select.expanded = False
        self.show()
        self._show_fields_literally()
        for field in parts.inputs:
            field.cursor_position = len(field.value)
        self.focus_first()

    def focus_first(self) -> None:
        """Focus the first field anew, as its first focus does (its text selected), now
        that it shows this opening's value. Still focused from the last opening (a kept
        form), its text is selected as a focus would: a blur and a focus restyle it twice
        and hand six messages round the form, a third of a frame."""
        first = self.part(self.first_field, Widget)
        if self.focused is first and isinstance(first, Input):
            if first.select_on_focus:
                first.select_all()
            return
        self.set_focus(None)
        first.focus()

    def dismiss(self, result: Draft | None = None) -> Any:
        self._open = False
        return super().dismiss(result)
