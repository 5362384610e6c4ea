"""A yes/no schema check compiled to plain Python, for the records that changed since the last run.

jsonschema explains every error well but costs a tenth of a second to import and is slow per
value. Most runs only need to know that a handful of edited records still fit their schema, so
the schema is compiled here into nested closures that answer valid or not. It covers exactly the
keywords the shipped schemas use; `compile_schema` returns None for a schema with any other
keyword, and callers then fall back to jsonschema. A record this says is invalid is checked
again by jsonschema, which words the messages; tests hold the two to the same verdicts.
"""

from __future__ import annotations

import re

_NOTES = {"description", "title", "$schema", "$id", "$defs", "$comment"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know."""


def compile_schema(schema: dict, defs: dict | None = None):
    """A function value -> bool for `schema`, or None when it uses keywords not covered here."""
    try:
        return _compile(schema, schema.get("$defs", {}) if defs is None else defs, ())
    except Unsupported:
        return None


def _compile(node, defs: dict, seen: tuple):
    if node is True or node == {}:
        return lambda value: True
    if node is False:
        return lambda value: False
    if not isinstance(node, dict):
        raise Unsupported(repr(node))
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        if len(node) != 1 or name not in defs or name in seen:
            raise Unsupported(node["$ref"])
        return _compile(defs[name], defs, seen + (name,))
    checks = []
    for keyword, argument in node.items():
        if keyword in _NOTES:
            continue
        maker = _KEYWORDS.get(keyword)
        if maker is None:
            raise Unsupported(keyword)
        checks.append(maker(argument, node, defs, seen))
    checks = [c for c in checks if c is not None]
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _type(argument, node, defs, seen):
    wanted = [argument] if isinstance(argument, str) else list(argument)
    if any(w not in _TYPES for w in wanted):
        raise Unsupported(f"type {argument!r}")
    tests = [_TYPES[w] for w in wanted]
    return lambda value: any(test(value) for test in tests)


def _properties(argument, node, defs, seen):
    compiled = {key: _compile(sub, defs, seen) for key, sub in argument.items()}
    return lambda value: not isinstance(value, dict) or all(
        compiled[key](item) for key, item in value.items() if key in compiled)


def _additional(argument, node, defs, seen):
    if "patternProperties" in node:
        raise Unsupported("patternProperties")
    known = set(node.get("properties", {}))
    if argument is False:
        return lambda value: not isinstance(value, dict) or all(key in known for key in value)
    extra = _compile(argument, defs, seen)
    return lambda value: not isinstance(value, dict) or all(
        extra(item) for key, item in value.items() if key not in known)


def _required(argument, node, defs, seen):
    names = list(argument)
    return lambda value: not isinstance(value, dict) or all(name in value for name in names)


def _items(argument, node, defs, seen):
    if not isinstance(argument, dict) or "prefixItems" in node:
        raise Unsupported("items")
    each = _compile(argument, defs, seen)
    return lambda value: not isinstance(value, list) or all(each(item) for item in value)


def _pattern(argument, node, defs, seen):
    search = re.compile(argument).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _enum(argument, node, defs, seen):
    if not all(isinstance(choice, str) for choice in argument):
        raise Unsupported("enum of non-strings")
    choices = frozenset(argument)
    return lambda value: isinstance(value, str) and value in choices


def _min_length(argument, node, defs, seen):
    return lambda value: not isinstance(value, str) or len(value) >= argument


def _min_items(argument, node, defs, seen):
    return lambda value: not isinstance(value, list) or len(value) >= argument


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _minimum(argument, node, defs, seen):
    return lambda value: not _is_number(value) or value >= argument


def _maximum(argument, node, defs, seen):
    return lambda value: not _is_number(value) or value <= argument


_KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": _required,
    "items": _items,
    "pattern": _pattern,
    "enum": _enum,
    "minLength": _min_length,
    "minItems": _min_items,
    "minimum": _minimum,
    "maximum": _maximum,
}
