"""Problems found in the data, and the errors that carry them to the command line."""

from __future__ import annotations

import stat

from asean_sec.model.record import record


@record
class Problem:
    """One thing wrong in a data file, where it is, and how to fix it."""

    file: str
    line: int | None
    message: str
    fix: str | None = None
    column: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {'warning: ' if self.warning else ''}{self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


def capped(problems: list[Problem], limit: int = 200) -> list[Problem]:
    """The first `limit` problems of one file, and a note of how many more there were."""
    if len(problems) <= limit:
        return problems
    last = problems[limit - 1]
    more = Problem(last.file, None, f"… and {len(problems) - limit:,} more problems in this file",
                   "fix these first, then validate again")
    return problems[:limit] + [more]


class DataError(Exception):
    """The data cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class LookupFailed(Exception):
    """A name the user typed matches nothing; carries the closest names."""

    def __init__(self, kind: str, text: str, suggestions: list[str], why: str | None = None):
        self.kind, self.text, self.suggestions = kind, text, suggestions
        message = why or f"unknown {kind} {text!r}"  # `why`: what else is wrong (an ambiguous name …)
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)


class OutputRefused(Exception):
    """An output file exists (and --force was not given) or cannot be written."""


class Interrupted(BaseException):
    """A signal (SIGINT, SIGTERM, SIGHUP) asked the program to stop: unwinds like KeyboardInterrupt,
    so that a half-written export is removed, and ends the run quietly (see cli/app.py main)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signum)


def kind_of(mode: int) -> str:
    """What a file of this st_mode is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"
