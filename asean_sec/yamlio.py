"""Strict YAML reading: safe types only, no duplicate keys, no aliases, a line for every value.

Resolves plain scalars by the YAML 1.2 core schema, so `NO`, `yes` and `on` stay strings
(no "Norway problem"), `1:30` stays a string and `2024-08-28` stays a string for the date
parser. Explicit tags that would build Python objects are refused, never executed.
"""

from __future__ import annotations

import re

import yaml

from asean_sec.problems import Problem

MAX_BYTES = 50_000_000
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: true/false, decimal numbers, null; everything else a string."""


_CoreResolver.yaml_implicit_resolvers = {}
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _StrictLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _CoreResolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in asean-sec data", event.start_mark
            )
        return super().compose_node(parent, index)


class Document:
    """A parsed YAML file: its value and the line of every key and item."""

    def __init__(self, file: str, value, lines: dict[tuple, int]):
        self.file, self.value, self.lines = file, value, lines

    def line_of(self, path) -> int | None:
        """The line of the deepest part of `path` that has a recorded line."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(file: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse `raw` strictly; returns the document or the problems that stopped it."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(file, None, f"file is {len(raw):,} bytes, over the {MAX_BYTES:,} limit",
                              "split it or remove what does not belong")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(file, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x})",
                              "save the file as UTF-8")]
    if not text.strip():
        return None, [Problem(file, 1, "file is empty", "restore its content from version control")]
    tab = re.search(r"^( *)\t", text, re.MULTILINE)
    if tab:
        line = text[: tab.start()].count("\n") + 1
        return None, [Problem(file, line, "tab character used for indentation",
                              "indent with spaces only", column=len(tab.group(1)) + 1)]
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        message = err.problem or str(err)
        if err.context:
            message = f"{err.context}: {message}"
        return None, [Problem(file, mark.line + 1 if mark else None, f"YAML syntax: {message}",
                              "check indentation, colons and quotes on that line",
                              column=mark.column + 1 if mark else None)]
    except yaml.YAMLError as err:
        return None, [Problem(file, None, f"YAML syntax: {err}", "check the file's syntax")]
    finally:
        loader.dispose()
    if node is None:
        return None, [Problem(file, 1, "file holds no data", "restore its content from version control")]
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    value = _build(loader, node, (), file, lines, problems)
    return (None if problems else Document(file, value, lines)), problems


def _build(loader, node, path, file, lines, problems):
    lines.setdefault(path, node.start_mark.line + 1)
    if node.tag not in _ALLOWED_TAGS:
        problems.append(Problem(file, node.start_mark.line + 1, f"tag {node.tag!r} is not allowed",
                                "remove the tag: data files hold plain values only"))
        return None
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_node.start_mark.line + 1, "a key must be a plain name",
                                        "use a simple word as the key"))
                continue
            if key_node.value == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(file, key_node.start_mark.line + 1, "merge keys (<<) are not allowed",
                                        "write the fields out in full"))
                continue
            key = str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in result:
                first = lines.get(path + (key,))
                problems.append(Problem(file, key_line, f"duplicate key {key!r} (first at line {first})",
                                        "keep one of them: YAML would silently drop the first"))
                continue
            lines[path + (key,)] = key_line
            result[key] = _build(loader, value_node, path + (key,), file, lines, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, child, path + (i,), file, lines, problems) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as err:
        problems.append(Problem(file, node.start_mark.line + 1, f"cannot read value: {err}", "quote the value"))
        return None
