"""A cache of parsed, checked data that cannot serve stale or corrupt bytes.

Keyed by a BLAKE2 digest of the program version and the content of every data file (not
modification times), so any edit is a miss. The key also covers the size and modification
time of the modules and schemas that parse the data, so a checkout whose parsing code changed
under the same version number (an editable install) never reuses what the old code parsed.
Each entry carries a digest of its own payload and is checked on read: a truncated or corrupt
entry is a miss and is rebuilt. Entries are written to a temporary file and renamed into
place, so concurrent processes never see a half-written file. A cache directory that cannot
be created or written means no cache.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

try:  # BLAKE2 without loading OpenSSL: hashlib costs a few milliseconds at start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

ENV_CACHE_DIR = "ASEAN_SEC_CACHE_DIR"
ENV_NO_CACHE = "ASEAN_SEC_NO_CACHE"
_MAGIC = b"ASEANSEC1"
_DIGEST = 32


def directory() -> Path | None:
    if os.environ.get(ENV_NO_CACHE):
        return None
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "asean-sec"


# what decides the parsed sections: a change to any of these must not reuse an old entry
_PARSING_CODE = ("load.py", "yamlio.py", "schema.py", "fastcheck.py", "parts.py", "validate.py", "dates.py",
                 "names.py", "cache.py", "schemas")


def code_stamp() -> str:
    """Size and modification time of the modules and schema folder that parse and check the data."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for name in _PARSING_CODE:
        path = os.path.join(here, name)
        try:
            if name == "schemas":
                parts += [_stamp(entry.path) for entry in os.scandir(path)]
            else:
                parts.append(_stamp(path))
        except OSError:
            parts.append(f"{name}:?")
    return ";".join(sorted(parts))


def _stamp(path: str) -> str:
    info = os.stat(path)
    return f"{os.path.basename(path)}:{info.st_size}:{info.st_mtime_ns}"


def key_for(version: str, contents: dict[str, bytes]) -> str:
    digest = blake2b(version.encode(), digest_size=20)
    digest.update(code_stamp().encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _path(key: str) -> Path | None:
    folder = directory()
    return folder / f"{key}.marshal" if folder else None


class Sections(dict):
    """Section name -> list of records, unmarshalled only when first asked for. A section in
    `derived` is not stored but made from the others when asked for (name -> function of self)."""

    def __init__(self, blobs: dict[str, bytes], derived: dict | None = None):
        super().__init__()
        self._blobs = blobs
        self._derived = {k: v for k, v in (derived or {}).items() if k not in blobs}

    def __missing__(self, name):
        if name in self._blobs:
            value = marshal.loads(self._blobs[name])
        elif name in self._derived:
            value = self._derived[name](self)
        else:
            raise KeyError(name)
        self[name] = value
        return value

    def get(self, name, default=None):
        return self[name] if name in self else default

    def __contains__(self, name):
        return name in self._blobs or name in self._derived or dict.__contains__(self, name)

    def keys(self):
        return [*self._blobs, *self._derived]


def read(key: str, derived: dict | None = None) -> Sections | None:
    """The cached sections for `key` (see Sections), or None when absent, unreadable or corrupt."""
    path = _path(key)
    blobs = read_file(path) if path else None
    return Sections(blobs, derived) if isinstance(blobs, dict) else None


def write(key: str, sections: dict) -> bool:
    """Store `sections` under `key` atomically; False (and no file) when it cannot."""
    path = _path(key)
    if path is None:
        return False
    written = write_file(path, {name: marshal.dumps(value) for name, value in sections.items()})
    if written:
        _prune(path)
    return written


def read_file(path: Path):
    """The value marshalled into `path` by write_file, or None when absent, unreadable or corrupt."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
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


def write_file(path: Path, value) -> bool:
    """Marshal `value` into `path` with a digest, atomically; False (and no file) when it cannot."""
    payload = marshal.dumps(value)
    blob = _MAGIC + blake2b(payload, digest_size=_DIGEST).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing: it costs milliseconds to import

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True


def _prune(keep: Path, limit: int = 8) -> None:
    """Keep the cache small: drop the oldest entries beyond `limit`."""
    try:
        entries = sorted(keep.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[limit:]:
            if old != keep:
                old.unlink()
    except OSError:
        pass
