"""Strict YAML reading: plain values only, no duplicate keys, no aliases, a line for every value.

Resolves plain scalars by the YAML 1.2 core schema, so `NO`, `yes` and `on` stay strings
(no "Norway problem"), `1:30` stays a string, `010` is ten (not octal eight) and `2024-08-28`
stays a string for the date parser. Values are built here, never by PyYAML's constructors:
explicit tags that would build Python objects are refused, never executed. Aliases (and so
"billion laughs" expansion bombs), nesting deeper than text.MAX_DEPTH and more than text.MAX_VALUES
values are refused before anything is built. The caller bounds the size of `raw` (see
load.MAX_FILE_BYTES).

Events come from libyaml when PyYAML was built with it (several times faster), else from
PyYAML's own parser; both feed the same composer, so values and lines are the same.
"""

from __future__ import annotations

import re

import yaml

from asean_sec.loading import text as limits
from asean_sec.loading.text import decode
from asean_sec.problems import Problem

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ = _CORE + "map", _CORE + "seq"

_INT_TEXT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_TEXT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_BOOL_TEXT = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL_TEXT = {"", "~", "null", "Null", "NULL"}


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: true/false, decimal numbers, null; everything else a string."""


_CoreResolver.yaml_implicit_resolvers = {}
_CoreResolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                    list("tTfF"))
_CoreResolver.add_implicit_resolver(_INT, _INT_TEXT, list("-+0123456789"))
_CoreResolver.add_implicit_resolver(_FLOAT, _FLOAT_TEXT, list("-+0123456789."))
_CoreResolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that asean-sec data must not use; carries its own fix."""

    def __init__(self, problem: str, mark, fix: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class _StrictComposer(yaml.composer.Composer, _CoreResolver):
    """PyYAML's composer, refusing aliases and deep nesting; events come from a parser mixed in."""

    depth = values = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            raise _Refused("aliases (*name) are not allowed in asean-sec data", self.peek_event().start_mark,
                           "write the value out in full instead of *name")
        self.values += 1
        if self.values > limits.MAX_VALUES:
            raise _Refused(f"more than {limits.MAX_VALUES:,} values in one file", self.peek_event().start_mark,
                           "remove what does not belong: data files are hand-curated")
        self.depth += 1
        try:
            if self.depth > limits.MAX_DEPTH:
                raise _Refused(f"values nested more than {limits.MAX_DEPTH} levels deep",
                               self.peek_event().start_mark,
                               "flatten the structure: data records are a few levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PureLoader(_StrictComposer, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Events from PyYAML's own parser, written in Python."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _CoreResolver.__init__(self)


if yaml.__with_libyaml__:
    class _LibyamlLoader(_StrictComposer, yaml.cyaml.CParser):
        """Events from libyaml, several times faster; composed in Python all the same."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            _CoreResolver.__init__(self)

_Loader = _LibyamlLoader if yaml.__with_libyaml__ else _PureLoader


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
    text, problem = decode(file, raw)
    if problem is None:
        node, problem = _compose(file, text)
    if problem is not None:
        return None, [problem]
    if node is None:
        return None, [Problem(file, 1, "file holds no data (only comments or blank lines)",
                              "restore its content from version control")]
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    value = _build(node, (), file, lines, problems)
    return (None if problems else Document(file, value, lines)), problems


def read_item(text: str):
    """One list item written as `- ...` (a slice of a file's section, see parts.py): its value,
    its lines relative to the slice's first line, and how many values it holds; None when the
    slice is not exactly one clean item, so that the caller reads the whole file instead."""
    try:
        node, count = _single_node(text, depth=1)  # the slice sits under the file's top-level mapping
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.SequenceNode) or node.tag != _SEQ or len(node.value) != 1:
        return None
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    value = _build(node.value[0], (), "", lines, problems)
    return None if problems else (value, lines, count)


def _single_node(text: str, depth: int = 0):
    """The node tree of the single document in `text` and how many values it holds, composed
    `depth` levels down (for limits); raises yaml.YAMLError."""
    loader = _Loader(text)
    try:
        loader.depth = depth
        return loader.get_single_node(), loader.values
    finally:
        loader.dispose()


def _compose(file: str, text: str):
    """The node tree of the single document in `text`, or the problem that stopped it."""
    try:
        return _single_node(text)[0], None
    except yaml.MarkedYAMLError as err:
        return None, _syntax(file, err)
    except yaml.YAMLError as err:
        return None, Problem(file, None, f"YAML syntax: {err}", "check the file's syntax")


# what the error says -> how to fix it
_SYNTAX_FIXES = (
    ("quoted scalar", "close the quote that opens here"),
    ("another document", "remove the `---` line: a data file holds one document"),
    ("could not find expected ':'", "add ': ' after the key, or quote the line if it is text"),
    ("mapping values are not allowed", "quote the value: it contains ': '"),
)


def _syntax(file: str, err) -> Problem:
    if isinstance(err, _Refused):
        mark = err.problem_mark
        return Problem(file, mark.line + 1, err.problem, err.fix, column=mark.column + 1)
    # a scanner error is best shown where the token began (the key, the opening quote);
    # a parser error where the parser gave up, with the line its construct began on
    scanning = isinstance(err, yaml.scanner.ScannerError) and err.context_mark is not None
    mark, other = (err.context_mark, err.problem_mark) if scanning else (err.problem_mark, err.context_mark)
    mark = mark or other
    message = err.problem or str(err)
    if err.context:
        aside = ""
        if other and mark and other.line != mark.line:
            aside = f" ({'noticed' if scanning else 'begun'} at line {other.line + 1})"
        message = f"{err.context}{aside}: {message}"
    fix = next((f for clue, f in _SYNTAX_FIXES if clue in message),
               "check indentation, colons and quotes on that line")
    return Problem(file, mark.line + 1 if mark else None, f"YAML syntax: {message}", fix,
                   column=mark.column + 1 if mark else None)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _build(node, path, file, lines, problems):
    line = node.start_mark.line + 1
    lines.setdefault(path, line)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            return _refuse_tag(node, file, problems)
        return _build_mapping(node, path, file, lines, problems)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            return _refuse_tag(node, file, problems)
        return [_build(child, path + (i,), file, lines, problems) for i, child in enumerate(node.value)]
    if node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
        return _refuse_tag(node, file, problems)
    if node.tag == _STR:
        wrong = limits.value_problem(node.value, next((p for p in reversed(path) if isinstance(p, str)), None))
        if wrong:
            fix = ("write it on one line (only note, description, quote and chair_note hold several lines)"
                   if "line break" in wrong else "delete it: a YAML escape such as \\e, \\r or \\x1b in a "
                   "double-quoted string writes one, and it would reach terminals raw")
            problems.append(Problem(file, line, wrong, fix))
            return None
    try:
        return _scalar(node.tag, node.value)
    except ValueError as err:
        problems.append(Problem(file, line, f"cannot read value: {err}",
                                f"remove the {_short_tag(node.tag)} tag, or quote the value"))
        return None


def _refuse_tag(node, file, problems):
    problems.append(Problem(file, node.start_mark.line + 1, f"tag {_short_tag(node.tag)!r} is not allowed",
                            "remove the tag: data files hold plain values only"))
    return None


def _build_mapping(node, path, file, lines, problems):
    result = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(file, key_line, "a key must be a plain name",
                                    "use a simple word as the key"))
            continue
        key = str(key_node.value)
        if key == "<<":
            problems.append(Problem(file, key_line, "merge keys (<<) are not allowed",
                                    "write the fields out in full"))
            continue
        if key in result:
            first = lines.get(path + (key,))
            problems.append(Problem(file, key_line, f"duplicate key {key!r} (first at line {first})",
                                    "keep one of them: YAML would silently drop the first"))
            continue
        lines[path + (key,)] = key_line
        result[key] = _build(value_node, path + (key,), file, lines, problems)
    return result


def _scalar(tag: str, text: str):
    """The value of a scalar by the YAML 1.2 core schema; ValueError when `text` does not fit `tag`."""
    if tag == _STR:
        return text
    if tag == _NULL and text in _NULL_TEXT:
        return None
    if tag == _BOOL and text in _BOOL_TEXT:
        return _BOOL_TEXT[text]
    shown = text if len(text) <= 40 else text[:40] + "…"
    if tag in (_INT, _FLOAT) and len(text) > 100:
        raise ValueError(f"{shown!r} is too long for a number")
    if tag == _INT and _INT_TEXT.match(text):
        return int(text, 10)
    if tag == _FLOAT and _FLOAT_TEXT.match(text):
        return float(text)
    kind = {_NULL: "null", _BOOL: "true or false", _INT: "an integer", _FLOAT: "a number"}[tag]
    raise ValueError(f"{shown!r} is not {kind}")
