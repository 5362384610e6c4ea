"""Structure checks against the JSON Schema files that editors use too."""

from __future__ import annotations

import difflib
import json
from importlib import resources

from asean_sec.problems import Problem
from asean_sec.yamlio import Document


def load_schema(name: str) -> dict:
    text = resources.files("asean_sec").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def check(document: Document, schema_name: str) -> list[Problem]:
    """Every place where `document` breaks its schema, with line and fix."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema(schema_name))
    problems = []
    for error in validator.iter_errors(document.value):
        problems.extend(_explain(document, error))
    return problems


def _field_path(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "top level"


def _explain(document: Document, error) -> list[Problem]:
    path = list(error.absolute_path)
    where = _field_path(path)
    line = document.line_of(path)
    kind = error.validator
    file = document.file
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed]
        out = []
        for key in extras:
            close = difflib.get_close_matches(key, allowed, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"allowed fields: {', '.join(allowed)}"
            out.append(Problem(file, document.line_of(path + [key]), f"unknown field {key!r} in {where}", fix))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [Problem(file, line, f"{where} lacks required field {missing!r}", f"add `{missing}:`")]
    if kind == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        found = type(error.instance).__name__.replace("NoneType", "null").replace("str", "string")
        found = found.replace("bool", "boolean").replace("dict", "mapping").replace("list", "list")
        fix = "write true or false" if wanted == "boolean" else f"write a {wanted}"
        if wanted == "string":
            fix = "quote the value"
        return [Problem(file, line, f"{where} should be a {wanted}, not a {found} ({error.instance!r})", fix)]
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [Problem(file, line, f"{where} is {error.instance!r}, not one of the allowed values",
                        f"use one of: {allowed}")]
    if kind == "pattern":
        hint = error.schema.get("description", f"match {error.validator_value}")
        return [Problem(file, line, f"{where} is {error.instance!r}, which is not well formed", hint)]
    if kind == "minItems":
        return [Problem(file, line, f"{where} is empty", "give at least one entry")]
    if kind == "minLength":
        return [Problem(file, line, f"{where} is an empty string", "give a value or remove the field")]
    return [Problem(file, line, f"{where}: {error.message}", "see the schema in asean_sec/schemas/")]
