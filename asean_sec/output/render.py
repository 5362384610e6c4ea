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


def resolve_format(fmt: str, stream) -> str:
    if fmt != "auto":
        return fmt
    return "table" if isatty(stream) else "plain"


def isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def color_enabled(color: str, stream) -> bool:
    """`--color`: never, always, or auto (a terminal, and neither NO_COLOR nor TERM=dumb)."""
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    if color == "always":
        return True
    return isatty(stream) and os.environ.get("TERM") != "dumb"


def writer(fmt: str):
    """The `write(doc, stream, color)` function of a format."""
    import importlib

    module, function = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(f"asean_sec.output.formats.{module}"), function)


def render(answer, fmt: str, color: str = "auto", stream=None) -> None:
    """Write a Document (or a Report, a document of one section) in `fmt` ('auto' allowed)."""
    from asean_sec.output.document import document

    stream = stream or sys.stdout
    writer(resolve_format(fmt, stream))(document(answer), stream, color)
