"""A cache of parsed, checked data that cannot serve stale or corrupt bytes.

Keyed by a BLAKE2 digest of the program version and the content of every data file (not
modification times), so any edit is a miss. The key also covers the size and modification
time of the modules and schemas that parse the data, so a checkout whose parsing code changed
under the same version number (an editable install) never reuses what the old code parsed.

Reading and hashing large data files on every question would cost more than the answer, so the
digest of each file is remembered with the file's device, inode, size, modification and change
times (as git's index does). The change time moves on any write and cannot be set back by
tools that restore a modification time, and a file changed within two seconds of the memo is
hashed again (a "racy" file), so an edit is never mistaken for the remembered content.

Entries (see entry.py) carry digests of their parts and are checked as they are read: a corrupt
part is never served and the entry is rebuilt. Files are written to a temporary file and renamed
into place, so concurrent processes never see a half-written file. A cache directory that cannot
be created or written means no cache.
"""

from __future__ import annotations

import marshal
import os
import stat
import time
from functools import cache
from typing import TYPE_CHECKING

from asean_sec.loading import entry, stored

try:  # BLAKE2 without loading OpenSSL: hashlib costs a few milliseconds at start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

if TYPE_CHECKING:
    from pathlib import Path

ENV_CACHE_DIR = "ASEAN_SEC_CACHE_DIR"
ENV_NO_CACHE = "ASEAN_SEC_NO_CACHE"
_MAGIC = b"ASEANSEC1"  # a file of write_file: then a BLAKE2b digest of the marshalled value, then the value
_CRC_MAGIC = b"ASEANSECC"  # the same for a value of _CRC_FROM bytes or more, checked by its CRC-32 instead
_TEXT_MAGIC = b"ASEANSECT"
_OURS = (_MAGIC, _CRC_MAGIC, _TEXT_MAGIC)  # the files pruning may delete begin with one of these
_DIGEST = 32
# A search index of megabytes is read whole by each search: BLAKE2b takes 3.6 ms over its 4.5 MB, a CRC-32
# 0.7 ms, and a CRC-32 catches what the check is for (a file cut short or damaged). Smaller files keep
# BLAKE2b, whose module every run has loaded already (binascii would cost each run 0.15 ms to import).
_CRC_FROM = 1 << 20
_RACY_NS = 2_000_000_000  # a file changed this close to the memo is hashed again
_MEMO_DIRECTORIES = 32


def directory() -> Path | None:
    """The cache directory, or None: no cache when ASEAN_SEC_NO_CACHE is set, or when the directory
    is not to be trusted (see `trusted`)."""
    folder = _folder()
    if folder is None:
        return None
    from pathlib import Path  # not on the warm path, which names files with strings

    return Path(folder)


def _folder() -> str | None:
    if os.environ.get(ENV_NO_CACHE):
        return None
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen:
        folder = chosen
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "asean-sec")
    return folder if trusted(folder) else None


_warned: set[str] = set()


def trusted(folder: str | os.PathLike) -> bool:
    """False (with a one-line warning on standard error, once) when the directory exists and is not
    ours alone: owned by another user, or writable by group or others, so that someone else could
    plant entries that would be served as answers or replace ours. A missing one is created private."""
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return True  # unusable: reads and writes fail on their own and mean no cache
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - no owners to compare on this system
        return True
    fix = "point ASEAN_SEC_CACHE_DIR at a directory of your own"
    if not stat.S_ISDIR(info.st_mode):
        reason = "is not a directory"
    elif info.st_uid != getuid():
        reason = "is not owned by you"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        reason, fix = "is writable by others", f"chmod go-w {os.fsdecode(str(folder))!r}, or {fix}"
    else:
        return True
    shown = str(folder)
    if shown not in _warned:
        _warned.add(shown)
        import sys

        try:
            sys.stderr.write(f"asean-sec: warning: the cache directory {os.fsdecode(shown)!r} {reason}; "
                             f"answering without it (fix: {fix})\n")
        except (OSError, ValueError, AttributeError):
            pass
    return False


def schema_dir() -> Path:
    """The JSON Schemas beside the shipped data (asean_sec/data/schemas when installed, data/schemas
    in a checkout): the very files each data file names on its first line, for editors."""
    from pathlib import Path

    return Path(schema_folder())


def schema_folder() -> str:
    """schema_dir() as a string, without pathlib (the warm path stamps these files)."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, "data", "schemas")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(package), "data", "schemas")


@cache  # a process runs one version of the code: stat it once
def code_stamp() -> str:
    """Size and modification time of every module and schema of the package: any change to the
    code may change what parsing and checking produce, so it must not reuse an old entry."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = []
    pending = [package]
    while pending:
        folder = pending.pop()
        try:
            found = list(os.scandir(folder))
        except OSError:
            parts.append(f"{folder}:?")
            continue
        for item in found:
            if item.name in ("data", "__pycache__") or item.name.startswith("."):
                continue
            if item.is_dir(follow_symlinks=False):
                pending.append(item.path)
            elif item.name.endswith((".py", ".json")):
                try:
                    parts.append(_stamp(item.path, package, item.stat(follow_symlinks=True)))
                except OSError:
                    parts.append(f"{item.name}:?")
    try:  # the schemas live beside the data, outside the walk
        folder = schema_folder()
        parts += [_stamp(os.path.join(folder, name), package) for name in os.listdir(folder)
                  if name.endswith(".json")]
    except OSError:
        parts.append("schemas:?")
    return ";".join(sorted(parts))


def _stamp(path: str, package: str, info: os.stat_result | None = None) -> str:
    info = info or os.stat(path)
    inside = path.startswith(package + os.sep)  # the common case, without relpath's normalising
    return f"{path[len(package) + 1:] if inside else os.path.relpath(path, package)}:{info.st_size}:{info.st_mtime_ns}"


_DIGESTS = "blake2b-32, sha256 from 1 MiB"  # how file_digest hashes: a memo made another way is not used
_LARGE = 1 << 20  # from this size, a data file is hashed by OpenSSL's SHA-256 (about twice BLAKE2's speed here)


def file_digest(data: bytes) -> bytes:
    """The digest of a data file's contents (or of a copy of one). A large file is hashed with
    SHA-256, which OpenSSL computes with the processor's own instructions; loading OpenSSL costs a few
    milliseconds, so a small file keeps BLAKE2. The two never meet: the size is part of every key."""
    if len(data) < _LARGE:
        return blake2b(data, digest_size=_DIGEST).digest()
    return _sha256()(data).digest()


@cache
def _sha256():
    try:
        from _hashlib import openssl_sha256

        return openssl_sha256
    except ImportError:  # pragma: no cover - a Python built without OpenSSL
        from hashlib import sha256

        return sha256


def digests_of(contents: dict[str, bytes]) -> dict[str, tuple[int, bytes]]:
    """Each file's (size, digest), as key_from_digests and the stat memo take them."""
    return {name: (len(data), file_digest(data)) for name, data in contents.items()}


def key_for(version: str, contents: dict[str, bytes]) -> str:
    """The entry key for data files with these contents."""
    return key_from_digests(version, digests_of(contents))


def key_from_digests(version: str, digests: dict[str, tuple[int, bytes]]) -> str:
    """The entry key from each file's (size, digest): the same key key_for gives for the contents."""
    digest = blake2b(version.encode(), digest_size=20)
    digest.update(code_stamp().encode())
    for name in sorted(digests):
        size, file_hash = digests[name]
        digest.update(f"\0{name}\0{size}\0".encode())
        digest.update(file_hash)
    return digest.hexdigest()


# --- remembered digests of data files ------------------------------------------------------

def stat_files(folder: str | os.PathLike, names) -> dict[str, tuple] | None:
    """(device, inode, size, mtime, ctime) of each regular file, or None if one is not there."""
    found = {}
    for name in names:
        try:
            info = os.stat(os.path.join(folder, name))
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        found[name] = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return found


def _memo_path() -> str | None:
    folder = _folder()
    return os.path.join(folder, "inputs.memo") if folder else None


def _memo_entry(folder: str | os.PathLike) -> tuple | None:
    """(when written, {file: (stat, digest)}) the memo holds for this directory, or None; None too
    when its digests were made the way of another version (_DIGESTS), which would never match."""
    path = _memo_path()
    memo = read_file(path) if path else None
    found = memo.get(str(folder)) if isinstance(memo, dict) else None
    if not (isinstance(found, tuple) and len(found) == 3 and found[2] == _DIGESTS and isinstance(found[1], dict)):
        return None
    return found[:2]


def remembered_digests(folder: str | os.PathLike, stats: dict[str, tuple]) -> dict[str, tuple[int, bytes]] | None:
    """Each file's (size, digest) if the memo holds every file with the same stat and none is racy."""
    memo = _memo_entry(folder)
    if memo is None:
        return None
    try:
        written, files = memo
        digests = {}
        for name, info in stats.items():
            remembered, digest = files[name]
            if remembered != info or max(info[3], info[4]) >= written - _RACY_NS:
                return None
            digests[name] = (info[2], digest)
        return digests
    except (TypeError, KeyError, ValueError, IndexError):
        return None


def last_digests(folder: str | os.PathLike) -> dict[str, tuple[int, bytes]] | None:
    """Each file's (size, digest) as the memo last holds them for this directory, whatever the files
    are now: the content the directory's latest entry was built from (see edits.py)."""
    memo = _memo_entry(folder)
    if memo is None:
        return None
    try:
        return {name: (info[2], digest) for name, (info, digest) in memo[1].items()}
    except (TypeError, KeyError, ValueError, IndexError):
        return None


def remember(folder: str | os.PathLike, stats: dict[str, tuple], digests: dict[str, tuple[int, bytes]]) -> None:
    """Add this directory's file digests to the memo (keeping the most recent directories)."""
    path = _memo_path()
    if path is None:
        return
    memo = read_file(path)
    memo = memo if isinstance(memo, dict) else {}
    memo.pop(str(folder), None)
    while len(memo) >= _MEMO_DIRECTORIES:
        memo.pop(next(iter(memo)))
    memo[str(folder)] = (time.time_ns(), {name: (stats[name], digests[name][1]) for name in stats}, _DIGESTS)
    write_file(path, memo)


# --- entries -------------------------------------------------------------------------------

# Entries are named unmistakably (a prefix, the key, a suffix) and begin with entry.MAGIC: pruning
# deletes only files with both, never another program's files in a shared directory. A memo of an
# entry (Memos) is named after it, `asean-sec-<key>-<name>.memo`, and begins with _MAGIC.
_ENTRY_PREFIX, _ENTRY_SUFFIX, _MEMO_SUFFIX = "asean-sec-", ".entry", ".memo"
_TEMPORARY_PREFIX = ".asean-sec-tmp-"


def _path(key: str) -> str | None:
    folder = _folder()
    return os.path.join(folder, f"{_ENTRY_PREFIX}{key}{_ENTRY_SUFFIX}") if folder else None


def read(key: str, derived: dict | None, rebuild) -> stored.Sections | None:
    """The cached sections for `key` (see stored.Sections), or None when absent or unreadable; `rebuild()`
    returns every section afresh when a part turns out corrupt."""
    path = _path(key)
    if path is None:
        return None
    try:
        reader = entry.Reader(path)
    except (entry.Corrupt, OSError):
        return None
    return stored.Sections(reader, derived, rebuild)


def write(key: str, sections: dict, collections: dict) -> bool:
    """Store `sections` (name -> value) and `collections` (name -> list or dict of bytes) under
    `key` atomically; False (and no file) when it cannot."""
    return write_blob(key, entry.encode(sections, collections))


def write_blob(key: str, blob: bytes | list) -> bool:
    """Store an encoded entry (entry.encode, entry.patch) under `key`, as `write` does."""
    path = _path(key)
    if path is None:
        return False
    written = _write_atomically(path, blob)
    if written:
        _prune(path)
    return written


def entry_size(key: str) -> int | None:
    """The size in bytes of the entry stored under `key`, or None."""
    path = _path(key)
    try:
        return os.stat(path).st_size if path else None
    except OSError:
        return None


def entry_reader(key: str) -> entry.Reader | None:
    """A reader of the entry stored under `key`, or None."""
    path = _path(key)
    try:
        return entry.Reader(path) if path else None
    except (entry.Corrupt, OSError):
        return None


class Memos:
    """Values derived from the data of one entry (a search index), each kept in a file beside it
    when first made, so that later runs read it instead of making it again. Only beside an entry
    that exists: pruning the entry prunes its memos."""

    def __init__(self, key: str):
        self._key = key

    def get(self, name: str, compute):
        value = self.peek(name)
        if value is None:
            value = compute()
            self.put(name, value)
        return value

    def _paths(self, name: str) -> tuple[str, str] | None:
        entry_path = _path(self._key)
        if entry_path is None:
            return None
        return entry_path, entry_path[:-len(_ENTRY_SUFFIX)] + f"-{name}{_MEMO_SUFFIX}"

    def peek(self, name: str):
        """The value kept under `name`, or None."""
        paths = self._paths(name)
        return read_file(paths[1]) if paths else None

    def drop(self, name: str) -> None:
        """Delete the value kept under `name`, if any."""
        paths = self._paths(name)
        if paths:
            _remove_ours(paths[1], _OURS)

    def peek_with_text(self, name: str):
        """(value, text) kept by put_with_text under `name`, or None."""
        paths = self._paths(name)
        return read_with_text(paths[1]) if paths else None

    def move(self, name: str, to: Memos) -> bool:
        """Keep the value under `name` beside the entry of `to` instead (a rename, no copy)."""
        paths, target = self._paths(name), to._paths(name)
        if not paths or not target or not os.path.isfile(target[0]):
            return False
        try:
            os.replace(paths[1], target[1])
        except OSError:
            return False
        return True

    def put_with_text(self, name: str, value, text: bytes, digest: bytes) -> None:
        """Keep `value` and the bytes `text` (whose file_digest is `digest`), if the entry exists."""
        paths = self._paths(name)
        if paths and os.path.isfile(paths[0]):
            write_with_text(paths[1], value, text, digest)

    def put(self, name: str, value) -> None:
        """Keep `value` under `name`, if the entry exists."""
        paths = self._paths(name)
        if paths and os.path.isfile(paths[0]):
            write_file(paths[1], value)


MAX_FILE_BYTES = 1 << 30  # a memo or record store; far above what 100x the shipped data needs


def read_file(path: str | os.PathLike):
    """The value marshalled into `path` by write_file, or None when absent, unreadable, corrupt,
    or not a regular file of our own (a FIFO, a device, a symbolic link: never opened blocking)."""
    from asean_sec.loading import files

    try:
        fd, info = files.open_regular(path, follow=False)
    except (OSError, ValueError):
        return None
    try:
        if not own(info) or not len(_CRC_MAGIC) + 4 <= info.st_size <= MAX_FILE_BYTES:
            return None
        blob = files.read_fd(fd, info.st_size)
    except OSError:
        return None
    finally:
        os.close(fd)
    if blob.startswith(_CRC_MAGIC):
        from binascii import crc32

        payload = blob[len(_CRC_MAGIC) + 4:]
        if len(payload) < _CRC_FROM or crc32(payload).to_bytes(4, "big") != blob[len(_CRC_MAGIC):len(_CRC_MAGIC) + 4]:
            return None
    else:
        header = len(_MAGIC) + _DIGEST
        if len(blob) < header or not blob.startswith(_MAGIC):
            return None
        payload = blob[header:]
        if blake2b(payload, digest_size=_DIGEST).digest() != blob[len(_MAGIC):header]:
            return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def own(info: os.stat_result) -> bool:
    """A file this user wrote (an entry of someone else's is never read)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def write_file(path: str | os.PathLike, value) -> bool:
    """Marshal `value` into `path` with a digest (a CRC-32 from _CRC_FROM bytes), atomically; False (and
    no file) when it cannot."""
    payload = marshal.dumps(value)
    if len(payload) >= _CRC_FROM:
        from binascii import crc32

        return _write_atomically(path, [_CRC_MAGIC, crc32(payload).to_bytes(4, "big"), payload])
    return _write_atomically(path, _MAGIC + blake2b(payload, digest_size=_DIGEST).digest() + payload)


def write_with_text(path: str | os.PathLike, value, text: bytes, digest: bytes) -> bool:
    """Marshal `value` into `path` followed by the bytes `text`, whose file_digest is `digest`: the
    text is written as it is, not copied into a marshalled value; a CRC-32 of it is kept to check it by
    (several times faster than its digest, which names the file it was, not a check of the copy)."""
    from binascii import crc32

    head = marshal.dumps((value, digest, len(text), crc32(text)))
    return _write_atomically(path, [_TEXT_MAGIC, blake2b(head, digest_size=_DIGEST).digest(),
                                    len(head).to_bytes(4, "big"), head, text])


def read_with_text(path: str | os.PathLike):
    """(value, text) written by write_with_text, or None when absent, unreadable, corrupt or not
    a regular file of our own; the text is checked against its digest."""
    from asean_sec.loading import files

    try:
        fd, info = files.open_regular(path, follow=False)
    except (OSError, ValueError):
        return None
    start = len(_TEXT_MAGIC) + _DIGEST + 4
    try:
        if not own(info) or not info.st_size <= MAX_FILE_BYTES:
            return None
        prefix = files.read_fd(fd, start)
        if len(prefix) < start or not prefix.startswith(_TEXT_MAGIC):
            return None
        length = int.from_bytes(prefix[start - 4:start], "big")
        if length > info.st_size - start:
            return None
        head = files.read_fd(fd, length, start)
        if blake2b(head, digest_size=_DIGEST).digest() != prefix[len(_TEXT_MAGIC):start - 4]:
            return None
        try:
            value, _, size, check = marshal.loads(head)
        except (EOFError, ValueError, TypeError):
            return None
        if size != info.st_size - start - length:
            return None
        body = files.read_fd(fd, size, start + length)  # read apart from the head: a large text is not copied
    except OSError:
        return None
    finally:
        os.close(fd)
    from binascii import crc32

    if len(body) != size or crc32(body) != check:
        return None
    return value, body


def _write_atomically(path: str | os.PathLike, blob: bytes | list) -> bool:
    """Write `blob` (bytes, or a list of bytes and entry.Carried spans of open files) to a new file
    beside `path`, then rename it there; False when it cannot be done."""
    folder = os.path.dirname(path) or os.curdir
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not trusted(folder):
            return False
        import tempfile  # only when writing: it costs milliseconds to import

        handle, temporary = tempfile.mkstemp(dir=folder, prefix=_TEMPORARY_PREFIX)
    except (OSError, ValueError):
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in blob if isinstance(blob, list) else [blob]:  # large parts unjoined: no copy
                if isinstance(chunk, bytes):
                    out.write(chunk)
                    continue
                from asean_sec.loading import files

                out.flush()  # the copy goes on at the file's position, after what is written
                files.copy_fd(chunk.fd, chunk.offset, chunk.length, handle)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


def _prune(keep: str, limit: int = 8) -> None:
    """Keep the cache small: drop the oldest entries beyond `limit`. Only our entries: a name with
    our prefix and suffix, a regular file of our own that begins with the entry magic."""

    try:
        found = []
        for item in os.scandir(os.path.dirname(keep) or os.curdir):
            if item.name.startswith(_ENTRY_PREFIX) and item.name.endswith(_ENTRY_SUFFIX) and item.path != str(keep):
                info = item.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and own(info):
                    found.append((info.st_mtime, item.path))
        found.sort(reverse=True)
        for _, old in found[limit - 1:]:
            _remove_ours(old, entry.MAGIC)
        _prune_memos(os.path.dirname(keep) or os.curdir)
    except OSError:
        pass


def _remove_ours(path: str, magic: bytes | tuple[bytes, ...]) -> None:
    """Delete `path` if it is a regular file of our own that begins with `magic` (or one of them)."""
    from asean_sec.loading import files

    magics = magic if isinstance(magic, tuple) else (magic,)
    try:
        fd, info = files.open_regular(path, follow=False)
        try:
            ours = own(info) and files.read_fd(fd, max(map(len, magics))).startswith(magics)
        finally:
            os.close(fd)
        if ours:
            os.unlink(path)
    except (OSError, ValueError):
        pass


def _prune_memos(folder: str) -> None:
    """Delete the memos whose entry is gone."""
    names = set(os.listdir(folder))
    for name in names:
        if name.startswith(_ENTRY_PREFIX) and name.endswith(_MEMO_SUFFIX):
            key = name[len(_ENTRY_PREFIX):-len(_MEMO_SUFFIX)].rsplit("-", 1)[0]
            if f"{_ENTRY_PREFIX}{key}{_ENTRY_SUFFIX}" not in names:
                _remove_ours(os.path.join(folder, name), _OURS)
