"""A pager on a terminal, as git has: an answer longer than the screen goes through
$ASEAN_SEC_PAGER, else $PAGER, else `less -FRX`; `--no-pager` (cli/support.py) turns it off and
output that is piped is never paged."""

from __future__ import annotations

import os
import sys


def pager_command() -> str:
    """$ASEAN_SEC_PAGER, else $PAGER, else 'less -FRX' (as git chooses its pager)."""
    for name in ("ASEAN_SEC_PAGER", "PAGER"):
        if os.environ.get(name) is not None:
            return os.environ[name]
    return "less -FRX"


def paged(doc, fmt: str, color: str, mode: str) -> None:
    """Render `doc` for the terminal; through the pager when longer than the screen (git's rule).
    `mode`: how standard output escapes it (see safe.Stream)."""
    import io
    import subprocess

    from asean_sec.output.render import render, style_for, terminal_size
    from asean_sec.output.safe import Stream

    text = io.StringIO()
    render(doc, fmt, color, Stream(text, mode=mode), style=style_for(color, sys.stdout))
    written = text.getvalue()  # escaped already: only our own colour codes are left
    command = pager_command().strip()
    if written.count("\n") < terminal_size((80, 24))[1] or command in ("", "cat"):
        Stream.wrap(sys.stdout, mode).write(written)
        return
    sys.stdout.flush()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        Stream.wrap(sys.stdout, mode).write(written)
        return
    assert proc.stdin is not None  # opened with stdin=PIPE
    try:
        proc.stdin.write(written.encode(sys.stdout.encoding or "utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    proc.wait()
