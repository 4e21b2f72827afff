"""netbalance's `NamedTuple` makes the class `typing.NamedTuple` makes: the same fields,
defaults, methods, properties, docstring and tuple behaviour; the same refusals."""

from __future__ import annotations

import typing

import pytest

from netbalance.core import named


def card_class(base: type) -> type:
    class Card(base):  # type: ignore[misc,valid-type]
        """A card on the board."""

        title: str
        column: str = "Backlog"
        tags: tuple[str, ...] = ()

        WIDTH = 30  # a class attribute (no annotation): not a field

        @property
        def shown(self) -> str:
            return f"{self.title} ({self.column})"

        def moved(self, column: str) -> Card:
            return self._replace(column=column)

    return Card


Made = card_class(named.NamedTuple)
Typed = card_class(typing.NamedTuple)  # type: ignore[arg-type]


def test_the_class_has_typings_fields_defaults_and_docstring() -> None:
    assert Made._fields == Typed._fields == ("title", "column", "tags")
    assert Made._field_defaults == Typed._field_defaults == {"column": "Backlog", "tags": ()}
    assert Made.__doc__ == Typed.__doc__ == "A card on the board."
    assert Made.__name__ == "Card" and Made.__module__ == __name__
    assert Made.__bases__ == Typed.__bases__ == (tuple,)
    assert list(Made.__annotations__) == list(Typed.__annotations__)


def test_instances_behave_as_typings_do() -> None:
    made, typed = (
        Made("Write the paper", tags=("#paper",)),
        Typed("Write the paper", tags=("#paper",)),
    )
    assert tuple(made) == tuple(typed) == ("Write the paper", "Backlog", ("#paper",))
    assert (
        repr(made)
        == repr(typed)
        == "Card(title='Write the paper', column='Backlog', tags=('#paper',))"
    )
    assert made.shown == typed.shown == "Write the paper (Backlog)"
    assert made.moved("Doing") == Made("Write the paper", "Doing", ("#paper",))
    assert made.WIDTH == 30 and "WIDTH" not in Made._fields
    assert made == Made("Write the paper", "Backlog", ("#paper",)) and hash(made) == hash(
        tuple(made)
    )
    assert made._asdict() == typed._asdict()
    with pytest.raises(TypeError):
        Made()  # the title has no default


def test_it_refuses_what_typing_refuses() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Late(named.NamedTuple):
            column: str = "Backlog"
            title: str

    with pytest.raises(AttributeError, match="_replace"):

        class Overwrites(named.NamedTuple):
            title: str

            def _replace(self) -> None: ...
