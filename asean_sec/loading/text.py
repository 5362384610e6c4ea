"""A data file's bytes as text: UTF-8, plain newlines, no tabs in indentation, no control characters.

These checks run on every cold read of every file, so each first asks a question that C code
answers at memory speed on the bytes (is there a tab? a byte that could begin a forbidden
character?) and scans the text with a regular expression only when the answer is yes.
"""

from __future__ import annotations

import re

from asean_sec.problems import Problem

MAX_DEPTH = 32  # how deep values may nest in a data file
MAX_VALUES = 3_000_000  # values in one file: room for 100x the shipped data (the largest file holds about 8,000)

# the characters YAML allows in a stream; any other is refused with its line and column
# (compiled only when a file may hold one: compiling this class costs more than most checks)
_UNPRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
# bytes that never start a forbidden character: allowed ASCII, and every byte of a multi-byte one
_HARMLESS_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)

# characters a value may not hold, though YAML can write them (escapes such as "\e", "\x9b", "\r"
# in a double-quoted string): they would reach terminals and line-based formats (TSV, ICS) raw.
# Newline is allowed only in the fields that hold free text (MULTILINE_FIELDS).
_VALUE_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MULTILINE_FIELDS = frozenset({"note", "description", "quote", "chair_note"})


def value_problem(text: str, field: str | None) -> str | None:
    """Why the string value `text` of `field` cannot be used, or None (the common case, at C speed)."""
    if text.isprintable():
        return None
    found = _VALUE_CONTROL.search(text)
    if found:
        char = found.group()
        name = {"\t": "a tab", "\r": "a carriage return", "\x1b": "an escape (ESC)"}.get(char, "a control character")
        return f"{field or 'a value'} holds {name} (U+{ord(char):04X})"
    if "\n" in text and field not in MULTILINE_FIELDS:
        return f"{field or 'a value'} holds a line break, and it is a one-line field"
    return None


def decode(file: str, raw: bytes) -> tuple[str, Problem | None]:
    """The text of `raw` (see the module's doc), or the first problem that stops it being read."""
    text, problem = _utf8(file, raw)
    if problem is None:
        problem = _tab_indent(file, raw, text) or _unprintable(file, raw, text)
    return text, problem


def _utf8(file: str, raw: bytes) -> tuple[str, Problem | None]:
    """UTF-8 text (a byte-order mark is dropped) with every line break made a plain \\n."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return "", Problem(file, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x})",
                           "save the file as UTF-8 (in most editors: Save with Encoding, UTF-8)",
                           column=column)
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return "", Problem(file, 1, "file is empty", "restore its content from version control")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, None


def _tab_indent(file: str, raw: bytes, text: str) -> Problem | None:
    tab = _TAB_INDENT.search(text) if b"\t" in raw else None
    if not tab:
        return None
    line = text[: tab.start()].count("\n") + 1
    return Problem(file, line, "tab character used for indentation", "indent with spaces only",
                   column=len(tab.group(1)) + 1)


def _may_be_unprintable(raw: bytes) -> bool:
    """False only when `raw` cannot hold a forbidden character (checked without a regex scan)."""
    if raw.translate(None, _HARMLESS_BYTES):  # an ASCII control character
        return True
    if b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw:  # U+FFFE, U+FFFF
        return True
    at = raw.find(b"\xc2")  # U+0080-U+009F (but U+0085) are 0xC2 then 0x80-0x9F
    while at != -1:
        follower = raw[at + 1] if at + 1 < len(raw) else 0
        if 0x80 <= follower <= 0x9F and follower != 0x85:
            return True
        at = raw.find(b"\xc2", at + 1)
    return False


def _unprintable(file: str, raw: bytes, text: str) -> Problem | None:
    if not _may_be_unprintable(raw):
        return None
    found = re.search(_UNPRINTABLE, text)
    if not found:
        return None
    before = text[: found.start()]
    return Problem(file, before.count("\n") + 1, f"control character U+{ord(found.group()):04X} is not "
                   "allowed in YAML", "delete it: it is invisible in most editors and often comes from copy "
                   "and paste", column=found.start() - (before.rfind("\n") + 1) + 1)
