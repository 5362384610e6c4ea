"""Text made safe to show: no control character reaches a terminal or a line-based format raw.

One rule, applied at the lowest points every output passes through (the streams the program
writes to, see `Stream`, and the few places that build a line-based format): C0 control
characters other than tab and newline, DEL, C1 controls (U+0080-U+009F), the bidirectional
overrides and isolates (U+202A-U+202E, U+2066-U+2069) and lone surrogates are shown as
visible escapes (`\\r`, `\\x1b`, `\\x9b`, `\\u202e`). A surrogate that stands for an undecodable
byte of a path (Python's surrogateescape) is shown as that byte: `\\xff`. The data loader already
refuses control characters in values; this is the net under it, and under what people type.
"""

from __future__ import annotations

from functools import cache

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# compiled on first need (a class of wide ranges costs most of a millisecond to compile, and most
# runs never meet a character `_printable` does not clear at C speed)
_PATTERNS = {
    "text": f"[{_CONTROLS}]",
    "line": f"[{_CONTROLS}\t\n]",  # one-line text: tab and newline escaped too
    "sgr": f"(\x1b\\[[0-9;]*m)|[{_CONTROLS}]",  # the colour codes of our own table renderer kept
    "crlf": f"(\r\n)|[{_CONTROLS}]",  # iCalendar ends its lines with CRLF
    "json": f"[{_CONTROLS}]",
}
_NAMED = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


@cache
def _pattern(mode: str):
    import re

    return re.compile(_PATTERNS[mode])


def _printable(text: str) -> bool:
    """True when `text` certainly holds nothing to escape (tab and newline aside): the common case."""
    return text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable()


def _visible(match) -> str:
    if match.lastindex and match.group(1):  # a kept sequence (colour code, CRLF)
        return match.group(1)
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte carried by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _json_escape(match) -> str:
    """Inside JSON text a control character can only stand in a string: \\uXXXX is its JSON escape."""
    return f"\\u{ord(match.group()):04x}"


def escape(text: str) -> str:
    """`text` with every unsafe character (see the module's doc) escaped; tab and newline kept."""
    return text if _printable(text) else _pattern("text").sub(_visible, text)


def one_line(text) -> str:
    """`text` (a path, an argument) for a one-line message: newline and tab escaped as well."""
    if not isinstance(text, str):
        import os

        text = os.fsdecode(text)
    return text if text.isprintable() else _pattern("line").sub(_visible, text)


def shorten(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters with an ellipsis, for echoing back what someone typed."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MARKDOWN_ACTIVE = r"([\\`*_\[\]<>|])"
_MARKDOWN_LINKS = r"([\\\[\]<>|])"  # what can open a link, an autolink or HTML, or end a table cell
_NOT_IN_AUTOLINK = f"[<>\\s\"'`{_CONTROLS}]"


def markdown_text(text: str) -> str:
    """`text` as literal markdown: what could open a link, an HTML tag or emphasis is backslash-escaped."""
    import re

    return re.sub(_MARKDOWN_ACTIVE, r"\\\1", escape(text))


def markdown_cell(text: str) -> str:
    """`text` in a markdown table cell or list item: one line, no link, autolink or HTML can open."""
    import re

    return re.sub(_MARKDOWN_LINKS, r"\\\1", escape(text)).replace("\n", " ")


def markdown_link(url: str) -> str:
    """A markdown autolink `<url>` that cannot be broken out of: an http(s) URL with every character
    an autolink may not hold percent-encoded; anything else is shown as escaped text, never a link."""
    if not url.startswith(("https://", "http://")):
        return markdown_text(url)
    import re

    return "<" + re.sub(_NOT_IN_AUTOLINK, lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")),
                                      url) + ">"


class StreamFailed(Exception):
    """Writing to standard output (or error) failed: a full disk, a closed descriptor."""

    def __init__(self, name: str, error: OSError):
        self.name, self.error = name, error
        super().__init__(f"cannot write to {name}: {error.strerror or error}")


MODES = ("text", "sgr", "crlf", "json")


class Stream:
    """A text stream writing through `raw` with unsafe characters escaped (`mode`: text; sgr keeps
    colour codes; crlf keeps CRLF line ends; json writes JSON escapes), and raising StreamFailed
    instead of OSError so that a failed write to standard output is told apart from a failed export.

    It has no `buffer`: nothing can write bytes around the escaping (click then gives `write` bytes,
    which are taken as UTF-8).
    """

    def __init__(self, raw, name: str = "standard output", mode: str = "text"):
        self.raw, self.name, self.mode = raw, name, mode
        self._replace = _json_escape if mode == "json" else _visible

    @classmethod
    def wrap(cls, stream, mode: str = "text") -> Stream:
        """`stream` escaped for `mode`; a Stream is re-wrapped around its own raw stream."""
        if isinstance(stream, Stream):
            return stream if stream.mode == mode else cls(stream.raw, stream.name, mode)
        return cls(stream, mode=mode)

    def write(self, text) -> int:
        if isinstance(text, (bytes, bytearray)):  # click.echo writes bytes here when a stream has no buffer
            text = bytes(text).decode("utf-8", "surrogateescape")
        elif not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        shown = text if _printable(text) else _pattern(self.mode).sub(self._replace, text)
        try:
            self.raw.write(shown)
        except OSError as err:
            raise StreamFailed(self.name, err) from None
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self.raw.flush()
        except OSError as err:
            raise StreamFailed(self.name, err) from None

    def isatty(self) -> bool:
        try:
            return self.raw.isatty()
        except (AttributeError, ValueError, OSError):
            return False

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def encoding(self):
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self):
        return getattr(self.raw, "errors", None) or "strict"

    @property
    def closed(self) -> bool:
        return bool(getattr(self.raw, "closed", False))


class Closed:
    """Standard output when the program was started with it closed (`>&-`): every write fails
    with EBADF, reported once like a full disk; nothing is ever written to whatever file
    happens to take descriptor 1."""

    encoding, errors, closed = "utf-8", "strict", False

    def write(self, text) -> int:
        if not text:
            return 0
        import errno

        raise OSError(errno.EBADF, "Bad file descriptor (standard output is closed)")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        import io

        raise io.UnsupportedOperation("standard output is closed")
