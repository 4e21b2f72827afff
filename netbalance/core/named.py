"""`NamedTuple`, declared as `typing.NamedTuple` declares it and made at a fraction of its cost.

`typing.NamedTuple` turns every field's annotation into a `ForwardRef`, compiling its
text: ~0.35 ms a class of fifteen fields. `netbalance report` makes 28 such classes
before it reads a file, the app more. `collections.namedtuple`, which it calls, compiles
each class's `__new__` from text too: ~45 µs a class. This one keeps the annotations as
the text they are (no caller evaluates them), compiles a `__new__` once for each number
of fields and gives it to each class of that many with its arguments renamed to the
fields. To mypy it is `typing.NamedTuple`; at run time the class is what typing makes:
a `tuple` subclass with the fields, defaults, methods, properties and docstring of the
class body, and `collections.namedtuple`'s methods. tests/core/test_named.py holds the
two to each other.
"""

from __future__ import annotations

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
    _MADE = frozenset({"__module__", "__name__", "__annotations__"})  # set by _Maker
    from types import CodeType, FunctionType

    try:
        from _collections import _tuplegetter  # what collections.namedtuple uses
    except ImportError:  # another Python: collections.namedtuple's own stand-in
        from operator import itemgetter

        def _tuplegetter(index: int, doc: str) -> property:
            return property(itemgetter(index), doc=doc)

    _tuple_new = tuple.__new__
    _NEW: dict[int, CodeType] = {}  # `__new__` by how many fields: compiled once

    def _new_of(name: str, fields: tuple[str, ...], defaults: tuple[object, ...]) -> object:
        """`__new__` of a named tuple of these fields, as collections.namedtuple makes it:
        `lambda _cls, title, column: _tuple_new(_cls, (title, column))`."""
        code = _NEW.get(len(fields))
        if code is None:
            names = [f"_{index}" for index in range(len(fields))]
            arguments = "".join(f", {name}" for name in names)
            values = "".join(f"{name}, " for name in names)
            text = f"lambda _cls{arguments}: _tuple_new(_cls, ({values}))"
            code = _NEW[len(fields)] = eval(text, {"_tuple_new": _tuple_new}).__code__
        code = code.replace(
            co_varnames=("_cls", *fields), co_name="__new__", co_qualname=f"{name}.__new__"
        )
        namespace = {"_tuple_new": _tuple_new, "__builtins__": {}}
        new = FunctionType(code, namespace, "__new__", defaults or None)
        new.__doc__ = f"Create new instance of {name}({', '.join(fields)})"
        return new

    def _namespace(name: str, fields: tuple[str, ...], defaults: tuple[object, ...]) -> dict:
        """What collections.namedtuple puts in the class of these fields."""
        count = len(fields)
        shown = "(" + ", ".join(f"{field}=%r" for field in fields) + ")"

        def _make(cls: type, iterable: object) -> tuple[object, ...]:
            result = _tuple_new(cls, iterable)
            if len(result) != count:
                raise TypeError(f"Expected {count} arguments, got {len(result)}")
            return result

        def _replace(self: tuple[object, ...], /, **changes: object) -> tuple[object, ...]:
            result = self._make(map(changes.pop, fields, self))  # type: ignore[attr-defined]
            if changes:
                raise ValueError(f"Got unexpected field names: {list(changes)!r}")
            return result  # type: ignore[no-any-return]

        def __repr__(self: tuple[object, ...]) -> str:
            return self.__class__.__name__ + shown % self

        def _asdict(self: tuple[object, ...]) -> dict[str, object]:
            return dict(zip(fields, self, strict=True))

        def __getnewargs__(self: tuple[object, ...]) -> tuple[object, ...]:
            return tuple(self)

        made: dict[str, object] = {
            "__doc__": f"{name}({', '.join(fields)})",
            "__slots__": (),
            "_fields": fields,
            "_field_defaults": dict(zip(fields[count - len(defaults) :], defaults, strict=True)),
            "__new__": _new_of(name, fields, defaults),
            "_make": classmethod(_make),
            "_replace": _replace,
            "__repr__": __repr__,
            "_asdict": _asdict,
            "__getnewargs__": __getnewargs__,
            "__match_args__": fields,
        }
        for method in (_make, _replace, __repr__, _asdict, __getnewargs__):
            method.__qualname__ = f"{name}.{method.__name__}"
        for index, field in enumerate(fields):
            made[field] = _tuplegetter(index, f"Alias for field number {index}")
        return made

    class _Maker(type):
        def __new__(cls, name: str, bases: tuple[type, ...], body: dict[str, object]) -> type:
            if not bases:  # NamedTuple itself
                return super().__new__(cls, name, bases, body)
            if bases != (NamedTuple,):
                raise TypeError("a NamedTuple can only have NamedTuple as its base")
            annotations: dict[str, str] = body.get("__annotations__", {})  # type: ignore[assignment]
            fields = tuple(annotations)
            defaulted = [field for field in fields if field in body]
            if defaulted and list(fields)[-len(defaulted) :] != defaulted:
                raise TypeError(f"{name}: a field without a default follows one with it")
            namespace = _namespace(name, fields, tuple(body[field] for field in defaulted))
            for key, value in body.items():
                if key in _REFUSED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _MADE and key not in fields:
                    namespace[key] = value
            made = type(name, (tuple,), namespace)
            made.__module__ = str(body["__module__"])
            made.__annotations__ = dict(annotations)
            return made

    class NamedTuple(metaclass=_Maker):
        pass
