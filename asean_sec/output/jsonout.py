"""JSON text exactly as json.dumps(value, ensure_ascii=False, indent=...) writes it, without
importing the json package (its decoder and scanner cost milliseconds in every process that
only writes). Strings are escaped by the same C function json uses. Values are what rows hold:
dicts with string keys, lists, tuples, strings, integers, floats, booleans and None.
"""

from __future__ import annotations

try:
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - Python builds without the C accelerator
    from json.encoder import py_encode_basestring as _quote


def dumps(value, indent: int | None = None) -> str:
    parts: list[str] = []
    _write(value, parts, indent, 0)
    return "".join(parts)


def _write(value, parts: list[str], indent: int | None, depth: int) -> None:
    text = _scalar(value)
    if text is not None:
        parts.append(text)
    elif isinstance(value, dict):
        _container(list(value.items()), "{", "}", parts, indent, depth, keyed=True)
    elif isinstance(value, (list, tuple)):
        _container(list(value), "[", "]", parts, indent, depth, keyed=False)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value) -> str | None:
    """The text of a string, number, boolean or null; None for a container (or anything else)."""
    kind = type(value)
    if kind is str:  # the commonest by far: rows are mostly strings
        return _quote(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _container(items: list, opening: str, closing: str, parts: list[str], indent, depth: int, keyed: bool):
    if not items:
        parts.append(opening + closing)
        return
    if indent is None:
        inner, separator, end = "", ", ", ""
    else:
        inner = "\n" + " " * (indent * (depth + 1))
        separator, end = "," + inner, "\n" + " " * (indent * depth)
    parts.append(opening + inner)
    append = parts.append
    for position, item in enumerate(items):
        if position:
            append(separator)
        if keyed:
            key, item = item
            append((_quote(key) if type(key) is str else _key(key)) + ": ")
        if type(item) is str:  # inline, as most values are: a call per value costs more than the value
            append(_quote(item))
        elif item is None:
            append("null")
        else:
            _write(item, parts, indent, depth + 1)
    append(end + closing)


def _key(key) -> str:
    if isinstance(key, str):
        return _quote(key)
    if key is True or key is False or key is None:
        return _quote({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return _quote(int.__repr__(key))
    if isinstance(key, float):
        return _quote(_float(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
