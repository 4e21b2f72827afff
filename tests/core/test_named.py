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


def test_its_methods_behave_as_typings_do() -> None:
    import copy

    made, typed = Made("Write the paper"), Typed("Write the paper")
    assert Made._make(["Ship it", "Doing", ()]) == Made("Ship it", "Doing", ())
    assert made._replace(title="Ship it") == Made("Ship it")
    for kind in (Made, Typed):
        with pytest.raises(TypeError, match="Expected 3 arguments, got 1"):
            kind._make(["Ship it"])
        with pytest.raises(ValueError, match="unexpected field names: \\['owner'\\]"):
            kind("Ship it")._replace(owner="Ada")
        with pytest.raises(TypeError):
            kind("Ship it", title="twice")
    assert Made.__match_args__ == Typed.__match_args__ == ("title", "column", "tags")
    assert Made.__new__.__defaults__ == Typed.__new__.__defaults__ == ("Backlog", ())
    assert Made.__new__.__doc__ == Typed.__new__.__doc__
    assert made.__getnewargs__() == typed.__getnewargs__() == ("Write the paper", "Backlog", ())
    assert copy.copy(made) == made
    assert Made.title.__doc__ == Typed.title.__doc__ == "Alias for field number 0"
    with pytest.raises(AttributeError):
        made.title = "changed"  # type: ignore[misc]
    assert not hasattr(made, "__dict__")


def test_classes_of_as_many_fields_keep_their_own_names() -> None:
    """The `__new__` made once for two fields serves every class of two fields, each
    with its own field names."""

    class Pair(named.NamedTuple):
        left: int
        right: int = 2

    class Span(named.NamedTuple):
        start: str
        end: str

    assert Pair(right=5, left=1) == (1, 5) and Pair(3) == (3, 2)
    assert Span(end="b", start="a") == ("a", "b")
    with pytest.raises(TypeError, match="left"):
        Span(left=1, right=2)  # type: ignore[call-arg]
    assert repr(Span("a", "b")) == "Span(start='a', end='b')"
    assert Pair.__new__.__qualname__.endswith("Pair.__new__")
