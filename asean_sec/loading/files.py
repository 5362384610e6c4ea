"""Opening files that someone else may have put in our way, without hanging or reading without end.

A data file or a cache entry could be a FIFO (an open would wait for a writer forever), a device
(/dev/zero never ends), a directory, or a symbolic link to any of these. Files are opened with
O_NONBLOCK (so a FIFO opens at once), checked with fstat to be regular files before a byte is
read, and read up to a bound.
"""

from __future__ import annotations

import os
import stat

from asean_sec.problems import kind_of

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotRegular(OSError):
    """The path names something other than a regular file; `kind` says what."""

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(f"is {kind}, not a regular file")


def open_regular(path, follow: bool = True) -> tuple[int, os.stat_result]:
    """A descriptor open for reading on the regular file at `path`, and its stat; raises
    NotRegular (a FIFO, device, directory...) or OSError. Never blocks. With `follow` False,
    a symbolic link is refused (OSError ELOOP)."""
    try:
        fd = os.open(path, _FLAGS | (0 if follow else NOFOLLOW))
    except OSError as err:
        import errno

        if err.errno == errno.ENXIO:  # a socket (or a FIFO on some systems) cannot be opened
            try:
                raise NotRegular(kind_of(os.stat(path).st_mode)) from None
            except OSError:
                pass
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(kind_of(info.st_mode))
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_fd(fd: int, limit: int, offset: int = 0) -> bytes:
    """Up to `limit` bytes from `fd` at `offset` (fewer when the file is shorter). Every caller
    bounds `limit` by the file's size, so one read usually does: a large file is not read in
    pieces that would then be copied together."""
    chunks, wanted = [], limit
    while wanted > 0:
        chunk = os.pread(fd, min(wanted, 1 << 30), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
        wanted -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def copy_fd(source: int, offset: int, length: int, target: int) -> None:
    """`length` bytes of `source` from `offset`, written to `target` at its position: in the kernel
    where it can (copy_file_range), else read and written in pieces; OSError when fewer are found."""
    copy = getattr(os, "copy_file_range", None)
    while length > 0:
        done = 0
        if copy is not None:
            try:
                done = copy(source, target, length, offset)
            except OSError:  # another file system, or a kernel without it: the plain way from here
                copy = None
                continue
        else:
            chunk = os.pread(source, min(length, 1 << 24), offset)
            view = memoryview(chunk)
            while view:
                view = view[os.write(target, view):]
            done = len(chunk)
        if done <= 0:
            raise OSError("the file is shorter than the part to copy")
        offset += done
        length -= done


def read_regular(path, limit: int, follow: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at `path`, at most `limit` + 1 of them (so that a caller can
    tell a file over its limit), and its stat; raises NotRegular or OSError."""
    fd, info = open_regular(path, follow)
    try:
        return read_fd(fd, min(limit + 1, max(info.st_size, 0) + 1)), info
    finally:
        os.close(fd)
