"""One cache entry: sections stored side by side, each read and checked only when asked for.

A question about thirty meetings should not read, check and unpack twelve thousand. So an entry
is a small header (where each part lies, with its own BLAKE2 digest) followed by the parts, and
a reader fetches a part with one positioned read and checks its digest before unpacking it.
Collections (each meeting, each source on its own) keep an index of their items, each item with
its own digest, so one meeting costs one read of that meeting.

A part that fails its check is never served: the reader calls `rebuild` (which parses the data
files again and rewrites the entry) and answers from what that returns. Entries are replaced by
renaming a new file into place, never rewritten in place, and a part that comes back short (a
file truncated under us) fails its check like any other.

Layout: MAGIC, header length (4 bytes), header digest (16 bytes), header, parts. The header is
{"sections": {name: (offset, length, digest)}, "collections": {name: (offset, length, digest)}},
offsets from the start of the parts. A list collection's index is (number of items, [place of
each page]), a page being a part that lists the places of PAGE items: one meeting of twelve
thousand costs one page. A collection by id is indexed the same way in buckets: (BY_ID, number
of items, [place of each bucket]), a bucket being a part that maps the ids whose digest falls to it
to the places of their items (about BUCKET ids each): one source of three thousand costs one
bucket, not an index of every source.
"""

from __future__ import annotations

import marshal
import os

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python builds
    from hashlib import blake2b

MAGIC = b"ASEANSEC5"
PAGE = 256  # item places per page of a list collection's index
BUCKET = 256  # ids per bucket (on average) of a collection by id
BY_ID = "by id"  # the first element of a collection-by-id's index
_DIGEST = 16
_PREFIX = len(MAGIC) + 4 + _DIGEST


class Corrupt(Exception):
    """A part of an entry is missing, short or does not match its digest."""


def _digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=_DIGEST).digest()


def bucket_of(key, buckets: int) -> int:
    """The bucket of a collection by id that holds `key` (a string or a tuple of strings): the
    same in every process (Python's own hash of a string is not), from the digest the entry already uses
    (no module imported for it)."""
    digest = blake2b(repr(key).encode("utf-8", "backslashreplace"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % buckets


def _buckets(places: dict) -> list[dict]:
    """`places` (id -> place) split into buckets of about BUCKET ids each."""
    buckets: list[dict] = [{} for _ in range(max(1, -(-len(places) // BUCKET)))]
    for key, place in places.items():
        buckets[bucket_of(key, len(buckets))][key] = place
    return buckets


class Carried:
    """Bytes of an open entry file carried into a new one as they lie: `length` bytes from `offset`
    of `fd`, which the writer copies file to file (cache._write_atomically)."""

    __slots__ = ("fd", "offset", "length")  # a plain class: a NamedTuple costs a warm answer its making

    def __init__(self, fd: int, offset: int, length: int):
        self.fd, self.offset, self.length = fd, offset, length


class _Parts:
    """The parts of an entry being written, after `first` (the parts of an entry carried over):
    `add` appends one and gives its place, (offset, length, digest), as the header records it."""

    def __init__(self, first: Carried | None = None):
        self.pieces: list[bytes | Carried] = [first] if first and first.length else []
        self.offset = first.length if first else 0

    def add(self, data: bytes) -> tuple[int, int, bytes]:
        self.pieces.append(data)
        place = (self.offset, len(data), _digest(data))
        self.offset += len(data)
        return place

    def entry(self, header: dict) -> list[bytes | Carried]:
        """The whole entry, in pieces (written as they are: no copy): prefix, header, parts."""
        head = marshal.dumps(header)
        return [MAGIC, len(head).to_bytes(4, "big"), _digest(head), head, *self.pieces]


def encode(sections: dict, collections: dict) -> bytes:
    """An entry holding `sections` (name -> value) and `collections` (name -> list or dict of bytes)."""
    parts = _Parts()
    header: dict[str, dict] = {"sections": {}, "collections": {}}
    for name, value in sections.items():
        header["sections"][name] = parts.add(marshal.dumps(value))
    for name, items in collections.items():
        index: dict | tuple
        if isinstance(items, dict):
            places = {key: parts.add(blob) for key, blob in items.items()}
            index = (BY_ID, len(places), [parts.add(marshal.dumps(bucket)) for bucket in _buckets(places)])
        else:
            places = [parts.add(blob) for blob in items]
            index = (len(places), [parts.add(marshal.dumps(places[start:start + PAGE]))
                                   for start in range(0, len(places), PAGE)])
        header["collections"][name] = parts.add(marshal.dumps(index))
    return b"".join(piece for piece in parts.entry(header) if isinstance(piece, bytes))  # nothing carried here


def patch(reader: Reader, replaced: dict[str, dict], sections: dict | None = None) -> list[bytes | Carried]:
    """A new entry, in pieces: the one `reader` reads with some collection items replaced. `replaced` maps a
    collection to {position or key: bytes, or None to drop that key (a dict collection)}; `sections`
    maps a section to the value it now has.

    Every part of the old entry is kept where it lies, unread and unchecked (its digest is checked
    whenever it is read, as in any entry); the new items, the pages of a list's index that name
    them and the new indexes follow it. The old items stay behind as unused bytes, which the next
    full write of the entry drops (edits.py writes one when they grow past half the entry)."""
    parts = _Parts(reader.parts_carried())
    add = parts.add
    header = {"sections": dict(reader.sections), "collections": dict(reader.collections)}
    for name, value in (sections or {}).items():  # a section written anew
        header["sections"][name] = add(marshal.dumps(value))
    for name, changes in replaced.items():
        stored = reader.value(reader.collections[name])
        if stored[0] == BY_ID:
            count, buckets = stored[1], list(stored[2])
            changed: dict[int, dict] = {}
            for key, blob in changes.items():
                number = bucket_of(key, len(buckets))
                if number not in changed:
                    changed[number] = dict(reader.value(buckets[number]))
                had = key in changed[number]
                if blob is None:
                    changed[number].pop(key, None)
                    count -= had
                else:
                    changed[number][key] = add(blob)
                    count += not had
            for number, bucket in changed.items():
                buckets[number] = add(marshal.dumps(bucket))
            index = (BY_ID, count, buckets)
        else:
            count, pages = stored[0], list(stored[1])
            touched: dict[int, list] = {}
            for position, blob in sorted(changes.items()):
                if not 0 <= position < count:
                    raise Corrupt("a replaced item lies beyond the collection")
                number = position // PAGE
                if number not in touched:
                    touched[number] = list(reader.value(pages[number]))
                touched[number][position % PAGE] = add(blob)
            for number, page in touched.items():
                pages[number] = add(marshal.dumps(page))
            index = (count, pages)
        header["collections"][name] = add(marshal.dumps(index))
    return parts.entry(header)


class Reader:
    """Positioned, checked reads from one entry file; raises Corrupt."""

    def __init__(self, path):
        from asean_sec.loading import files
        from asean_sec.loading.cache import own

        try:  # a FIFO or device is refused unopened-for-reading, a symbolic link not followed
            self._fd, info = files.open_regular(path, follow=False)
        except (OSError, ValueError) as err:
            raise Corrupt(str(err)) from None
        try:
            self._size = info.st_size
            if not own(info):
                raise Corrupt("not written by this user")
            prefix = files.read_fd(self._fd, _PREFIX)
            if len(prefix) < _PREFIX or not prefix.startswith(MAGIC):
                raise Corrupt("no entry header")
            length = int.from_bytes(prefix[len(MAGIC):len(MAGIC) + 4], "big")
            if length > self._size - _PREFIX:  # checked before reading: never a 4 GiB read
                raise Corrupt("header longer than the file")
            head = files.read_fd(self._fd, length, _PREFIX)
            if len(head) != length or _digest(head) != prefix[-_DIGEST:]:
                raise Corrupt("header does not match its digest")
            header = marshal.loads(head)
            self.sections, self.collections = header["sections"], header["collections"]
        except (Corrupt, EOFError, ValueError, TypeError, KeyError, OSError) as err:
            os.close(self._fd)
            raise Corrupt(str(err)) from None
        self._base = _PREFIX + length

    def __del__(self):
        try:
            os.close(self._fd)
        except (AttributeError, OSError):
            pass

    @property
    def size(self) -> int:
        return self._size

    def parts_carried(self) -> Carried:
        """Every byte after the header, the parts as they lie, to be copied unread (see `patch`);
        the file stays open while this reader is alive."""
        return Carried(self._fd, self._base, self._size - self._base)

    def part(self, place) -> bytes:
        try:
            offset, length, digest = place
            if not (0 <= offset and 0 <= length and self._base + offset + length <= self._size):
                raise Corrupt("a part lies beyond the end of the file")
            data = os.pread(self._fd, length, self._base + offset)
        except (OSError, ValueError, TypeError) as err:
            raise Corrupt(str(err)) from None
        if len(data) != length or _digest(data) != digest:
            raise Corrupt("a part does not match its digest")
        return data

    def value(self, place):
        try:
            return marshal.loads(self.part(place))
        except (EOFError, ValueError, TypeError) as err:
            raise Corrupt(str(err)) from None

    def index(self, name: str) -> Index:
        """The index of collection `name` (KeyError when there is none)."""
        stored = self.value(self.collections[name])
        try:
            return Index(self, stored)
        except (TypeError, ValueError, KeyError, IndexError) as err:
            raise Corrupt(str(err)) from None


class Index:
    """Where each item of a stored collection lies: by id, with the bucket that holds an id read
    (and checked) when first needed, or by position, with the pages of a list's index read when
    first needed."""

    def __init__(self, reader: Reader, stored):
        self._reader = reader
        self._by_id = stored[0] == BY_ID
        if self._by_id:
            self._count, self._pages = int(stored[1]), list(stored[2])
            if not self._pages:
                raise ValueError("an index by id without buckets")
        else:
            self._count, self._pages = stored[0], list(stored[1])
        self._pages_read: dict[int, list | dict] = {}

    def __len__(self) -> int:
        return self._count

    def _bucket(self, key) -> dict:
        return self._read_bucket(bucket_of(key, len(self._pages)))

    def _read_bucket(self, number: int) -> dict:
        if number not in self._pages_read:
            bucket = self._reader.value(self._pages[number])
            if not isinstance(bucket, dict):
                raise Corrupt("a bucket of an index is not a mapping")
            self._pages_read[number] = bucket
        return self._pages_read[number]  # type: ignore[return-value]

    def keys(self) -> list:
        """Every id (reading every bucket) or every position of the collection."""
        if not self._by_id:
            return list(range(self._count))
        return [key for number in range(len(self._pages)) for key in self._read_bucket(number)]

    def __contains__(self, key) -> bool:
        if self._by_id:
            return key in self._bucket(key)
        return isinstance(key, int) and 0 <= key < self._count

    def find(self, key) -> tuple[int, int, bytes] | None:
        """The place of item `key`, or None when the collection has none."""
        if self._by_id:
            return self._bucket(key).get(key)
        return self.place(key) if key in self else None

    def place(self, key) -> tuple[int, int, bytes]:
        """(offset, length, digest) of item `key`; KeyError or IndexError when there is none."""
        if self._by_id:
            return self._bucket(key)[key]
        if key not in self:
            raise IndexError(key)
        number = key // PAGE
        if number not in self._pages_read:
            page = self._reader.value(self._pages[number])
            if len(page) != min(PAGE, self._count - number * PAGE):
                raise Corrupt("a page of an index is short")
            self._pages_read[number] = page
        return self._pages_read[number][key % PAGE]


class Items:
    """A stored collection: items (bytes) by position or by id, each read and checked when asked for."""

    def __init__(self, sections, name: str):
        self._sections, self._name = sections, name

    @property
    def _index(self):
        return self._sections.collection_index(self._name)

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, key) -> bytes:
        return self._sections.collection_item(self._name, key)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def get(self, key, default=None):
        """Item `key` of a collection by id, or `default` when it has none."""
        found = self._sections.collection_find(self._name, key)
        return default if found is None else found
