"""Reading a data file record by record, reusing every record an earlier run already read.

A curator edits one meeting in a file of thousands; only that meeting should cost YAML parsing
and a schema check. A data file in the shipped layout is a few top-level keys, each holding a
block list (`meetings:` then `- id: ...` items), so its text cuts cleanly into one slice per
record. Each slice is parsed on its own and stored, with its schema verdict and lines, under a
digest of its text; the next run parses only slices it has not seen.

This is an optimisation, never a second reading of the rules: a file whose layout is anything
else, a slice that does not parse as exactly one item, a record that breaks its schema, or a
file over the value limit all return None, and the caller reads the whole file the ordinary way,
which finds and words every problem. Tests hold both readings to the same values and lines.
"""

from __future__ import annotations

import marshal
import os
import re
from functools import lru_cache

from asean_sec import __version__
from asean_sec.loading import cache, fastcheck
from asean_sec.loading import text as limits
from asean_sec.loading.schema import load_schema
from asean_sec.loading.text import decode

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):[ ]*(?:#.*)?")
_TOP_LINE = re.compile(r"\n([^ \n#][^\n]*)")  # a line that starts at column 0 (found by its newline: fast)
_CONTENT = re.compile(r"^( *)[^ \n#]", re.MULTILINE)  # the next line that is not blank or a comment


def _is_item(line: str) -> bool:
    return line.startswith("- ") or line == "-"


def split(text: str) -> list[tuple[str, int, list[tuple[int, str]]]] | None:
    """[(section, line of its key, [(first line of the record, record text), ...]), ...] for a file
    of top-level keys each holding a non-empty block list; None for any other layout.

    Regular expressions find the few lines that matter (keys, and items at their list's
    indentation) without a Python loop over every line; so blank lines and comments stay inside
    the record above them, and a record ends where the next item or key begins."""
    top = [(m.start(1), m.group(1)) for m in _TOP_LINE.finditer("\n" + text)]
    top = [(position - 1, line) for position, line in top]
    keys = [(position, line) for position, line in top if not _is_item(line)]
    if not keys or _CONTENT.search(text, 0, keys[0][0]):
        return None
    sections, seen = [], set()
    line_counter = _LineCounter(text)
    for number, (position, line) in enumerate(keys):
        key = _KEY_LINE.fullmatch(line)
        if key is None or key.group(1) in seen:
            return None
        seen.add(key.group(1))
        body_start = position + len(line) + 1
        last = number + 1 == len(keys)
        body_end = len(text) if last else keys[number + 1][0]
        starts = _item_starts(text, body_start, body_end, top)
        if not starts:
            return None
        records = []
        for index, start in enumerate(starts):
            if index + 1 < len(starts):
                end = starts[index + 1] - 1
            else:
                end = body_end if last else body_end - 1
            records.append((line_counter.line_at(start), text[start:end]))
        sections.append((key.group(1), line_counter.line_at(position), records))
    return sections


def _item_starts(text: str, start: int, end: int, top: list) -> list[int] | None:
    """Where each item of the list between `start` and `end` begins; None unless every line that
    is not blank, a comment or inside an item is an item at the list's one indentation."""
    first = _CONTENT.search(text, start, end)
    if first is None:
        return None
    indent = len(first.group(1))
    if indent == 0:
        lines = [(position, line) for position, line in top if start <= position < end]
    else:
        shallow = re.compile(rf"\n( {{0,{indent}}}[^ \n#][^\n]*)")
        lines = [(m.start(1), m.group(1)) for m in shallow.finditer(text, start - 1, end)]
    starts = []
    for position, line in lines:
        if not (line.startswith(" " * indent) and _is_item(line[indent:])):
            return None
        starts.append(position)
    return starts if starts and starts[0] == first.start() else None


class _LineCounter:
    """Line numbers of ascending positions in a text, counting each newline once."""

    def __init__(self, text: str):
        self.text, self.position, self.line = text, 0, 1

    def line_at(self, position: int) -> int:
        if position < self.position:
            self.position, self.line = 0, 1
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


class Store:
    """The records read from one data file on earlier runs:
    digest of the record's text -> (value, number of values, its lines marshalled).

    Kept in two files so that an edit costs a small write: a base, and a delta of the records
    read since the base was written. The base is rewritten (and stale records dropped) once the
    delta grows past a twentieth of the file's records. A delta names the base it extends and is
    ignored with any other."""

    def __init__(self, name: str):
        folder = cache.directory()
        self.base_path = folder / "parts" / f"{name}.marshal" if folder else None
        self.delta_path = folder / "parts" / f"{name}.delta.marshal" if folder else None
        self.stamp = cache.key_for(__version__, {})
        self.token, self.base = self._read(self.base_path, None)
        _, delta = self._read(self.delta_path, self.token) if self.token else (None, {})
        self.saved = {**self.base, **delta}
        self.used: dict[bytes, tuple] = {}

    def _read(self, path, token) -> tuple[str | None, dict]:
        saved = cache.read_file(path) if path else None
        if not (isinstance(saved, tuple) and len(saved) == 3 and saved[0] == self.stamp
                and isinstance(saved[2], dict) and (token is None or saved[1] == token)):
            return None, {}
        return saved[1], saved[2]

    def get(self, digest: bytes):
        found = self.saved.get(digest)
        if found is not None:
            self.used[digest] = found
            return found
        return self.used.get(digest)  # parsed this run (read_ahead)

    def put(self, digest: bytes, entry: tuple) -> None:
        self.used[digest] = entry

    def save(self) -> None:
        """Keep what this run used; write nothing when nothing changed."""
        if self.base_path is None or self.delta_path is None or self.used.keys() == self.saved.keys():
            return
        beyond_base = {digest: entry for digest, entry in self.used.items() if digest not in self.base}
        if self.token and len(beyond_base) <= max(100, len(self.used) // 20):
            cache.write_file(self.delta_path, (self.stamp, self.token, beyond_base))
            return
        if cache.write_file(self.base_path, (self.stamp, os.urandom(8).hex(), self.used)):
            try:
                os.unlink(self.delta_path)
            except OSError:
                pass


class RecordDocument:
    """A yamlio.Document whose line map is kept record by record and only unpacked for the records a
    problem is reported in: most runs report none, and a full map of a large file is costly."""

    def __init__(self, file: str, value, first_line: int, key_lines: dict, starts: dict, packed: dict,
                 count: int | None = None):
        self.file, self.value = file, value
        self.count = count  # values in the file, as the limit (text.MAX_VALUES) counts them
        self._first_line, self._key_lines, self._starts, self._packed = first_line, key_lines, starts, packed

    def _record_lines(self, section: str, index: int) -> dict:
        return marshal.loads(self._packed[section][index])

    def line_of(self, path) -> int | None:
        path = tuple(path)
        if len(path) >= 2 and path[0] in self._starts and isinstance(path[1], int) \
                and 0 <= path[1] < len(self._starts[path[0]]):
            offset = self._starts[path[0]][path[1]] - 1
            relative, rest = self._record_lines(path[0], path[1]), path[2:]
            while rest and rest not in relative:
                rest = rest[:-1]
            return relative.get(rest, 1) + offset
        if path and path[0] in self._key_lines:
            return self._key_lines[path[0]]
        return self._first_line

    @property
    def lines(self) -> dict[tuple, int]:
        lines: dict[tuple, int] = {(): self._first_line}
        for section, key_line in self._key_lines.items():
            lines[(section,)] = key_line
            for index, start in enumerate(self._starts[section]):
                for path, line in self._record_lines(section, index).items():
                    lines[(section, index, *path)] = line + start - 1
        return lines


def read(label: str, raw: bytes, schema_name: str, store: Store, sections=None) -> RecordDocument | None:
    """The file's Document, read record by record through `store`; None when it must be read whole.
    `sections` is split(text) when the caller has it (read_ahead returns it)."""
    if sections is None:
        sections = _sections(label, raw)
    if sections is None:
        return None
    checkers = _checkers(schema_name)
    if checkers is None:
        return None
    skeleton_check, item_checks = checkers
    value: dict[str, list] = {}
    key_lines: dict[str, int] = {}
    starts: dict[str, list[int]] = {}
    packed: dict[str, list] = {}
    count = 1
    for section, key_line, slices in sections:
        check = item_checks.get(section)
        if check is None:
            return None
        records: list = []
        record_starts: list[int] = []
        record_lines: list = []
        value[section], starts[section], packed[section] = records, record_starts, record_lines
        key_lines[section] = key_line
        count += 2
        for first_line, slice_text in slices:
            entry = _entry(section, slice_text, check, store)
            if entry is None:
                return None
            records.append(entry[0])
            count += entry[1] - 1
            record_starts.append(first_line)
            record_lines.append(entry[2])
    if count > limits.MAX_VALUES or not skeleton_check(value):
        return None
    return RecordDocument(label, value, sections[0][1], key_lines, starts, packed, count)


def _sections(label: str, raw: bytes):
    text, problem = decode(label, raw)
    return None if problem is not None else split(text)


def _digest(section: str, slice_text: str) -> bytes:
    return blake2b(f"{section}\0{slice_text}".encode(), digest_size=16).digest()


def _entry(section: str, slice_text: str, check, store: Store):
    digest = _digest(section, slice_text)
    entry = store.get(digest)
    if entry is not None:
        return entry
    entry = _parsed(slice_text, check)
    if entry is not None:
        store.put(digest, entry)
    return entry


def _parsed(slice_text: str, check):
    """(value, number of values, its lines marshalled) of one record's text; None when it is not one
    clean item that passes `check`."""
    from asean_sec.loading import yamlio  # YAML is parsed only for records not seen before

    item = yamlio.read_item(slice_text)
    if item is None or not check(item[0]):
        return None
    value, lines, count = item
    return value, count, marshal.dumps(lines)


_AHEAD_FROM = 300  # records to parse before a second process is worth its start (a few ms)


def read_ahead(files: list[tuple[str, bytes, str, Store]]) -> list:
    """Parse, on two processor cores where there are two, the records of these files (label, raw,
    schema name, store) that no earlier run read, into their stores; split(text) of each file
    (None where it must be read whole), for read().

    A full build (a first run, `validate`, a cache of no use) parses thousands of records, each on its
    own (see _entry): a forked child parses about half of them and sends the entries back through a
    pipe, marshalled, as the cache keeps them. Nothing else changes: read() then finds every record
    in its store. Where the child fails or there is no fork (Windows) or one core, read() parses what is
    missing itself, so the result is the same whichever way it went."""
    found, work = [], []
    for label, raw, schema_name, store in files:
        sections = _sections(label, raw)
        found.append(sections)
        checkers = _checkers(schema_name) if sections is not None else None
        if checkers is None:
            continue
        for section, _, slices in sections:
            check = checkers[1].get(section)
            if check is None:
                break
            for _, slice_text in slices:
                digest = _digest(section, slice_text)
                if digest not in store.saved:
                    work.append((store, digest, slice_text, check))
    if len(work) >= _AHEAD_FROM and hasattr(os, "fork") and _cores() > 1:
        _parse_in_two(work)
    return found


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _parse_in_two(work: list) -> None:
    total = sum(len(item[2]) for item in work)
    half, size = 0, 0
    while half < len(work) and size < total * 11 // 20:  # the parent also unmarshals the child's half
        size += len(work[half][2])
        half += 1
    theirs, ours = work[:half], work[half:]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse its half, write the entries, leave without any clean-up of the parent's
        status = 1
        try:
            from asean_sec import signals

            for name in ("SIGINT", "SIGTERM", "SIGPIPE", "SIGHUP"):
                signals.signal(getattr(signals, name), signals.SIG_DFL)  # a signal ends it, silently
            os.close(read_end)
            blob = marshal.dumps([(index, _parsed(text, check)) for index, (_, _, text, check) in enumerate(theirs)])
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(blob)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    reader = os.fdopen(read_end, "rb")
    try:
        for store, digest, text, check in ours:
            entry = _parsed(text, check)
            if entry is not None:
                store.put(digest, entry)
        blob = reader.read()
    finally:
        reader.close()  # before waiting: a child still writing then stops (EPIPE) rather than hang
        os.waitpid(pid, 0)
    try:
        done = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return  # the child failed: read() parses its half
    for index, entry in done:
        if entry is not None:
            store, digest = theirs[index][0], theirs[index][1]
            store.put(digest, entry)


@lru_cache(maxsize=None)  # noqa: UP033 - the same as functools.cache, named as elsewhere
def _checkers(schema_name: str):
    """(check of the file with its lists' items left out, {section: check of one record}), or None
    when the schema is not one these checks cover."""
    schema = load_schema(schema_name)
    defs = schema.get("$defs", {})
    properties = schema.get("properties", {})
    items, outline = {}, {}
    for section, rule in properties.items():
        if isinstance(rule, dict) and rule.get("type") == "array" and "items" in rule:
            items[section] = fastcheck.compile_schema(rule["items"], defs)
            if items[section] is None:
                return None
            rule = {k: v for k, v in rule.items() if k != "items"}
        outline[section] = rule
    skeleton = fastcheck.compile_schema({**schema, "properties": outline}, defs)
    return None if skeleton is None else (skeleton, items)
