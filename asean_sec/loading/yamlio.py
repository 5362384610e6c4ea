"""Strict YAML reading: plain values only, no duplicate keys, no aliases, a line for every value.

Resolves plain scalars by the YAML 1.2 core schema, so `NO`, `yes` and `on` stay strings
(no "Norway problem"), `1:30` stays a string, `010` is ten (not octal eight) and `2024-08-28`
stays a string for the date parser. Values are built here, never by PyYAML's constructors:
explicit tags that would build Python objects are refused, never executed. Aliases (and so
"billion laughs" expansion bombs), nesting deeper than text.MAX_DEPTH and more than text.MAX_VALUES
values are refused where they are met, and then nothing of the file is returned. The caller bounds the size of `raw` (see
load.MAX_FILE_BYTES).

Events come from libyaml when PyYAML was built with it (several times faster), else from
PyYAML's own parser; both feed the same builder (_Builder), so values and lines are the same.
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


class _Events(_CoreResolver):
    """The parser's events and the core-schema resolver; values are built from the events by
    _Builder, without PyYAML's composer and its node tree (which cost as much as the parsing)."""

    def resolve_tag(self, kind, event) -> str:
        """The tag of a node: its own, or the one the core schema gives it (`kind` is the node class)."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(kind, getattr(event, "value", None), event.implicit)
        return tag


class _PureLoader(_Events, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """Events from PyYAML's own parser, written in Python."""

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _CoreResolver.__init__(self)


if yaml.__with_libyaml__:
    class _LibyamlLoader(_Events, yaml.cyaml.CParser):
        """Events from libyaml, several times faster."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            _CoreResolver.__init__(self)

_Loader = _LibyamlLoader if yaml.__with_libyaml__ else _PureLoader

_ALIAS, _SCALAR = yaml.events.AliasEvent, yaml.events.ScalarEvent
_SEQ_START = yaml.events.SequenceStartEvent
_SEQ_END, _MAP_END = yaml.events.SequenceEndEvent, yaml.events.MappingEndEvent


class _NotOneItem(Exception):
    """A slice that is not one list item (see read_item)."""


class _Builder:
    """Values, lines and problems from a loader's events, node by node as PyYAML's composer would
    meet them: aliases, nesting deeper than text.MAX_DEPTH, more than text.MAX_VALUES values and
    duplicate anchors raise (a syntax problem, nothing built); tags, keys and text that data must
    not hold are problems, and the values around them are still read."""

    def __init__(self, loader, file: str, depth: int = 0):
        self.loader, self.file = loader, file
        self.depth, self.values = depth, 0
        self.anchors: dict = {}

    def single(self):
        """The event of the document's root node, its start consumed, or None for an empty stream."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.events.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # document start
        return loader.peek_event()

    def end(self, first_mark) -> None:
        """The document's end: one document only, as PyYAML's composer requires."""
        loader = self.loader
        loader.get_event()  # document end
        if not loader.check_event(yaml.events.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", first_mark,
                                              "but found another document", event.start_mark)
        loader.get_event()

    def _enter(self):
        """The next node's event, consumed, after the checks every node passes."""
        loader = self.loader
        event = loader.get_event()
        if isinstance(event, _ALIAS):
            raise _Refused("aliases (*name) are not allowed in asean-sec data", event.start_mark,
                           "write the value out in full instead of *name")
        self.values += 1
        if self.values > limits.MAX_VALUES:
            raise _Refused(f"more than {limits.MAX_VALUES:,} values in one file", event.start_mark,
                           "remove what does not belong: data files are hand-curated")
        if self.depth + 1 > limits.MAX_DEPTH:
            raise _Refused(f"values nested more than {limits.MAX_DEPTH} levels deep", event.start_mark,
                           "flatten the structure: data records are a few levels deep")
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchors:
                raise yaml.composer.ComposerError(f"found duplicate anchor {anchor!r}; first occurrence",
                                                  self.anchors[anchor], "second occurrence", event.start_mark)
            self.anchors[anchor] = event.start_mark
        return event

    def node(self, path, lines, problems):
        """The value of the next node (None when it holds a problem, which is added to `problems`)."""
        event = self._enter()
        line = event.start_mark.line + 1
        lines.setdefault(path, line)
        self.depth += 1
        try:
            if isinstance(event, _SCALAR):
                return self._scalar(event, path, line, problems)
            if isinstance(event, _SEQ_START):
                if self.loader.resolve_tag(yaml.SequenceNode, event) != _SEQ:
                    return self._refuse_tag(event, line, problems)
                items: list = []
                while not self.loader.check_event(_SEQ_END):
                    items.append(self.node(path + (len(items),), lines, problems))
                self.loader.get_event()
                return items
            if self.loader.resolve_tag(yaml.MappingNode, event) != _MAP:
                return self._refuse_tag(event, line, problems)
            return self._mapping(path, lines, problems)
        finally:
            self.depth -= 1

    def only_item(self, lines, problems):
        """The value of the one item of a sequence, the next node, as if it were the document's root;
        raises _NotOneItem when the node is not a plain sequence of exactly one item."""
        event = self.loader.peek_event()
        if not isinstance(event, _SEQ_START) or self.loader.resolve_tag(yaml.SequenceNode, event) != _SEQ:
            raise _NotOneItem
        self._enter()
        self.depth += 1
        try:
            if self.loader.check_event(_SEQ_END):
                raise _NotOneItem
            value = self.node((), lines, problems)
            if not self.loader.check_event(_SEQ_END):
                raise _NotOneItem
            self.loader.get_event()
            return value
        finally:
            self.depth -= 1

    def skip(self) -> None:
        """The next node read and left out (after a problem with it or its key): its events still
        pass every check a node passes."""
        self.node((), {}, [])

    def _scalar(self, event, path, line, problems):
        tag = self.loader.resolve_tag(yaml.ScalarNode, event)
        if tag not in _TAGS:
            problems.append(_tag_problem(self.file, tag, line))
            return None
        text = event.value
        if tag == _STR:
            wrong = limits.value_problem(text, next((p for p in reversed(path) if isinstance(p, str)), None))
            if wrong:
                fix = ("write it on one line (only note, description, quote and chair_note hold several lines)"
                       if "line break" in wrong else "delete it: a YAML escape such as \\e, \\r or \\x1b in a "
                       "double-quoted string writes one, and it would reach terminals raw")
                problems.append(Problem(self.file, line, wrong, fix))
                return None
            return text
        try:
            return _scalar(tag, text)
        except ValueError as err:
            problems.append(Problem(self.file, line, f"cannot read value: {err}",
                                    f"remove the {_short_tag(tag)} tag, or quote the value"))
            return None

    def _refuse_tag(self, event, line, problems):
        """A collection with a tag data must not use: a problem, its content read and left out."""
        kind = yaml.SequenceNode if isinstance(event, _SEQ_START) else yaml.MappingNode
        problems.append(_tag_problem(self.file, self.loader.resolve_tag(kind, event), line))
        closing = _SEQ_END if isinstance(event, _SEQ_START) else _MAP_END
        while not self.loader.check_event(closing):
            self.skip()
        self.loader.get_event()
        return None

    def _mapping(self, path, lines, problems):
        loader = self.loader
        result: dict = {}
        while not loader.check_event(_MAP_END):
            key_event = loader.peek_event()
            key_line = key_event.start_mark.line + 1
            if not isinstance(key_event, _SCALAR):
                self.skip()
                problems.append(Problem(self.file, key_line, "a key must be a plain name", "use a simple word as the key"))
                self.skip()
                continue
            key = str(self._enter().value)  # a key is a node too, counted and checked as one
            if key == "<<":
                problems.append(Problem(self.file, key_line, "merge keys (<<) are not allowed",
                                        "write the fields out in full"))
                self.skip()
                continue
            if key in result:
                first = lines.get(path + (key,))
                problems.append(Problem(self.file, key_line, f"duplicate key {key!r} (first at line {first})",
                                        "keep one of them: YAML would silently drop the first"))
                self.skip()
                continue
            lines[path + (key,)] = key_line
            result[key] = self.node(path + (key,), lines, problems)
        loader.get_event()
        return result


_TAGS = (_STR, _INT, _FLOAT, _BOOL, _NULL)


def _tag_problem(file: str, tag: str, line: int) -> Problem:
    return Problem(file, line, f"tag {_short_tag(tag)!r} is not allowed",
                   "remove the tag: data files hold plain values only")


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
    if problem is not None:
        return None, [problem]
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    loader = _Loader(text)
    try:
        builder = _Builder(loader, file)
        first = builder.single()
        if first is None:
            return None, [Problem(file, 1, "file holds no data (only comments or blank lines)",
                                  "restore its content from version control")]
        value = builder.node((), lines, problems)
        builder.end(first.start_mark)
    except yaml.MarkedYAMLError as err:  # a syntax problem stops the file: what was found before it is moot
        return None, [_syntax(file, err)]
    except yaml.YAMLError as err:
        return None, [Problem(file, None, f"YAML syntax: {err}", "check the file's syntax")]
    finally:
        loader.dispose()
    return (None if problems else Document(file, value, lines)), problems


def read_item(text: str):
    """One list item written as `- ...` (a slice of a file's section, see parts.py): its value,
    its lines relative to the slice's first line, and how many values it holds; None when the
    slice is not exactly one clean item, so that the caller reads the whole file instead."""
    loader = _Loader(text)
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    try:
        builder = _Builder(loader, "", depth=1)  # the slice sits under the file's top-level mapping
        first = builder.single()
        if first is None:
            return None
        value = builder.only_item(lines, problems)
        builder.end(first.start_mark)
    except (yaml.YAMLError, _NotOneItem):
        return None
    finally:
        loader.dispose()
    return None if problems else (value, lines, builder.values)


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
