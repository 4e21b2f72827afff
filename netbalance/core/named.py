"""`NamedTuple`, declared as `typing.NamedTuple` declares it and made at a third of its cost.

`typing.NamedTuple` turns every field's annotation into a `ForwardRef`, compiling its
text: ~0.35 ms a class of fifteen fields. `netbalance report` makes 27 such classes
before it reads a file (13 ms of its ~95), the app more. This one hands the fields
to `collections.namedtuple` and keeps the annotations as the text they are (no caller
evaluates them). To mypy it is `typing.NamedTuple`; at run time the class is what typing
makes: a `tuple` subclass with the fields, defaults, methods, properties and docstring
of the class body. tests/core/test_named.py holds the two to each other.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False  # not `from typing import …`: importing typing is what is spared
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    # What the class body may not set, as typing.NamedTuple refuses it.
    _REFUSED = frozenset(
        {
            "__new__",
            "__init__",
            "__slots__",
            "__getnewargs__",
            "_fields",
            "_field_defaults",
            "_make",
            "_replace",
            "_asdict",
            "_source",
        }
    )
    _MADE = frozenset({"__module__", "__name__", "__annotations__"})  # namedtuple sets them

    class _Maker(type):
        def __new__(cls, name: str, bases: tuple[type, ...], body: dict[str, object]) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, body)
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple can only have NamedTuple as its base")
            fields: dict[str, str] = body.get("__annotations__", {})  # type: ignore[assignment]
            defaulted = [field for field in fields if field in body]
            if defaulted and list(fields)[-len(defaulted) :] != defaulted:
                raise TypeError(f"{name}: a field without a default follows one with it")
            made = collections.namedtuple(
                name,
                fields,
                defaults=[body[field] for field in defaulted],
                module=str(body["__module__"]),
            )
            made.__annotations__ = dict(fields)
            for key, value in body.items():
                if key in _REFUSED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _MADE and key not in fields:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Maker):
        pass
