"""Writing an output file whole or not at all, never over an existing one without --force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click


class OutputRefused(click.ClickException):
    exit_code = 4


def write_new(path: str, data: bytes, force: bool) -> None:
    target = Path(path)
    if target.exists() and not force:
        raise OutputRefused(f"{path} exists; pass --force to replace it")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".part")
    except OSError as err:
        raise OutputRefused(f"cannot write in {directory}: {err.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise OutputRefused(f"cannot write {path}: {err.strerror}") from None
