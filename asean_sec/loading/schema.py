"""Structure checks against the JSON Schema files that editors use too."""

from __future__ import annotations

import json
import os
import re
from functools import cache

from asean_sec.loading.cache import schema_folder
from asean_sec.loading.yamlio import Document
from asean_sec.problems import Problem

_WANTED = {"object": "a mapping", "array": "a list", "string": "a string", "integer": "an integer",
           "number": "a number", "boolean": "true or false", "null": "empty"}


def load_schema(name: str) -> dict:
    with open(os.path.join(schema_folder(), f"{name}.schema.json"), encoding="utf-8") as handle:
        return json.loads(handle.read())


@cache
def _validator(name: str):
    """A Draft 2020-12 validator for `name` where 2027.0 is a number, not an integer."""
    from jsonschema import Draft202012Validator, validators

    def is_integer(checker, instance):
        return isinstance(instance, int) and not isinstance(instance, bool)

    types = Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer)
    strict = validators.extend(Draft202012Validator, type_checker=types)
    schema = load_schema(name)
    return strict(_inline_refs(schema, schema.get("$defs", {})))


def _inline_refs(node, defs: dict, seen: tuple = ()):
    """`node` with each {"$ref": "#/$defs/x"} replaced by x itself: the same checks, several
    times faster than resolving thousands of references one by one. A reference that would
    loop is left for jsonschema to resolve."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    name = node.get("$ref", "").removeprefix("#/$defs/")
    if len(node) == 1 and name in defs and name not in seen:
        return _inline_refs(defs[name], defs, seen + (name,))
    return {key: _inline_refs(value, defs, seen) for key, value in node.items()}


@cache
def quick_check(name: str):
    """A fast yes/no check of a whole file against schema `name` (see fastcheck), or None."""
    from asean_sec.loading import fastcheck

    return fastcheck.compile_schema(load_schema(name))


def check(document: Document, schema_name: str) -> list[Problem]:
    """Every place where `document` breaks its schema, with line and fix."""
    return examine(document, schema_name)[0]


def examine(document: Document, schema_name: str) -> tuple[list[Problem], set[tuple]]:
    """The problems, and the first two steps of each one's path: (section, index) for a record."""
    problems: list[Problem] = []
    places: set[tuple] = set()
    quick = quick_check(schema_name)
    if quick is not None and quick(document.value):
        return problems, places
    for error in _validator(schema_name).iter_errors(document.value):
        problems.extend(_explain(document, error))
        places.add(tuple(error.absolute_path)[:2])
    return problems, places


def describe(value) -> str:
    """What a YAML value is, for a message: "a string ('NO')", "an integer (2023)", "a list"."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({_short(value)})"
    if isinstance(value, float):
        return f"a number ({_short(value)})"
    if isinstance(value, str):
        return f"a string ({_short(value)!r})"
    return "a mapping" if isinstance(value, dict) else "a list"


def _short(value, limit: int = 60):
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _field_path(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "top level"


def _explain(document: Document, error) -> list[Problem]:
    path = list(error.absolute_path)
    explain = _EXPLAINERS.get(error.validator, _generic)
    return explain(document.file, document, path, _field_path(path), error)


def _unknown_fields(file, document, path, where, error):
    import difflib

    allowed = sorted(error.schema.get("properties", {}))
    out = []
    for key in (k for k in error.instance if k not in allowed):
        close = difflib.get_close_matches(key, allowed, n=1)
        fix = f"did you mean {close[0]!r}?" if close else f"allowed fields: {', '.join(allowed)}"
        out.append(Problem(file, document.line_of(path + [key]), f"unknown field {key!r} in {where}", fix))
    return out


def _required(file, document, path, where, error):
    match = re.match(r"^'(.+)' is a required property$", error.message)
    missing = match.group(1) if match else error.message
    return [Problem(file, document.line_of(path), f"{where} lacks required field {missing!r}",
                    f"add `{missing}:`")]


def _wrong_type(file, document, path, where, error):
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    phrase = " or ".join(_WANTED.get(w) or str(w) for w in wanted)
    message = f"{where} should be {phrase}, not {describe(error.instance)}"
    return [Problem(file, document.line_of(path), message, _type_fix(wanted, error.instance, path))]


def _type_fix(wanted: list[str], value, path) -> str:
    if "string" in wanted and isinstance(value, (int, float, bool)):
        key = f"{path[-1]}: " if path and isinstance(path[-1], str) else ""
        return f"quote it: {key}'{str(value).lower() if isinstance(value, bool) else value}'"
    if wanted == ["boolean"]:
        return "write true or false (yes, no, on and off are read as text)"
    if wanted == ["integer"]:
        return "write the number without quotes" if isinstance(value, str) else "write a whole number"
    if wanted == ["array"]:
        return "list the entries under it, each on its own line starting with '- '"
    if wanted == ["object"]:
        return "write `field: value` pairs, indented under it"
    return f"write {' or '.join(_WANTED.get(w, w) for w in wanted)}"


def _not_allowed(file, document, path, where, error):
    import difflib

    allowed = [str(v) for v in error.validator_value]
    text = error.instance if isinstance(error.instance, str) else ""
    close = difflib.get_close_matches(text.lower(), allowed, n=1) if text else []
    fix = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(allowed)}"
    shown = repr(_short(error.instance)) if isinstance(error.instance, str) else describe(error.instance)
    return [Problem(file, document.line_of(path), f"{where} is {shown}, not one of the allowed values", fix)]


def _badly_formed(file, document, path, where, error):
    hint = error.schema.get("description", f"match {error.validator_value}")
    value = error.instance
    if re.search(error.validator_value, value.strip().lower()) and value.strip().lower() != value:
        hint += f": write {value.strip().lower()!r}"
    return [Problem(file, document.line_of(path), f"{where} is {_short(value)!r}, which is not well formed",
                    hint)]


def _out_of_range(file, document, path, where, error):
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    side = "below the minimum" if error.validator == "minimum" else "above the maximum"
    if low is not None and high is not None:
        fix = f"give a value from {low} to {high}"
    else:
        fix = f"give a value of at least {low}" if low is not None else f"give a value of at most {high}"
    message = f"{where} is {error.instance}, {side} {error.validator_value}"
    return [Problem(file, document.line_of(path), message, fix)]


def _empty_list(file, document, path, where, error):
    return [Problem(file, document.line_of(path), f"{where} is empty", "give at least one entry")]


def _empty_text(file, document, path, where, error):
    return [Problem(file, document.line_of(path), f"{where} is an empty string",
                    "give a value or remove the field")]


def _generic(file, document, path, where, error):
    return [Problem(file, document.line_of(path), f"{where}: {_short(error.message, 200)}",
                    "see the schema in the data directory's schemas/")]


_EXPLAINERS = {
    "additionalProperties": _unknown_fields,
    "required": _required,
    "type": _wrong_type,
    "enum": _not_allowed,
    "pattern": _badly_formed,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "minItems": _empty_list,
    "minLength": _empty_text,
}
