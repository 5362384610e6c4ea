"""`@record`: a typed, immutable record that costs almost nothing to define.

Written like a dataclass (annotated fields, defaults, methods and properties) and built as a
`collections.namedtuple` subclass. typing.NamedTuple and dataclasses generate and check code
for every class, which costs milliseconds per process; every question here is a new process.
"""

from __future__ import annotations

from collections import namedtuple


def record(cls):
    fields = list(cls.__dict__.get("__annotations__", {}))
    defaults = [cls.__dict__[name] for name in fields if name in cls.__dict__]
    base = namedtuple(cls.__name__, fields, defaults=defaults, module=cls.__module__)
    namespace = {key: value for key, value in cls.__dict__.items()
                 if key not in fields and key not in ("__dict__", "__weakref__")}
    namespace["__slots__"] = ()
    return type(cls.__name__, (base,), namespace)
