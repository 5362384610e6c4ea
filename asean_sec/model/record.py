"""`@record`: a typed, immutable record that costs almost nothing to define.

Written like a dataclass (annotated fields, defaults, methods and properties) and built as a
tuple subclass with one property per field, like collections.namedtuple but without compiling
code for each class: typing.NamedTuple, dataclasses and namedtuple all generate source and
compile it, which costs milliseconds per process, and every question here is a new process.
Records compare, hash and unpack as tuples; `_replace` returns a changed copy.
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # type checkers see @record as what it behaves like: a frozen dataclass
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**settings):
        return lambda decorator: decorator

T = TypeVar("T")


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    fields = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in fields if name in cls.__dict__}
    first_default = len(fields) - len(defaults)
    if any(name not in defaults for name in fields[first_default:]):
        raise TypeError(f"{cls.__name__}: fields with a default must come after those without")
    count = len(fields)

    def __new__(klass, *args, **kwargs):
        if len(args) == count and not kwargs:
            return tuple.__new__(klass, args)
        if not args and len(kwargs) == count:  # every field by name: unknown names would leave one out
            try:
                return tuple.__new__(klass, [kwargs[name] for name in fields])
            except KeyError:
                pass
        return tuple.__new__(klass, _bind(klass, fields, defaults, args, kwargs))

    namespace = {key: value for key, value in cls.__dict__.items()
                 if key not in fields and key not in ("__dict__", "__weakref__", "__annotations__")}
    namespace.update(__slots__=(), __new__=__new__, _fields=fields, _replace=_replace, __repr__=_repr,
                     __getnewargs__=_newargs, __annotations__=cls.__dict__.get("__annotations__", {}))
    for position, name in enumerate(fields):
        namespace[name] = property(itemgetter(position), doc=f"{name} (field {position})")
    built: Any = type(cls.__name__, (tuple,), namespace)
    return built


def _bind(klass, fields: tuple, defaults: dict, args: tuple, kwargs: dict) -> tuple:
    if len(args) > len(fields):
        raise TypeError(f"{klass.__name__} takes {len(fields)} fields, not {len(args)}")
    values = dict(zip(fields, args))
    for name, value in kwargs.items():
        if name not in fields:
            raise TypeError(f"{klass.__name__} has no field {name!r}")
        if name in values:
            raise TypeError(f"{klass.__name__} got {name!r} twice")
        values[name] = value
    missing = [name for name in fields if name not in values and name not in defaults]
    if missing:
        raise TypeError(f"{klass.__name__} needs {', '.join(missing)}")
    return tuple(values[name] if name in values else defaults[name] for name in fields)


def _replace(self, **changes):
    return type(self)(**{**dict(zip(self._fields, self)), **changes})


def _newargs(self) -> tuple:
    return tuple(self)


def _repr(self) -> str:
    return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self))})"


def replace(item: T, **changes: Any) -> T:
    """A copy of the record `item` with some fields changed (its `_replace`, typed)."""
    copy: T = type(item)(**{**dict(zip(item._fields, item)), **changes})  # type: ignore[attr-defined,call-overload]
    return copy
