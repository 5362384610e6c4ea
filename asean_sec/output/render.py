"""The one registry of output formats, and `render`, which every command's answer goes through.

Each format is one module in output/formats/ with `write(doc, stream, color)`, imported only when
used (rich only when a table is drawn):
  table     rich tables for a terminal          markdown  a memo-ready block with a Sources list
  plain     aligned text, no escape codes       json      one document
  jsonl     one record a line                   csv, tsv  a header row; lists joined with "; "
  ics       iCalendar events (meetings only: the commands that list meetings offer it)
A new format: a module in output/formats/ and a line in FORMATS (tests/test_formats_all.py runs
every command in every format).
"""

from __future__ import annotations

import os
import sys

# format -> "module:function" under asean_sec.output.formats
FORMATS = {
    "table": "table:write",
    "plain": "plain:write",
    "markdown": "markdown:write",
    "json": "json:write",
    "jsonl": "jsonl:write",
    "csv": "delimited:write_csv",
    "tsv": "delimited:write_tsv",
    "ics": "ics:write",
}
OPTIONAL_FORMATS = ("ics",)  # offered only by the commands that name them
CHOICES = ("auto",) + tuple(f for f in FORMATS if f not in OPTIONAL_FORMATS)
MACHINE_FORMATS = ("json", "jsonl", "csv", "tsv")
COLORS = ("auto", "always", "never")


class Style:
    """How people see an answer: colour or not, and the width tables fit."""

    def __init__(self, color: bool = False, width: int = 100):
        self.color, self.width = color, width


def style_for(color: str, stream) -> Style:
    """`--color` and the width: the terminal's, or COLUMNS, else 100 when piped."""
    return Style(color_enabled(color, stream), max(terminal_size((100, 50))[0], 40))


def terminal_size(fallback: tuple[int, int]) -> tuple[int, int]:
    """(columns, lines) as shutil.get_terminal_size gives them, without importing shutil (which
    costs milliseconds of every answer): COLUMNS and LINES where set to positive numbers, else the
    size of standard output's terminal, else `fallback`."""
    sizes = []
    for name in ("COLUMNS", "LINES"):
        try:
            sizes.append(int(os.environ[name]))
        except (KeyError, ValueError):
            sizes.append(0)
    columns, lines = sizes
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size(fallback)
        columns = columns if columns > 0 else (size.columns or fallback[0])
        lines = lines if lines > 0 else (size.lines or fallback[1])
    return columns, lines


def resolve_format(fmt: str, stream) -> str:
    if fmt != "auto":
        return fmt
    return "table" if isatty(stream) else "plain"


def for_people(fmt: str, stream=None) -> bool:
    """Whether `fmt` ('auto' as it resolves on `stream`, standard output by default) is written for
    people to read, not for programs: a note under a list is only for them."""
    return resolve_format(fmt, stream or sys.stdout) not in MACHINE_FORMATS + OPTIONAL_FORMATS


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(color: str, stream) -> bool:
    """`--color`: always (even with NO_COLOR: the explicit flag wins), never, or auto (a
    terminal, and neither NO_COLOR nor TERM=dumb)."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    return isatty(stream) and os.environ.get("TERM") != "dumb"


def writer(fmt: str):
    """The `write(doc, stream, style)` function of a format."""
    import importlib

    module, function = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(f"asean_sec.output.formats.{module}"), function)


def render(answer, fmt: str, color: str = "auto", stream=None, style: Style | None = None) -> None:
    """Write a Document (or a Report, a document of one section) in `fmt` ('auto' allowed)."""
    from asean_sec.output.document import Document, document

    stream = stream or sys.stdout
    fmt = resolve_format(fmt, stream)
    machine = not for_people(fmt)
    if style is None:
        style = Style() if machine else style_for(color, stream)
    doc = document(answer)
    if not machine and not doc.compound and doc.report.for_people is not None:
        people = Document([("", doc.report.for_people)], cite=doc.cite)
        people.citations = doc.citations
        doc = people
    writer(fmt)(doc, stream, style)
